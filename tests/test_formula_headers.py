"""A department form whose fund header numbers its columns and writes their formulas under
them (年初部门预算安排金额 ① | 历年结余结转 ② | 年中调整金额 ③ | 小计 ④=①+②+③ | 年度拨付金额 ⑤ |
支出实现率(%) ⑥=⑤/④ | 本年度结余金额 ⑦=④-⑤ | 资金结余率(%) ⑧=⑦/④), as some provinces'
templates do; the formulas are marks of their columns, no columns of their own. Written here;
figures invented."""
from __future__ import annotations

from decimal import Decimal

import pytest
import regex

from conftest import text_record

HEADER = ["年初部门预算安排金额", "①", "历年结余结转", "②", "年中调整金额③", "小计", "④=①+②+③", "年度拨付金额", "⑤",
          "支出实现率(%)", "⑥=⑤/④", "本年度结余金额", "⑦=④-⑤", "资金结余率", "(%)", "⑧=⑦/④"]
ROW = ["财政资金小计", "315.40", "12.60", "20.00", "348.00", "330.60", "95%", "17.40", "5%"]


def _form(shape: str) -> str:
    head = ["部门整体支出绩效自评表", "(2019年度)", "部门(单位)名称 某县档案馆 部门预算编码 301002",
            "财政资金安排和使用情况 资金结构", "(万元)", "预算安排 拨付情况 结余情况"]
    if shape == "cells":
        body = HEADER + ROW + ["合 计"] + ROW[1:]
    elif shape == "formulas_spaced":
        # (a PDF's text layer spaces a formula's operators apart: ④ = ① + ② + ③)
        header = " ".join(regex.sub(r"\s*([=+/-])\s*", r" \1 ", h) for h in HEADER)
        # (and a column's number and sign kept on its label: 本年度结余金额⑦= ④ - ⑤)
        header = header.replace("本年度结余金额 ⑦ = ④", "本年度结余金额⑦= ④")
        assert "金额⑦= ④ - ⑤" in header
        body = [header, " ".join(ROW), " ".join(["合 计"] + ROW[1:])]
    else:
        body = [" ".join(HEADER), " ".join(ROW), " ".join(["合 计"] + ROW[1:])]
    tail = ["年度绩效指标完成情况 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
            "产出指标 数量指标 档案接收卷数 ≥3000卷 3120卷 50 50",
            "满意度指标 服务对象满意度指标 查档满意度 ≥90% 96% 50 50", "总分 100 100"]
    return "\n".join(head + body + tail) + "\n"


@pytest.mark.parametrize("shape", ["cells", "spaced", "formulas_spaced"])
def test_formulas_under_fund_columns_are_marks_not_columns(tmp_path, shape):
    record = text_record(tmp_path, _form(shape))
    form = record["forms"][0]
    assert form["fund_columns"][:5] == ["年初预算数", "结转数", "调整数", "小计", "全年执行数"]
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    for figure in ("3154000", "3480000", "3306000", "174000"):
        assert amounts.count(Decimal(figure)) == 2, figure
    assert not [f for f in record["flags"] if f["severity"] == "error"]
