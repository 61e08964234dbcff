"""A text a converter broke at a fixed width, the rows of its tables too. Every text here is
made up for the tests."""
from decimal import Decimal

import pytest

from conftest import text_record
from extractor.ingest.hard_wrapped import hard_wrapped_lines_joined
from test_realdev_scripts import _module

_FORM = """某县文化馆2023年度部门整体支出绩效自评表
一级指标 二级指标 三级指标 年度指标值 实际完成值 评分标准 分值 得分 未完成原因
产出指标 数量指标 开展送戏下乡演出场次 40场 43场 本指标满分{w1}分，演出场次达到40场得满分，每少一场扣0.5分，扣完为止。 {w1} {s1} 已完成
产出指标 数量指标 组织全民艺术普及培训班期数 12期 12期 本指标满分{w2}分，培训期数达到12期得满分，每少一期扣1分，扣完为止。 {w2} {s2} 已完成
产出指标 质量指标 演出观众满意率 ≥90% 93.6% 本指标满分{w3}分，满意率达到90%得满分，每低1个百分点扣0.5分。 {w3} {s3} 已完成
效益指标 社会效益指标 惠及群众人次 ≥3万人次 3.4万人次 本指标满分{w4}分，惠及人次达到3万人次得满分，未达到按比例得分。 {w4} {s4} 已完成
"""


def _wrapped(text, columns):
    """The text broken at `columns` display columns, never inside a figure, as a converter does
    (the wrapped_prose layout of corpus/realdev/run_layouts.py)."""
    return _module("run_layouts")._wrapped_prose(text, columns)


def _points(record, label):
    return [Decimal(f["value"]) for f in record["facts"] if f["kind"] == "score" and f.get("label") == label]


@pytest.mark.parametrize("columns, points", [
    (76, dict(w1=6, s1=6, w2=5, s2=5, w3=4, s3=4, w4=5, s4=5)),
    (60, dict(w1=8, s1=7.5, w2=6, s2=6, w3=6, s3=5.5, w4=10, s4=10)),
    (90, dict(w1=5, s1=5, w2=5, s2=4, w3=5, s3=5, w4=5, s4=5)),
])
def test_a_form_wrapped_at_a_fixed_width_reads_as_the_form_unwrapped(tmp_path, columns, points):
    text = _FORM.format(**points)
    wrapped = _wrapped(text, columns)
    assert wrapped.count("\n") > text.count("\n") + 3  # (the rows do wrap)
    whole = text_record(tmp_path, text)
    (tmp_path / "w").mkdir()
    laid_out = text_record(tmp_path / "w", wrapped)
    assert sorted(_points(laid_out, "得分")) == sorted(_points(whole, "得分"))
    assert sorted(_points(whole, "得分")) == sorted(Decimal(str(points[k])) for k in ("s1", "s2", "s3", "s4"))


def test_lines_that_fill_the_width_are_joined_with_the_next():
    lines = ["产出指标 数量指标 开展送戏下乡演出场次 40场 43场 本指标满分6分，演",
             "出场次达到40场得满分。 6 6 已完成"] * 5
    joined = hard_wrapped_lines_joined(lines)
    assert joined == [lines[0] + lines[1]] * 5


def test_a_numbered_heading_after_a_full_line_opens_a_line_of_its_own():
    full = "本年度共开展送戏下乡演出43场，组织全民艺术普及培训班12期，惠及群众3.4万"
    lines = [full, "人次，群众满意率达到93.6%。"] * 4 + [full, "二、存在的问题"]
    joined = hard_wrapped_lines_joined(lines)
    assert joined[-1] == "二、存在的问题"
    assert joined[0] == full + "人次，群众满意率达到93.6%。"


def test_a_table_after_a_full_line_keeps_its_first_cell():
    full = "本年度共开展送戏下乡演出四十三场，组织全民艺术普及培训班十二期，惠及群众三万"
    before_table = "本年度各项绩效指标均已完成，群众满意率较上年有所提高，具体的完成情况如下表："
    assert len(full) == len(before_table)  # (both to the wrap's column)
    lines = [full, "余人次，群众满意率达到百分之九十以上。"] * 4 + [before_table, "一级指标 |", "二级指标 |",
                                                              "三级指标 |", "年度指标值 |"]
    joined = hard_wrapped_lines_joined(lines)
    assert joined[-4:] == lines[-4:]


@pytest.mark.parametrize("lines", [
    # rows of different widths: nothing wrapped them
    ["序号 项目名称 预算数 执行数", "1 送戏下乡 40.00 38.50", "2 全民艺术普及培训 12.00 12.00",
     "3 文化志愿服务 8.50 8.20", "4 非遗保护传承展示活动 20.00 19.60", "合计 80.50 78.30"],
    # a sheet saved with a space between cells: rows near the widest row's width, a few of them
    # to its very column, each a whole row
    ["资金来源 年初预算数 全年预算数 全年执行数 执行率 分值 得分",
     "年度资金总额 88.0万元 96.0万元 91.2万元 95.00% 10分 9.5分",
     "其中：中央资金 50.0万元 50.0万元 48.0万元 96.00%",
     "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
     "产出指标 数量指标 维护公益设施 ≥120处 126处 50分 50分",
     "满意度指标 服务对象满意度指标 村民满意度 ≥90% 92% 40分 40分"],
    # rows laid out in columns (wide gaps) as wide as their table, however many
    ["送戏下乡演出补助经费        40.00        38.50        96.25%"] * 6,
])
def test_a_text_not_wrapped_by_width_is_left_as_it_is(lines):
    assert hard_wrapped_lines_joined(lines) == lines


def test_a_line_broken_between_two_figures_keeps_their_space():
    # (a converter breaks a line of figures at a space between them: 6 6 | 6 6 6 is not 66 6 6)
    lines = ["市级主管部门按季度检查各县区项目进度并通报结果的，得1.5分。 1.5 1.5 1.5",
             "1.5 1.5 1.5 已完成"] * 5
    joined = hard_wrapped_lines_joined(lines)
    assert joined == [lines[0] + " " + lines[1]] * 5
    cjk = ["本年度共开展送戏下乡演出43场，组织全民艺术普及培训班12期，惠及群众3.4万",
           "人次，群众满意率达到93.6%。"] * 5
    assert hard_wrapped_lines_joined(cjk) == [cjk[0] + cjk[1]] * 5
