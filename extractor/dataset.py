"""The cross-county comparison dataset: one row per report, and a long table of facts."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

from .patterns import load_json

META_COLUMNS = ["title", "province", "city", "county", "admin_code", "year", "report_type", "agency",
                "evaluator", "self_evaluation", "date", "score", "grade"]


@lru_cache(maxsize=1)
def _spec() -> dict:
    return load_json("dataset.json")


def report_row(record: dict) -> dict:
    meta = record.get("metadata", {})
    row = {"report_id": record["report_id"], "source_path": record["source"]["path"]}
    row.update({k: meta.get(k) for k in META_COLUMNS})
    for column, spec in _spec()["columns"].items():
        row[column] = _first_value(record["facts"], spec["labels"], spec["kinds"])
    severities = Counter(f.get("severity") for f in record.get("flags", []))
    categories = Counter(p.get("category") for p in record.get("problems", []) if p.get("category"))
    row.update({
        "n_facts": len(record.get("facts", [])),
        "n_problems": len(record.get("problems", [])),
        "n_recommendations": len(record.get("recommendations", [])),
        "problem_categories": "；".join(f"{k}:{v}" for k, v in sorted(categories.items())),
        "flags_error": severities.get("error", 0),
        "flags_warning": severities.get("warning", 0),
        "flags_info": severities.get("info", 0),
    })
    return row


def _first_value(facts: list, labels: list, kinds: list):
    """The first fact (document order) with the most preferred label. Text facts come
    before table cells in preference, since reports state their headline figures in text."""
    for label in labels:
        candidates = [f for f in facts if f.get("label") == label and f.get("kind") in kinds and not f.get("approx")]
        candidates.sort(key=lambda f: f["source"].get("table") is not None)
        if candidates:
            return candidates[0]["value"]
    return None


FACT_COLUMNS = ["report_id", "source_path", "id", "kind", "value", "unit", "text", "decimals", "approx", "label",
                "subject", "year", "page", "block", "table", "row", "col", "start", "end", "quote"]


def fact_rows(record: dict) -> list:
    rows = []
    for f in record.get("facts", []):
        src = f.get("source", {})
        rows.append({
            "report_id": record["report_id"], "source_path": record["source"]["path"],
            **{k: f.get(k) for k in ("id", "kind", "value", "unit", "text", "decimals", "approx", "label", "subject", "year")},
            **{k: src.get(k) for k in ("page", "block", "table", "row", "col", "start", "end", "quote")},
        })
    return rows


FLAG_COLUMNS = ["report_id", "source_path", "id", "rule", "severity", "message", "stated", "computed", "difference",
                "tolerance", "evidence", "explanation"]


def flag_rows(record: dict) -> list:
    rows = []
    for fl in record.get("flags", []):
        rows.append({
            "report_id": record["report_id"], "source_path": record["source"]["path"],
            **{k: fl.get(k) for k in FLAG_COLUMNS[2:]},
        })
        rows[-1]["evidence"] = " ".join(fl.get("evidence", []))
    return rows


def reports_frame(records: list):
    import pandas as pd

    return pd.DataFrame([report_row(r) for r in records],
                        columns=["report_id", "source_path"] + META_COLUMNS + list(_spec()["columns"])
                        + ["n_facts", "n_problems", "n_recommendations", "problem_categories",
                           "flags_error", "flags_warning", "flags_info"])


def facts_frame(records: list):
    import pandas as pd

    return pd.DataFrame([row for r in records for row in fact_rows(r)], columns=FACT_COLUMNS)


def write_dataset(records: list, target) -> None:
    """Write the per-report table to .csv, .parquet or .xlsx (by suffix). The Excel file
    gets Chinese headers, a frozen header row and a second sheet with every fact."""
    from pathlib import Path

    target = Path(target)
    frame = reports_frame(records)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        frame.to_csv(target, index=False, encoding="utf-8-sig")
    elif suffix == ".parquet":
        _to_parquet(frame, target)
    elif suffix == ".xlsx":
        _to_excel(frame, facts_frame(records), target)
    else:
        raise ValueError(f"unsupported dataset format '{suffix}' (use .csv, .parquet or .xlsx)")


def _to_parquet(frame, target) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Money columns hold Decimals: store them as decimal128, exactly, not as floats.
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, target)


def _to_excel(frame, facts, target) -> None:
    headers = _spec()["headers_zh"]
    with __import__("pandas").ExcelWriter(target, engine="openpyxl") as writer:
        frame.rename(columns=headers).to_excel(writer, sheet_name="报告", index=False)
        facts.to_excel(writer, sheet_name="事实", index=False)
        for sheet in writer.sheets.values():
            sheet.freeze_panes = "A2"
            for column in sheet.columns:
                width = max(len(str(c.value or "")) for c in column[:50])
                sheet.column_dimensions[column[0].column_letter].width = min(max(10, width * 1.6), 60)
