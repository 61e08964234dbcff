"""Reports and forms as the thirty-eighth session found them. Every text here is made up for
the tests."""
from decimal import Decimal

import pytest

from conftest import error_flags, text_record


def _figures(record, kind, label=None):
    return [Decimal(f["value"]) for f in record["facts"]
            if f["kind"] == kind and (label is None or f.get("label") == label)]


def _rules(record):
    return sorted(f["rule"] for f in error_flags(record))


_BRACKETED_FORM = """2020年度项目支出绩效自评表
项目名称
桐溪县农村饮水安全维修养护
主管部门
桐溪县水务局
单位：万元
年初预算数
全年预算数
全年执行数
分值
执行率
得分
年度资金总额
320.00
336.50
322.10
{open}10{close}
95.72%
9.57
其中：当年财政拨款
320.00
320.00
305.60
95.50%
上年结转资金
—
16.50
16.50
一级指标
二级指标
三级指标
年度指标值
实际完成值
分值
得分
偏差原因分析及改进措施
产出指标
数量指标
维修供水工程处数
≥40处
42处
{open}25{close}
25
质量指标
维修工程验收合格率
100%
100%
{open}25{close}
25
效益指标
社会效益指标
受益农村人口
≥3.2万人
3.05万人
{open}20{close}
17
部分工程冬季停工，下一步加快进度
满意度指标
服务对象满意度指标
受益群众满意度
≥90%
93.5%
{open}20{close}
20
总分
{open}100{close}
96.57
"""


@pytest.mark.parametrize("brackets", [("(", ")"), ("（", "）")])
def test_weights_written_in_brackets_one_cell_a_line_are_read(tmp_path, brackets):
    text = _BRACKETED_FORM.format(open=brackets[0], close=brackets[1])
    record = text_record(tmp_path, text)
    scores = _figures(record, "score")
    assert sorted(_figures(record, "score", "得分")) == [Decimal("9.57"), Decimal("17"), Decimal("20"), Decimal("25"), Decimal("25")]
    assert scores.count(Decimal("25")) == 4 and Decimal("100") in scores and Decimal("10") in scores
    assert record["metadata"]["score"] == Decimal("96.57")
    assert not error_flags(record)


def test_a_bracketed_number_before_words_stays_an_items_number(tmp_path):
    # (1) before a name numbers the item; it is no weight
    text = _BRACKETED_FORM.format(open="(", close=")").replace("数量指标\n", "(1)\n数量指标\n")
    record = text_record(tmp_path, text)
    assert Decimal("1") not in _figures(record, "score")


def test_a_bracketed_weight_that_is_wrong_is_still_checked(tmp_path):
    # the 总分 row's 96.57 against indicator scores that add up to 88 + 9.57
    text = _BRACKETED_FORM.format(open="(", close=")").replace("\n17\n", "\n9\n")
    record = text_record(tmp_path, text)
    assert "form.score_total" in _rules(record)


_EXCERPT_TITLE_FORM = """石门县民政局2022年度部门整体支出绩效自评表（节选）
部门（单位）名称
石门县民政局
全年预算数（万元）
全年执行数（万元）
分值
执行率
得分
年度资金总额
5210.40
5098.12
10分
97.85%
9.78
按收入性质分
其中：一般公共预算
4980.40
4868.12
政府性基金
230.00
230.00
"""


def test_a_title_closing_in_excerpt_brackets_states_no_unit(tmp_path):
    # （节选） is no unit: the form's header is not taken for a table under a unit caption
    record = text_record(tmp_path, _EXCERPT_TITLE_FORM)
    amounts = _figures(record, "amount")
    assert Decimal("52104000") in amounts and Decimal("50981200") in amounts
    assert "form.funds_total" not in _rules(record)


def test_a_unit_caption_still_heads_its_one_row_table(tmp_path):
    text = ("2021年度收入情况（万元）\n机构名称\n财政拨款\n事业收入\n其他收入\n合计\n某镇卫生院\n"
            "320.50\n88.20\n11.30\n420.00\n")
    record = text_record(tmp_path, text)
    assert Decimal("3205000") in _figures(record, "amount")


_SUMMARY = ("四、自评结论\n本项目预算执行指标得{budget}分；产出指标50分，得46分；效益指标30分，得27分；"
            "满意度指标10分，得9分。自评总分{total}分，自评等级为“优”。\n")


def test_a_summary_whose_levels_weigh_less_than_the_whole_is_not_summed(tmp_path):
    # the budget level is written without its weight: the three weighed levels are not all of it
    record = text_record(tmp_path, "河口县2023年度护林员补助项目绩效自评报告\n" + _SUMMARY.format(budget="9.60", total="91.60"))
    assert "score.tree" not in _rules(record)


