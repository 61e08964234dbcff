"""How far a flag can be trusted from how its evidence was read, so an auditor can start
with the flags that rest on firm readings:

- low: a figure OCR was unsure of (source.low_confidence), or the OCR weighing found the
  flag to be a question about a reading (its `ocr` note: unsure figures, a % read as 9);
- medium: evidence read by OCR at all, an approximate figure (余, 约 …), or a gap the
  report itself explains;
- high: digital text or table cells and exact figures.

Evidence that is not a fact (the metadata score, an indicator row, a place name) counts as
OCR when its block was OCRed, which the facts of that block tell."""
from __future__ import annotations

CONFIDENCE_LEVELS = ("high", "medium", "low")


def rate_confidence(flags: list, facts: dict, record: dict | None = None) -> None:
    """facts: id → fact. Sets `confidence` on every flag."""
    ocr_blocks = {f["source"].get("block") for f in facts.values() if ocr_read(f)} - {None}
    whole_scan = ((record or {}).get("source") or {}).get("format") == "pdf-ocr"
    for flag in flags:
        flag["confidence"] = confidence_of(flag, facts, ocr_blocks, whole_scan)


def confidence_of(flag: dict, facts: dict, ocr_blocks: set = frozenset(), whole_scan: bool = False) -> str:
    evidence = [facts[i] for i in flag.get("evidence", []) if i in facts]
    if flag.get("ocr") or any(f["source"].get("low_confidence") for f in evidence):
        return "low"
    others = [q for q in flag.get("evidence_quotes", []) if q.get("fact") not in facts]
    if (any(ocr_read(f) for f in evidence) or any(q.get("block") in ocr_blocks for q in others)
            or (whole_scan and others)):
        return "medium"
    if any(f.get("approx") for f in evidence) or flag.get("explanation"):
        return "medium"
    return "high"


def ocr_read(fact: dict) -> bool:
    return fact["source"].get("ocr_confidence") is not None
