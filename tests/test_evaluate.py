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
