"""Weights and scores run together after a row's scoring coefficient (得分系数)."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

# a department form flattened to one line (invented figures): name, unit, nature, targets,
# result, then 得分系数 | 指标权重 | 指标得分 | 是否核心指标 with no breaks
HEAD = ("部门整体绩效自评表主管部门某区融媒体中心年初预算数全年预算数全年执行数执行率(%)执行率权重执行率得分(分)"
        "1204.5 1250.6 1180.3 94.39%109.44"  # the budget row: 10 × 94.39% = 9.44
        "年度绩效目标指标名称计量单位指标性质年初指标值调整指标值全年完成值"
        "得分系数(%)指标权重(分)指标得分(分)是否核心指标")
ROWS = ("播发稿件数量篇定量指标2000篇2650篇100%1010是"      # 10 and 10
        "政府采购执行率%定量指标100%72%80%21.6否"           # 2 × 80% = 1.6
        "预决算信息公开性定性指标高高100%33否")               # 3 and 3


def _scores(tmp_path, text):
    record = text_record(tmp_path, text + "\n", "form.txt")
    return sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "score")


def test_weight_and_score_are_cut_by_the_coefficient(tmp_path):
    expected = ("10", "9.44", "10", "10", "2", "1.6", "3", "3")  # the budget row's, then each row's
    assert _scores(tmp_path, HEAD + ROWS) == sorted(Decimal(x) for x in expected)


def test_a_run_no_coefficient_explains_is_left_alone(tmp_path):
    # 100% of 2 is not 3, of 23 not nothing: 23 cuts no way; without the coefficient column, no
    # row is read (the budget row's 10 | 9.44, 10 × 94.39%, is read either way)
    assert _scores(tmp_path, HEAD + "基础信息完善率%定量指标100%100%100%23否") == [Decimal("9.44"), Decimal(10)]
    assert _scores(tmp_path, HEAD.replace("得分系数(%)", "完成比例") + ROWS) == [Decimal("9.44"), Decimal(10)]
