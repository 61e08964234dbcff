"""Readings of lists, standards and bases that a report states in prose: which count a
standard paid, which base a rate of several is over, when a 其中 list of government levels
names the whole, and a grade's band in brackets. Each passage was written for the test, with
invented names and figures; the consistent one raises nothing, the inconsistent one is flagged."""
from decimal import Decimal

from extractor.pipeline import extract_file


def record_of(tmp_path, body, name="r.txt"):
    f = tmp_path / name
    f.write_text("某县民政局2023年度项目支出绩效评价报告\n\n" + body, encoding="utf-8")
    return extract_file(f)


def flags_of(tmp_path, body, rule=None):
    return [f for f in record_of(tmp_path, body)["flags"] if rule is None or f["rule"] == rule]


def flag_of_the_slip(tmp_path, rule, clean, slipped):
    """The one flag of `rule` on the slipped passage, its clean twin raising none."""
    assert flags_of(tmp_path, clean, rule) == []
    [flag] = flags_of(tmp_path, slipped, rule)
    return flag


# ---------------------------------------------------------------- product.unit: whom the standard paid

_TOWNS = ("全年培训农村劳动力1840人。分乡镇看，东坪镇460人，西坪镇390人，南坪乡350人，北坪乡640人。"
          "培训补贴按2000元/人标准发放，共计发放{total}万元，其中东坪镇92万元。\n")


def test_a_standard_paid_to_everyone_is_not_read_against_the_first_town(tmp_path):
    # 2000 × 1840 = 368万元: the count of all, stated before the towns' list
    assert flags_of(tmp_path, _TOWNS.format(total="368"), "product.unit") == []


def test_a_standard_no_count_of_its_paragraph_gives_is_flagged(tmp_path):
    [flag] = flags_of(tmp_path, _TOWNS.format(total="386"), "product.unit")
    assert flag["severity"] == "error"


_BETWEEN = "按每人每年{rate}元标准，对全县2150名困难残疾人发放生活补贴，共计发放{total}万元，补贴对象较上年的1980人增加170人。\n"


def test_the_count_between_a_standard_and_its_total_is_whom_it_paid(tmp_path):
    flag = flag_of_the_slip(tmp_path, "product.unit", _BETWEEN.format(rate="960", total="206.4"),
                            _BETWEEN.format(rate="960", total="260.4"))
    assert "960元 × 2150名" in flag["message"] and "206.4万元" in flag["message"]


# ---------------------------------------------------------------- ratio.stated: a rate over its own base

_TWO_RATES = ("全年调整后预算数为8650.00万元，本年支出合计8302.40万元，整体预算执行率95.98%。支出中，基本支出1230.50万元；"
              "项目支出7071.90万元。项目支出预算7420.00万元，执行率为{rate}%。\n")


def test_a_rate_whose_clause_states_its_base_is_checked_beside_another_rate(tmp_path):
    flag = flag_of_the_slip(tmp_path, "ratio.stated", _TWO_RATES.format(rate="95.31"), _TWO_RATES.format(rate="97.42"))
    assert "95.31%" in flag["message"]


def test_rates_of_several_sources_each_over_a_plan_not_stated_stay_unchecked(tmp_path):
    body = "省级资金到位1250万元，到位率100%；县级资金到位500万元，到位率80%。项目年初预算1800万元。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []


# ---------------------------------------------------------------- sum.breakdown: the levels that gave

def test_a_list_of_government_levels_short_of_its_total_is_a_warning(tmp_path):
    body = "全年到位康复救助资金2648.5万元，其中中央资金1520.0万元、省级资金806.3万元、县级资金262.2万元。\n"
    [flag] = flags_of(tmp_path, body, "sum.breakdown")
    assert flag["severity"] == "warning" and "差60.0万元" in flag["message"]


