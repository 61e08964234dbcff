"""How `extractor eval` matches a record's facts with gold figures."""
from __future__ import annotations

from extractor.evaluate import score_record


def _record(facts):
    return {"facts": facts, "metadata": {}, "flags": []}


RANGE = {"kind": "percent", "value": "100", "unit": "%", "range_high": "80", "text": "100-80%"}


def test_a_range_matches_gold_that_lists_its_two_ends():
    gold = {"facts": [{"kind": "percent", "value": "100", "unit": "%"}, {"kind": "percent", "value": "80", "unit": "%"}]}
    scores = score_record(_record([RANGE]), gold)
    assert scores["per_kind"]["percent"] == [2, 2, 2] and scores["missed"] == []


def test_a_range_matches_gold_that_lists_it_as_one_figure():
    gold = {"facts": [{"kind": "percent", "value": "100", "unit": "%", "range_high": "80"}]}
    assert score_record(_record([RANGE]), gold)["per_kind"]["percent"] == [1, 1, 1]


def test_a_range_end_matches_no_other_figure():
    gold = {"facts": [{"kind": "percent", "value": "100", "unit": "%"}, {"kind": "percent", "value": "60", "unit": "%"}]}
    scores = score_record(_record([RANGE]), gold)
    assert scores["per_kind"]["percent"] == [1, 1, 2] and len(scores["missed"]) == 1


def test_a_gold_inconsistency_names_its_figures_as_the_report_writes_them():
    from extractor.evaluate import match_flags
    record = {"facts": [{"id": "f1", "value": "7551900", "scale": "10000"},
                        {"id": "f2", "value": "7553600", "scale": "10000"}],
              "flags": [{"rule": "sum.breakdown", "severity": "error", "stated": "7551900", "computed": "7553600",
                         "evidence": ["f1", "f2"]}]}
    gold = [{"rule": "sum.breakdown", "values": ["755.19万元", "中央级资金124.23万元"]}]
    per_rule, false_errors = match_flags(record, gold)
    assert per_rule["sum.breakdown"] == (1, 1, 1, 1) and false_errors == 0
    # a flag naming none of the gold's figures finds nothing, and is a false error
    per_rule, false_errors = match_flags(record, [{"rule": "sum.breakdown", "values": ["1,200.5万元"]}])
    assert per_rule["sum.breakdown"] == (0, 1, 0, 1) and false_errors == 1


def test_a_grade_flag_names_the_reports_score_it_was_read_from():
    from extractor.evaluate import match_flags
    record = {"metadata": {"score": "78.5", "grade": "良"}, "facts": [],
              "flags": [{"rule": "score.grade", "severity": "error", "stated": "良", "computed": "中",
                         "evidence": ["metadata.score", "metadata.grade"]}]}
    per_rule, false_errors = match_flags(record, [{"rule": "score.grade", "values": ["78.5分", "良"]}])
    assert per_rule["score.grade"] == (1, 1, 1, 1) and false_errors == 0
    # another report's score is not this flag's
    record["metadata"]["score"] = "88"
    per_rule, false_errors = match_flags(record, [{"rule": "score.grade", "values": ["78.5分", "良"]}])
    assert per_rule["score.grade"] == (0, 1, 0, 1) and false_errors == 1


def test_a_gold_inconsistency_written_in_words_is_found_by_its_rule():
    from extractor.evaluate import match_flags
    record = {"metadata": {"score": "88.5", "grade": "优"}, "facts": [],
              "flags": [{"rule": "score.grade", "severity": "error", "stated": "优", "computed": "良",
                         "evidence": ["metadata.score", "metadata.grade"]}]}
    per_rule, false_errors = match_flags(record, [{"rule": "score.grade", "values": ["优", "良"]}])
    assert per_rule["score.grade"] == (1, 1, 1, 1) and false_errors == 0
    # another rule's flag does not find it
    record["flags"][0]["rule"] = "score.tree"
    per_rule, false_errors = match_flags(record, [{"rule": "score.grade", "values": ["优", "良"]}])
    assert per_rule["score.grade"] == (0, 0, 0, 1) and false_errors == 1
