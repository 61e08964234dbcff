"""What a recognised form says about the whole report: its 总分 and 自评等级 are the
report's score and grade, its 主管部门/实施单位 cells name the region (through the
gazetteer), and a document that is a form has the form's report type."""
from __future__ import annotations

import regex

from ..model import TABLE
from ..page_furniture import furniture_blocks
from .form_vocab import spec
from .regions import resolve_region

# a form within the first blocks is the document itself, not an annex of a narrative report
_LEADING_BLOCKS = 4


def apply_form_metadata(metadata: dict, sources: dict, forms: list, facts: list, doc=None) -> None:
    by_id = {f.id: f for f in facts}
    score_tables = [f for f in forms if not f["report_type"]]  # an indicator score table is not a form
    forms = [f for f in forms if f["report_type"]]
    if not forms:
        if len(score_tables) == 1:
            _score_table_metadata(metadata, sources, score_tables[0], by_id)
        return
    # (the form that scores the report: a department's data sheet before its self-evaluation
    # form has no total of its own)
    first = forms[0]
    form = next((f for f in forms if f.get("total_score") or f.get("grade")), first)
    is_form = first["source"]["block"] < _LEADING_BLOCKS or _title_is_form(metadata.get("title"), first) \
        or (doc is not None and _form_named_above(doc, first["source"]["block"]) is not None)
    if is_form:
        metadata["report_type"] = form["report_type"]
        # (a form filed before the year, a target form, evaluates nothing yet)
        metadata["self_evaluation"] = form["report_type"] not in _NOT_EVALUATIONS
    total = by_id.get(form["total_score"]) if form.get("total_score") else None
    if total is not None and (is_form and not _part_of_stated_score(form, total, by_id, metadata)
                              or metadata.get("score") is None and not _graded_otherwise(form, metadata)):
        metadata["score"] = total.value
        sources["score"] = total.source
    if form.get("grade") and (is_form or metadata.get("grade") is None):
        metadata["grade"] = form["grade"]["text"]
        sources["grade"] = form["grade"]["source"]
    agencies = form["meta"].get("agency", [])
    if agencies and not metadata.get("agency"):
        metadata["agency"] = agencies[0]["text"]
        sources["agency"] = agencies[0]["source"]
    if agencies and (not metadata.get("county") or is_form):
        region = resolve_region(" ".join(a["text"] for a in agencies), "")
        if region.get("admin_code") and _more_specific(region, metadata):
            for key in ("province", "city", "county", "admin_code"):
                metadata[key] = region.get(key)
            metadata.pop("region_unresolved", None)
            sources["region"] = agencies[0]["source"]


_NOT_EVALUATIONS = frozenset(t["report_type"] for t in spec()["templates"].values() if t.get("evaluates") is False)


def _graded_otherwise(form: dict, metadata: dict) -> bool:
    """Does the report grade itself otherwise than an annexed form grades its project (自评等级：良
    in the text, 优 under the form's 合计 96)? Then the form's total is its project's, not the
    report's score."""
    return bool(form.get("grade") and metadata.get("grade") and form["grade"]["text"] != metadata["grade"])


def _part_of_stated_score(form: dict, total, by_id: dict, metadata: dict) -> bool:
    """Is the form's total row a part of the score the document states in words: its 分值
    under 100 (the indicators' 90, the budget execution's 10 scored apart) and the stated
    score above it (综合得分：98.81分（预算执行情况9.81分+绩效指标89分） under 合计 | 90 | 89)?"""
    weight = by_id.get(form["total_weight"]) if form.get("total_weight") else None
    stated = metadata.get("score")
    return weight is not None and weight.value < 100 and stated is not None and stated > total.value


def _score_table_metadata(metadata: dict, sources: dict, table: dict, by_id: dict) -> None:
    """The one score table of a report that states no score in words (a third-party
    evaluation's 评分表): its total over 100 points and its grade are the report's."""
    total = by_id.get(table["total_score"]) if table.get("total_score") else None
    weight = by_id.get(table["total_weight"]) if table.get("total_weight") else None
    if total is not None and weight is not None and weight.value == 100 and metadata.get("score") is None:
        metadata["score"] = total.value
        sources["score"] = total.source
    if total is not None and table.get("grade") and metadata.get("grade") is None:
        metadata["grade"] = table["grade"]["text"]
        sources["grade"] = table["grade"]["source"]


def apply_score_table_total(metadata: dict, sources: dict, indicators: list) -> None:
    """The same for a score table read as a real table (extract/table_indicators.py) or run together
    and read as its one reading (glued_score_tree.py): its one total row's score, when that
    row's 分值 is 100 and no score was stated in words."""
    if metadata.get("score") is not None:
        return
    totals = [i for i in indicators if i.get("total") and i.get("origin") in ("table", "list")
              and i.get("weight") is not None]
    if len(totals) == 1 and totals[0]["weight"] == 100 and totals[0]["score"] <= 100:
        metadata["score"] = totals[0]["score"]
        sources["score"] = totals[0]["source"]


def _title_is_form(title, form: dict) -> bool:
    return bool(title) and form.get("title") is not None and form["title"] in title


def apply_score_sheet_type(metadata: dict, forms: list, indicators: list, doc) -> None:
    """A document that is an indicator score sheet alone, published as a form of its own
    (部门整体支出绩效评价自评表 under a page's furniture, no report's paragraph above it), has
    the form type its title names (patterns/forms.json score_sheet_types)."""
    if any(f["report_type"] for f in forms):
        return
    blocks = [f["source"]["block"] for f in forms] + [
        i["source"]["block"] for i in indicators if i.get("origin") in ("table", "list") and "block" in i["source"]]
    named = _form_named_above(doc, min(blocks)) if blocks else None
    if named:
        metadata["report_type"] = next(kind for kind, pattern in spec()["score_sheet_types"] if regex.search(pattern, named))


def _form_named_above(doc, first: int) -> str | None:
    """Is the form the document itself though blocks come before it: only a page's chrome
    (a sharing site's 上传者 and 页数 lines, a portal's menu and publication block) and a
    line naming a self-evaluation form (2018年困难群众救助补助资金绩效目标自评表, maybe the
    form's own first line) stand there, no paragraph of a report and no annex's mark under a
    report's title? The line naming the form, or None."""
    # (the form's own first block where it is its title line, not the form's run-together text)
    blocks = [b for b in doc.blocks[:first + 1] if b.index < first or b.kind != TABLE and len(b.text) <= _TITLE_LINE]
    furniture = furniture_blocks(blocks)
    before = [b.text.strip() for b in blocks if b.index not in furniture]
    if any(text.count("。") >= 2 for text in before):
        return None
    if any(_ANNEX.match(text) for text in before) and any("报告" in text and len(text) <= _TITLE_LINE for text in before):
        return None  # a report's annex whose report the excerpt left out
    return next((text for text in before if len(text) <= _TITLE_LINE and _FORM_TITLE.search(text) and "报告" not in text), None)


_TITLE_LINE = 80
_FORM_TITLE = regex.compile(r"(?:自评|评价|评分|计分|监控|申报)表|绩效目标(?:完成情况)?表")
_ANNEX = regex.compile(r"^附\s*[件表]")


def _more_specific(region: dict, metadata: dict) -> bool:
    """Replace the report's region only by a deeper one on the same branch, or fill a gap."""
    if not metadata.get("admin_code"):
        return True
    depth = lambda m: sum(1 for k in ("province", "city", "county") if m.get(k))
    same_branch = all(metadata.get(k) in (None, region.get(k)) for k in ("province", "city"))
    return same_branch and depth(region) > depth(metadata)