def test_a_levels_list_that_goes_on_with_another_source_is_not_read_as_complete(tmp_path):
    # the last part sits after a bracketed 包括, where the list's words end: it may be the gap
    body = ("2022年补助经费预算数18240万元，其中：中央补助资金7120万元，自治区财政补助资金2410万元，"
            "盟市财政补助资金1980万元，旗县级财政资金6350万元，其他资金（包括结转结余资金、利息收入）380万元。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_levels_list_that_adds_up_raises_nothing(tmp_path):
    body = "全年到位康复救助资金2588.5万元，其中中央资金1520.0万元、省级资金806.3万元、县级资金262.2万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_list_of_purposes_short_of_its_total_names_the_main_ones_only(tmp_path):
    body = "全年到位资金2648.5万元，其中康复训练1520.0万元、辅具适配806.3万元、家庭无障碍改造262.2万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


# ---------------------------------------------------------------- scores: a band is no indicator

def test_a_grade_band_in_brackets_is_no_indicator_score(tmp_path):
    body = ("三、评价结果。决策得分13.5分，过程得分18.0分，产出得分32.5分，效益得分25.2分，综合得分89.2分，"
            "对应评价等级为“良”（80分（含）至90分）。\n")
    record = record_of(tmp_path, body)
    assert [f for f in record["flags"] if f["rule"] == "score.tree"] == []
    assert [str(i["score"]) for i in record["indicators"]] == ["13.5", "18.0", "32.5", "25.2", "89.2"]


def test_a_total_named_合计得分_is_the_reports_score_and_its_grade_is_checked(tmp_path):
    body = ("二、评价得分。决策部分得12分，过程部分得17分，产出部分得28分，效益部分得21.5分，合计得分78.5分。"
            "根据评分标准，90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差。本项目评价等级为“良”。\n")
    record = record_of(tmp_path, body)
    assert str(record["metadata"]["score"]) == "78.5"
    [flag] = [f for f in record["flags"] if f["rule"] == "score.grade"]
    assert flag["computed"] == "中"


_LINES = ("评价组按百分制设置指标，得分情况如下：\n"
          "（一）决策类指标满分20分，得{decision}分。其中项目立项6分、绩效目标6分、资金投入7分，扣分原因是目标未量化。\n"
          "（二）过程类指标满分20分，得18分。其中资金管理10分、组织实施8分。\n"
          "（三）产出类指标满分30分，得28.5分。\n（四）效益类指标满分30分，得27分。\n"
          "综上，总得分{total}分，评价等级为“优”。\n")


def test_indicators_listed_a_line_each_with_their_sub_scores_add_up(tmp_path):
    record = record_of(tmp_path, _LINES.format(decision="19", total="92.5"))
    paths = [(tuple(i["path"]), i["weight"], i["score"]) for i in record["indicators"]]
    assert (("决策",), 20, 19) in paths and (("决策", "资金投入"), None, 7) in paths
    assert [f for f in record["flags"] if f["rule"] == "score.tree"] == []


def test_sub_scores_short_of_their_line_are_a_score_tree_error(tmp_path):
    # 6 + 6 + 7 = 19, the line says 20 (the total 93.5 keeps the first level adding up)
    [flag] = flags_of(tmp_path, _LINES.format(decision="20", total="93.5"), "score.tree")
    assert flag["severity"] == "error" and "决策20分" in flag["message"]


_WEIGHTED_LINES = ("三、评价得分情况\n"
                   "项目决策指标满分20分，评价得分18.5分；其中项目立项8分，得8分；绩效目标12分，得10.5分。\n"
                   "项目过程指标满分30分，评价得分{process}分；其中资金管理18分，得{funds}分（资金到位率6分，得6分；"
                   "预算执行率12分，得{rate}分）；组织实施12分，得11分。\n"
                   "项目效益指标满分50分，评价得分45分；其中社会效益30分，得27分；满意度20分，得18分。\n")


def test_sub_scores_with_their_weights_and_their_own_items_in_brackets(tmp_path):
    record = record_of(tmp_path, _WEIGHTED_LINES.format(process="28.5", funds="17.5", rate="11.5"))
    paths = {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"]}
    assert paths[("项目过程", "资金管理")] == (18, Decimal("17.5"))
    assert paths[("项目过程", "资金管理", "预算执行率")] == (12, Decimal("11.5"))
    assert flags_of(tmp_path, _WEIGHTED_LINES.format(process="28.5", funds="17.5", rate="11.5"), "score.tree") == []
    # an item's own items short of it, and a whole parent short of its halves where the
    # others are written with theirs (18.5): each an error
    [flag] = flags_of(tmp_path, _WEIGHTED_LINES.format(process="28.5", funds="17.5", rate="10.5"), "score.tree")
    assert "资金管理17.5分" in flag["message"]
    [flag] = flags_of(tmp_path, _WEIGHTED_LINES.format(process="28", funds="17.5", rate="11.5"), "score.tree")
    assert flag["severity"] == "error" and "28分" in flag["message"] and "28.5分" in flag["message"]


def test_one_line_of_full_marks_and_score_is_no_indicator_tree(tmp_path):
    record = record_of(tmp_path, "该项目满分100分，得92分，其中决策18分、过程19分，评价等级为优。\n")
    assert not [i for i in record["indicators"] if i.get("origin") == "list"]


# ---------------------------------------------------------------- a list by what it sorts

_SORTED = "全年筹集临时救助资金860万元，实际支出{spent}万元，执行率{rate}%。按救助对象分，低保对象支出{a}，特困人员支出{b}万元。\n"


def test_a_list_by_what_it_sorts_is_all_of_the_whole_before_it(tmp_path):
    assert flags_of(tmp_path, _SORTED.format(spent="812.4", rate="94.47", a="530.6万元", b="281.8")) == []
    [flag] = flags_of(tmp_path, _SORTED.format(spent="812.4", rate="94.47", a="510.6万元", b="281.8"), "sum.breakdown")
    assert flag["severity"] == "error" and "差20.0万元" in flag["message"]


def test_a_part_of_a_sorted_list_written_in_yuan_is_a_unit_slip(tmp_path):
    [flag] = flags_of(tmp_path, _SORTED.format(spent="812.4", rate="94.47", a="530.6元", b="281.8"))
    assert flag["rule"] == "unit.slip" and flag["slip"][0]["written"] == "530.6元"


# ---------------------------------------------------------------- a review's score; a change's table

def test_a_reviews_score_is_the_reports_and_its_columns_are_points(tmp_path):
    body = ("受县财政局委托，复核组对自评结果进行了复核。主管部门自评分为95分，复核分为87分，复核等级为“良”。\n\n"
            "| 一级指标 | 分值 | 自评分 | 复核分 | 扣分 |\n| 决策 | 20 | 19 | 18 | 1 |\n| 过程 | 20 | 19 | 16 | 3 |\n"
            "| 产出 | 30 | 29 | 27 | 2 |\n| 效益 | 30 | 28 | 26 | 2 |\n| 合计 | 100 | 95 | 87 | 8 |\n")
    record = record_of(tmp_path, body)
    assert str(record["metadata"]["score"]) == "87"
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    points = sorted(str(f["value"]) for f in record["facts"] if f["kind"] == "score" and f["source"].get("col") in (3, 4))
    assert points == sorted(["18", "16", "27", "26", "87", "1", "3", "2", "2", "8"])


_CHANGE = ("一、收入情况\n2023年本年收入合计2316.50万元，由财政拨款收入2290.10万元和其他收入26.40万元构成。\n\n"
           "| 支出类型 | 年初预算（万元） | 决算数（万元） | 上年决算（万元） |\n| 基本支出 | 910.00 | 902.36 | 861.20 |\n"
           "| 项目支出 | 1380.00 | 1306.90 | 1428.45 |\n| 合计 | 2290.00 | 2209.26 | 2289.65 |\n\n"
           "本年支出决算较上年减少80.39万元，下降{rate}%。\n")


def test_a_change_whose_two_years_stand_in_the_table_above_is_read_against_them(tmp_path):
    # 80.39 ÷ 2289.65 = 3.51%; this year's figure is not in the change's paragraph
    flag = flag_of_the_slip(tmp_path, "diff.change", _CHANGE.format(rate="3.51"), _CHANGE.format(rate="4.51"))
    assert flag["severity"] == "error"


# ---------------------------------------------------------------- rates of counts

def test_a_count_rate_whose_act_follows_its_count_is_checked(tmp_path):
    body = "全年完成职业技能培训2400人，其中2136人取得职业技能等级证书，取证率{rate}%。\n"
    flag = flag_of_the_slip(tmp_path, "ratio.stated", body.format(rate="89.00"), body.format(rate="94.20"))
    assert flag["message"].endswith("计算为89%")


def test_an_earlier_rates_numerator_is_no_whole_of_the_next_rate(tmp_path):
    # 1452 ÷ 1980 = 73.33%: the whole is in the paragraph before; 1731 is the other rate's
    body = ("全年培训1980人。\n\n参训人员中，取得证书的有1731人，取证率87.42%；实现稳定就业的有1452人，就业率73.33%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []


# ---------------------------------------------------------------- standards per head

def _rates(record):
    return sorted(str(f["value"]) for f in record["facts"] if f["kind"] == "money_rate")


def test_a_column_of_standards_per_head_is_money_per_head_and_no_sum(tmp_path):
    body = ("表2 困难老人护理补贴发放情况\n| 乡镇 | 补贴人数（人） | 人均补贴（元） | 补贴标准（元/人·月） | 发放金额（万元） |\n"
            "| 东湖镇 | 210 | 1,200 | 100 | 25.20 |\n| 西湖镇 | 150 | 1,200 | 100 | 18.00 |\n"
            "| 合计 | 360 | 1,200 | — | 43.20 |\n")
    record = record_of(tmp_path, body)
    assert _rates(record) == ["100", "100", "1200", "1200", "1200"]
    assert [f for f in record["flags"] if f["rule"] == "sum.table"] == []


def test_standards_per_head_in_the_words_reports_use(tmp_path):
    body = ("基础养老金最低标准由每人每月170元提高到每人每月190元，月人均待遇达到226元；按每人每月提标20元计算。"
            "按月人均补差510元测算。人均财政补助标准由79元提高到84元。\n")
    assert _rates(record_of(tmp_path, body)) == ["170", "190", "20", "226", "510", "79", "84"]


def test_a_whole_standard_per_head_is_exact_in_its_product(tmp_path):
    # 1,150名 × 1万元 = 1,150万元: written 1,236万元, beyond any rounding of a set standard
    body = "全县聘用生态护林员1,150名，管护补助标准为每人每年1万元，全年兑付补助资金{total}万元。\n"
    flag = flag_of_the_slip(tmp_path, "product.unit", body.format(total="1,150"), body.format(total="1,236"))
    assert flag["severity"] == "error"


def test_a_standard_over_months_is_read_against_what_it_paid(tmp_path):
    body = "按月人均补差420元、保障对象1,860人、全年12个月测算，全年需发放低保金{total}万元。\n"
    flag = flag_of_the_slip(tmp_path, "product.unit", body.format(total="937.44"), body.format(total="973.44"))
    assert "937.44万元" in flag["message"]


# ---------------------------------------------------------------- tables and forms of older templates

def test_a_total_row_over_rows_one_of_which_a_qizhong_breaks_down(tmp_path):
    body = ("资金情况（万元）\n| 资金来源 | 分配下达数 | 执行数 |\n| 中央下达 | 6,200.00 | 6,105.30 |\n"
            "| 地方资金 | 1,800.00 | {local} |\n| 其中：省级 | 1,100.00 | 1,080.20 |\n| 市县级 | 700.00 | 688.40 |\n"
            "| 合计 | 8,000.00 | 7,873.90 |\n")
    flag = flag_of_the_slip(tmp_path, "sum.table", body.format(local="1,768.60"), body.format(local="1,798.60"))
    assert flag["severity"] == "error"


def test_a_dash_in_a_table_is_no_figure_and_adds_nothing(tmp_path):
    body = ("项目资金情况（万元）\n| 资金来源 | 计划投资额 | 实际到位资金 |\n| 中央财政 | 120.00 | 120.00 |\n"
            "| 省财政 | 80.00 | 80.00 |\n| 其他 | — | — |\n| 合计 | 200.00 | {total} |\n")
    record = record_of(tmp_path, body.format(total="200.00"))
    assert not [f for f in record["facts"] if f["text"].strip() == "—"]
    assert [f for f in record["flags"] if f["rule"] == "sum.table"] == []
    [flag] = flags_of(tmp_path, body.format(total="210.00"), "sum.table")
    assert flag["evidence"] and None not in flag["evidence"]


def test_the_first_header_cell_states_the_money_the_columns_count(tmp_path):
    body = ("| 项目资金情况（万元） | 计划投资额 | 实际到位资金 | 实际使用情况 |\n| 合计 | 312.00 | 312.00 | 305.46 |\n"
            "| 其中：中央财政 | 128.00 | 128.00 | 128.00 |\n| 省财政 | 96.00 | 96.00 | 93.50 |\n| 市县财政 | 88.00 | 88.00 | 83.96 |\n")
    amounts = sorted(f["value"] for f in record_of(tmp_path, body)["facts"] if f["kind"] == "amount")
    assert len(amounts) == 12 and amounts[-1] == 3120000


def test_a_spending_total_is_not_read_against_the_income_rows_above_it(tmp_path):
    body = ("部门整体支出绩效自评表\n年度部门预算收支（万元）\n项目        预算数    执行数\n收入合计    1,406.50  1,406.50\n"
            "  财政拨款  1,406.50  1,406.50\n支出合计    1,406.50  1,377.12\n  基本支出  902.30    899.12\n"
            "  项目支出  504.20    478.00\n")
    record = record_of(tmp_path, body)
    assert [f for f in record["flags"] if f["severity"] == "error"] == []


# ---------------------------------------------------------------- sum.breakdown: a list the text cuts off

_CUT_LIST = ("科技局2022年部门预算项目支出96.5万元，分别是科技活动交流经费6万元，项目评审经费21万元，"
             "外国专家工作经费3.5万元，验收工作经费17万元")


def test_a_complete_list_the_text_ends_inside_is_not_summed(tmp_path):
    # a site's preview or an excerpt cut off mid-list: the parts after the cut are not there
    assert flags_of(tmp_path, _CUT_LIST + "，科", "sum.breakdown") == []
    # the same list closed by its sentence says it is all of it: 47.5 against 96.5
    assert flags_of(tmp_path, _CUT_LIST + "。\n", "sum.breakdown")
    # and a list cut off before more text is still read whole (the cut is the document's end)
    assert flags_of(tmp_path, _CUT_LIST + "。\n二、绩效目标完成情况\n", "sum.breakdown")


# ---------------------------------------------------------------- score.grade: the report's own practice

_COUNTIES = ("经评价，全市项目绩效评价整体得分{total}分，评价等次{grade}。其中东坪县92.5分，评价等次优秀；"
             "西坪县86.4分，评价等次优秀；南坪区82分，评价等次良好；北坪区79.5分，评价等次良好。\n")


def test_a_grade_the_report_gives_by_bands_of_its_own_is_not_held_to_the_usual_ones(tmp_path):
    # 86.4 优秀 and 82 良好: the report's 优 starts between them, so 85.2 优秀 is its own practice
    assert flags_of(tmp_path, _COUNTIES.format(total="85.2", grade="优秀"), "score.grade") == []
    # but a grade out of order with the report's own (80.5 优秀 below 82 良好) is flagged
    assert flags_of(tmp_path, _COUNTIES.format(total="80.5", grade="优秀"), "score.grade")


def test_a_reports_own_grades_count_where_a_page_sets_its_text_in_a_tables_cells(tmp_path):
    # a site that lays the article out in a table: the sentence stands whole in a cell
    page = ("发布机构\t某市财政局\t发布日期\t2023-03-01\n"
            "正文\t" + _COUNTIES.format(total="85.2", grade="优秀").rstrip("\n") + "\n"
            "附件\t无\t\t\n")
    assert flags_of(tmp_path, page, "score.grade") == []


def test_a_list_of_as_many_parts_as_the_sentence_counts_kinds_is_all_of_its_whole(tmp_path):
    lead = "该局支出主要有部门预算项目支出、专项预算支出二类支出，项目资金总预算为{total}万元，其中部门预算项目支出92.5万元，专项预算支出1860万元。\n"
    assert flags_of(tmp_path, lead.format(total="1952.5"), "sum.breakdown") == []
    [flag] = flags_of(tmp_path, lead.format(total="1970.5"), "sum.breakdown")
    assert flag["severity"] == "error"
    # a count of other things (三类人员) says nothing of a two-part list: 其中 may name the main parts
    other = "全年资助三类人员，项目资金总预算为1970.5万元，其中部门预算项目支出92.5万元，专项预算支出1860万元。\n"
    assert flags_of(tmp_path, other, "sum.breakdown") == []


# ---------------------------------------------------------------- lists a reader must not misread

def test_a_list_sorted_by_kind_that_a_sub_list_interrupts_is_not_known_complete(tmp_path):
    # 按支出性质分：基本支出 …，其中人员经费…；项目支出 …: the list goes on after the sub-list
    body = ("2022年度部门支出合计6,218,405.30元。按支出性质分：基本支出1,105,620.80元，其中人员经费912,004.50元、"
            "公用经费193,616.30元；项目支出5,112,784.50元，主要用于城乡低保等民生支出。\n")
    assert [f for f in flags_of(tmp_path, body) if f["severity"] == "error"] == []
    # a list sorted by kind after a ； of its own is still complete: short of its total is flagged
    slipped = ("全年医疗救助支出1688.2万元。按救助类别分，住院救助支出1203.5元，门诊救助支出484.7万元；"
               "共救助困难群众15120人次，其中住院救助4810人次、门诊救助10310人次。\n")
    assert flags_of(tmp_path, slipped, "unit.slip")


def test_a_list_of_two_quantities_for_each_subject_is_summed_by_the_total_s_quantity(tmp_path):
    # 参考 and 上线 for three of the five schools: the 上线 ones (901 + 612 + 478) are some of the
    # 本科上线 total's parts, short of its 2,700; all six figures are no one total's parts
    body = ("市直5所高中共有高三学生3,650人，高考本科上线2,700人，本科上线率73.97%。其中溪山中学参考1,034人、"
            "本科上线901人，上线率87.14%；第二中学参考826人、上线612人，上线率74.09%；外国语学校参考652人、"
            "上线478人，上线率73.31%。\n")
    assert [f for f in flags_of(tmp_path, body) if f["severity"] == "error"] == []


def test_a_rate_whose_pair_is_in_the_table_right_above(tmp_path):
    body = ("| 项目 | 预算数（万元） | 支出数（万元） | 执行率 |\n| --- | --- | --- | --- |\n"
            "| 基本支出 | 1402.10 | 1352.18 | 96.44% |\n| 项目支出 | 2729.40 | 2603.47 | 95.39% |\n"
            "| 合计 | 4131.50 | 3955.65 | 95.74% |\n\n"
            "全年收入4013.84万元，其中财政拨款收入3972.58万元、其他收入41.26万元。全年支出3955.65万元，"
            "其中基本支出1352.18万元（人员经费1148.92万元、公用经费203.26万元），项目支出2603.47万元，预算执行率95.74%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_weights_listed_in_brackets_are_no_scores_of_the_summary(tmp_path):
    body = ("根据部门整体支出绩效评价指标体系（决策10分、过程20分、产出40分、效益30分）逐项评分，决策类指标9分，"
            "过程类指标18.5分，产出类指标37分，效益类指标27.5分，合计92分，自评等级为“优”。\n")
    record = record_of(tmp_path, body)
    assert [i["score"] for i in record["indicators"] if not i.get("total")] == [9, Decimal("18.5"), 37, Decimal("27.5")]
    assert flags_of(tmp_path, body, "score.tree") == []


def test_a_score_table_s_named_subtotal_rows_are_no_indicators(tmp_path):
    body = ("| 一级指标 | 二级指标 | 分值 | 得分 |\n| --- | --- | --- | --- |\n"
            "| 决策 | 目标设定 | 10 | 9 |\n| 决策 | 预算编制 | 10 | 8 |\n| 决策小计 | | 20 | 17 |\n"
            "| 过程 | 预算执行 | 40 | 38 |\n| 过程 | 财务管理 | 40 | 37 |\n| 过程小计 | | 80 | 75 |\n"
            "| 合计 | | 100 | 92 |\n")
    assert flags_of(tmp_path, body, "score.tree") == []
    assert not [i for i in record_of(tmp_path, body)["indicators"] if "小计" in i["path"][0]]


def test_a_county_table_whose_pipe_rows_run_on_into_a_form_s_goal_rows(tmp_path):
    table = ("| 县区 | 下达资金（万元） | 执行数（万元） | 执行率 |\n|---|---|---|---|\n"
             "| 东坪县 | 3,240.00 | 3,210.50 | 99.09% |\n| 西坪县 | 2,815.00 | 2,790.20 | 99.12% |\n"
             "| 南坪区 | 1,905.00 | 1,905.00 | 100.00% |\n| 合计 | {total} | 7,905.70 | {rate} |\n"
             "| 年度总体目标 | 预期目标 | 实际完成情况 |\n| 年度总体目标 | 新建高标准农田8万亩 | 完成8.2万亩 |\n")
    assert flags_of(tmp_path, table.format(total="7,960.00", rate="99.32%"), "sum.table") == []
    # the 合计 off its rows' 7,960.00 (the rows above it; not the goal rows under it)
    [flag] = flags_of(tmp_path, table.format(total="8,160.00", rate="96.88%"), "sum.table")
    assert flag["severity"] == "error" and "7960" in flag["message"].replace(",", "")


def test_the_three_public_expenses_and_a_units_income_types_make_their_whole(tmp_path):
    # “三公”经费 is by definition its three parts; 财政拨款、事业、其他收入 name all of an income
    body = ("“三公”经费支出{total}万元，其中：公务接待费3.20万元，公务用车运行维护费11.65万元，因公出国（境）费0.00万元。"
            "本年收入合计980.40万元，其中财政拨款收入902.15万元，事业收入30.00万元，其他收入48.25万元。\n")
    assert [f for f in flags_of(tmp_path, body.format(total="14.85")) if f["rule"] == "sum.breakdown"] == []
    [flag] = [f for f in flags_of(tmp_path, body.format(total="15.85")) if f["rule"] == "sum.breakdown"]
    assert flag["severity"] == "warning" and "15.85" in flag["message"] and "14.85" in flag["message"]
    short = body.format(total="14.85").replace("其他收入48.25", "其他收入38.25")
    [flag] = [f for f in flags_of(tmp_path, short) if f["rule"] == "sum.breakdown"]
    assert "980.40" in flag["message"]


_BRACKETED_LINES = ("四、自评得分情况\n本项目自评得分{total}分，评价等级为“优”。各一级指标得分如下：\n"
                    "1.项目决策（分值20分），得分19分；\n2.项目过程（分值30分），得分27.5分；\n"
                    "3.项目产出（30分），得分29分。其中：产出数量（12分）得12分；产出质量（8分）得7分，个别批次抽检不合格；"
                    "产出时效（10分）得10分。\n4.项目效益（20分），得分18分。\n")


def test_first_level_scores_one_a_line_with_their_weights_in_brackets(tmp_path):
    record = record_of(tmp_path, _BRACKETED_LINES.format(total="93.5"))
    assert {tuple(i["path"]) for i in record["indicators"] if i.get("origin") == "list"} >= {("项目决策",), ("项目效益",)}
    # the 其中 list goes on in words after 产出质量: its items are not all of 产出's 30 points
    assert [f for f in record["flags"] if f["severity"] == "error"] == []
    [flag] = [f for f in flags_of(tmp_path, _BRACKETED_LINES.format(total="92.5")) if f["severity"] == "error"]
    assert flag["rule"] == "score.tree" and "92.5" in flag["message"] and "93.5" in flag["message"]


def test_a_funds_arrival_rate_over_what_was_due_not_over_what_arrived(tmp_path):
    # 应到位 (what was due) is the rate's base; 实际到位 what arrived: 318.60 ÷ 354.00 = 90.00%
    body = ("二、资金到位情况\n项目总投资2,150.00万元。市级配套资金应到位354.00万元，实际到位318.60万元，"
            "到位率{rate}，尚有35.40万元未到位。项目资金合计到位2,114.60万元。\n")
    assert flags_of(tmp_path, body.format(rate="90.00%"), "ratio.stated") == []
    [flag] = flags_of(tmp_path, body.format(rate="92.00%"), "ratio.stated")
    assert "文中92.00%" in flag["message"] and "计算为90" in flag["message"]


def test_a_list_of_parts_that_falls_short_by_a_hair_is_a_warning(tmp_path):
    # 860 + 42 + 310 + 12 + 21 = 1245, the total says 1254: every part named, one figure wrong
    body = ("下达我县2022年水利发展资金1254万元。其中：灌区改造860万元，水库维修养护42万元，"
            "小流域治理310万元，水文监测12万元，河湖管护21万元{tail}。资金已全部到位。\n")
    [flag] = flags_of(tmp_path, body.format(tail=""), "sum.breakdown")
    assert flag["severity"] == "warning" and "差9万元" in flag["message"]
    # a list that says it goes on (等) names some parts only; so does one short by more
    assert flags_of(tmp_path, body.format(tail="等"), "sum.breakdown") == []
    assert flags_of(tmp_path, body.format(tail="").replace("1254万元", "1345万元"), "sum.breakdown") == []


def test_two_parts_short_of_their_total_by_a_hair_stay_unflagged(tmp_path):
    body = "全年支出1005.6万元，其中设备购置680.0万元、人员培训320.0万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
