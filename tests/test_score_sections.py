"""The indicator-analysis chapter of a report in the layouts reports use: a heading with the
level's points over numbered paragraphs each ending in its score; a numbered line of the level's
points over a heading per indicator; a paragraph per level that points back to its name (该指标
满分20分…) and lists its indicators after 其中; 一级指标/二级指标 sentences; headings of full marks
over 评价得分：7分; numbered lines of 名称：满分8分，得分7分; numbered paragraphs that state only what they
took off (扣1分: the weight less it). The tree is read in
each, and a level's score its indicators do not make is flagged; and the made-up chapters of
bench/score_sections.py. Text written for the test, with invented figures."""
import sys
from pathlib import Path

import pytest

from conftest import text_record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import score_sections  # noqa: E402

_TITLE = "某县2022年度村级公益事业一事一议项目绩效评价报告\n四、绩效评价指标分析\n"

# each layout with the 决策 level's score a placeholder: 15 is what its indicators make (7 + 4 + 4)
_LAYOUTS = {
    "heading over paragraphs": (
        "（一）项目决策情况（满分20分，得分{s}分）\n"
        "1.项目立项（8分）：立项程序完整，但论证材料偏少，扣1分，得7分。\n"
        "2.绩效目标（6分）：目标未完全量化，得4分。\n"
        "3.资金投入（6分）：预算测算依据不足，扣2分，得4分。\n"
        "（二）项目过程情况（满分20分，得分17分）\n"
        "1.资金管理（10分）：资金拨付及时，得9分。\n"
        "2.组织实施（10分）：验收资料归档不全，得8分。\n"),
    "numbered line over headings": (
        "1.项目决策（20分），得分{s}分。\n（1）项目立项（8分）\n立项程序完整，该项得7分。\n"
        "（2）绩效目标（6分）\n目标未完全量化，该项得4分。\n（3）资金投入（6分）\n预算测算依据不足，该项得4分。\n"
        "2.项目过程（20分），得分17分。\n（1）资金管理（10分）\n资金拨付及时，该项得9分。\n"
        "（2）组织实施（10分）\n验收资料归档不全，该项得8分。\n"),
    "paragraph pointing back": (
        "（一）项目决策指标：该指标满分20分，实际得分{s}分。其中项目立项8分，得7分；绩效目标6分，得4分；资金投入6分，得4分。\n"
        "（二）项目过程指标：该指标满分20分，实际得分17分。其中资金管理10分，得9分；组织实施10分，得8分。\n"),
    "level sentences": (
        "一级指标“项目决策”满分20分，得分{s}分。\n二级指标“项目立项”满分8分，立项程序完整，评价得分7分。\n"
        "二级指标“绩效目标”满分6分，评价得分4分。\n二级指标“资金投入”满分6分，评价得分4分。\n"
        "一级指标“项目过程”满分20分，得分17分。\n二级指标“资金管理”满分10分，评价得分9分。\n"
        "二级指标“组织实施”满分10分，评价得分8分。\n"),
    "full marks headings, 评价得分：": (
        "一、决策指标（满分20分）\n该部分满分20分，评价得分{s}分。\n（一）项目立项（满分8分）\n评分依据：立项程序完整。评价得分：7分。\n"
        "（二）绩效目标（满分6分）\n评分依据：目标未完全量化。评价得分：4分。\n（三）资金投入（满分6分）\n评价得分：4分。\n"
        "二、过程指标（满分20分）\n该部分满分20分，评价得分17分。\n（一）资金管理（满分10分）\n评价得分：9分。\n"
        "（二）组织实施（满分10分）\n评分依据：验收资料归档不全。评价得分：8分。\n"),
    "名称：满分…，得分…": (
        "（一）项目决策：满分20分，得分{s}分。\n1.项目立项：满分8分，得分7分。立项程序完整。\n"
        "2.绩效目标：满分6分，得分4分。\n3.资金投入：满分6分，得分4分。预算测算依据不足。\n"
        "（二）项目过程：满分20分，得分17分。\n1.资金管理：满分10分，得分9分。\n2.组织实施：满分10分，得分8分。\n"),
    "deductions only": (
        "（一）项目决策（满分20分，得分{s}分）\n1.项目立项（8分）：立项程序完整，论证材料偏少，扣1分。\n"
        "2.绩效目标（6分）：目标未完全量化，扣2分。\n3.资金投入（6分）：预算测算依据不足，扣1分，另有一项未细化，扣1分。\n"
        "（二）项目过程（满分20分，得分17分）\n1.资金管理（10分）：资金拨付及时，扣1分。\n2.组织实施（10分）：验收资料归档不全，扣2分。\n"),
}


