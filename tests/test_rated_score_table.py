"""Score tables whose rows run 权重, 得分 and 得分率 together. Tables written here; names and
figures invented."""
from __future__ import annotations

from decimal import Decimal

from extractor.extract.rated_score_table import _cut

from conftest import text_record

TABLE = """某县文化和旅游局2022年度部门整体支出绩效评价报告
三、评价结论
经评价，综合得分88.5分，评价等级为“良”。各项指标得分情况如下：
指标权重得分得分率
决策1513.590%
立项依据充分性55100%
绩效目标合理性54.590%
绩效指标明确性5480%
过程302686.67%
2、
资金到位率1010100%
预算执行率10880%
管理制度健全性10880%
合计10088.588.5%
"""


def test_each_row_is_cut_where_its_rate_is_its_score_over_its_weight(tmp_path):
    record = text_record(tmp_path, TABLE)
    scores = [f["value"] for f in record["facts"] if f["kind"] == "score"]
    percents = [f["value"] for f in record["facts"] if f["kind"] == "percent"]
    assert Decimal("13.5") in scores and Decimal("4.5") in scores and Decimal("26") in scores
    assert Decimal("86.67") in percents and Decimal("88.5") in percents
    # no percentage made of a whole run (1513.590%)
    assert all(v <= 100 for v in percents), percents


def test_runs_no_single_cut_fits_are_left_alone():
    assert [("1513.590"[a:b]) for a, b in _cut("1513.590")] == ["15", "13.5", "90"]
    assert _cut("5590") is None  # 5 | 5 | 90: the rate is not 5 ÷ 5
    assert [("1010100"[a:b]) for a, b in _cut("1010100")] == ["10", "10", "100"]
    assert _cut("10100100") is None  # 10 | 100 | 100: a score above its weight
    assert _cut("1111") is None  # 1 | 1 | 11, 11 | 1 | 1: no rate fits
