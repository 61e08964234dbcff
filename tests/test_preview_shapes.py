"""Shapes met on real documents read for the first time (document-sharing previews, forms
exported with single spaces, a province's own fund rows): each written for the test, with
invented names and figures."""
from decimal import Decimal

from conftest import text_record


def _values(record, kind):
    return [Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == kind]


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


def test_a_dash_read_as_一_and_a_score_run_into_the_next_rows_label(tmp_path):
    # a preview's text layer: cells a space apart, empty cells' dashes read as 一 and glued
    # to the figure or label before them, the total's 得分 run into 其中
    form = ("部门整体支出绩效自评表（2021年度）部门名称 青石县司法局 年度预算资金（万元）年初预算数 全年预算数 全年执行数 "
            "分值 执行率 得分 年度资金总额860.50 912.40 896.20 10 98.22% 9.82其中：本年财政拨款860.50 880.40 864.20一 "
            "98.16%一 上年结转资金一 32.00 32.00一 100.00%一 其他资金一 一 一一 一一\n")
    record = text_record(tmp_path, form, "preview_form.txt")
    amounts = _values(record, "amount")
    # (a row opening with a lone 一 is left unread: a lone 一 may be a word's)
    for written in ("860.50", "880.40", "864.20"):
        assert Decimal(written) * 10000 in amounts
    assert Decimal("9.82") in _values(record, "score")
    assert not _errors(record)


def test_a_score_table_a_single_space_between_cells(tmp_path):
    text = ("二、评分结果\n一级指标 分值 得分 得分率\nA项目必要性 25 25 100%\nB方案可行性 25 21.5 86%\n"
            "C目标合理性 25 22 88%\nD投入经济性 25 24 96%\n合计 100 92.5 92.5%\n")
    record = text_record(tmp_path, text, "one_space_scores.txt")
    assert sorted(_values(record, "score")) == sorted(Decimal(x) for x in (
        "25", "25", "25", "21.5", "25", "22", "25", "24", "100", "92.5"))


def test_fund_rows_whose_empty_cells_leave_a_wide_gap(tmp_path):
    # cells a single space apart, a wide gap only where 分值 and 得分 are empty; the 其中
    # rows' one figure past their amounts is their rate, written bare as the header says (%)
    form = ("项目支出绩效自评表\n项目名称: 学生资助 主管部门: 某市教育局\n"
            "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分\n"
            "资金总额: 80,000.00 80,000.00 60,000.00 10.00  75 7.5\n"
            "其中:财政资金: 0.00 0.00 0.00   0\n"
            "单位资金: 80,000.00 80,000.00 60,000.00   75\n"
            "财政专户管理资金: 0.00 0.00 0.00   0\n")
    record = text_record(tmp_path, form, "wide_gap_funds.txt")
    assert _values(record, "amount").count(Decimal(80000)) == 4
    assert _values(record, "percent").count(Decimal(75)) == 2
    assert not _errors(record)


def test_a_bare_figure_far_beyond_any_rate_under_a_rate_column_is_no_rate(tmp_path):
    # a cell of another column moved under 执行率（%） (213722.82 is no rate); the others are
    text = ("表1 资金使用情况\n| 项目 | 预算数（万元） | 执行率（%） |\n|---|---|---|\n| 设备购置 | 120.5 | 98.6 |\n"
            "| 人员培训 | 36.0 | 213722.82 |\n| 合计 | 156.5 | 99.1 |\n")
    record = text_record(tmp_path, text, "off_columns.txt")
    assert sorted(_values(record, "percent")) == [Decimal("98.6"), Decimal("99.1")]


def test_a_uploaders_name_with_digits_is_no_score(tmp_path):
    text = "《某县2020年度项目绩效评价报告》由会员wk_7731分享，可在线阅读。\n项目评价得分91分，等级为优。\n"
    record = text_record(tmp_path, text, "uploader.txt")
    assert _values(record, "score") == [Decimal(91)]


def test_an_execution_rate_flag_shows_the_quotient_of_the_written_figures(tmp_path):
    form = ("项目支出绩效自评表\n项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
            "年度资金总额 | 12.6 | 12.6 | 12.6 | 10 | 100% | 10\n"
            "其中：当年财政拨款 | 10.8 | 10.8 | 10.8 | — | 100% | —\n"
            "其他资金 | 1.8 | 1.8 | 1.8 | — | 0% | —\n")
    record = text_record(tmp_path, form, "quotient.txt")
    [flag] = [f for f in record["flags"] if f["rule"] == "form.execution_rate"]
    assert "1.8万元 ÷ 1.8万元 × 100% = 100%" in flag["message"]