def test_a_summary_whose_levels_make_the_whole_is_still_summed(tmp_path):
    text = ("河口县2023年度护林员补助项目绩效自评报告\n四、自评结论\n预算执行指标10分，得9分；产出指标50分，得46分；"
            "效益指标30分，得27分；满意度指标10分，得9分。自评总分93分，自评等级为“优”。\n")
    record = text_record(tmp_path, text)
    assert "score.tree" in _rules(record)  # 9 + 46 + 27 + 9 = 91, not 93


_TAB_STOPS = ("表2 各乡镇补助发放情况\n"
              "乡镇\t\t补助户数（户）\t补助人数（人）\t补助金额（万元）\t备注\n"
              "城关镇\t\t210\t602\t60.20\t\n"
              "石桥镇\t\t185\t540\t54.00\t含两个移民安置点\n"
              "白沙回族乡\t164\t471\t47.10\t\n"
              "马坪镇\t\t132\t388\t38.80\t\n"
              "{wrapped}"
              "合计\t\t{total}\t2,405\t240.50\n")


def test_a_table_typed_with_tab_stops_keeps_its_columns(tmp_path):
    # short names reach the next stop with two tabs, a long name with one
    wrapped = "其他乡（柳湾、\n杏园两乡合计）\t201\t404\t40.40\t\n"
    record = text_record(tmp_path, "一、资金发放\n" + _TAB_STOPS.format(wrapped=wrapped, total="892") + "以上资金均已发放到户。\n")
    assert sorted(_figures(record, "households")) == [132, 164, 185, 201, 210, 892]
    assert Decimal("471") in _figures(record, "headcount")
    assert Decimal("404") in _figures(record, "headcount")
    assert not error_flags(record)


def test_a_tab_stop_table_whose_total_is_off_is_flagged(tmp_path):
    wrapped = "其他乡（柳湾、\n杏园两乡合计）\t201\t404\t40.40\t\n"
    record = text_record(tmp_path, "一、资金发放\n" + _TAB_STOPS.format(wrapped=wrapped, total="829") + "以上资金均已发放到户。\n")
    assert "sum.table" in _rules(record)


def test_an_empty_column_filled_by_a_short_name_is_a_column(tmp_path):
    # the second column is empty for some rows but filled beside a short name: a real column
    text = ("项目\t类别\t金额（万元）\t人数（人）\n"
            "培训\t\t12.50\t120\n"
            "补贴\t\t30.00\t300\n"
            "奖励\t先进\t5.00\t20\n"
            "合计\t\t47.50\t440\n")
    record = text_record(tmp_path, "一、资金使用\n" + text)
    assert sorted(_figures(record, "headcount")) == [20, 120, 300, 440]


_SPACED_COUNTIES = """二、资助情况
县（区）        资助人数（人）    资助标准（元/人）    资助金额（万元）    备注
东坪县          12,400            100                  124.00
西岭县          8,650             150                  129.75              深度贫困县
南山区          5,210             100                  52.10
合计            26,260                                 {total}
"""


def test_a_total_row_with_a_blank_standard_still_adds_up_its_money(tmp_path):
    record = text_record(tmp_path, _SPACED_COUNTIES.format(total="350.85"))
    assert "sum.table" in _rules(record)  # 124.00 + 129.75 + 52.10 = 305.85
    clean = text_record(tmp_path, _SPACED_COUNTIES.format(total="305.85"))
    assert not error_flags(clean)


_UNITS_SHEET = """恩施州2020年农村物流补助项目绩效评价得分表
序号 一级 二级 三级指标 评分标准 指标分值 利川 建始 巴东 宣恩县 平均分 备注
1 决策(20分) 政策制定(10分) 实施方案合规性 出台年度实施方案并报市级备案的,得5分; 5 5 5 4 5 4.75
逾期报送的扣1分。
2 资金管理(10分) 到位及时性 资金在规定时限内到位的,得4分; 4 4 3 4 4 3.75
3 产出(40分) 站点覆盖率 村级站点覆盖率达到{cover}%以上的,得6分,每低1个百分点扣1分。 6 6 {low} 6 6 {avg}
"""


def test_a_sheet_scoring_several_counties_side_by_side_reads_each_countys_points(tmp_path):
    record = text_record(tmp_path, _UNITS_SHEET.format(cover="90", low="5", avg="5.75"))
    # (the sheet's own cells are bare figures: the criteria's 得5分 and the levels' (20分) are facts too)
    bare = [f for f in record["facts"] if f["kind"] == "score" and "分" not in f["text"]]
    weights = [Decimal(f["value"]) for f in bare if f["label"] == "分值"]
    scores = [Decimal(f["value"]) for f in bare if f["label"] == "得分"]
    assert sorted(weights) == [4, 5, 6]
    assert sorted(scores) == sorted([Decimal(x) for x in "5 5 4 5 4.75 4 3 4 4 3.75 6 5 6 6 5.75".split()])
    assert not error_flags(record)


def test_a_run_with_a_score_above_its_weight_is_no_row_of_such_a_sheet(tmp_path):
    # 8 above the weight 6: the figures are not a weight and the counties' points
    record = text_record(tmp_path, _UNITS_SHEET.format(cover="90", low="8", avg="6.5"))
    assert Decimal("8") not in _figures(record, "score", "得分")


