"""Writing a batch's outputs as its results come (BatchWriter), in input order: the
manifest row, the record's facts and flags rows, its dataset row and workbook rows, its
part of audit.html. Nothing of a record is held after it is written, so a batch of any
size runs in the same memory. Everything is written in a hidden working folder inside
OUTDIR and moved into place at the end: a batch that is stopped before the end (killed,
or a second Ctrl-C) leaves the previous outputs as they were."""
from __future__ import annotations

import csv
import os
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from .audit import AuditWriter
from .dataset import FACT_COLUMNS, FLAG_COLUMNS, DatasetWriter, fact_rows, flag_rows
from .record import decimal_text

MANIFEST_COLUMNS = ["path", "sha256", "status", "error_code", "error", "report_id", "format", "facts", "flags",
                    "seconds", "warnings"]
TABLES = ("manifest.csv", "facts.csv", "flags.csv", "dataset.csv", "dataset.parquet", "dataset.xlsx", "audit.html")


def manifest_warnings(record: dict) -> str:
    """What a report was read despite (the record's errors: bytes that did not decode …),
    one line for the manifest, so a damaged file read anyway is visible there too."""
    return "; ".join(f"{e['code']}: {e['message']}" if isinstance(e, dict) else str(e)
                     for e in record.get("errors") or [])


class CsvOut:
    """A CSV file written row by row: utf-8-sig so Excel opens the Chinese text correctly;
    None is written as an empty field, Decimals as their exact text."""

    def __init__(self, path: Path, columns: list):
        self.columns = columns
        self._file = open(path, "w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow(columns)

    def add(self, rows) -> None:
        columns = self.columns
        self._writer.writerows([decimal_text(v) if type(v) is Decimal else v for v in map(row.get, columns)]
                               for row in rows)

    def close(self) -> None:
        self._file.close()


def write_csv(path: Path, columns: list, rows: list) -> None:
    out = CsvOut(path, columns)
    out.add(rows)
    out.close()


def manifest_row(r) -> dict:
    rec = r.record or {}
    return {
        "path": r.path, "sha256": r.sha256, "status": r.status, "error_code": r.error_code, "error": r.error,
        "report_id": r.report_id if r.record is not None or r.status == "duplicate" else "",
        "format": rec.get("source", {}).get("format", ""), "facts": len(rec.get("facts", [])) if rec else "",
        "flags": len(rec.get("flags", [])) if rec else "", "seconds": f"{r.seconds:.3f}",
        "warnings": manifest_warnings(rec),
    }


class BatchWriter:
    """add() each input's result (InputResult) in input order; finish() writes the dataset
    files and audit.html from what was written and moves every table into OUTDIR."""

    def __init__(self, outdir: Path):
        self.outdir = Path(outdir)
        self.work = Path(tempfile.mkdtemp(prefix=".extractor-", dir=self.outdir))
        self.manifest = CsvOut(self.work / "manifest.csv", MANIFEST_COLUMNS)
        self.facts = CsvOut(self.work / "facts.csv", FACT_COLUMNS)
        self.flags = CsvOut(self.work / "flags.csv", FLAG_COLUMNS)
        self.dataset = DatasetWriter(self.work)
        self.audit = AuditWriter(self.work)

    def add(self, result) -> None:
        self.manifest.add([manifest_row(result)])
        record = result.record
        if record is None:
            return
        facts = fact_rows(record)
        self.facts.add(facts)
        self.flags.add(flag_rows(record))
        self.dataset.add(record, facts)
        self.audit.add(record)

    def finish(self) -> None:
        for out in (self.manifest, self.facts, self.flags):
            out.close()
        self.dataset.write([self.work / f"dataset.{suffix}" for suffix in ("csv", "parquet", "xlsx")])
        self.audit.write(self.work / "audit.html")
        for name in TABLES:
            os.replace(self.work / name, self.outdir / name)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