def test_a_form_on_one_line_with_dashes_read_as_一_and_its_header_labels_run_together(tmp_path):
    form = ("1、项目支出绩效自评表 （2022年度） 项目名称：农村低保资金 主管部门：云岭县民政局 项目资金（万元）：年初预算数 "
            "全年预算数 全年执行数 分值 执行率 得分 年度资金总额 2,400.00 2,518.60 2,493.41 10 99.00% 9.9 "
            "其中:本年财政拨款 2,400.00 2,430.60 2,405.41 一 98.96% 一 上年结转资金 一 88.00 88.00 一 100% 一 "
            "其他资金 一 一 一 一 一 一 年度总体目标：按月足额发放低保金。\n"
            "2、绩效指标 一级指标二级指标三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
            "产出指标 数量指标 保障人数 ≥5200人 5316人 20 20 一 质量指标 资金发放准确率 100% 100% 20 20 一 "
            "效益指标 社会效益指标 困难群众基本生活保障率 100% 100% 30 30 一 满意度指标 服务对象满意度 ≥90% 95% 20 20 一\n"
            "3、总分 100 99.9 自评等级 ■优 口良 口中 口差\n")
    record = text_record(tmp_path, form, "one_line_form.txt")
    amounts = _values(record, "amount")
    for written in ("2400.00", "2518.60", "2493.41", "2430.60", "2405.41", "88.00"):
        assert Decimal(written) * 10000 in amounts, written
    # no figure of the indicator block is money (20 | 20 are points, not 20万元)
    assert not {Decimal(200000), Decimal(300000)} & set(amounts)
    assert record["metadata"]["score"] == Decimal("99.9")
    assert not _errors(record)


def test_a_row_named_by_a_first_level_word_under_its_second_level_name(tmp_path):
    # 满意度(%) is the row's name here, not a new first-level indicator: its 得分 counts
    form = ("项目支出绩效自评表\n"
            "预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 |\n"
            "年度财政资金总额 | 300 | 285 | 95% | 19 |\n"
            "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |\n"
            "产出指标 | 数量指标 | 培训人数(人) | 400 | 412 | 40 |\n"
            "效益指标 | 社会效益指标 | 就业率(%) | 60 | 63 | 30 |\n"
            "满意度指标 | 服务对象满意度指标 | 满意度(%) | 90 | 96 | 10 |\n"
            "总分 | 99 |\n")
    record = text_record(tmp_path, form, "level_word_row.txt")
    assert not _errors(record)
    bad = text_record(tmp_path, form.replace("总分 | 99 |", "总分 | 98 |"), "level_word_row_bad.txt")
    assert [f["rule"] for f in _errors(bad)] == ["form.score_total"]


def test_a_bare_rate_above_100_from_cells_off_their_columns_is_not_checked(tmp_path):
    # the header lost a column: the paid amount (158.45) stands under 执行率, bare
    form = ("部门整体支出绩效自评表\n项目资金（万元） | 全年预算数 | 全年执行数 | 执行率 |\n"
            "年度资金总额 | 58.07 | 158.61 | 158.45 |\n")
    assert not _errors(text_record(tmp_path, form, "off_rate.txt"))
    # a rate written with its % is still checked
    written = form.replace("| 158.45 |", "| 158.45% |")
    assert [f["rule"] for f in _errors(text_record(tmp_path, written, "off_rate_pct.txt"))] == ["form.execution_rate"]


def test_a_first_level_weight_in_brackets_without_its_unit(tmp_path):
    table = ("三、评分表\n一级指标 二级指标 三级指标 分值 评分标准 得分\n"
             "决策（15） 项目立项 立项依据充分性 5 依据充分 5\n立项程序规范性 5 程序规范 5\n"
             "绩效目标 目标明确性 5 目标明确 4\n产出（35） 产出数量 完成率 10 全部完成 10\n"
             "覆盖率 10 全部覆盖 10\n产出质量 合格率 15 全部合格 14\n合计 50 48\n")
    record = text_record(tmp_path, table, "level_weights.txt")
    assert Decimal(15) in _values(record, "score") and Decimal(35) in _values(record, "score")
    assert not _errors(record)
    # with no score column anywhere, or inside a sentence, a bracketed figure is no weight
    prose = "二、项目产出\n产出（3）项：新建泵站2座、改造管网12公里、购置设备。\n项目决策过程规范。\n"
    assert _values(text_record(tmp_path, prose, "no_weights.txt"), "score") == []
