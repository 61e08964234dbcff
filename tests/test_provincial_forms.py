"""Provincial variants of the project self-evaluation form: a fund block headed 资金来源 | 年度预算 |
实际支出 | 支出进度 whose total row (合计) comes last, under 财政资金 broken down by level (其中：中央 /
省级 / 市县), and indicator blocks headed 指标名称 | 指标值 | 实际完成 | 权重 | 得分 or 一级指标 | 二级指标 |
绩效指标 | 目标值 | 完成值 | 分值 | 得分. Each form is written in the shapes text reaches us in (pipe rows,
cells spaced apart, the whole form on one line, one cell per line, a .docx table, an .xlsx sheet); names
and figures invented."""
from __future__ import annotations

import pytest

from extractor.pipeline import extract_file

from conftest import text_record
from test_forms import TEXT_SHAPES, _docx, _render_text, _xlsx

SHAPES = TEXT_SHAPES
FILES = {"docx": _docx, "xlsx": _xlsx}


def _funds(total_spent="842.50"):
    return [
        ["资金情况（万元）"],
        ["资金来源", "年度预算", "实际支出", "支出进度"],
        ["财政资金", "860.00", "842.50", "97.97%"],
        ["其中：中央", "640.00", "640.00", "100.00%"],
        ["省级", "150.00", "138.50", "92.33%"],
        ["市县", "70.00", "64.00", "91.43%"],
        ["其他资金", "—", "—", "—"],
        ["合计", "860.00", total_spent, "97.97%"],
    ]


def _named_indicators(meal_score="17", total_score="97"):
    return [
        ["指标名称", "指标值", "实际完成", "权重", "得分", "备注"],
        ["受助学生人数", "≥5200人", "5236人", "20", "20", "—"],
        ["补助资金发放准确率", "100%", "100%", "20", "20", "—"],
        ["学生营养餐供餐率", "≥98%", "96.5%", "20", meal_score, "冬季部分学校停餐"],
        ["食品安全事故", "0起", "0起", "20", "20", "—"],
        ["家长满意度", "≥90%", "93.2%", "20", "20", "—"],
        ["合计", "100", total_score],
    ]


