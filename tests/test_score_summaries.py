"""A report's summary of its first-level scores and total in the wordings reports use: the
scores listed after the names (决策、过程、产出、效益四项指标分别得分…, …指标得分分别为…, …依次得分…),
or each after its name (其中决策指标15分、…; 项目决策得分15分，…，合计83分). The total is checked
against them: one point off a total of whole or half points is a slip where the points are
awarded as written (a warning: each may also be a rounded figure), more than the rounding of
every figure allows is an error. The grade stated after such a list is the total's, not the last item's. Sentences written for
the test, with invented figures."""
import pytest

from conftest import text_record


def _record(tmp_path, sentence):
    return text_record(tmp_path, "某县2023年度农村饮水安全项目绩效评价报告\n一、评价结论\n" + sentence + "\n")


def _errors(record, rule):
    return [f for f in record["flags"] if f["rule"] == rule and f["severity"] == "error"]


def _raised(record, rule):
    return [f["severity"] for f in record["flags"] if f["rule"] == rule and f["severity"] in ("error", "warning")]


@pytest.mark.parametrize("sentence", [
    "项目决策、过程、产出、效益四项指标分别得分17分、16分、27分、25分，总得分为86分。",  # 85
    "决策、过程、产出和效益指标得分分别为14分、19分、28分、22分，综合得分84分，评价等级为良。",  # 83
    "决策、过程、产出、效益分别得16分、18分、29分、24分，总分88分。",  # 87
    "决策、过程、产出、效益分别得16分、18分、29分、24分，总分84分。",  # 87: a rounding of every figure at most
    "经评价，该项目综合得分80分，其中决策指标13分、过程指标17分、产出指标26分、效益指标23分，评价等级为“良”。",  # 79
    "项目投入得分15分，项目过程得分16分，项目产出得分33分，项目效果得分17分，合计82分，评价等级为“良”。",  # 81
])
def test_a_total_its_first_level_scores_do_not_make_is_flagged(tmp_path, sentence):
    assert _raised(_record(tmp_path, sentence), "score.tree") == ["warning"]


@pytest.mark.parametrize("sentence", [
    "项目决策、过程、产出、效益四项指标分别得分17分、16分、27分、25分，总得分为89分。",  # 85
    "经评价，该项目综合得分83分，其中决策指标13分、过程指标17分、产出指标26分、效益指标23分。",  # 79
    # written with a half point, the whole ones are awarded as written too
    "决策、过程、产出、效益四个方面依次得分18分、17.5分、26分、27分，综合得分87.5分。",  # 88.5
])
def test_a_total_off_beyond_any_rounding_is_an_error(tmp_path, sentence):
    assert _raised(_record(tmp_path, sentence), "score.tree") == ["error"]


@pytest.mark.parametrize("sentence", [
    "项目决策、过程、产出、效益四项指标分别得分17分、16分、27分、25分，总得分为85分。",
    "决策、过程、产出和效益指标得分分别为14分、19分、28分、22分，综合得分83分，评价等级为良。",
    "经评价，该项目综合得分79分，其中决策指标13分、过程指标17分、产出指标26分、效益指标23分，评价等级为“中”。",
    # an item's score computed by a rate (9.67) may be rounded, and so may the total made of it
    "项目决策18分、过程16.33分、产出27分、效益24.67分，合计86分，评价等级为“良”。",
    # second-level names with no count word make no first level: not summed against the total
    "数量、质量、时效、成本指标得分分别为10分、9分、8分、9分，综合得分88分，评价等级为“良”。",
])
def test_a_total_its_scores_make_or_no_first_level_is_not_flagged(tmp_path, sentence):
    assert not _raised(_record(tmp_path, sentence), "score.tree")


def test_the_grade_after_a_list_of_scores_is_the_totals(tmp_path):
    record = _record(tmp_path, "项目决策得分17分，项目过程得分18分，项目产出得分25分，项目效益得分24分，"
                               "合计84分，绩效评价等级为“良”。")
    assert record["metadata"]["score"] == 84 and record["metadata"]["grade"] == "良"
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_score_with_a_bracket_aside_before_its_grade_keeps_it(tmp_path):
    record = _record(tmp_path, "经评价，本项目得分86分（满分100分），评价等级为“良”。")
    assert record["metadata"]["score"] == 86 and record["metadata"]["grade"] == "良"


@pytest.mark.parametrize("sentence", [
    "经评价，该项目综合得分79分，其中决策指标13分、过程指标17分、产出指标26分、效益指标23分。",
    "该项目决策、过程、产出、效益指标得分分别为13分、17分、26分、23分，综合得分79分。",
])
def test_the_first_items_name_is_its_own(tmp_path, sentence):
    # (其中 opens the list and 该 points at the project: neither is part of the first name)
    first = next(i for i in _record(tmp_path, sentence)["indicators"] if not i.get("total"))["path"][0]
    assert first in ("决策指标", "项目决策")
