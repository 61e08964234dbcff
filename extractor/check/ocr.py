"""How OCR readings weigh in a flag. A flag that rests on a figure the OCR engine was unsure
of is a question about the reading as much as about the report: it is lowered from error to
warning and names the figures. A stated percent read as …9% whose figure without that 9
fits the computed value is most likely the ring of the % read as one more 9 (12.05% →
12.059%), which Tesseract often does: the flag says so, with the arithmetic. Either way the
figures stay as read; a reviewer decides.

Any other flag resting on OCR-read evidence — figures with their OCR confidence, or an
indicator row, a total score, a place name read from a scanned page — says so in its
message (`ocr_read` names the facts and the lowest confidence) and is at most a warning,
unless every figure it rests on was read confidently (CONFIDENT_OCR or above) and nothing
else it rests on was OCRed: a page read by OCR may have lost or misplaced what the
arithmetic needs."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from ..record import decimal_text
from .confidence import ocr_read
from .tolerance import half_unit

_RING_READ_AS_NINE = regex.compile(r"(?P<figure>\d+(?:\.(?P<decimals>\d+))?)9\s*[%％]")


CONFIDENT_OCR = 80  # Tesseract's word confidence from which a figure counts as firmly read


def weigh_ocr_readings(flags: list, facts: dict, record: dict | None = None) -> None:
    """facts: id → fact; record: for its format (a whole scan, `pdf-ocr`). Adds `ocr` to
    each flag whose evidence was read by OCR and has low-confidence figures or a likely
    misread %, `ocr_read` to every flag resting on OCR-read evidence, and says so in its
    message."""
    ocr_blocks = {f["source"].get("block") for f in facts.values() if ocr_read(f)} - {None}
    whole_scan = ((record or {}).get("source") or {}).get("format") == "pdf-ocr"
    for flag in flags:
        read = [facts[i] for i in flag.get("evidence", []) if i in facts and ocr_read(facts[i])]
        others = [q for q in flag.get("evidence_quotes", []) if q.get("fact") not in facts
                  and (whole_scan or q.get("block") in ocr_blocks)]
        if not read and not others:
            continue
        _note_ocr_reading(flag, read, others)
        notes, ocr = [], {}
        unsure = [f for f in read if f["source"].get("low_confidence")]
        if unsure:
            ocr["low_confidence"] = [f["id"] for f in unsure]
            notes.append("置信度低的读数" + "、".join(
                f"{f['text']}（{f['source']['ocr_confidence']:.0f}）" for f in unsure))
        ring = _percent_ring(flag, read)
        if ring:
            ocr["percent_ring"] = ring
            notes.append(f"{ring['read']}或为{ring['likely']}，%被读成9%，与计算值{ring['computed']}%相符")
        if not notes:
            continue
        flag["ocr"] = ocr
        flag["message"] += "（OCR：" + "；".join(notes) + "）"
        if flag["severity"] == "error":
            flag["severity"] = "warning"


def _note_ocr_reading(flag: dict, read: list, others: list) -> None:
    """Say that the flag rests on OCR readings; lower it to a warning unless they are firm."""
    confidences = [f["source"]["ocr_confidence"] for f in read]
    lowest = min(confidences) if confidences else None
    confident = bool(read) and not others and lowest >= CONFIDENT_OCR
    flag["ocr_read"] = {"facts": [f["id"] for f in read], "lowest_confidence": lowest, "confident": confident}
    where = f"，最低置信度{lowest:.0f}" if lowest is not None else ""
    flag["message"] += f"（依据OCR识别的内容{where}，请对照原件核实）"
    if not confident and flag["severity"] == "error":
        flag["severity"] = "warning"


def _percent_ring(flag: dict, read: list):
    """The stated percent, read as …9%, that fits the computed value without that 9."""
    computed = flag.get("computed")
    if computed is None or flag.get("stated") is None:
        return None
    for f in read:
        m = _RING_READ_AS_NINE.fullmatch(f["text"].strip())
        if not m or f["kind"] != "percent" or Decimal(f["value"]) != Decimal(flag["stated"]):
            continue
        try:
            likely, target = Decimal(m["figure"]), Decimal(computed)
        except InvalidOperation:
            continue
        decimals = len(m["decimals"] or "")
        if abs(likely - target) <= 2 * half_unit(decimals):  # within one unit of its last digit
            return {"fact": f["id"], "read": f["text"].strip(), "likely": m["figure"] + "%",
                    "computed": decimal_text(target)}
    return None
