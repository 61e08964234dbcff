"""One file through the stages, ingest → extract → check → record. The batch runner
(runner.py) and the CLI call this; nothing here writes files."""
from __future__ import annotations

from pathlib import Path

from .check import run_checks
from .document_caches import clear_document_caches
from .extract import extract_document
from .ingest import load_document, read_input
from .record import build_record, sha256_of


def extract_file(path, data: bytes | None = None, sha256: str = "") -> dict:
    """The ReportRecord for one file (its bytes and their sha256 when the caller has them).
    Raises ExtractorError (IngestError …) for bad input."""
    path = Path(path)
    if data is None:
        data = read_input(path)
    clear_document_caches()
    doc = load_document(path, data)
    record = build_record(doc, sha256 or sha256_of(data), extract_document(doc))
    record["flags"] = run_checks(record)
    record["passages"] = evidence_passages(doc, record["flags"])
    return record


def evidence_passages(doc, flags: list) -> dict:
    """The text of every paragraph a flag's evidence points into, so a reviewer sees each
    figure in its context (table evidence is shown from the record's tables)."""
    out = {}
    for flag in flags:
        for q in flag.get("evidence_quotes", []):
            b = q.get("block")
            if b is None or q.get("table") is not None or not (0 <= b < len(doc.blocks)):
                continue
            block = doc.blocks[b]
            out[str(b)] = {"page": block.page, "kind": block.kind, "text": block.text}
    return out