def test_a_header_of_columns_after_the_weight_is_no_sheet_of_units(tmp_path):
    # 得分 and 扣分原因 after the weight are columns, not units scored
    text = ("三级指标 评分标准 指标分值 得分 扣分原因\n资金到位率 到位率100%得5分 5 5 无\n"
            "资金执行率 执行率每低1个百分点扣0.5分 5 4.5 执行偏慢\n")
    record = text_record(tmp_path, text)
    assert all(f.get("label") != "得分" or Decimal(f["value"]) in (5, Decimal("4.5")) for f in record["facts"])


@pytest.mark.parametrize("sign", ["%", "％"])
def test_a_percent_sign_set_apart_in_a_one_line_form_stays_with_its_figure(tmp_path, sign):
    text = ("金山县2022年度项目支出绩效自评表 项目名称 农村改厕补助 主管部门 金山县农业农村局 "
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
            f"产出指标 数量指标 改厕户数 ≥1200户 1236户 20 20 无 时效指标 验收及时率 ≥95 {sign} 91.5 {sign} 10 8 "
            "部分村验收延后 效益指标 社会效益指标 卫生厕所普及率 ≥85 % 87.2 % 30 30 无 "
            "满意度指标 服务对象满意度指标 农户满意度 ≥90% 93% 30 30 无 总分 90 88")
    record = text_record(tmp_path, text)
    assert Decimal("91.5") in _figures(record, "percent")
    assert sorted(_figures(record, "score", "得分")) == [8, 20, 30, 30]
    assert not error_flags(record)


def test_a_department_form_naming_its_money_as_input_in_the_year(tmp_path):
    # 年初预算资金总额 | 实际投入资金额: the budget and what was spent
    text = ("2021年部门整体绩效目标自评表\n\n\n单位名称 柳林县文化旅游委员会 单位负责人及电话 王某 13900000000\n\n\n"
            "主管部门 文旅委财务科 实施单位\n\n\n资金情况(万元)\n"
            "年初预算资金总额(万元) 实际投入资金额(万元) 产生差异的原因\n\n\n\n"
            "合计 860.50 1120.30 追加文旅活动经费\n\n\n\n其中:财政拨款 860.50 1120.30\n\n\n其他资金\n")
    record = text_record(tmp_path, text)
    amounts = _figures(record, "amount")
    assert amounts.count(Decimal("11203000")) == 2 and amounts.count(Decimal("8605000")) == 2


_GRID_ROWS = ["项目负责人 | 刘某 | 联系电话 | 0571-6000000 | |||||||",
              "项目起止时间 | 2021年度 | |||||||||",
              "计划安排资金(万元) | 860.00 | 实际到位资金(万元) | 812.40 | |||||||",
              "其中:中央财政 | 300.00 | 其中:中央财政 | 300.00 | |||||||",
              "县财政 | 560.00 | 县财政 | 512.40 | |||||||",
              "实际支出(万元) | 798.60 | |||||||||"]


@pytest.mark.parametrize("joined", ["\n", " "])
def test_a_padded_grid_keeps_its_rows_when_the_page_runs_into_one_line(tmp_path, joined):
    # a sheet's rows fill their first cells and pad the rest to one width; a scraper ran them
    # into one line: each row still opens with a name and closes with empty cells
    text = "桐庐县财政支出项目绩效评价报告 评价机构:部门评价组 一、项目基本概况 | ||||||||||" + joined + joined.join(_GRID_ROWS) + "\n"
    record = text_record(tmp_path, text)
    amounts = _figures(record, "amount")
    for v in ("8600000", "8124000", "3000000", "5600000", "5124000", "7986000"):
        assert Decimal(v) in amounts, (v, amounts)


def test_rows_that_close_with_a_filled_cell_are_no_padded_grid(tmp_path):
    # rows with no empty cells at their end cannot be told apart once run together: left as they are
    from extractor.ingest.markdown_rows import _padded_grid
    line = " ".join(["甲 | 1 | 2 | 3", "乙 | 4 | 5 | 6", "丙 | 7 | 8 | 9", "丁 | 1 | 2 | 3"])
    assert _padded_grid(line) is None


def test_a_department_form_titled_as_its_targets_self_evaluation_is_a_department_form(tmp_path):
    # 部门整体绩效目标自评表: the department's form, though its title ends as project forms' do
    text = ("2021年部门整体绩效目标自评表\n单位名称 柳林县文化旅游委员会\n资金情况(万元)\n"
            "年初预算资金总额(万元) 实际投入资金额(万元) 产生差异的原因\n"
            "合计 860.50 1120.30 追加文旅活动经费\n其中:财政拨款 860.50 1120.30\n")
    record = text_record(tmp_path, text)
    assert record["metadata"]["report_type"] == "form_department"