def _levelled_indicators(total_score="96.5"):
    return [
        ["一级指标", "二级指标", "绩效指标", "目标值", "完成值", "分值", "得分", "未完成原因"],
        ["产出指标", "数量指标", "受助学生人数", "≥5200人", "5236人", "20", "20", "—"],
        ["产出指标", "质量指标", "补助资金发放准确率", "100%", "100%", "20", "20", "—"],
        ["产出指标", "时效指标", "资金拨付及时率", "100%", "95%", "20", "18", "一个季度延迟拨付"],
        ["效益指标", "社会效益指标", "学生体质达标率", "≥92%", "93.1%", "20", "20", "—"],
        ["满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "88.5%", "20", "18.5", "部分家长期望更高"],
        ["合计", "100", total_score],
    ]


def _record(tmp_path, shape, funds, indicators):
    rows = [["项目绩效目标自评表"], ["项目名称", "青禾县农村学生营养改善计划"],
            ["主管部门", "青禾县教育局", "实施单位", "青禾县学生资助管理中心"]] + funds + indicators
    if shape in FILES:
        return extract_file(FILES[shape](tmp_path, rows))
    text = "青禾县教育局关于2023年度项目绩效自评情况的报告\n\n" + _render_text(rows, shape) + "\n青禾县教育局\n2024年3月8日\n"
    return text_record(tmp_path, text)


def _errors(record, rule=None):
    return [f for f in record["flags"] if f["severity"] in ("error", "warning") and (rule is None or f["rule"] == rule)]


def _amounts(record):
    return {f["value"] for f in record["facts"] if f["kind"] == "amount"}


def _scores(record):
    return [f["value"] for f in record["facts"] if f["kind"] == "score"]


@pytest.mark.parametrize("shape", [*SHAPES, *FILES])
def test_a_clean_variant_form_is_read_and_raises_nothing(tmp_path, shape):
    record = _record(tmp_path, shape, _funds(), _named_indicators())
    assert not _errors(record), [f["message"] for f in _errors(record)]
    # the fund block's money in 万元, its rates; the weights and scores as 分, none as money
    assert {"8600000", "8425000", "1385000", "640000"} <= {str(int(float(v))) for v in _amounts(record)}
    assert sorted(float(v) for v in _scores(record) if float(v) == 20).count(20.0) == 9
    assert not {"200000", "970000", "1000000"} & {str(int(float(v))) for v in _amounts(record)}


@pytest.mark.parametrize("shape", [*SHAPES, *FILES])
def test_a_total_written_last_is_checked_against_the_rows_above_it(tmp_path, shape):
    # 财政资金 842.50 + 其他资金 — = 842.50; the 合计 row says 824.50 (its 中央/省级/市县 rows are
    # 财政资金's own breakdown: 640.00 + 138.50 + 64.00)
    record = _record(tmp_path, shape, _funds(total_spent="824.50"), _named_indicators())
    [flag] = _errors(record, "form.funds_total")
    assert "824.50万元" in flag["message"] and "842.50万元" in flag["message"]
    assert "中央" not in flag["message"]


@pytest.mark.parametrize("shape", [*SHAPES, *FILES])
def test_a_score_total_off_its_rows_is_flagged(tmp_path, shape):
    # 20 + 20 + 17 + 20 + 20 = 97; written 98
    record = _record(tmp_path, shape, _funds(), _named_indicators(total_score="98"))
    assert _errors(record, "form.score_total")


@pytest.mark.parametrize("shape", [*SHAPES, *FILES])
def test_a_missed_target_with_full_points_is_flagged(tmp_path, shape):
    # 供餐率 ≥98% met by 96.5% only, and still its 20 points (total then 100)
    record = _record(tmp_path, shape, _funds(), _named_indicators(meal_score="20", total_score="100"))
    [flag] = _errors(record, "form.target_missed")
    assert "96.5%" in flag["message"]


@pytest.mark.parametrize("shape", ["spaced", "cells", "pipe", "docx"])
def test_a_name_column_headed_by_its_own_word_after_the_levels(tmp_path, shape):
    # 一级指标 | 二级指标 | 绩效指标 …: the third header cell heads the names, so every row is read
    # and the 得分 sum is checked (20 + 20 + 18 + 20 + 18.5 = 96.5)
    clean = _record(tmp_path, shape, _funds(), _levelled_indicators())
    assert not _errors(clean), [f["message"] for f in _errors(clean)]
    slipped = _record(tmp_path, shape, _funds(), _levelled_indicators(total_score="97.5"))
    assert _errors(slipped, "form.score_total")


def test_a_block_label_that_names_a_column_again_is_no_column(tmp_path):
    # 年度预算 heads the block (the rows' label column), then the columns: read as a column of its
    # own it would take the row's first figure and lose its 分值 (rows whose last cells a copy
    # put on lines of their own)
    text = "\n".join([
        "部门整体支出绩效自评表",
        "部门（单位）名称：某县农业农村局                金额单位：万元",
        "年度预算 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "年度资金总额 | 920.00 | 1010.00 | 989.80 | 10 | 98.00% | 9.80 |",
        "其中：基本支出 | 700.00 | 720.00 | 720.00 |", "| 100.00% |", "|",
        "项目支出 | 220.00 | 290.00 | 269.80 |", "| 93.03% |", "|",
    ]) + "\n"
    record = text_record(tmp_path, text)
    assert not _errors(record), [f["message"] for f in _errors(record)]
    assert {"9200000", "10100000", "9898000"} <= {str(int(float(v))) for v in _amounts(record)}
    assert [float(v) for v in _scores(record)] == [10.0, 9.8]


def _broken_level_cells(total_label="总分", total_score="97"):
    # a page's text layer breaks the narrow level cells over lines (效益 / 指标) and may swap a
    # two-character label's characters (分总)
    return "\n".join([
        "转移支付整体绩效目标自评表", "（2024年度）", "转移支付（项目）名称 农村幼儿园设备补助资金",
        "绩效指标 一级", "指标", "二级指标 三级指标 年度指标值 全年实际完成值 分值 得分 未完成原因和改进措施",
        "产出", "指标", "数量指标 配备幼儿园数量 ≥12所 12所 20 20",
        "质量指标 设备验收合格率 100% 100% 20 20",
        "效益", "指标", "社会效益", "指标", "入园幼儿受益面 扩大 扩大 30 27",
        "满意度", "指标", "服务对象", "满意度指标", "家长满意度 ≥90% 96% 30 30",
        f"{total_label} 100 {total_score}",
    ]) + "\n"


@pytest.mark.parametrize("total_label", ["总分", "分总"])
def test_level_cells_broken_over_lines_are_read_as_levels(tmp_path, total_label):
    record = text_record(tmp_path, _broken_level_cells(total_label))
    [form] = record["forms"]
    paths = [r["path"] for r in form["indicators"]]
    assert ["效益指标", "社会效益指标", "入园幼儿受益面"] in paths, paths
    assert float(record["metadata"]["score"]) == 97
    assert not _errors(record), [f["message"] for f in _errors(record)]
    # 20 + 20 + 27 + 30 = 97: written 98, the sum is checked over every row
    assert _errors(text_record(tmp_path, _broken_level_cells(total_label, "98")), "form.score_total")


def _reviewed_indicators(own_total="96"):
    # a reviewer's column after the form's own scores: both are points, the form's total is its own
    return [
        ["序号", "一级指标", "二级指标", "三级指标", "年初指标值", "年终完成值", "自评分", "复核分"],
        ["1", "产出指标", "数量指标", "受助学生人数（30分）", "≥5200人", "5236人", "30", "30"],
        ["2", "产出指标", "质量指标", "补助资金发放准确率（30分）", "100%", "98%", "28", "27"],
        ["3", "效益指标", "社会效益指标", "学生营养状况改善（20分）", "改善", "明显改善", "20", "20"],
        ["4", "满意度指标", "服务对象满意度指标", "家长满意度（20分）", "≥90%", "92%", "18", "18"],
        ["总分（100分）", own_total, "95"],
    ]


@pytest.mark.parametrize("shape", [*SHAPES, *FILES])
def test_a_reviewers_score_column_is_read_beside_the_forms_own(tmp_path, shape):
    record = _record(tmp_path, shape, _funds(), _reviewed_indicators())
    assert not _errors(record), [f["message"] for f in _errors(record)]
    assert float(record["metadata"]["score"]) == 96  # the form's own total, not the reviewer's 95
    reviewed = [f for f in record["facts"] if f["kind"] == "score" and f["label"] == "复核分"]
    assert len(reviewed) >= 4
    # 30 + 28 + 20 + 18 = 96: a total of 97 is off the form's own column
    assert _errors(_record(tmp_path, shape, _funds(), _reviewed_indicators("97")), "form.score_total")


def _wrapped_reasons(total="97"):
    # a reason cell wrapped onto rows of its own, every other cell of them empty
    return "\n".join([
        "项目支出绩效自评表", "| 项目名称 | 某镇农村饮水维修养护经费 | | |",
        "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 |",
        "| 年度资金总额 | 120.00 | 120.00 | 118.50 |",
        "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
        "| | 产出指标 | 数量指标 | 维修供水工程处数 | ≥40处 | 42处 | 30 | 30 | 无 |",
        "| | | 质量指标 | 维修工程验收合格率 | 100% | 96% | 30 | 27 | 两处管网冬季冻裂， |",
        "| | | | | | | | | 次年开春返修后 |",
        "| | | | | | | | | 重新验收。 |",
        "| | 效益指标 | 社会效益指标 | 受益人口 | ≥1.2万人 | 1.26万人 | 20 | 20 | 无 |",
        "| | 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 93% | 20 | 20 | 无 |",
        f"| 总分 | | | | | | 100 | {total} | |",
    ]) + "\n"


def test_a_reason_wrapped_onto_rows_of_its_own_leaves_the_sums_known(tmp_path):
    assert not _errors(text_record(tmp_path, _wrapped_reasons()))
    # 30 + 27 + 20 + 20 = 97: a total of 98 is flagged
    assert _errors(text_record(tmp_path, _wrapped_reasons("98")), "form.score_total")


@pytest.mark.parametrize("spent", ["2,745.60", "2,755.60"])
def test_income_rows_named_as_grants_are_parts_of_the_department_total(tmp_path, spent):
    # 1,962.40 + 603.20 + 180.00 = 2,745.60 (and 基本支出 + 项目支出 the same): a total of 2,755.60 is off
    text = "\n".join([
        "部门整体支出绩效自评表", "部门（单位）名称：某县自然资源局", "金额单位：万元",
        "| 资金类别 | 年初预算数 | 全年预算数 | 全年执行数 |",
        f"| 年度资金总额 | 2,600.00 | 2,810.00 | {spent} |",
        "| 按收入性质分：一般公共预算拨款 | 1,900.00 | 2,020.00 | 1,962.40 |",
        "| 政府性基金拨款 | 520.00 | 610.00 | 603.20 |",
        "| 其他资金 | 180.00 | 180.00 | 180.00 |",
        "| 按支出性质分：基本支出 | 1,100.00 | 1,150.00 | 1,146.30 |",
        "| 项目支出 | 1,500.00 | 1,660.00 | 1,599.30 |",
    ]) + "\n"
    flags = _errors(text_record(tmp_path, text), "form.funds_total")
    assert bool(flags) == (spent == "2,755.60"), [f["message"] for f in flags]
