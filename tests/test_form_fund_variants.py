"""Fund blocks laid out the less usual ways real forms use, written with invented figures:
a rate written as a share of one (0.9568 under 执行率), a 其中 row with a dash in its first
money column and every other cell written, and a note stating a scoring rule of the form's
own for the execution rate. Each shape gives the same facts and no false flag."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from conftest import text_record
from test_form_variants import TEXT_SHAPES, _errors, _record
from test_ingest_text_tables import needs_soffice, print_to_pdf

SHARE_RATES = [
    ["项目支出绩效自评表"],
    ["（2023年度）"],
    ["项目名称", "河道保洁"],
    ["主管部门", "某区水务局", "实施单位", "某区河道所"],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
    # 190.74 ÷ 200 = 0.9537; 171.54 ÷ 180 = 0.9530; 19.20 ÷ 20 = 0.9600
    ["年度资金总额", "180.00", "200.00", "190.74", "0.9537", "10", "9.54"],
    ["其中：当年财政拨款", "180.00", "180.00", "171.54", "0.9530", "—", "—"],
    ["上年结转资金", "—", "20.00", "19.20", "0.9600", "—", "—"],
    ["其他资金", "—", "—", "—", "—", "—", "—"],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "保洁河道长度", "≥100公里", "104公里", "45", "45"],
    ["效益指标", "满意度指标", "沿河群众满意度", "≥90%", "92%", "45", "45"],
    ["总分", "100", "99.54"],
]


def _percents(record) -> list:
    return sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "percent")


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx"])
def test_a_rate_written_as_a_share_of_one_is_a_percentage(tmp_path, shape):
    record = _record(tmp_path, SHARE_RATES, shape)
    assert {Decimal("95.37"), Decimal("95.30"), Decimal("96.00")} <= set(_percents(record))
    assert not any(f["kind"] == "amount" and f["text"].startswith("0.9") for f in record["facts"])
    assert not _errors(record), "a dash in the first column of a full row shifts no figure"
    assert not [f for f in record["flags"] if f["rule"].startswith("form.")]


@pytest.mark.parametrize("shape", ["pipe", "one_line"])
def test_a_share_of_one_off_its_amounts_is_still_flagged(tmp_path, shape):
    rows = [r if r[0] != "年度资金总额" else [*r[:4], "0.8537", *r[5:]] for r in SHARE_RATES]
    record = _record(tmp_path, rows, shape)
    assert any(f["rule"] == "form.execution_rate" and f["severity"] == "error" for f in record["flags"])


def _with_note(total_score: str, note: bool) -> list:
    rows = [r if r[0] != "年度资金总额" else [*r[:4], "92.40%", "10", total_score] for r in SHARE_RATES]
    rows = [r for r in rows if r[0] != "总分"] + [["总分", "100", str(Decimal(90) + Decimal(total_score))]]
    if note:
        rows.append(["注：执行率分值10分，执行率达到95%（含）以上的得满分，每降低一个百分点扣0.5分。"])
    return rows


@pytest.mark.parametrize("shape", ["pipe", "one_line"])
def test_a_form_stating_its_own_execution_scoring_rule_is_not_held_to_the_proportional_one(tmp_path, shape):
    # 190.74 ÷ 200 is 95.37%, but the row says 92.40%: keep the rate consistent with its amounts
    rows = [[*r[:3], "184.80", *r[4:]] if r[0] == "年度资金总额" else r for r in _with_note("8.70", True)]
    record = _record(tmp_path, rows, shape)
    assert record["forms"][0].get("execution_scoring_note")
    assert not [f for f in record["flags"] if f["rule"] == "form.execution_score"]
    # without the note, 8.70 against 10 × 92.40% = 9.24 is the proportional rule's warning
    rows = [[*r[:3], "184.80", *r[4:]] if r[0] == "年度资金总额" else r for r in _with_note("8.70", False)]
    record = _record(tmp_path, rows, shape)
    assert [f for f in record["flags"] if f["rule"] == "form.execution_score"]


@needs_soffice
def test_a_unit_stated_at_the_end_of_a_line_run_together(tmp_path):
    """Printed, the filer and the unit set apart by spaces run together (填报单位：某镇人民政府
    单位：元) on the line under the form's title: the amounts are in 元 still, and the title
    stays a line of its own."""
    from extractor.pipeline import extract_file
    text = ("2022年度巩固拓展脱贫攻坚成果同乡村振兴衔接资金项目绩效自评表\n\n"
            "填报单位：某县青山镇人民政府　　　　　　　　　　　　　　　　单位：元\n\n"
            "| 项目名称 | 青山镇蔬菜大棚建设项目 |  |  |  |  |  |\n"
            "| 主管部门 | 县乡村振兴局 |  | 实施单位 | 青山镇人民政府 |  |  |\n"
            "| 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |\n"
            "| 年度资金总额 | 1,200,000.00 | 1,200,000.00 | 1,188,000.00 | 10 | 99.00% | 9.90 |\n"
            "| 其中：中央衔接资金 | 800,000.00 | 800,000.00 | 800,000.00 | — | — | — |\n"
            "| 县级衔接资金 | 400,000.00 | 400,000.00 | 388,000.00 | — | — | — |\n")
    _, printed = print_to_pdf(tmp_path, text)
    record = extract_file(printed)
    amounts = sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount")
    assert amounts[-1] == Decimal("1200000") and amounts[0] == Decimal("388000")
    assert not [f for f in record["flags"] if f["severity"] == "error"]


NESTED_FUNDS = [
    ["中央财政衔接推进乡村振兴补助资金绩效自评表"],
    ["转移支付名称", "衔接资金", "实施单位", "某县乡村振兴局"],
    ["资金情况（万元）", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
    ["年度资金总额", "9640.00", "9582.16", "99.40%", "10", "9.94"],
    ["中央财政资金", "6820.00", "6786.40", "99.51%", "", ""],
    ["地方资金", "2820.00", "2795.76", "99.14%", "", ""],
    ["其中：省级资金", "2100.00", "2075.76", "98.85%", "", ""],
    ["县级资金", "720.00", "720.00", "100.00%", "", ""],
    ["其他资金", "—", "—", "—", "", ""],
]


@pytest.mark.parametrize("shape", ["pipe", "cells"])
def test_a_part_broken_down_by_the_rows_under_it_is_no_error_of_the_total(tmp_path, shape):
    # 中央 6820 + 地方 2820 = 9640; 省级 2100 + 县级 720 = 地方 2820
    record = _record(tmp_path, NESTED_FUNDS, shape)
    assert not [f for f in record["flags"] if f["rule"] == "form.funds_total"]
    # the same form with the total off its first-level rows is flagged
    off = [r if r[0] != "年度资金总额" else [r[0], "9740.00", *r[2:]] for r in NESTED_FUNDS]
    assert [f for f in _record(tmp_path, off, shape)["flags"] if f["rule"] == "form.funds_total"]


def test_rows_left_out_leave_both_sums_short_and_a_slip_leaves_one():
    """Rows a text layer ran into the header are not read: the 分值 read fall short of 100 and
    the 得分 of the 总分 by no more (no error); a form's own slip leaves one sum off."""
    from extractor.check.forms_scores import _rows_left_out

    def fact(fid, value):
        return {"id": fid, "value": Decimal(value), "kind": "score", "decimals": 0, "scale": 1, "text": value}

    def form_of(rows, total):
        facts = {}
        leaves = []
        for k, (w, sc) in enumerate(rows):
            facts[f"w{k}"], facts[f"s{k}"] = fact(f"w{k}", w), fact(f"s{k}", sc)
            leaves.append({"path": [f"指标{k}"], "weight": f"w{k}", "score": f"s{k}"})
        facts["t"] = fact("t", total)
        return {"indicators": leaves, "total_score": "t"}, leaves, facts

    form, leaves, facts = form_of([("30", "30"), ("30", "30"), ("20", "20")], "98")  # a 20 | 18 row not read
    assert _rows_left_out(form, leaves, [], facts)
    form, leaves, facts = form_of([("30", "30"), ("30", "30"), ("20", "20"), ("20", "18")], "96")  # 98 written as 96
    assert not _rows_left_out(form, leaves, [], facts)


