"""The cross-county comparison dataset: one row per report, and a long table of facts."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import lru_cache

from .dataset_columns import column_values
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
    row.update(column_values(record))
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
    row.update(_evaluation_columns(record))
    return row


EVALUATION_COLUMNS = ["evaluation_start", "evaluation_end", "questionnaires_issued", "questionnaires_returned",
                      "satisfaction", "satisfaction_unit", "n_references"]


def _evaluation_columns(record: dict) -> dict:
    """When the evaluation ran, its surveys (questionnaires summed over them; the first
    survey's overall satisfaction) and how many documents the report cites."""
    period = record.get("metadata", {}).get("evaluation_period") or {}
    surveys = record.get("surveys", [])
    returned = [s["returned"] for s in surveys]
    first = surveys[0] if surveys else {}
    return {
        "evaluation_start": period.get("start"), "evaluation_end": period.get("end"),
        "questionnaires_issued": sum(s["issued"] for s in surveys) if surveys else None,
        "questionnaires_returned": sum(returned) if surveys and None not in returned else None,
        "satisfaction": first.get("satisfaction"), "satisfaction_unit": first.get("satisfaction_unit"),
        "n_references": len(record.get("references", [])),
    }


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
                "tolerance", "evidence", "explanation", "confidence"]


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
                           "flags_error", "flags_warning", "flags_info"] + EVALUATION_COLUMNS)


def facts_frame(records: list):
    import pandas as pd

    return pd.DataFrame([row for r in records for row in fact_rows(r)], columns=FACT_COLUMNS)


def write_dataset(records: list, target) -> None:
    """Write the per-report table to .csv, .parquet or .xlsx (by suffix). The Excel file
    gets Chinese headers, a frozen header row and a second sheet with every fact."""
    write_datasets(records, [target])


def write_datasets(records: list, targets: list, facts: list | None = None) -> None:
    """write_dataset for several targets, building the per-report table once. `facts`:
    the records' fact_rows, when the caller has them already."""
    from pathlib import Path

    targets = [Path(t) for t in targets]
    for target in targets:
        if target.suffix.lower() not in (".csv", ".parquet", ".xlsx"):
            raise ValueError(f"unsupported dataset format '{target.suffix.lower()}' (use .csv, .parquet or .xlsx)")
    frame = reports_frame(records)
    for target in targets:
        suffix = target.suffix.lower()
        if suffix == ".csv":
            frame.to_csv(target, index=False, encoding="utf-8-sig")
        elif suffix == ".parquet":
            _to_parquet(frame, target)
        else:
            if facts is None:
                facts = [row for r in records for row in fact_rows(r)]
            _to_excel(frame, facts, target)


def _to_parquet(frame, target) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Money columns hold Decimals: store them as decimal128, exactly, not as floats.
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, target)


def _to_excel(frame, facts: list, target) -> None:
    """The workbook is streamed (the facts sheet has a row per fact). Cell values are
    converted the way pandas' to_excel converts them, so the workbook reads back as the
    one pandas writes."""
    from .workbook import write_workbook

    table = frame.rename(columns=_spec()["headers_zh"])
    columns = [[_excel_value(v) for v in table[c]] for c in table.columns]
    reports = [[_excel_value(c) for c in table.columns]] + [list(row) for row in zip(*columns)]
    # a fact's text, ints, flags and blanks go to the writer as they are
    facts = [FACT_COLUMNS] + [[v if type(v) in _AS_THEY_ARE else _excel_value(v) for v in map(f.get, FACT_COLUMNS)]
                              for f in facts]
    sheets = (("报告", reports), ("事实", facts))
    write_workbook(target, [(title, rows, _column_widths(rows[:50])) for title, rows in sheets])


_AS_THEY_ARE = frozenset({str, int, bool, type(None)})


def _excel_value(value):
    """pandas' to_excel conversion: missing → "", infinities as text, numbers and bools as
    Python numbers, Decimals kept exact, anything else as its text. Plain str, int, bool,
    float and Decimal values are decided here without pandas' slower general checks."""
    kind = type(value)
    if kind is int or kind is bool or (kind is str and len(value) <= 32767):
        return value
    if value is None:
        return ""
    if kind is Decimal:
        return "" if value.is_nan() else value  # pandas counts Decimal("NaN") as missing
    if kind is float:
        if value != value:
            return ""
        return value if abs(value) != float("inf") else ("inf" if value > 0 else "-inf")
    return _excel_value_general(value)


def _excel_value_general(value):
    import math
    import warnings

    from pandas import isna
    from pandas.api.types import is_bool, is_float, is_integer, is_scalar

    if is_scalar(value) and isna(value):
        return ""
    if is_float(value) and math.isinf(value):
        value = "inf" if value > 0 else "-inf"
    if is_integer(value):
        return int(value)
    if is_float(value):
        return float(value)
    if is_bool(value):
        return bool(value)
    if isinstance(value, Decimal):
        return value
    text = str(value)
    if len(text) > 32767:
        warnings.warn("Cell contents too long, truncated to 32767 characters", UserWarning, stacklevel=2)
    return text


def _column_widths(rows: list) -> list:
    """A width per column from the header and the first rows: wide enough for the text,
    within 10 to 60."""
    return [min(max(10, max(len(str(v or "")) for v in column) * 1.6), 60) for column in zip(*rows)]
