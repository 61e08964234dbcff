"""The ReportRecord: the JSON contract every downstream use reads (see DESIGN.md)."""
from __future__ import annotations

import hashlib
from decimal import Decimal

import orjson

from . import __version__
from .model import Document, Table

SCHEMA_VERSION = "1"


def report_id_for(sha256: str) -> str:
    return "r" + sha256[:16]


def decimal_text(value: Decimal) -> str:
    """Exact decimal text without exponent or trailing zeros: 5758200.00 → 5758200. (Not
    by normalize(), which rounds to the context's 28 digits.)"""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def fact_dict(fact) -> dict:
    d = {
        "id": fact.id, "kind": fact.kind, "value": fact.value, "unit": fact.unit, "text": fact.text,
        "decimals": fact.decimals, "scale": fact.scale, "approx": fact.approx, "label": fact.label, "subject": fact.subject,
        "year": fact.year, "context": fact.context, "source": fact.source,
    }
    if fact.range_high is not None:
        d["range_high"] = fact.range_high
    if fact.extra:
        d.update(fact.extra)
    return d


def table_dict(block) -> dict:
    from .ingest.tables import row_kinds

    t: Table = block.table
    rows = [[c.text for c in row] for row in t.rows]
    # cells whose OCR reading was put right from the table (mend_row_labels, mend_figure_tails): what was read
    mended = [{"row": c.row, "col": c.col, "read": c.raw, "text": c.text, "why": c.mended}
              for row in t.rows for c in row if c.mended and c.merged_from is None]
    out = {
        "id": f"t{block.index}", "caption": t.caption, "header": rows[: t.header_rows], "rows": rows[t.header_rows:],
        "header_rows": t.header_rows,
        "row_kinds": row_kinds(t),
        "spans": [[c.row, c.col, c.rowspan, c.colspan] for row in t.rows for c in row
                  if c.merged_from is None and (c.rowspan > 1 or c.colspan > 1)],
        "source": {"block": block.index, "page": block.page},
    }
    element = getattr(block, "element", None)  # web pages: the <table>'s CSS path
    if element:
        out["source"]["element"] = element
    if mended:
        out["mended"] = mended
    if t.ragged:
        out["ragged"] = True
    return out


def build_record(doc: Document, sha256: str, extraction: dict) -> dict:
    source = {"path": doc.path, "sha256": sha256, "format": doc.format, "pages": doc.pages, "encoding": doc.encoding}
    elements = [getattr(b, "element", None) for b in doc.blocks]
    if any(elements):  # web pages: each block's element, by block index
        source["elements"] = elements
    # only where there were any: a clean file's record stays as it was
    if doc.decode_errors:
        source["decode_errors"] = doc.decode_errors
    if doc.pages_failed:
        source["pages_failed"] = doc.pages_failed
    if doc.pages_not_ocred:
        source["pages_not_ocred"] = doc.pages_not_ocred
    return {
        "schema_version": SCHEMA_VERSION,
        "extractor_version": __version__,
        "report_id": report_id_for(sha256),
        "source": source,
        "metadata": extraction["metadata"],
        "metadata_sources": extraction.get("metadata_sources", {}),
        "facts": [fact_dict(f) for f in extraction["facts"]],
        "problems": extraction.get("problems", []),
        "recommendations": extraction.get("recommendations", []),
        "indicators": extraction.get("indicators", []),
        "forms": extraction.get("forms", []),
        "relations": extraction.get("relations", []),
        "places": extraction.get("places", []),
        "references": extraction.get("references", []),
        "surveys": extraction.get("surveys", []),
        "tables": [table_dict(b) for b in doc.tables],
        "attachments": list(doc.attachments),
        "flags": extraction.get("flags", []),
        "passages": {},
        "errors": list(doc.warnings),
    }


def _exact_decimal(obj):
    """orjson's hook for what it cannot write: a Decimal goes out as its exact digits
    (a raw JSON number, never through float)."""
    if isinstance(obj, Decimal):
        return orjson.Fragment(decimal_text(obj))
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


def dumps(record: dict, indent: int | None = 2) -> str:
    """JSON with Decimals written as exact JSON numbers. orjson writes the bytes
    json.dumps(ensure_ascii=False, indent=2) writes, about 6× faster, but for floats in
    exponent form (1e-7, not 1e-07); indent=None is compact."""
    if indent not in (None, 2):
        raise ValueError("indent must be 2 or None")
    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(record, default=_exact_decimal, option=option).decode()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
