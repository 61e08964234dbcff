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


# --- any flag resting on OCR readings says so, and is an error only on firm readings -------------

import os  # noqa: E402
import shutil  # noqa: E402

import pytest  # noqa: E402

from extractor.check import run_checks  # noqa: E402

from conftest import ROOT  # noqa: E402

SCANS = ROOT.parent / "shared" / "scans"
CAVEAT = "依据OCR识别的内容"


def test_a_flag_on_firmly_read_figures_stays_an_error_but_says_it_was_ocred():
    facts = {f["id"]: f for f in [_fact("f1", "120.00", "amount", "1200000", 95),
                                  _fact("f2", "96.00", "amount", "960000", 91)]}
    flag = _flag(["f1", "f2"], "1200000", "1100000")
    weigh_ocr_readings([flag], facts)
    assert flag["severity"] == "error" and "ocr" not in flag
    assert flag["ocr_read"] == {"facts": ["f1", "f2"], "lowest_confidence": 91, "confident": True}
    assert CAVEAT + "，最低置信度91" in flag["message"]


def test_a_flag_on_figures_read_with_middling_confidence_is_a_warning():
    facts = {f["id"]: f for f in [_fact("f1", "120.00", "amount", "1200000", 72),
                                  _fact("f2", "96.00", "amount", "960000", 95)]}
    flag = _flag(["f1", "f2"], "1200000", "1100000")
    weigh_ocr_readings([flag], facts)
    assert flag["severity"] == "warning" and flag["ocr_read"]["confident"] is False
    assert "最低置信度72" in flag["message"]


def test_a_score_flag_on_a_scanned_page_is_a_warning_with_the_caveat():
    """Evidence that is not a fact (indicator rows, the total score) read from a scan: no
    confidence to go by, so the flag is at most a warning."""
    facts = {"f1": _fact("f1", "88", "score", "88", 93)}
    for record in ({"source": {"format": "pdf-ocr"}}, {"source": {"format": "pdf"}}):
        flag = _flag([], "88", "83")
        flag["evidence"] = ["indicator:总分"]
        flag["evidence_quotes"] = [{"fact": "indicator:总分", "block": 3, "quote": "项目得分为88分"}]
        weigh_ocr_readings([flag], facts, record)  # f1 is in block 3: that block was OCRed
        assert flag["severity"] == "warning" and CAVEAT in flag["message"], record
        assert flag["ocr_read"] == {"facts": [], "lowest_confidence": None, "confident": False}


def test_digital_evidence_is_left_alone():
    facts = {"f1": _fact("f1", "120.00", "amount", "1200000")}
    flag = _flag(["f1"], "1200000", "1100000")
    flag["evidence_quotes"] = [{"fact": "indicator:总分", "block": 3, "quote": "项目得分为88分"}]
    weigh_ocr_readings([flag], facts, {"source": {"format": "pdf"}})
    assert flag["severity"] == "error" and "ocr_read" not in flag and flag["message"] == "比例不符"


def test_run_checks_weighs_a_low_confidence_record():
    """A record as OCR leaves it: 其中 parts that do not add up, one part read unsurely."""
    parts = [_fact("f1", "150.00万元", "amount", "1500000", 90), _fact("f2", "80.00万元", "amount", "800000", 45),
             _fact("f3", "60.00万元", "amount", "600000", 88)]
    text = "到位资金150.00万元，其中：省级80.00万元，县级60.00万元。"
    for f in parts:
        start = text.index(f["text"])
        f.update(unit="元", decimals=2, scale=Decimal(10000), approx=False, label="到位资金", subject=None, year=None,
                 context="")
        f["source"].update(start=start, end=start + len(f["text"]), quote=f["text"], sentence=0)
    record = {"source": {"format": "pdf-ocr"}, "facts": parts, "indicators": [], "tables": [], "forms": [],
              "relations": [{"type": "breakdown", "total": "f1", "parts": ["f2", "f3"], "marker": "其中",
                             "complete": True, "source": {"block": 3, "page": 1}, "id": "rel1"}],
              "metadata": {}, "problems": [], "recommendations": [], "places": []}
    flags = [f for f in run_checks(record) if f["rule"] == "sum.breakdown"]
    assert flags and all(f["severity"] != "error" and CAVEAT in f["message"] for f in flags)


needs_scans = pytest.mark.skipif(not SCANS.exists() or not shutil.which("tesseract"),
                                 reason=f"scans not found at {SCANS} or tesseract missing")
slow = pytest.mark.skipif(not os.environ.get("EXTRACTOR_SLOW"),
                          reason="OCRs a whole scan (about 80 s): set EXTRACTOR_SLOW=1 to run")


@needs_scans
@slow
def test_scan_002_region_and_flags_carry_the_ocr_caveat():
    from extractor.pipeline import extract_file

    record = extract_file(next(SCANS.glob("002_*.scan.pdf")))
    meta = record["metadata"]
    assert (meta["province"], meta["city"]) == ("山东省", "枣庄市")  # 吏庄市 confirmed by 山东省
    assert record["flags"]
    for flag in record["flags"]:
        assert flag["severity"] != "error" or flag["ocr_read"]["confident"], flag
        assert CAVEAT in flag["message"] or "OCR" in flag["message"], flag