@pytest.mark.parametrize("shape", ["pipe", "cells"])
def test_an_indicator_naming_its_unit_in_brackets_gives_its_bare_figures_that_unit(tmp_path, shape):
    rows = [["项目支出绩效自评表"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "成本指标", "生活补贴标准（元/人·月）", "≥110", "110", "50", "50"],
            ["效益指标", "社会效益指标", "补贴资金（万元）", "≥36.5", "37.2", "50", "50"],
            ["总分", "100", "100"]]
    record = _record(tmp_path, rows, shape)
    rates = [Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "money_rate"]
    amounts = [Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount"]
    assert rates == [110, 110] and sorted(amounts) == [365000, 372000]


# A document-sharing site's preview of a form (invented figures): cells a space apart, but a
# 其中 row's last figure, its three dash cells and the next row's label run together; 元 read
# as 兀 and a 10 as IO by its text recognition.
SHARED_PREVIEW = (
    "《某县2022年度村道养护项目支出绩效自评表.doc》由会员分享，可在线阅读。\n"
    "项目支出绩效自评表（2022年度）项目名称村道养护主管部门某县交通运输局实施单位某县公路所"
    "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分"
    "年度资金总额520.00 560.00 548.80 10 98.00% 9.80"
    "其中：当年财政拨款480.00 520.00 510.80———上年结转资金40.00 40.00 38.00———其他资金0.00 0.00 0.00———"
    "年度总体目标完成村道日常养护312公里，全年支出养护资金548.80万兀。"
    "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
    "产出指标数量指标养护村道里程≥310公里312公里 IO 10 质量指标路面完好率≥85% 87.5% 40 40"
    "效益指标社会效益指标群众出行满意度≥90% 93.2% 40 40 总分100 99.8\n")


def test_a_previews_dash_cells_run_together_and_its_misread_characters(tmp_path):
    from conftest import text_record

    record = text_record(tmp_path, SHARED_PREVIEW, "preview_form.txt")
    amounts = Counter(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount")
    for wan in ("510.80", "40.00", "38.00"):
        assert amounts[Decimal(wan) * 10000] >= 1, wan
    assert amounts[Decimal("5488000")] == 2, "548.80万兀 is 548.80万元"
    scores = [f for f in record["facts"] if f["kind"] == "score" and f["text"] == "10"]
    assert len(scores) >= 3, "IO read as the 分值 10 beside its 得分"
    assert _errors(record) == []
    slipped = SHARED_PREVIEW.replace("上年结转资金40.00 40.00 38.00", "上年结转资金40.00 40.00 48.00")
    assert any("合计" in e for e in _errors(text_record(tmp_path, slipped, "slipped.txt")))


def test_a_self_evaluation_report_forms_sources_by_government_level(tmp_path):
    # 计划安排 | 实际到位 | 实际支出 | 结余 over 合计 and 其中：中央财政 / 省财政 / 市财政 / 县财政, one
    # cell a line: the 市 and 县 rows are sources too, so the total is theirs and no error is raised
    cells = ["项目绩效自评报告表", "（2021年度）", "填报单位（盖章）：某县水利局", "项目名称", "农村饮水安全巩固提升",
             "项目主管部门", "某县水利局", "项目实施单位", "某县水务服务中心", "项目类别", "专项项目", "项目资金", "情况",
             "计划安排资金（万元）", "实际到位资金（万元）", "实际支出（万元）", "结余（万元）",
             "合计", "980.00", "980.00", "912.40", "67.60",
             "其中：中央财政", "490.00", "490.00", "490.00", "0.00",
             "省财政", "196.00", "196.00", "180.40", "15.60",
             "市财政", "98.00", "98.00", "90.00", "8.00",
             "县财政", "196.00", "196.00", "152.00", "44.00"]
    record = text_record(tmp_path, "\n".join(cells) + "\n", "sources.txt")
    assert not _errors(record)
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    assert Decimal("9800000") in amounts and Decimal("1520000") in amounts
