"""Extract: Document → facts, metadata, sections, indicators. Never re-reads the file."""
from __future__ import annotations

from ..model import TABLE, Document
from .district_mentions import place_mentions
from .facts import extract_facts
from .form_claims import mark_all_targets_met_claims
from .form_metadata import apply_form_metadata, apply_score_sheet_type, apply_score_table_total
from .forms import extract_forms
from .unheaded_indicator_rows import unheaded_indicator_facts
from .indicators import extract_indicators
from .grade_bands import graded_scores, stated_grade_bands
from .metadata import extract_metadata
from .period import evaluation_period
from .references import extract_references
from .relations import extract_relations
from .sections import extract_sections
from .survey import extract_surveys
from .text_score_tables import text_score_tables


def extract_document(doc: Document) -> dict:
    metadata, metadata_sources = extract_metadata(doc)
    period = evaluation_period(doc)
    if period:
        metadata["evaluation_period"] = {k: period[k] for k in ("start", "end", "text")}
        metadata_sources["evaluation_period"] = period["source"]
    if doc.published:  # a web page's publication block (date, publisher, 索引号 …), as the page gives it
        metadata["published"] = doc.published
    bands = stated_grade_bands(doc)
    if bands:
        metadata["grade_bands"] = bands["bands"]
        metadata_sources["grade_bands"] = bands["source"]
    graded = graded_scores(doc)
    if len(graded) > 1:  # (the report's own grades in practice: its several scores each with its grade)
        metadata["graded_scores"] = [{"score": g["score"], "grade": g["grade"]} for g in graded]
        metadata_sources["graded_scores"] = [g["source"] for g in graded]
    problems, recommendations = extract_sections(doc)
    score_tables = text_score_tables(doc)  # read once: facts, forms and indicators use them
    facts = extract_facts(doc, score_tables)
    # a standard form's slots relabel the facts of its cells (and add those of bare numbers)
    forms = extract_forms(doc, facts, score_tables)
    # (a piece of a form with no header nor title: its indicator rows by their template's shape)
    facts += unheaded_indicator_facts(doc, facts)
    apply_form_metadata(metadata, metadata_sources, forms, facts, doc)
    mark_all_targets_met_claims(forms, doc)
    texts = _texts(doc)
    # a form's figures are checked by the form rules, not read as sentences (its 其中 rows
    # would otherwise look like a breakdown of whatever figure stands before them)
    in_forms = {i for form in forms for i in form["value_blocks"] if doc.blocks[i].kind != TABLE}
    # (nor are the other figures of a form's text: its notes and goals beside cells a 其中
    # row or a total opens, on one line with them, read no sentence's way)
    # (but the form's cells written as sentences — its goals, 实际完成情况 — read as prose)
    prose_cells = [c for form in forms for c in form["prose_cells"]]
    prose_facts = [f for f in facts if "form" not in f.extra and (
        f.source.get("block") not in in_forms or _in_cells(f, prose_cells))] if forms else facts
    indicators = [i for i in extract_indicators(doc, score_tables) if i["source"].get("block") not in in_forms]
    # (a form's total is the form's to give, above: an annexed project's is not the report's)
    form_blocks = {i for form in forms for i in form["value_blocks"]}
    apply_score_table_total(metadata, metadata_sources,
                            [i for i in indicators if i["source"].get("block") not in form_blocks])
    apply_score_sheet_type(metadata, forms, indicators, doc)
    return {
        "relations": extract_relations(doc, prose_facts, metadata.get("year")),
        "problems": problems,
        "recommendations": recommendations,
        "metadata": metadata,
        "metadata_sources": metadata_sources,
        "facts": facts,
        "forms": forms,
        # a form's indicator rows are read by the form reader (record.forms), not as prose
        "indicators": indicators,
        "places": place_mentions(texts, metadata.get("admin_code")),
        "references": extract_references(texts),
        "surveys": extract_surveys(facts),
        "tables": doc.tables,
    }


def _in_cells(fact, cells: list) -> bool:
    where = fact.source
    return any(c["block"] == where.get("block") and c["start"] <= where["start"] and where["end"] <= c["end"]
               for c in cells)


def _texts(doc: Document) -> list:
    """(text, source) for every paragraph and table cell; `ocr` in the source of text read by OCR."""
    out = []
    for b in doc.blocks:
        if b.table is None:
            out.append((b.text, {"page": b.page, "block": b.index, **_read_by_ocr(b.confidence)}))
            continue
        for row in b.table.rows:
            for cell in row:
                if cell.merged_from is None and cell.text:
                    out.append((cell.text, {"page": b.page, "block": b.index, "table": b.index, "row": cell.row,
                                            "col": cell.col, **_read_by_ocr(cell.confidence)}))
    return out


def _read_by_ocr(confidence) -> dict:
    """Text read by OCR says so: a spelling one character off is a likely misreading there."""
    return {"ocr": True} if confidence is not None else {}
