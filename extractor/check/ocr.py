"""How OCR readings weigh in a flag. A flag that rests on a figure the OCR engine was unsure
of is a question about the reading as much as about the report: it is lowered from error to
warning and names the figures. A stated percent read as …9% whose figure without that 9
fits the computed value is most likely the ring of the % read as one more 9 (12.05% →
12.059%), which Tesseract often does: the flag says so, with the arithmetic. Either way the
figures stay as read; a reviewer decides."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import regex

from ..record import decimal_text
from .tolerance import half_unit

_RING_READ_AS_NINE = regex.compile(r"(?P<figure>\d+(?:\.(?P<decimals>\d+))?)9\s*[%％]")


def weigh_ocr_readings(flags: list, facts: dict) -> None:
    """facts: id → fact. Adds `ocr` to each flag whose evidence was read by OCR and has
    low-confidence figures or a likely misread %, and says so in its message."""
    for flag in flags:
        read = [facts[i] for i in flag.get("evidence", []) if i in facts
                and facts[i]["source"].get("ocr_confidence") is not None]
        if not read:
            continue
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
