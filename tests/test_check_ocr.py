"""Flags resting on OCR readings: low-confidence figures lower an error to a warning, and a
percent read as …9% that fits the computed value without the 9 is named as a likely misread."""
from decimal import Decimal

from extractor.check.ocr import weigh_ocr_readings


def _fact(fid, text, kind, value, confidence=None):
    source = {"page": 1, "block": 3, "start": 0, "end": len(text), "quote": text}
    if confidence is not None:
        source.update(ocr_confidence=confidence, low_confidence=confidence < 60)
    return {"id": fid, "text": text, "kind": kind, "value": Decimal(value), "source": source}


def _flag(evidence, stated, computed, severity="error"):
    return {"severity": severity, "message": "比例不符", "stated": Decimal(stated),
            "computed": Decimal(computed), "evidence": evidence}


def test_a_low_confidence_figure_lowers_the_flag_and_is_named():
    facts = {f["id"]: f for f in [_fact("f1", "5951.16", "amount", "59511600", 49),
                                  _fact("f2", "198.76", "amount", "1987600", 92)]}
    flag = _flag(["f1", "f2"], "59511600", "5511600")
    weigh_ocr_readings([flag], facts)
    assert flag["severity"] == "warning"
    assert flag["ocr"] == {"low_confidence": ["f1"]}
    assert "5951.16（49）" in flag["message"]


def test_a_percent_ring_read_as_nine_is_named_with_the_figure_it_fits():
    for read, likely, computed in [("12.059%", "12.05%", "12.0501"), ("1009%", "100%", "100.2"),
                                   ("859 %", "85%", "85.4")]:
        facts = {"f1": _fact("f1", read, "percent", read.rstrip(" %"), 83)}
        flag = _flag(["f1"], read.rstrip(" %"), computed)
        weigh_ocr_readings([flag], facts)
        assert flag["ocr"]["percent_ring"]["likely"] == likely, read
        assert flag["severity"] == "warning" and likely in flag["message"]


def test_left_alone_when_the_nine_does_not_explain_it_or_nothing_was_ocred():
    ocr = {"f1": _fact("f1", "12.059%", "percent", "12.059", 83)}
    far = _flag(["f1"], "12.059", "12.1832")  # without the 9 still off: a real mismatch
    weigh_ocr_readings([far], ocr)
    assert far["severity"] == "error" and "ocr" not in far
    digital = {"f1": _fact("f1", "12.059%", "percent", "12.059")}
    flag = _flag(["f1"], "12.059", "12.0501")
    weigh_ocr_readings([flag], digital)
    assert flag["severity"] == "error" and "ocr" not in flag and flag["message"] == "比例不符"
    real_nine = {"f1": _fact("f1", "99%", "percent", "99", 90)}
    flag = _flag(["f1"], "99", "98.2")
    weigh_ocr_readings([flag], real_nine)
    assert "ocr" not in flag
