"""The checker on a labelled set: one written-in inconsistency of every rule type per
report (and clean reports), in .txt and .docx; precision and recall per rule."""
from extractor.evaluate import evaluate
from extractor.flagset import RULES, write_flagset
from extractor.pipeline import extract_file


def test_every_rule_found_and_nothing_else(tmp_path):
    files = write_flagset(tmp_path, n_per_rule=2, n_clean=4)
    scores = evaluate(tmp_path / "gold", [tmp_path])
    assert scores["files"] == len(files) == len(RULES) * 2 + 4
    for rule in RULES:
        s = scores["flags"][rule]
        assert s["recall"] >= 0.95 and s["precision"] >= 0.9, (rule, s)
    for f in files:
        if "clean" in f.name:
            assert [x for x in extract_file(f)["flags"] if x["severity"] == "error"] == [], f.name
