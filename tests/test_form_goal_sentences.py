"""A form's goal cells (年度总体目标 / 实际完成情况) written as sentences read as prose: a
其中 there breaks down the figure before it, while the fund block's 其中 rows stay the form
rules'. Forms flattened to one line, as sites export them; names and figures invented."""
from __future__ import annotations

import pytest

from extractor.extract.form_tokens import Token
from extractor.extract.forms import _reads_as_prose
from extractor.model import Block

from conftest import text_record


def _form(done_parts: str, layout: str = "line") -> str:
    cells = [
        "项目支出绩效自评表", "项目名称", "村庄规划编制", "主管部门", "某县自然资源局", "实施单位", "某县规划服务中心",
        "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "60", "60", "59.95", "10", "99.92%", "10",
        "其中：当年财政拨款", "60", "60", "59.95", "—", "99.92%", "—",
        "上年结转资金", "—", "—", "—", "—", "—", "—",
        "其他资金", "—", "—", "—", "—", "—", "—",
        "年度总体目标", "预期目标", "实际完成情况",
        "计划投入资金60万元。其中：20万元用于测绘；25万元用于编制；15万元用于评审。",
        f"全年完成投入资金59.95万元。其中：{done_parts}",
        "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
        "产出指标", "数量指标", "完成规划村数", "≥12个", "12个", "50", "50", "—",
        "效益指标", "社会效益指标", "村民满意度", "≥90%", "95%", "40", "40", "—",
        "总分", "100", "100",
    ]
    return (" ".join(cells) if layout == "line" else "\n".join(cells)) + "\n"


def _breakdown_flags(record):
    return [f for f in record["flags"] if f["rule"] == "sum.breakdown"]


@pytest.mark.parametrize("layout", ["line", "cells"])
def test_goal_sentences_parts_that_miss_their_total_are_flagged(tmp_path, layout):
    # 20 + 25 + 16.95 = 61.95, more than the 59.95 the sentence states (a 其中 list may
    # name some parts only, so parts falling short would be no error)
    record = text_record(tmp_path, _form("20万元用于测绘；25万元用于编制；16.95万元用于评审。", layout))
    assert record["forms"] and record["forms"][0]["prose_cells"]
    flags = _breakdown_flags(record)
    assert len(flags) == 1 and flags[0]["severity"] == "error"
    assert "59.95" in flags[0]["message"]


@pytest.mark.parametrize("layout", ["line", "cells"])
def test_goal_sentences_that_add_up_raise_nothing(tmp_path, layout):
    record = text_record(tmp_path, _form("20万元用于测绘；25万元用于编制；14.95万元用于评审。", layout))
    breakdowns = [r for r in record["relations"] if r["type"] == "breakdown"]
    assert len(breakdowns) == 2  # the plan's and the outcome's, none from the fund rows
    assert not _breakdown_flags(record)
    assert not [f for f in record["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("cell, prose", [
    ("计划投入资金60万元。其中：20万元用于测绘；40万元用于编制。", True),
    ("全年完成投入资金59.95万元，完成年度目标。", True),
    ("到位率100%得满分，每低1个百分点扣0.2分", False),  # a scoring rule: the row's, no sentence
    ("执行率≥95%得满分，85%-95%得3分", False),
    ("其中：当年财政拨款", False),  # a fund row's label
    ("完成率", False),
])
def test_which_cells_read_as_sentences(cell, prose):
    block = Block(index=0, kind="paragraph", text=cell)
    token = Token(cell, block, 0, len(cell), 0, 0, False)
    assert _reads_as_prose(token) is prose