def _record(tmp_path, layout, level_score):
    return text_record(tmp_path, _TITLE + _LAYOUTS[layout].format(s=level_score))


@pytest.mark.parametrize("layout", list(_LAYOUTS))
def test_the_tree_is_read_in_each_layout(tmp_path, layout):
    rows = {tuple(i["path"][-1:]): (i["weight"], i["score"]) for i in _record(tmp_path, layout, 15)["indicators"]}
    assert {name: rows.get((name,)) for name in ("项目立项", "绩效目标", "资金投入", "组织实施")} == {
        "项目立项": (8, 7), "绩效目标": (6, 4), "资金投入": (6, 4), "组织实施": (10, 8)}
    assert any("决策" in path[0] and value == (20, 15) for path, value in rows.items())


@pytest.mark.parametrize("layout", list(_LAYOUTS))
def test_a_level_score_its_indicators_make_is_not_flagged(tmp_path, layout):
    assert not [f for f in _record(tmp_path, layout, 15)["flags"] if f["severity"] in ("error", "warning")]


@pytest.mark.parametrize("layout", list(_LAYOUTS))
@pytest.mark.parametrize("level_score", [14, 17])
def test_a_level_score_its_indicators_do_not_make_is_flagged(tmp_path, layout, level_score):
    flags = _record(tmp_path, layout, level_score)["flags"]
    assert [f["rule"] for f in flags if f["severity"] in ("error", "warning")] == ["score.tree"]


def test_a_scoring_rule_is_no_deduction(tmp_path):
    record = text_record(tmp_path, _TITLE + "（一）项目决策（满分14分，得分11分）\n"
                         "1.项目立项（8分）：每发现一处程序缺失扣1分，扣完为止。\n2.绩效目标（6分）：目标未完全量化，扣2分。\n")
    assert {i["path"][-1]: i["score"] for i in record["indicators"] if len(i["path"]) > 1} == {
        "项目立项": None, "绩效目标": 4}
    # (the row without a score may hold the 7 points the other leaves: no error, a warning naming it)
    assert [(f["rule"], f["severity"]) for f in record["flags"]] == [("score.tree", "warning")]
    assert "项目立项" in record["flags"][0]["explanation"]


def test_a_line_pointing_back_with_no_name_before_it_is_not_read(tmp_path):
    record = text_record(tmp_path, _TITLE + "该指标满分20分，实际得分15分。\n该指标满分20分，实际得分17分。\n")
    assert not [i for i in record["indicators"] if "该" in i["path"][0]]


@pytest.mark.parametrize("layout", range(score_sections._LAYOUTS))
def test_a_made_up_chapter_with_one_slip_is_flagged_in_each_layout(tmp_path, layout):
    text, slip, _, _ = next(r for r in score_sections.make_reports(80, 3, inject=True) if r[2] == f"layout{layout}")
    flags = text_record(tmp_path, text)["flags"]
    assert "score.tree" in {f["rule"] for f in flags if f["severity"] in ("error", "warning")}, slip


@pytest.mark.parametrize("n", range(3))
def test_a_clean_made_up_chapter_raises_no_error(tmp_path, n):
    text, _, _, _ = score_sections.make_reports(3, 4, inject=False)[n]
    assert not [f for f in text_record(tmp_path, text)["flags"] if f["severity"] == "error"]
