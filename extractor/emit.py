"""Writing a batch's outputs from its records. Reads records only."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from .audit import write_audit_html
from .dataset import FACT_COLUMNS, FLAG_COLUMNS, fact_rows, flag_rows, write_datasets
from .record import decimal_text

MANIFEST_COLUMNS = ["path", "sha256", "status", "error_code", "error", "report_id", "format", "facts", "flags",
                    "seconds", "warnings"]


def manifest_warnings(record: dict) -> str:
    """What a report was read despite (the record's errors: bytes that did not decode …),
    one line for the manifest, so a damaged file read anyway is visible there too."""
    return "; ".join(f"{e['code']}: {e['message']}" if isinstance(e, dict) else str(e)
                     for e in record.get("errors") or [])


def write_csv(path: Path, columns: list, rows: list) -> None:
    # utf-8-sig so Excel opens the Chinese text correctly; csv writes None as an empty field
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for row in rows:
            w.writerow([decimal_text(v) if type(v) is Decimal else v for v in map(row.get, columns)])


def write_outputs(outdir: Path, results: list) -> None:
    records = [r.record for r in results if r.record is not None]
    manifest = []
    for r in results:
        rec = r.record or {}
        manifest.append({
            "path": r.path, "sha256": r.sha256, "status": r.status, "error_code": r.error_code, "error": r.error,
            "report_id": r.report_id if r.record is not None or r.status == "duplicate" else "",
            "format": rec.get("source", {}).get("format", ""), "facts": len(rec.get("facts", [])) if rec else "",
            "flags": len(rec.get("flags", [])) if rec else "", "seconds": f"{r.seconds:.3f}",
            "warnings": manifest_warnings(rec),
        })
    write_csv(outdir / "manifest.csv", MANIFEST_COLUMNS, manifest)
    facts = [row for rec in records for row in fact_rows(rec)]
    write_csv(outdir / "facts.csv", FACT_COLUMNS, facts)
    write_csv(outdir / "flags.csv", FLAG_COLUMNS, [row for rec in records for row in flag_rows(rec)])
    write_datasets(records, [outdir / f"dataset.{suffix}" for suffix in ("csv", "parquet", "xlsx")], facts)
    write_audit_html(records, outdir / "audit.html")
