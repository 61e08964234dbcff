"""`confidence` on every flag (high / medium / low, from how its evidence was read), in
flags.csv, in the store and as a filter of the review app."""
import csv
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest

from extractor import importer
from extractor.check import run_checks
from extractor.check.confidence import confidence_of, rate_confidence
from extractor.pipeline import extract_file
from extractor.review import ReviewApp
from extractor.store import MIGRATIONS, Store

from conftest import SEEDS, needs_seeds
from forms_helpers import fact

# one flag, on exact figures of digital text: high
REPORT = ("某县2021年度困难群众参保资助项目绩效评价报告\n\n"
          "全年基金支付2100.50万元：其中统筹基金支出1500.20万元；个人账户支出700.40万元。\n")


def _flag(evidence, **extra):
    return {"rule": "sum.breakdown", "severity": "error", "message": "分项之和与总数不符", "stated": Decimal(1),
            "computed": Decimal(2), "evidence": [f["id"] for f in evidence],
            "evidence_quotes": [{"fact": f["id"], **f["source"]} for f in evidence], "explanation": None, **extra}


def test_exact_digital_figures_are_high():
    a, b = fact("f1", "120.40万元"), fact("f2", "231.70万元", row=2, col=1)
    assert confidence_of(_flag([a, b]), {"f1": a, "f2": b}) == "high"


def test_an_approximate_figure_or_an_explanation_is_medium():
    a, b = fact("f1", "约3000人"), fact("f2", "2500人")
    assert confidence_of(_flag([a, b]), {"f1": a, "f2": b}) == "medium"
    c, d = fact("f3", "1199人"), fact("f4", "788人")
    assert confidence_of(_flag([c, d], explanation="文中说明：清退411人"), {"f3": c, "f4": d}) == "medium"


def test_ocr_readings_are_medium_and_unsure_ones_low():
    sure = fact("f1", "120.40万元", ocr_confidence=91, low_confidence=False)
    unsure = fact("f2", "5951.16万元", ocr_confidence=49, low_confidence=True)
    digital = fact("f3", "231.70万元")
    facts = {f["id"]: f for f in (sure, unsure, digital)}
    assert confidence_of(_flag([sure, digital]), facts) == "medium"
    assert confidence_of(_flag([unsure, digital]), facts) == "low"


def test_a_flag_the_ocr_weighing_questioned_is_low():
    read = fact("f1", "12.059%", ocr_confidence=83, low_confidence=False)
    flag = _flag([read], ocr={"percent_ring": {"fact": "f1", "read": "12.059%", "likely": "12.05%"}})
    assert confidence_of(flag, {"f1": read}) == "low"


def test_evidence_that_is_no_fact_counts_as_ocr_when_its_block_was_ocred():
    ocr_fact = fact("f1", "91分", block=7, ocr_confidence=88, low_confidence=False)
    score = {"id": "metadata.score", "source": {"page": 3, "block": 7}}
    grade = {"id": "metadata.grade", "source": {"page": 3, "block": 7}}
    flags = [_flag([score, grade]), _flag([{"id": "metadata.score", "source": {"page": 1, "block": 2}}])]
    rate_confidence(flags, {"f1": ocr_fact})
    assert [f["confidence"] for f in flags] == ["medium", "high"]


def test_run_checks_rates_every_flag_and_a_low_confidence_figure_makes_it_low():
    record = {"facts": [fact("f1", "352.10万元", ocr_confidence=52, low_confidence=True),
                        fact("f2", "120.40万元"), fact("f3", "241.70万元")],
              "relations": [{"type": "breakdown", "total": "f1", "parts": ["f2", "f3"], "complete": True}]}
    [flag] = run_checks(record)
    assert flag["confidence"] == "low" and flag["severity"] == "warning"  # lowered by the OCR weighing too


def test_every_flag_of_a_report_has_a_confidence(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    flags = extract_file(f)["flags"]
    assert [(fl["rule"], fl["confidence"]) for fl in flags] == [("sum.breakdown", "high")]


@needs_seeds
def test_the_seeds_flags_all_have_a_confidence():
    seen = set()
    for path in sorted(SEEDS.glob("*.txt")):
        for flag in extract_file(path)["flags"]:
            assert flag["confidence"] in ("high", "medium", "low"), (path.name, flag["id"])
            seen.add(flag["confidence"])
            if flag.get("explanation"):
                assert flag["confidence"] == "medium"
    assert "high" in seen


def test_flags_csv_has_a_confidence_column(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "r.txt").write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "extractor.cli", "run", str(src), "-o", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    with open(out / "flags.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [row["confidence"] for row in rows] == ["high"]


@pytest.fixture
def store(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(REPORT, encoding="utf-8")
    db = tmp_path / "store.db"
    importer.import_paths([src], db, jobs=1, progress=False)
    return db


def test_the_store_keeps_confidence_and_the_review_app_filters_by_it(store):
    with Store(store) as s:
        assert s.schema_version == len(MIGRATIONS)
        stored = {r["confidence"] for r in s.db.execute("SELECT confidence FROM flags")}
    assert "high" in stored and None not in stored
    app = ReviewApp(store)
    high = app.flags({"confidence": "high"})
    assert len(high) == len(app.flags({})) == 1 and high[0]["confidence"] == "high"
    assert app.flags({"confidence": "medium"}) == app.flags({"confidence": "low"}) == []
    from werkzeug.test import Client

    page = Client(app).get("/?confidence=high").get_data(as_text=True)
    assert '<select name="confidence" id="filter-confidence">' in page
    assert f'<option value="high" selected>高 ({len(high)})</option>' in page  # the count beside the option
    assert f'<b id="total">{len(high)}</b> 条标记' in page


def test_a_store_made_before_confidence_is_migrated(tmp_path):
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as c:
        c.executescript("BEGIN;" + MIGRATIONS[0] + "PRAGMA user_version=1;COMMIT;")
    with Store(db) as s:
        assert s.schema_version == len(MIGRATIONS)
        columns = [r[1] for r in s.db.execute("PRAGMA table_info(flags)")]
    assert columns[-1] == "confidence"
