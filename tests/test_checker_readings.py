"""Precision first: before a rule flags, it looks for the reading under which the report is
consistent (another subject, another denominator, the clause's own total, a word that is
not a place name, a form whose weights are not all there). Each case here was written for
the test, with invented names and figures: the consistent reading raises nothing, and the
same shape with a real inconsistency is still flagged."""
from decimal import Decimal

from extractor.pipeline import extract_file


def record_of(tmp_path, body, title="某县卫生健康局2021年度项目支出绩效评价报告", name="r.txt"):
    f = tmp_path / name
    f.write_text(title + "\n\n" + body, encoding="utf-8")
    return extract_file(f)


def flags_of(tmp_path, body, rule=None, **kw):
    return [f for f in record_of(tmp_path, body, **kw)["flags"] if rule is None or f["rule"] == rule]


# ---------------------------------------------------------------- repeat.conflict: one subject

def test_insured_persons_of_two_towns_are_two_quantities(tmp_path):
    body = ("2021年青禾镇城乡居民医保参保人数为12.3万人，参保率96.5%。\n"
            "2021年白川镇城乡居民医保参保人数为6.67万人，参保率95.1%。\n")
    assert flags_of(tmp_path, body, "repeat.conflict") == []


def test_the_same_town_stated_twice_with_two_figures_is_a_conflict(tmp_path):
    body = ("2021年青禾镇城乡居民医保参保人数为12.3万人，参保率96.5%。\n"
            "经复核，2021年青禾镇城乡居民医保参保人数为6.67万人。\n")
    [flag] = flags_of(tmp_path, body, "repeat.conflict")
    assert (flag["stated"], flag["computed"]) == (123000, 66700)
    # the difference in the unit the figures were written in, with the digits it has
    assert flag["message"].endswith("差5.63万人")


def test_the_town_named_at_the_head_of_its_sentence(tmp_path):
    # the clauses before the figures are word for word the same; the sentences name the towns
    body = ("青禾镇：2021年城乡居民医保参保人数为12.3万人，较上年有所增加。\n"
            "白川镇：2021年城乡居民医保参保人数为6.67万人，较上年基本持平。\n")
    assert flags_of(tmp_path, body, "repeat.conflict") == []
    same_town = body.replace("白川镇：", "青禾镇：")
    assert len(flags_of(tmp_path, same_town, "repeat.conflict")) == 1


def test_money_allocated_and_money_spent_are_two_quantities(tmp_path):
    # the whole area's allocation and what was spent of it: the spending verb tells them apart
    body = ("2020年我县衔接推进乡村振兴补助资金共1280万元，其中中央资金800万元。\n"
            "截至年底，共支出2020年衔接推进乡村振兴补助资金1196.5万元，支出进度93.48%。\n")
    assert flags_of(tmp_path, body, "repeat.conflict") == []
    restated = body.replace("共支出2020年", "2020年全县")
    assert len(flags_of(tmp_path, restated, "repeat.conflict")) == 1


def test_a_standard_that_prices_a_later_amount_is_no_average_of_the_total(tmp_path):
    # 110元 per head prices the 18,200 people into the 200.2万元 after it, not the 680万元 before
    body = ("全年医疗救助支出680万元，其中资助困难群众参加城乡居民医保18200人，按每人每年110元标准给予定额资助，"
            "支出200.2万元，其余用于住院和门诊救助。\n")
    assert not [f for f in flags_of(tmp_path, body) if f["severity"] == "error"]
    slipped = body.replace("支出200.2万元", "支出210.2万元")
    assert [f for f in flags_of(tmp_path, slipped) if f["severity"] == "error"]


def test_groups_of_one_village_are_different_subjects(tmp_path):
    body = ("2021年第一村民小组已缴纳城乡居民医保费用的参保农户为120户。\n"
            "2021年第二村民小组已缴纳城乡居民医保费用的参保农户为95户。\n")
    assert flags_of(tmp_path, body, "repeat.conflict") == []
    assert len(flags_of(tmp_path, body.replace("第二村民小组", "第一村民小组"), "repeat.conflict")) == 1


def test_a_figure_that_names_no_one_is_still_compared(tmp_path):
    # a figure that names no one may be the one stated for the whole county elsewhere
    body = ("2021年城乡居民医保参保人数为12.3万人，参保率96.5%。\n"
            "全年，2021年全县城乡居民医保参保人数为11.8万人。\n")
    assert len(flags_of(tmp_path, body, "repeat.conflict")) == 1


def test_the_whole_county_and_one_town_are_two_subjects(tmp_path):
    # 全县 is the whole, 青禾镇 one town in it: two quantities, however alike the wording
    body = ("2021年青禾镇城乡居民医保参保人数为1.23万人，参保率96.5%。\n"
            "全年，2021年全县城乡居民医保参保人数为11.8万人。\n")
    assert flags_of(tmp_path, body, "repeat.conflict") == []


def test_a_list_of_counties_in_one_paragraph_and_a_summary(tmp_path):
    listed = ("2021年B县城乡居民医保参保人数为8.1万人，A县城乡居民医保参保人数为12.3万人，"
              "C县城乡居民医保参保人数为6.67万人。\n")
    summary = "综上，2021年B县城乡居民医保参保人数为{}万人，C县城乡居民医保参保人数为6.67万人。\n"
    assert flags_of(tmp_path, listed + summary.format("8.1"), "repeat.conflict") == []
    [flag] = flags_of(tmp_path, listed + summary.format("7.9"), "repeat.conflict")
    assert flag["message"].endswith("差0.2万人")


def test_a_county_named_by_the_gazetteer_is_a_subject_a_verb_before_county_is_not():
    from extractor.subjects import subject_names

    assert [n.text for n in subject_names("经核查，青禾镇白石村三组农户")] == ["青禾镇", "白石村", "三组"]
    assert [n.text for n in subject_names("枣庄市市中区")] == ["枣庄市", "市中区"]
    # 退回县财政: 县 is the county's treasury, named by no one; 全县 and 16个小区 name no one
    assert subject_names("共计退回县财政") == subject_names("全县16个小区") == []


TOWN_TABLES = ("表1 青禾镇参保情况表\n\n年度\t城乡居民医保参保人数（万人）\n2020年\t11.9\n2021年\t12.3\n\n"
               "表2 {town}参保情况表\n\n年度\t城乡居民医保参保人数（万人）\n2020年\t6.41\n2021年\t6.67\n\n以上。\n")


def test_one_table_per_town_names_the_town_in_its_caption(tmp_path):
    assert flags_of(tmp_path, TOWN_TABLES.format(town="白川镇"), "repeat.conflict") == []
    # both tables said to be of the same town: each year's figure conflicts, in 万人 as the header writes
    flags = flags_of(tmp_path, TOWN_TABLES.format(town="青禾镇"), "repeat.conflict")
    assert sorted(f["message"][-8:] for f in flags) == ["，差5.49万人", "，差5.63万人"]


# ---------------------------------------------------------------- ratio.stated: every reading

def test_execution_rate_reproduced_by_another_budget_of_its_paragraph(tmp_path):
    body = "本项目全年预算安排500.00万元，经调整，项目可用资金总额为480.00万元，截至年底实际支出456.00万元，预算执行率为{}%。\n"
    # 456 ÷ 480 = 95.00%: the label pointed at 全年预算 (91.20%), the paragraph's other budget fits
    assert flags_of(tmp_path, body.format("95.00"), "ratio.stated") == []
    [flag] = flags_of(tmp_path, body.format("93.00"), "ratio.stated")  # no pair gives 93.00%
    assert flag["stated"] == 93 and str(flag["computed"]) == "91.2"


def test_a_formula_against_the_full_year_budget_while_the_adjusted_one_fits(tmp_path):
    figures = "本项目全年预算数500.00万元，年中调减后预算数为480.00万元，全年实际支出456.00万元。\n"
    formula = "预算执行率=实际支出÷全年预算数×100%={}%。\n"
    assert flags_of(tmp_path, figures + formula.format("95.00"), "ratio.stated") == []
    assert len(flags_of(tmp_path, figures + formula.format("97.00"), "ratio.stated")) == 1


def test_a_formula_that_multiplies_by_100_itself_gives_a_percentage(tmp_path):
    figures = "本年到位资金480.00万元，实际支出456.00万元。\n"
    formula = "资金使用率=实际支出/到位资金×100={}%。\n"
    assert flags_of(tmp_path, figures + formula.format("95.00"), "ratio.stated") == []
    [flag] = flags_of(tmp_path, figures + formula.format("93.00"), "ratio.stated")
    assert flag["computed"] == 95  # a percentage against a percentage, not 9500


# ---------------------------------------------------------------- sum.breakdown: the clause's own total

INCOME = ("2021年本单位收入合计800.00万元。同比上年度增加120.00万元，增长17.65%。"
          "其中：财政拨款收入700.00万元，同比上年度增加100.00万元；其他收入{}万元，同比上年度增加20.00万元。\n")


def test_the_total_of_a_list_of_incomes_is_the_income_not_its_increase(tmp_path):
    # the increase (120.00) stands right before 其中, and each part's own increase after it
    assert flags_of(tmp_path, INCOME.format("100.00"), "sum.breakdown") == []
    [flag] = flags_of(tmp_path, INCOME.format("150.00"), "sum.breakdown")
    assert flag["stated"] == 8000000 and flag["computed"] == 8500000


def test_a_list_of_changes_breaks_down_a_change(tmp_path):
    body = "本年支出比上年增加{}万元，其中人员经费增加60.00万元、公用经费增加40.00万元。\n"
    assert flags_of(tmp_path, body.format("100.00"), "sum.breakdown") == []
    assert len(flags_of(tmp_path, body.format("90.00"), "sum.breakdown")) == 1


def test_the_list_ends_where_another_quantity_begins(tmp_path):
    # 其中 names one part of the income; the next clause is the spending, no part of it
    body = "全年收入500.00万元，其中财政拨款收入300.00万元，全年支出450.00万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    two_parts = "全年收入500.00万元，其中财政拨款收入300.00万元、事业收入260.00万元，全年支出450.00万元。\n"
    [flag] = flags_of(tmp_path, two_parts, "sum.breakdown")
    assert flag["computed"] == 5600000  # 300 + 260, without the 450 of spending


# ---------------------------------------------------------------- name.variant: spellings that stand as place names

YIYANG = "2021年度益阳市医疗救助资金绩效评价报告"


def test_a_slogan_list_item_is_no_county(tmp_path):
    # 一县 is one character off 南县, and stands in a list — of slogans, not of places
    body = "各区县坚持“一县、一品、一策”的思路推进工作，资阳区已完成。\n"
    assert flags_of(tmp_path, body, "name.variant", title=YIYANG) == []


def test_on_digital_text_a_misspelling_shows_among_the_places_it_is_listed_with(tmp_path):
    assert flags_of(tmp_path, "评价发现，赫出区资金到位及时。\n", "name.variant", title=YIYANG) == []
    [flag] = flags_of(tmp_path, "评价组走访了资阳区、赫出区、桃江县的经办点。\n", "name.variant", title=YIYANG)
    assert flag["spellings"] == ["赫山区", "赫出区"]


def test_a_spelling_with_another_suffix_is_no_misspelling(tmp_path):
    # 赫出县 is one character off 赫山区's stem, but writes 县 for its 区: two slips, another place
    assert flags_of(tmp_path, "评价组走访了资阳区、赫出县、桃江县的经办点。\n", "name.variant", title=YIYANG) == []


def test_on_ocr_text_the_suffix_is_enough_but_not_inside_a_longer_word():
    from extractor.extract.district_mentions import place_mentions

    def variants(text, **source):
        return [m["name"] for m in place_mentions([(text, {"block": 1, **source})], "430900") if m["variant"]]

    assert variants("评价发现，赫出区资金到位及时。", ocr=True) == ["赫出区"]  # 山 read as 出
    assert variants("评价发现，赫出区资金到位及时。") == []  # the same words typed: no list, no reading
    assert variants("评价发现，赫出区域内资金到位及时。", ocr=True) == []  # …区域: a longer word

    assert variants("坚持“一县、一品、一策”的思路。", ocr=True) == []


# ---------------------------------------------------------------- score.tree: weights of a whole level

FORM = "项目支出绩效自评表\n\n一级指标\t二级指标\t分值\t得分\n{rows}\n以上为自评表摘录。\n"


def form_rows(*tops):
    """One row per first-level indicator with its weight, each with one second-level row."""
    return "".join(f"{name}（{weight}分）\t{name}明细\t{weight}\t{weight}\n" for name, weight in tops)


def test_a_form_excerpt_with_some_first_level_weights_says_nothing_of_their_sum(tmp_path):
    excerpt = FORM.format(rows=form_rows(("产出指标", 50), ("效益指标", 30)))
    assert flags_of(tmp_path, excerpt, "score.tree") == []
    # the self-evaluation form's set without its 预算执行率 row: still not the whole level
    no_budget_row = FORM.format(rows=form_rows(("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)))
    assert flags_of(tmp_path, no_budget_row, "score.tree") == []


def test_a_whole_first_level_whose_weights_miss_100_is_flagged(tmp_path):
    whole = FORM.format(rows=form_rows(("预算执行率", 20), ("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)))
    [flag] = flags_of(tmp_path, whole, "score.tree")
    assert flag["stated"] == 110 and "不是100分" in flag["message"]
    right = whole.replace("预算执行率（20分）\t预算执行率明细\t20\t20", "预算执行率（10分）\t预算执行率明细\t10\t10")
    assert flags_of(tmp_path, right, "score.tree") == []


def test_a_sentence_naming_the_whole_set_before_one_weight_is_no_first_level(tmp_path):
    # the words before the first bracketed weight name all four dimensions: a sentence about
    # the set, not an indicator of it, and the one weight read is no whole first level
    body = ("三、评价结论\n专家组从决策、过程、产出、效益四个方面打分：决策（15分）得14分，过程（25分）得22.5分，"
            "产出（35分）得33分，效益（25分）得20分。综合得分89.5分，等级为良。\n")
    assert flags_of(tmp_path, body, "score.tree") == []


def _share_flags(tmp_path, text):
    from extractor.pipeline import extract_file

    path = tmp_path / "shares.txt"
    path.write_text(text, encoding="utf-8")
    return [f for f in extract_file(path)["flags"] if f["rule"] == "ratio.stated"]


def test_shares_of_a_count_are_checked_against_the_count_stated_before(tmp_path):
    clean = ("某区2021年度财政投资评审绩效报告\n\n本年度共抽审28个项目，涉及资金5600万元。"
             "抽审结果：5个项目评为优，占评定项目的17.86%；20个项目评为良，占评定项目的71.43%；"
             "3个项目评为中，占评定项目的10.71%。\n")
    assert _share_flags(tmp_path, clean) == []
    slipped = clean.replace("占评定项目的71.43%", "占评定项目的76.43%")
    flags = _share_flags(tmp_path, slipped)
    assert len(flags) == 1 and flags[0]["severity"] == "error" and "76.43%" in flags[0]["message"]


def test_a_share_whose_count_names_other_things_is_not_checked(tmp_path):
    # 占…村 names villages; the counts before are of projects: no denominator is taken
    text = "全县共实施28个项目。其中5个项目位于山区，占全县行政村的12.5%。\n"
    assert _share_flags(tmp_path, text) == []


PREMIUM = "某县2021年水稻保险：总保费860.00万元，中央财政补贴40%为344.00万元，省级财政补贴30%为258.00万元，其余由农户自缴。\n"


def _rules(tmp_path, text):
    from extractor.pipeline import extract_file

    path = tmp_path / "premium.txt"
    path.write_text(text, encoding="utf-8")
    return [(f["rule"], f["severity"]) for f in extract_file(path)["flags"]]


def test_a_rate_and_the_amount_it_comes_to_are_checked_against_the_total(tmp_path):
    assert _rules(tmp_path, PREMIUM) == []
    assert _rules(tmp_path, PREMIUM.replace("补贴30%为", "补贴35%为")) == [("ratio.stated", "error")]


def test_a_share_written_in_yuan_for_wan_is_a_unit_slip(tmp_path):
    assert _rules(tmp_path, PREMIUM.replace("258.00万元", "258.00元")) == [("unit.slip", "error")]


def test_a_rate_of_change_and_its_new_figure_are_no_share(tmp_path):
    text = "项目总投资860万元，较上年增长12%为963.2万元，全部到位。\n"
    assert _rules(tmp_path, text) == []


def test_an_amount_opening_its_block_or_after_wei_is_no_whole():
    # a PDF page break cuts 补贴50%为 | 430万元 into two blocks: the second block's first
    # amount is a share whose rate it does not hold, no whole for the shares after it
    from extractor.extract.relations.shares import _may_be_a_share

    assert _may_be_a_share("430万元，省级财政补贴20%为172万元。", 0)
    assert _may_be_a_share("中央财政补贴50%为430万元", len("中央财政补贴50%为"))
    assert not _may_be_a_share("总保费860万元，中央财政补贴50%为430万元", len("总保费"))


# ---------------------------------------------------------------- sum.table: numbered groups

_GROUPED_TABLE = (
    "项目资金安排及支出情况如下：\n"
    "| 项目 | 预算（万元） | 支出（万元） |\n"
    "| 一、农田建设 | 760 | 720 |\n"
    "| 1.高标准农田 | 500 | 480 |\n"
    "| 2.灌溉渠系 | 260 | 240 |\n"
    "| 二、农技推广 | 340 | 330 |\n"
    "| 1.良种示范 | 140 | 130 |\n"
    "| 2.技术培训 | 200 | 200 |\n"
    "| 合计 | 1100 | 1050 |\n")


def test_a_table_whose_groups_are_numbered_in_their_labels(tmp_path):
    # 一、农田建设 is the sum of the 1. and 2. rows under it; 合计 the sum of the groups
    assert flags_of(tmp_path, _GROUPED_TABLE, "sum.table") == []
    slipped = _GROUPED_TABLE.replace("| 2.灌溉渠系 | 260 |", "| 2.灌溉渠系 | 230 |")
    [flag] = flags_of(tmp_path, slipped, "sum.table")
    assert flag["severity"] == "error" and "760" in flag["message"]


def test_a_score_table_ending_in_its_total_score_row(tmp_path):
    # 总分 closes the table: it adds up the numbered groups, it is no item of the last group
    table = ("评价得分情况如下：\n"
             "| 指标名称 | 分值 | 得分 |\n"
             "| 一、决策类指标小计 | 20 | 18 |\n"
             "| 项目立项 | 10 | 10 |\n"
             "| 绩效目标 | 10 | 8 |\n"
             "| 二、效益类指标小计 | 80 | 75.5 |\n"
             "| 社会效益 | 50 | 47 |\n"
             "| 满意度 | 30 | 28.5 |\n"
             "| 总分 | 100 | 93.5 |\n")
    assert flags_of(tmp_path, table, "score.tree") == []
    [flag] = flags_of(tmp_path, table.replace("| 总分 | 100 | 93.5 |", "| 总分 | 100 | 95.5 |"), "score.tree")
    assert "95.5" in flag["message"] and "93.5" in flag["message"]


def test_a_whole_subtotal_where_the_table_writes_the_others_with_halves(tmp_path):
    table = ("评价得分情况如下：\n"
             "| 一级指标 | 二级指标 | 分值 | 得分 |\n"
             "| 决策 | 项目立项 | 10 | 9.5 |\n"
             "| 决策 | 绩效目标 | 10 | 9 |\n"
             "| 小计 |  | 20 | 18.5 |\n"
             "| 产出 | 产出数量 | 40 | 36.5 |\n"
             "| 产出 | 产出质量 | 40 | 38 |\n"
             "| 小计 |  | 80 | 74.5 |\n"
             "| 合计 |  | 100 | 93 |\n")
    assert flags_of(tmp_path, table, "score.tree") == []
    [flag] = flags_of(tmp_path, table.replace("| 80 | 74.5 |", "| 80 | 75 |").replace("| 100 | 93 |", "| 100 | 93.5 |"),
                      "score.tree")
    assert flag["severity"] == "error" and "75" in flag["message"] and "74.5" in flag["message"]
    # a table that writes every sum whole may round them: 18.5 written 19 is no slip there
    whole = table.replace("| 20 | 18.5 |", "| 20 | 19 |").replace("| 80 | 74.5 |", "| 80 | 75 |").replace(
        "| 100 | 93 |", "| 100 | 94 |")
    assert [f for f in flags_of(tmp_path, whole, "sum.table") if f["severity"] == "error"] == []


def test_a_levels_subtotal_row_under_its_merged_name(tmp_path):
    # 决策 | 小计 | 15 | 14.6: the level's own points, not a child of it beside its rows
    table = ("六、自评结果\n一级指标\t二级指标\t分值\t得分\n"
             "决策\t目标设定\t5\t5\n\t预算编制\t10\t9.6\n\t小计\t15\t{decision}\n"
             "效益\t社会效益\t60\t56\n\t满意度\t25\t24\n\t小计\t85\t80\n合计\t\t100\t94.6\n")
    assert [f for f in flags_of(tmp_path, table.format(decision="14.6")) if f["severity"] == "error"] == []
    errors = [f for f in flags_of(tmp_path, table.format(decision="13.6")) if f["severity"] == "error"]
    assert errors and all("191" not in f["message"] for f in errors) and any("13.6" in f["message"] for f in errors)


_SCORED_REPORT = ("三、评价得分情况\n"
                  "| 指标 | 权重 | 得分 | 得分率 |\n"
                  "| 项目立项 | 20 | 19 | 95% |\n"
                  "| 资金管理 | 30 | 27 | 90% |\n"
                  "| 产出效益 | 50 | 44.5 | 89% |\n"
                  "| 合计 | 100 | 90.5 | 90.5% |\n"
                  "四、评价结论\n经综合评价，该项目绩效评价综合得分为{score}分，评价等级为“优”。\n")


def test_the_report_score_against_its_score_tables_total(tmp_path):
    assert flags_of(tmp_path, _SCORED_REPORT.format(score="90.5"), "score.tree") == []
    [flag] = flags_of(tmp_path, _SCORED_REPORT.format(score="92.5"), "score.tree")
    assert flag["severity"] == "error" and "92.5" in flag["message"] and "90.5" in flag["message"]
    # a review's score is another total than the table's
    reviewed = _SCORED_REPORT.format(score="92.5").replace("综合得分为", "复核后得分为")
    assert flags_of(tmp_path, reviewed, "score.tree") == []
    # two score tables (two counties): the report's score is not known to be either's
    two = _SCORED_REPORT.format(score="92.5").replace("四、评价结论", _SCORED_REPORT.split("\n四")[0] + "\n四、评价结论")
    assert flags_of(tmp_path, two, "score.tree") == []


# ---------------------------------------------------------------- ratio.stated: the whole elsewhere

_CITY_TABLE = ("一、基本情况\n全市安排补助资金8240.00万元，较上年的7600.00万元有所增加。分县看，东坪县下达资金5100.00万元，"
               "受益农户3200户；西岭县下达资金3140.00万元，受益农户2100户。\n\n"
               "表  补助资金分县下达情况（单位：万元）\n县区 | 下达资金 | 其中：中央 | 省级\n"
               "东坪县 | 5100.00 | 4080.00 | 1020.00\n西岭县 | 3140.00 | 2512.00 | 628.00\n全市 | 8240.00 | 6592.00 | 1648.00\n\n"
               "二、资金使用情况\n截至年底，全市累计支出{spent}万元，资金执行率{rate}%。\n")


def test_a_rate_over_a_total_stated_paragraphs_before_it(tmp_path):
    # 7910.40 ÷ 8240.00 = 96.00%: the whole is the city's, not the last county's before it
    assert flags_of(tmp_path, _CITY_TABLE.format(spent="7910.40", rate="96.00"), "ratio.stated") == []
    # a rate no figure of the report gives is still flagged
    assert flags_of(tmp_path, _CITY_TABLE.format(spent="7910.40", rate="97.60"), "ratio.stated")


_PROGRESS_TABLE = ("各县区资金支出情况如下：\n"
                   "| 县区 | 下达资金（万元） | 已支出（万元） | 支出进度 |\n"
                   "| 东坪县 | 6400.00 | 6080.00 | 95.00% |\n"
                   "| 西岭县 | 5200.00 | 4888.00 | {rate} |\n")


def test_a_rows_spending_progress_over_its_own_allotment(tmp_path):
    assert flags_of(tmp_path, _PROGRESS_TABLE.format(rate="94.00%"), "ratio.stated") == []
    [flag] = flags_of(tmp_path, _PROGRESS_TABLE.format(rate="99.40%"), "ratio.stated")
    assert flag["severity"] == "error" and "计算为94%" in flag["message"]


def test_a_coverage_rate_is_not_checked_over_a_smaller_count(tmp_path):
    # 参保率 is of those who should be insured, not stated here: 21.3万人 over the 4.58万名
    # drawing pensions is no reading of it
    body = "全年为4.58万名领取待遇人员发放基础养老金，全县参保人数达到21.3万人，参保率96.8%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []


# ---------------------------------------------------------------- ratio.stated: a part's own rate

def test_the_rate_of_a_part_stated_right_after_it(tmp_path):
    body = ("项目预算资金1500万元。截至2023年3月底累计支出1470万元，执行率98%；"
            "其中2022年度支出1275万元，年度执行率85%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    # in brackets: each source's own rate of arrival
    body = ("项目预算资金1000万元，资金到位率为90%，到位资金900万元，其中省级资金到位600万元"
            "（省级下达600万元，到位率100%），县级配套到位300万元（应配套400万元，到位率75%）。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    # a rate no pair of the paragraph reproduces is still flagged
    body = ("项目预算资金1500万元。截至2023年3月底累计支出1470万元，执行率98%；"
            "其中2022年度支出1275万元，年度执行率81%。\n")
    assert [f["severity"] for f in flags_of(tmp_path, body, "ratio.stated")] == ["error"]


# ---------------------------------------------------------------- repeat.conflict: words swapped

def test_statements_with_one_word_put_for_another_are_two_quantities(tmp_path):
    for first, second in [("2022年滨河新区完成投资2800万元。", "2022年东湖园区完成投资1900万元。"),
                          ("2022年一标段完成投资1260万元。", "2022年二标段完成投资980万元。"),
                          ("2022年C标段完成投资1260万元。", "2022年D标段完成投资980万元。"),
                          ("2022年全县普通高中资助学生人数为3150人。", "2022年全县中等职业学校资助学生人数为2480人。"),
                          ("2022年计划发放临时救助资金360万元。", "2022年实际发放临时救助资金342万元。"),
                          ("2022年度绩效目标为发放临时救助资金360万元。", "2022年度共发放临时救助资金342万元。")]:
        body = first + "\n其他工作按计划推进。\n" + second + "\n"
        assert flags_of(tmp_path, body, "repeat.conflict") == [], first


def test_the_same_quantity_worded_again_is_still_compared(tmp_path):
    # 为 / 达到 swapped, a word added: the same quantity, two values
    body = ("2022年全县临时救助对象人数为1260人，救助资金按时发放。\n其他工作按计划推进。\n"
            "经核实，2022年全县临时救助对象人数达到1180人。\n")
    assert [f["severity"] for f in flags_of(tmp_path, body, "repeat.conflict")] == ["error"]


# ---------------------------------------------------------------- shares listed with 分别

def test_rates_listed_with_fenbie_go_to_the_parts_in_order(tmp_path):
    body = ("全年救助困难群众6400人，其中城市低保对象1600人、农村低保对象4000人、特困人员800人，"
            "分别占救助总人数的25%、62.5%和12.5%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    slipped = body.replace("62.5%", "60.5%")
    [flag] = flags_of(tmp_path, slipped, "ratio.stated")
    assert "60.5%" in flag["message"] and "62.5%" in flag["message"]


# ---------------------------------------------------------------- diff.change: base and rate

def test_a_change_on_a_figure_said_to_be_last_years(tmp_path):
    body = ("本年度争取上级补助资金1540万元。\n"
            "上年度争取上级补助资金1400万元，本年度较上年度增加140万元，增长10%。\n")
    assert flags_of(tmp_path, body, "diff.change") == []
    slipped = body.replace("增长10%", "增长12%")
    assert [f["severity"] for f in flags_of(tmp_path, slipped, "diff.change")] == ["error"]


def test_a_rate_belongs_to_the_change_of_its_own_clause(tmp_path):
    body = "2022年参保人数12.5万人，较上年增加0.2万人；基金收入8400万元，较上年增加600万元，增长7.69%。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    slipped = body.replace("7.69%", "9.69%")
    assert [f["severity"] for f in flags_of(tmp_path, slipped, "diff.change")] == ["error"]


def test_money_drawn_in_from_outside_is_no_part_of_the_funds(tmp_path):
    body = "项目财政资金800万元，其中省级资金500万元，撬动金融机构贷款2600万元，带动农户自筹资金300万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    slipped = "项目财政资金800万元，其中省级资金500万元、县级资金400万元，带动农户自筹资金300万元。\n"
    assert [f["severity"] for f in flags_of(tmp_path, slipped, "sum.breakdown")] == ["error"]


# ---------------------------------------------------------------- product.unit: what a price covers

def test_a_monthly_price_is_not_checked_against_a_years_total(tmp_path):
    body = "全县享受护理补贴对象2150人，按200元/人·月的标准按月发放，全年共计发放资金516万元。\n"
    assert flags_of(tmp_path, body, "product.unit") == []
    yearly = "全县享受护理补贴对象2150人，按2400元/人·年的标准发放，全年共计发放资金416万元。\n"
    assert [f["severity"] for f in flags_of(tmp_path, yearly, "product.unit")] == ["error"]  # 516万元


def test_prices_of_several_groups_with_one_total(tmp_path):
    body = ("全年资助参保对象5300人，其中特困人员800人按380元/人全额资助，低保对象4500人按280元/人定额资助，"
            "共计资助资金156.4万元。\n")
    assert flags_of(tmp_path, body, "product.unit") == []
    one = "全年资助特困人员800人，按380元/人全额资助，共计资助资金34.4万元。\n"  # 30.4万元
    assert [f["severity"] for f in flags_of(tmp_path, one, "product.unit")] == ["error"]


def test_a_change_on_a_named_years_figure(tmp_path):
    body = "2023年项目预算资金1320万元，较2022年的1200万元增加120万元，增长10%。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    slipped = body.replace("增加120万元", "增加150万元")
    [flag] = flags_of(tmp_path, slipped, "diff.change")
    assert "1320万元 − 1200万元 = 120万元" in flag["message"]


# ---------------------------------------------------------------- a list and its 合计

def test_a_list_of_figures_and_their_total_after_them(tmp_path):
    body = "2022年市、县、乡三级分别投入资金860万元、430万元和110万元，合计1400万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    assert [f["severity"] for f in flags_of(tmp_path, body.replace("110万元", "150万元"), "sum.breakdown")] == ["error"]
    # a part's own breakdown in brackets is not a further part
    body = "市级资金860万元（含上年结转60万元）、县级资金430万元和乡镇资金110万元，合计1400万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


_SUBTOTAL_TABLE = (
    "各类项目资金情况如下：\n"
    "| 项目 | 预算（万元） | 支出（万元） |\n"
    "| 校舍维修 | 600 | 570 |\n"
    "| 设备购置 | 300 | 288 |\n"
    "| 小计 | 900 | 858 |\n"
    "| 教师培训 | 150 | 141 |\n"
    "| 学生资助 | 250 | 250 |\n"
    "| 小计 | 400 | 391 |\n"
    "| 图书采购 | 100 | 96 |\n"
    "| 合计 | 1400 | 1345 |\n")


def test_a_table_with_subtotals(tmp_path):
    # each 小计 adds up the rows since the one before; the 合计, the 小计 rows and the rest
    assert [f["message"] for f in flags_of(tmp_path, _SUBTOTAL_TABLE) if f["severity"] == "error"] == []
    slipped = _SUBTOTAL_TABLE.replace("| 学生资助 | 250 | 250 |", "| 学生资助 | 250 | 240 |")
    [flag] = [f for f in flags_of(tmp_path, slipped) if f["severity"] == "error"]
    assert flag["rule"] == "sum.table" and "391" in flag["message"] and "381" in flag["message"]


def test_an_amount_per_person_is_no_total(tmp_path):
    for body in ("项目资金共计480万元，受益群众2400人，人均2000元，其中中央资金300万元，县级资金180万元。\n",
                 "项目总投资6300万元，平均每公里投资150万元。其中省级补助3780万元，县级自筹2520万元。\n",
                 "共发放补助资金960万元，补助标准为每生每年2000元。其中2022年480万元，2023年480万元。\n"):
        assert flags_of(tmp_path, body, "sum.breakdown") == [], body
    slipped = "项目资金共计480万元，受益群众2400人，人均2000元，其中中央资金300万元，县级资金200万元。\n"
    assert [f["severity"] for f in flags_of(tmp_path, slipped, "sum.breakdown")] == ["error"]  # 500 > 480


# ---------------------------------------------------------------- score.tree: scores in prose

def test_first_level_scores_written_with_their_weights(tmp_path):
    for body in ("经综合评价，项目决策15分得14分，过程25分得23分，产出30分得28分，效益30分得27分，合计得分92分，评价等级为优。\n",
                 "决策指标满分15分，扣1分，得14分；过程指标满分25分，扣2分，得23分；产出指标满分30分，扣2分，得28分；"
                 "效益指标满分30分，扣3分，得27分。四项合计92分，等级为优。\n"):
        assert flags_of(tmp_path, body, "score.tree") == [], body
        slipped = body.replace("得28分", "得22分")  # prose scores may be rounded: a gap past that
        assert [f["severity"] for f in flags_of(tmp_path, slipped, "score.tree")] == ["error"], body


def test_grade_bands_are_no_scores(tmp_path):
    body = ("评价总分90分以上（含90分）为优秀，75-89分为良好，60-74分为合格，60分以下为不合格。\n"
            "项目得分82分，评价等级为良好。\n")
    assert [f for f in flags_of(tmp_path, body) if f["severity"] == "error"] == []


def test_sub_items_scored_on_their_indicators_line(tmp_path):
    body = ("决策指标（20分）：项目立项（6分）得6分，绩效目标（8分）得7分，资金投入（6分）得5分，小计18分。\n"
            "过程指标（20分）：资金管理（10分）得9分，组织实施（10分）得8分，小计17分。\n"
            "产出指标（35分）得32分，效益指标（25分）得22分。\n综合得分89分，等级为良。\n")
    assert flags_of(tmp_path, body, "score.tree") == []


def test_an_execution_rate_over_the_budget_and_what_was_added(tmp_path):
    body = "年初预算1,600万元，年中追加400万元，全年支出1,900万元，预算执行率95%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_a_rate_is_not_checked_against_another_paragraphs_small_spending(tmp_path):
    body = ("2023年“三公”经费支出12.4万元，较上年下降8%。\n"
            "年初预算26,000万元，调整后预算28,000万元。预算执行率97.5%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_an_amount_per_person_in_words_prices_a_headcount(tmp_path):
    body = "为240名村级防疫员发放补助，人均补助1.5万元，共计发放360万元。\n"
    assert flags_of(tmp_path, body, "product.unit") == []
    slipped = body.replace("共计发放360万元", "共计发放330万元")
    [flag] = flags_of(tmp_path, slipped, "product.unit")
    assert "1.5万元 × 240名 = 360万元" in flag["message"]


def test_two_changes_in_one_sentence_keep_their_own_figures(tmp_path):
    body = ("2023年收入决算数为2,140.50万元，比上年增加140.50万元，增长7.03%；"
            "支出决算数为2,091.00万元，比上年减少9.00万元，下降0.43%。\n")
    assert flags_of(tmp_path, body, "diff.change") == []
    assert [f["severity"] for f in flags_of(tmp_path, body.replace("下降0.43%", "下降1.43%"), "diff.change")] == ["error"]


def test_sub_indicators_weighed_and_scored_under_a_full_mark(tmp_path):
    body = "产出指标满分40分，其中数量指标15分得14分，质量指标15分得13分，时效指标10分得9分，合计得36分。\n"
    assert flags_of(tmp_path, body, "score.tree") == []


def test_what_a_fund_paid_of_a_cost_is_no_part_of_it(tmp_path):
    body = "全年住院医疗总费用8.40亿元，其中政策范围内费用6.60亿元，统筹基金支付4.62亿元，政策范围内报销比例为70%。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_sentence_opening_qizhong_may_break_down_an_earlier_figure(tmp_path):
    body = ("政府采购预算600万元，实际采购金额552万元，节约资金48万元，节约率8%。"
            "其中公开招标采购4次，采购金额460万元，占实际采购金额的83.33%。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    slipped = body.replace("采购金额460万元", "采购金额660万元")  # above every figure before it
    assert [f["severity"] for f in flags_of(tmp_path, slipped, "sum.breakdown")] == ["error"]


def test_a_part_written_zero_is_exactly_nothing(tmp_path):
    # 0万元 leaves no room for rounding: the other parts must make the total
    body = "2023年“三公”经费支出18.40万元，其中：因公出国（境）费0万元，公务用车运行维护费12.60万元，公务接待费5.80万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    slipped = body.replace("5.80万元", "6.10万元")
    assert [f["severity"] for f in flags_of(tmp_path, slipped, "sum.breakdown")] == ["error"]


def test_figures_listed_by_year_with_fenbie_are_not_guessed_per_year(tmp_path):
    body = "2021年、2022年、2023年分别下达补助资金200万元、250万元、275万元，三年累计725万元。2023年比2022年增加25万元，增长10%。\n"
    assert flags_of(tmp_path, body, "diff.change") == []


def test_deductions_in_prose_are_no_indicators(tmp_path):
    body = ("项目满分100分，扣分情况为：资金拨付滞后扣2分，台账不全扣1.5分，宣传不到位扣1分，合计扣4.5分，"
            "最终得分95.5分，等级为优。\n")
    assert [f for f in flags_of(tmp_path, body) if f["severity"] == "error"] == []
    body = "评价总分100分，共扣减6分，最终得分94分，等级为优。\n"
    assert flags_of(tmp_path, body, "score.tree") == []


# ---------------------------------------------------------------- readings found by the ninth passage round

def _errors_and_warnings(tmp_path, body, **kw):
    return [f for f in record_of(tmp_path, body, **kw)["flags"] if f["severity"] in ("error", "warning")]


def test_a_change_after_a_breakdown_is_said_of_its_total(tmp_path):
    body = "2023年“三公”经费支出21.4万元，其中公务接待费5.1万元、公务用车运行维护费16.3万元，较上年减少3.6万元，下降14.4%。\n"
    assert _errors_and_warnings(tmp_path, body) == []
    wrong = body.replace("下降14.4%", "下降25%")  # 3.6 ÷ 25.0 is 14.4% (and ÷ 19.9 for the last part, 18.1%)
    assert [f for f in _errors_and_warnings(tmp_path, wrong) if f["rule"] == "diff.change"]


def test_a_price_after_a_breakdown_prices_its_total(tmp_path):
    body = "全年资助学生2,450人，其中本科1,030人、专科1,420人，按2,000元/人的标准发放，共计490万元。\n"
    assert _errors_and_warnings(tmp_path, body) == []
    [flag] = [f for f in _errors_and_warnings(tmp_path, body.replace("490万元", "480万元")) if f["rule"] == "product.unit"]
    assert "2,450人" in flag["message"]


def test_a_re_evaluations_own_score_goes_with_its_grade(tmp_path):
    body = ("单位自评得分96分，复核得分84.5分，较自评低11.5分。\n"
            "其中：决策指标满分20分，复核得17分；产出指标满分40分，复核得分33.5分；效益指标满分40分，复核得分34分。\n"
            "复核等级为“良”。\n")
    record = record_of(tmp_path, body, title="某县2023年度农村公路养护项目绩效自评复核报告")
    assert record["metadata"]["score"] == 84.5
    assert not [f for f in record["flags"] if f["rule"] == "score.grade" and f["severity"] == "error"]


def test_a_rate_of_part_of_the_year_is_not_checked_against_the_year(tmp_path):
    body = ("全年调整后预算4,200万元，实际支出4,116万元，执行率98%。一季度末执行率22.5%，上半年执行率48.6%，"
            "前三季度执行率75.1%。\n")
    assert _errors_and_warnings(tmp_path, body) == []
    assert _errors_and_warnings(tmp_path, body.replace("执行率98%", "执行率96%"))  # the year's own still is


def test_rates_of_each_source_over_its_own_plan(tmp_path):
    body = ("项目总投资2,400万元。中央补助到位1,600万元，到位率100%；县级配套到位560万元，到位率70%；"
            "资金总体到位率90%。\n")
    assert _errors_and_warnings(tmp_path, body) == []


def test_a_list_of_shares_and_the_list_of_amounts_pair_in_order(tmp_path):
    body = "全年安排资金2,000万元，市、区、街道分别承担50%、30%、20%，即1,000万元、600万元、400万元。\n"
    assert _errors_and_warnings(tmp_path, body) == []
    [flag] = _errors_and_warnings(tmp_path, body.replace("50%、30%、20%", "50%、40%、20%"))
    assert "40%" in flag["message"] and "30%" in flag["message"]


def test_two_shares_of_a_whole_written_one_after_the_other(tmp_path):
    body = "保费总额共计820万元。\n财政补贴比例合计80%，补贴资金656万元；农户自缴20%，计164万元。\n"
    assert _errors_and_warnings(tmp_path, body) == []
    assert _errors_and_warnings(tmp_path, body.replace("计164万元", "计184万元"))


def test_first_level_scores_summed_against_the_usual_name_of_the_total(tmp_path):
    body = ("决策指标得分16分（满分20分），过程指标得分17分（满分20分），产出指标得分26分（满分30分），"
            "效益指标得分25分（满分30分），综合得分84分，评价等级为“良”。\n")
    assert _errors_and_warnings(tmp_path, body) == []
    [flag] = _errors_and_warnings(tmp_path, body.replace("综合得分84分", "综合得分88分"))
    assert flag["rule"] == "score.tree" and "84" in flag["message"]
    # written 决策指标（20分）得16分: the bracket is the weight, 得 the score
    body = "决策指标（20分）得16分，过程指标（20分）得17分，产出指标（30分）得26分，效益指标（30分）得25分，综合得分84分。\n"
    assert _errors_and_warnings(tmp_path, body) == []


def test_scores_listed_with_fenbie_are_not_summed_as_items(tmp_path):
    body = "四个一级指标分值分别为20分、20分、30分、30分，评价得分分别为18分、17分、26分、27分，总得分为88分。\n"
    assert _errors_and_warnings(tmp_path, body) == []


def test_a_growth_rate_stated_with_both_years_figures(tmp_path):
    body = "全年医保基金支出3.15亿元，较上年的2.80亿元增长12.5%。\n住院费用报销比例为72.4%，较上年的70.1%提高2.3个百分点。\n"
    assert _errors_and_warnings(tmp_path, body) == []
    [flag] = _errors_and_warnings(tmp_path, body.replace("增长12.5%", "增长15.2%"))
    assert flag["rule"] == "diff.change" and "12.5" in flag["message"]
    [flag] = _errors_and_warnings(tmp_path, body.replace("提高2.3个百分点", "提高3.2个百分点"))
    assert "2.3个百分点" in flag["message"]


def test_a_growth_rate_of_the_years_spending_after_a_saving(tmp_path):
    # this year's figure is not the one right before last year's (a saving stands between)
    body = "“三公”经费预算15万元，实际支出12.6万元，较预算节约2.4万元，较上年的14万元下降10%。\n"
    assert _errors_and_warnings(tmp_path, body) == []
    assert _errors_and_warnings(tmp_path, body.replace("下降10%", "下降20%"))


def test_basic_and_project_spending_short_of_their_total(tmp_path):
    body = "2023年全年支出2,480万元，其中基本支出1,630万元、项目支出830万元。\n"  # 2,460
    [flag] = _errors_and_warnings(tmp_path, body)
    assert flag["rule"] == "sum.breakdown" and flag["severity"] == "warning"  # a unit may have 经营支出 too
    assert _errors_and_warnings(tmp_path, body.replace("830万元", "850万元")) == []
    # other parts short of their total are the main ones only
    assert _errors_and_warnings(tmp_path, "2023年全年支出2,480万元，其中教育支出1,630万元、卫生支出830万元。\n") == []
# ---------------------------------------------------------------- ratio.stated: rates of counts

# (consistent paragraph, the same with a wrong rate, the rate the flag quotes, the rate worked out)
COUNT_RATES = [
    ("计划完成农村户厕改造1,200个，实际完成1,150个，完成率95.8%。\n", "完成率95.8%", "完成率92.8%", "95.83"),
    ("城乡居民医保应参保12.5万人，实际参保12.1万人，参保率96.8%。\n", "参保率96.8%", "参保率98.8%", "96.8"),
    ("全县共有脱贫户3,200户，截至年底已签约家庭医生3,050户，签约率95.3%。\n", "签约率95.3%", "签约率93.3%", "95.31"),
    ("全县65岁以上老年人6.72万人，其中接受健康管理4.86万人，健康管理率72.3%。\n", "管理率72.3%", "管理率75.3%", "72.32"),
    ("项目计划培训家政服务人员1,500人，实际培训1,620人，完成率108%。\n", "完成率108%", "完成率118%", "108"),
    ("抽检农产品样本200批，合格196批，合格率98%。\n", "合格率98%", "合格率96%", "98"),
    ("全年符合条件的特困人员4,120人次，实际救助4,016人次，救助率97.5%。\n", "救助率97.5%", "救助率99.5%", "97.48"),
]


def test_a_rate_of_counts_against_its_numerator_and_denominator(tmp_path):
    for body, right, wrong, computed in COUNT_RATES:
        assert _errors_and_warnings(tmp_path, body) == [], body
        [flag] = _errors_and_warnings(tmp_path, body.replace(right, wrong))
        assert flag["rule"] == "ratio.stated" and f"计算为{computed}%" in flag["message"], flag["message"]


def test_counts_of_another_kind_in_the_paragraph_reproduce_no_rate(tmp_path):
    # (4.86万人 + 6.72万人) ÷ 12.5万人 is 92.6%: the 个 of 改厕 are not over 人
    body = ("全县65岁以上老年人6.72万人，其中接受健康管理4.86万人，健康管理率72.3%。计划改厕1,200个，"
            "实际完成1,150个，完成率92.6%。应参保12.5万人，实际参保12.1万人，参保率96.8%。\n")
    [flag] = _errors_and_warnings(tmp_path, body)
    assert "完成率" in flag["message"] and "95.83%" in flag["message"]


def test_the_whole_in_brackets_and_its_part(tmp_path):
    body = "全县共有脱贫户3,200户（含监测户450户），已签约3,050户，签约率95.3%。\n"
    assert _errors_and_warnings(tmp_path, body) == []
    [flag] = _errors_and_warnings(tmp_path, body.replace("签约率95.3%", "签约率97.3%"))
    assert "95.31%" in flag["message"]  # over the 3,200, not over the 450 in the bracket


def test_rates_of_counts_of_towns_each_with_its_own_figures(tmp_path):
    body = ("青禾镇应参保5.0万人，实际参保4.8万人，参保率96%；白川镇应参保3.0万人，实际参保2.9万人，"
            "参保率96.7%。\n")
    assert _errors_and_warnings(tmp_path, body) == []
    [flag] = _errors_and_warnings(tmp_path, body.replace("参保率96.7%", "参保率90.7%"))
    assert "计算为96.7" in flag["message"]  # 2.9万人 ÷ 3.0万人, each within its written digit


def test_rates_of_counts_that_are_not_this_years_count_over_its_whole(tmp_path):
    consistent = [
        # a rate of another group than the figures: its own numbers are not stated
        "全县城乡居民医保应参保12.5万人，实际参保12.1万人，参保率96.8%；其中脱贫人口参保率100%。\n",
        "全县城乡居民医保应参保12.5万人，实际参保12.1万人，脱贫人口参保率100%。\n",
        "全县参保人数为12.35万人。其中，建档立卡脱贫人口参保2.46万人，参保率100%。\n",
        # towns' rates after the county's figures, listed or one by one
        "计划改厕1,200个，实际完成1,150个，完成率95.8%，其中青禾镇完成率100%，白川镇完成率92%。\n",
        "各乡镇参保人数合计12.1万人，参保率分别为96.5%、95.1%和97.2%。\n",
        "青禾镇参保人数为21,563人，参保率97.2%；白水镇参保人数为18,420人，参保率96.5%；柳塘乡参保人数为9,876人，参保率98.1%。\n",
        # changes, surveys, targets, part of the year
        "2021年参保人数12.1万人，较上年增加0.3万人，增长2.5%，参保率目标值≥95%。\n",
        "本次调查发放问卷500份，回收480份，政策知晓率92.1%，群众满意度95.6%。\n",
        "全县应参保12.5万人，实际参保12.1万人，参保率不低于95%。\n",
        "一季度末，计划完成改厕1,200个，实际完成300个，完成率30.0%。\n",
        "截至6月底，全县脱贫户3,200户中已签约2,100户，签约率80.6%。\n",
        # the numbers due are stated, the numbers done are not; a year's new contracts are no stock
        "全县常住人口25万人，应参保12.5万人，参保率96.8%。\n",
        "全县65岁以上老年人6.72万人，2021年新增签约850人，签约率98.5%。\n",
        "全县户籍人口12.42万人，剔除参加职工医保0.21万人后，应参保12.21万人，参保率97.46%。\n",
    ]
    for body in consistent:
        assert _errors_and_warnings(tmp_path, body) == [], body


def test_a_figure_after_a_semicolon_that_the_next_qizhong_breaks_down(tmp_path):
    body = ("全县0-6岁儿童3.18万人，其中接受健康管理2.96万人，健康管理率93.1%；孕产妇0.42万人，其中早孕建册0.39万人，"
            "早孕建册率92.9%。\n")
    assert _errors_and_warnings(tmp_path, body) == []
    # parts listed with semicolons are still parts
    flags = _errors_and_warnings(tmp_path, "项目资金1000万元，其中：中央资金500万元；省级资金300万元；县级资金250万元。\n")
    assert [f["rule"] for f in flags] == ["sum.breakdown"]


def test_a_rate_in_a_scoring_rule_is_a_threshold(tmp_path):
    body = "评分标准：完成1500户得满分，完成率100%得满分，每降低1%扣0.5分。实际完成1560户。\n"
    assert _errors_and_warnings(tmp_path, body) == []


def test_spending_written_as_executed(tmp_path):
    body = "全年预算318万元，实际执行305.28万元，预算执行率96%。\n"
    assert _errors_and_warnings(tmp_path, body) == []
    assert [f["rule"] for f in _errors_and_warnings(tmp_path, body.replace("96%", "98%"))] == ["ratio.stated"]


# ---------------------------------------------------------------- round-12 passages

def test_a_rate_of_one_category_is_checked_over_that_category_only(tmp_path):
    body = ("调整后年度预算1,860.4万元，全年支出1,790.2万元，预算执行率96.23%。"
            "人员经费执行率100%。项目支出执行率为88.5%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    # the category's own figures are still checked against its rate
    wrong = "专项资金预算620万元，专项资金支出558万元，专项资金执行率为95%。\n"
    [flag] = flags_of(tmp_path, wrong, "ratio.stated")
    assert "95%" in flag["message"] and "90%" in flag["message"]


def test_a_budget_cut_comes_off_the_adjusted_budget(tmp_path):
    body = "年初预算1,520万元，年中追加预算310万元，核减预算45万元，调整后预算合计1,785万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    # a list of additions only is still a sum
    [flag] = flags_of(tmp_path, "年初预算1,520万元，年中追加预算310万元，调整后预算合计1,880万元。\n",
                      "sum.breakdown")
    assert flag["severity"] == "error"


def test_a_sibling_of_the_total_after_a_semicolon_is_no_part(tmp_path):
    body = "市级资金860万元，其中农田水利620万元；县级配套资金410万元，已全部拨付。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    # a further part after a semicolon still counts, and a list over its total is flagged
    [flag] = flags_of(tmp_path, "市级资金860万元，其中：农田水利620万元；道路硬化300万元。\n", "sum.breakdown")
    assert "920" in flag["message"]
    # a last part that completes the list is a part, not a sibling
    assert flags_of(tmp_path, "部门支出合计1,200万元，其中人员经费700万元；公用经费180万元；项目支出320万元。\n") == []


def test_the_grade_stated_after_the_review_score_goes_with_it(tmp_path):
    body = "单位自评得分93分，评价等级为优；经第三方复核，复核得分84分，评价等级为良。\n"
    assert flags_of(tmp_path, body, "score.grade") == []
    [flag] = flags_of(tmp_path, "单位自评得分93分，评价等级为优；经第三方复核，复核得分84分，评价等级为优。\n",
                      "score.grade")
    assert "84" in flag["message"]


def test_scores_listed_without_their_names_are_not_items(tmp_path):
    for opener in ("依次为", "分别是", "为", "："):
        body = f"四个一级指标得分{opener}18分、16.5分、28分、23分，综合得分85.5分，评价等级为良。\n"
        assert flags_of(tmp_path, body, "score.tree") == [], opener


# ---------------------------------------------------------------- round-14 passages

def test_a_change_after_an_item_of_none_this_year(tmp_path):
    # nothing this year: the change and its rate are the list's total's, and nothing divides by 0
    body = "公务接待费4.6万元，公务用车运行维护费9.1万元，因公出国（境）费0万元，较上年减少2.05万元，下降13.02%。\n"
    assert [f for f in flags_of(tmp_path, body) if f["severity"] == "error"] == []


def test_the_list_after_a_change_breaks_down_the_total_not_the_change(tmp_path):
    body = "衔接资金2,450万元，比上年增加310万元，其中中央资金1,600万元、省级资金520万元、县级资金330万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    [flag] = flags_of(tmp_path, body.replace("330万元", "380万元"), "sum.breakdown")
    assert "2,450万元" in flag["message"]
    # a list of changes still breaks down the change
    changes = "部门支出2,980万元，较上年增加190万元，其中人员经费增加120万元，公用经费增加95万元。\n"
    [flag] = flags_of(tmp_path, changes, "sum.breakdown")
    assert "190万元" in flag["message"]


def test_a_groups_own_rate_after_the_overall_one(tmp_path):
    body = "全县应参保22.40万人，实际参保21.76万人，参保率97.14%；脱贫人口参保3.05万人，参保率100%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []
    [flag] = flags_of(tmp_path, "全县应参保22.40万人，实际参保21.76万人，参保率95.14%。\n", "ratio.stated")
    assert "97.14%" in flag["message"]


def test_two_lists_of_two_years_side_by_side(tmp_path):
    body = "2022年、2023年培训人次分别为3,120人次和3,460人次，其中农民工分别为1,280人次和1,350人次。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    body = "人员经费分别为812.6万元和845.3万元，公用经费分别为126.4万元和131.8万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_breakdown_after_a_semicolon_may_be_of_an_earlier_figure(tmp_path):
    body = "采购预算418.6万元，实际采购399.2万元，节约资金19.4万元；其中货物类采购286.5万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_share_of_a_whole_the_report_names_otherwise(tmp_path):
    body = ("政府采购预算总额420万元，实际采购金额392万元。授予中小企业合同金额343万元，"
            "占政府采购合同总额的87.5%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_a_share_of_households_beside_the_persons_count(tmp_path):
    body = "全县监测对象846户2,915人。2023年消除风险512户1,760人，占监测对象总户数的60.52%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []
    [flag] = flags_of(tmp_path, body.replace("60.52%", "66.52%"), "ratio.stated")
    assert flag["severity"] == "error"


def test_a_share_of_two_listed_groups_together(tmp_path):
    body = "带动务工1,650人，其中脱贫人口528人、监测对象66人，合计占带动务工人数的36%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_parts_that_overlap_add_up_to_no_total(tmp_path):
    body = ("全镇642户监测户均已落实帮扶，其中产业帮扶410户、就业帮扶305户、健康帮扶188户"
            "（部分户同时享受多项帮扶措施）。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_parts_own_breakdown_in_brackets_is_no_further_part(tmp_path):
    body = ("“三公”经费支出合计15.2万元。其中：因公出国（境）费0万元；公务用车购置及运行维护费9.8万元"
            "（公务用车购置费0万元，公务用车运行维护费9.8万元）；公务接待费5.4万元。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    [flag] = flags_of(tmp_path, body.replace("公务接待费5.4万元", "公务接待费6.4万元"), "sum.breakdown")
    assert "16.2" in flag["message"]


def test_a_list_total_with_its_verb(tmp_path):
    body = "东岗镇136万元、西河乡92万元、南坪乡74万元，共计下达292万元。\n"
    [flag] = flags_of(tmp_path, body, "sum.breakdown")
    assert "302" in flag["message"]
    assert flags_of(tmp_path, body.replace("292万元", "302万元"), "sum.breakdown") == []


def test_a_list_of_counted_things_and_its_total(tmp_path):
    # counted things (所, 台, 张 …) add up like money: 14 + 9 + 6 = 29
    body = "全年新建村卫生室分别为东片14所、中片9所、西片6所，合计29所；配置诊疗设备分别为彩超4台、DR机3台，共7台。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    [flag] = flags_of(tmp_path, body.replace("合计29所", "合计35所"), "sum.breakdown")
    assert "35所" in flag["message"] and "29所" in flag["message"]
    # a 其中 list of counts names some parts only: no sum is claimed
    body = "养老机构床位1,860张，其中护理型床位720张、医养结合床位410张。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


# ---------------------------------------------------------------- round-15 passages

def test_a_change_is_not_said_of_an_amount_per_head(tmp_path):
    body = "全县享受补助1.2万人，人均补助资金58.6元。补助资金较上年增加45万元，增长6.8%。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    body = "平均每公里造价86.5万元。道路投资较上年增加40万元，增长5.2%。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    # stated of the total, the rate is still checked
    [flag] = flags_of(tmp_path, "补助资金703.2万元，较上年增加45万元，增长8.8%。\n", "diff.change")
    assert "8.8%" in flag["message"]


def test_a_share_of_the_listed_item_its_subject_names(tmp_path):
    body = ("统筹基金支出2,400.00万元，其中住院支出1,560.00万元，门诊统筹支出600.00万元，"
            "门诊慢特病支出240.00万元；住院支出占统筹基金支出的65.00%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    [flag] = flags_of(tmp_path, body.replace("65.00%", "68.00%"), "ratio.stated")
    assert flag["severity"] == "error"


def test_a_change_written_with_both_its_ends(tmp_path):
    assert flags_of(tmp_path, "卫生厕所普及率由2022年的76.5%提高到2023年的81.3%，提高4.8个百分点。\n", "diff.change") == []
    [flag] = flags_of(tmp_path, "卫生厕所普及率由2022年的76.5%提高到2023年的81.3%，提高5.8个百分点。\n", "diff.change")
    assert flag["message"].endswith("= 4.8个百分点")  # in points, as the report writes them
    assert flags_of(tmp_path, "公用经费由326万元减少到298万元，减少28万元，下降8.59%。\n", "diff.change") == []
    [flag] = flags_of(tmp_path, "公用经费由326万元减少到298万元，减少28万元，下降9.59%。\n", "diff.change")
    assert "8.59%" in flag["message"]


# ---------------------------------------------------------------- round-17 passages

def test_a_change_after_a_list_of_years_in_the_paragraph_before(tmp_path):
    # which listed figure is which year's is not read: no change is checked against them
    body = ("2021年、2022年、2023年单位支出分别为1,204.50万元、1,316.80万元和1,402.30万元。\n"
            "2023年支出较2022年增加85.50万元，增长6.49%。\n")
    assert flags_of(tmp_path, body, "diff.change") == []


def test_a_sum_of_two_years_is_no_year_of_a_change(tmp_path):
    body = "2022年服务5,240人次，2023年5,610人次，两年合计10,850人次。2023年较2022年增加370人次，增长7.06%。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    [flag] = flags_of(tmp_path, body.replace("增加370人次", "增加470人次"), "diff.change")
    assert "470" in flag["message"]


def test_a_change_over_a_named_year_of_a_series(tmp_path):
    # 2024 over 2022 (not over 2023), the change before it no year's figure
    body = "生均补助标准2022年为650元、2023年为700元、2024年为760元，2024年较2023年提高60元，较2022年提高110元。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    [flag] = flags_of(tmp_path, body.replace("提高110元", "提高120元"), "diff.change")
    assert "120" in flag["message"]


def test_a_change_whose_subject_is_not_the_figure_before_it(tmp_path):
    # the figure before is another item's: the change of 三公经费 has no figure of its own here
    body = "公务接待费6.84万元。“三公”经费较上年减少3.10万元，下降14.52%。\n"
    assert flags_of(tmp_path, body, "diff.change") == []


def test_rates_that_sort_projects_are_no_rates_stated(tmp_path):
    body = ("项目支出预算1,860.00万元，实际支出1,702.40万元。\n"
            "全年实施项目20个，其中执行率100%的13个、80%（含）至100%的5个、低于80%的2个。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    # a rate the report states is still checked: 1,702.40 ÷ 1,860.00 = 91.53%
    [flag] = flags_of(tmp_path, body.replace("。\n全年", "，执行率95.53%。\n全年"), "ratio.stated")
    assert "95.53" in flag["message"]


def test_one_grade_band_is_no_pair_of_scores(tmp_path):
    for band in ("80分（含）至90分为良", "80分到90分（不含）为良", "80≤得分＜90为良"):
        body = f"项目综合得分84.5分，{band}，评价等级为“良”。\n"
        assert flags_of(tmp_path, body, "score.tree") == [], band


def test_a_growth_rate_with_both_ends_and_no_change_amount(tmp_path):
    body = "农村居民人均可支配收入由14,260元提高到15,380元，增长7.85%。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    [flag] = flags_of(tmp_path, body.replace("7.85%", "8.85%"), "diff.change")
    assert "8.85%" in flag["message"] and "7.85%" in flag["message"]


def test_a_share_naming_no_whole_after_a_part_is_of_its_total(tmp_path):
    body = "全县义务教育在校生12,480人，其中农村学生8,112人，占比65%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []
    [flag] = flags_of(tmp_path, body.replace("占比65%", "占比68%"), "ratio.stated")
    assert "68%" in flag["message"]
    # shares listed after each part are each of the total too
    body = "全县义务教育在校生12,480人，其中农村学生8,112人，占比65%；城镇学生4,368人，占比35%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_a_year_price_per_student_prices_the_headcount(tmp_path):
    body = "全县受益学生6,350人，按照每生每年800元的标准，共拨付补助资金508.00万元。\n"
    assert flags_of(tmp_path, body, "product.unit") == [] and flags_of(tmp_path, body, "unit.slip") == []
    [flag] = flags_of(tmp_path, body.replace("508.00万元", "508.00元"), "unit.slip")
    assert "508.00万元" in flag["message"]
    # a month's price does not price the year's total
    body = "全县受益学生6,350人，按照每生每月80元的标准，共拨付补助资金609.60万元。\n"
    assert flags_of(tmp_path, body, "product.unit") == []


def test_an_average_after_its_total_and_its_count(tmp_path):
    consistent = ("今年累计发放残疾人生活补贴86.4万元，补贴对象1,200人，人均补贴720元。\n",
                  "全年兑付种粮补贴资金1,573.2万元，涉及种粮户2.6万户，户均补贴605元。\n",  # 605.08 as written
                  "救助困难群众1,850人次，共支出救助资金92.5万元，人均救助500元。\n")
    for body in consistent:
        assert flags_of(tmp_path, body, "product.unit") == [], body
    [flag] = flags_of(tmp_path, consistent[0].replace("720元", "780元"), "product.unit")
    assert flag["severity"] == "error" and "86.4万元 ÷ 1,200人 = 720元" in flag["message"]
    [flag] = flags_of(tmp_path, consistent[1].replace("605元", "650元"), "product.unit")
    assert "= 605元" in flag["message"]


def test_averages_the_sentence_does_not_pin_down_are_not_checked(tmp_path):
    for body in (
        # a month's average: the months the total covers are not stated
        "城乡低保对象2,400人，月人均补助420元，全年发放低保金1,300万元。\n",
        # two amounts before the average: which one it divides is not said
        "项目总投资300万元，其中财政补助180万元，受益农户1,500户，户均增收1,200元。\n",
        "下达资金300万元，实际支出280万元，惠及群众4,000人，人均补助700元。\n",
        # an income per head is no share of the sentence's amount
        "全镇发放产业奖补资金50万元，脱贫人口3,200人，人均纯收入14,600元。\n",
    ):
        assert flags_of(tmp_path, body, "product.unit") == [], body


def test_a_list_of_deductions_breaks_down_its_total(tmp_path):
    body = "经评价，该项目共扣6.5分，其中过程指标扣2.5分，产出指标扣1.5分，效益指标扣2.5分，最终得分93.5分。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    [flag] = flags_of(tmp_path, body.replace("效益指标扣2.5分", "效益指标扣3.5分"), "sum.breakdown")
    assert flag["severity"] == "error" and "6.5分" in flag["message"]
    # scores and their sub-scores are score.tree's, not a breakdown's
    assert flags_of(tmp_path, "产出指标得分36分，其中数量指标得14分，质量指标得12分，时效指标得9分。\n", "sum.breakdown") == []


def test_the_sum_of_the_listed_parts_is_no_further_part(tmp_path):
    body = ("全市下达就业补助资金8.40亿元，其中甲县2.15亿元、乙县1.93亿元、丙县1.32亿元，以上三县合计5.40亿元，"
            "占全市的64.29%。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    # the parts against their own sum are still checked
    assert flags_of(tmp_path, body.replace("5.40亿元", "5.60亿元"), "sum.breakdown")


def test_a_list_opening_its_sentence_breaks_down_a_figure_that_can_hold_it(tmp_path):
    # the sentence right before states only smaller figures (the reasons of an increase):
    # the list breaks down the income two sentences back
    body = ("2024年部门收入预算合计3,260.40万元，比上年增加215.60万元。增加的原因是新增项目经费180.00万元，"
            "人员经费增加35.60万元。其中一般公共预算拨款收入3,102.80万元，其他收入157.60万元。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    assert flags_of(tmp_path, body.replace("157.60万元。", "257.60万元。"), "sum.breakdown")


def test_first_level_scores_in_a_paragraph_that_also_states_the_grade_bands(tmp_path):
    body = ("经综合评价，决策指标得分13.5分（满分15分），过程指标得分18分（满分20分），产出指标得分33分（满分35分），"
            "效益指标得分27分（满分30分），综合得分91.5分。按照90分（含）以上为优的标准，评价等级为优。\n")
    assert flags_of(tmp_path, body, "score.tree") == []
    # written with a decimal where it has one, the whole scores are exact: 92.5 is a point off
    [flag] = flags_of(tmp_path, body.replace("91.5分", "92.5分").replace("为优", "为优"), "score.tree")
    assert flag["severity"] == "error"
    # the same with ASCII commas, as some web copies write them
    assert flags_of(tmp_path, body.replace("92.5", "91.5").replace("，", ","), "score.tree") == []
    assert flags_of(tmp_path, body.replace("91.5分", "92.5分").replace("，", ","), "score.tree")


def test_a_from_to_change_that_repeats_its_per_head_words(tmp_path):
    body = "农村特困人员基本生活标准由每人每月620元提高到680元，每人每月提高60元。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    [flag] = flags_of(tmp_path, body.replace("提高60元", "提高70元"), "diff.change")
    assert "680元 − 620元 = 60元" in flag["message"]
    # another subject's change after the from-to is not its change
    assert flags_of(tmp_path, "城市低保标准由620元提高到680元，农村低保提高45元。\n", "diff.change") == []


def test_a_price_and_the_amount_it_paid_right_after_it(tmp_path):
    body = "为3,420名计划生育奖励扶助对象发放扶助金，标准为每人每年960元，发放资金328.32万元。\n"
    assert flags_of(tmp_path, body, "product.unit") == []
    [flag] = flags_of(tmp_path, body.replace("328.32万元", "382.32万元"), "product.unit")
    assert "= 328.32万元" in flag["message"]
    # a month's price, and prices of several groups sharing one amount, price no total
    for other in ("特扶对象860人，标准为每人每月590元，发放资金608.88万元。\n",
                  "学生共5,200人，按照小学生均720元、初中生均940元的标准，拨付公用经费421.60万元。\n"):
        assert flags_of(tmp_path, other, "product.unit") == [], other


def test_a_list_said_to_be_all_of_its_whole(tmp_path):
    for body in ("全年共接待来访群众2,640人次。来访事项按类别分为三类：土地征收1,120人次、劳动保障860人次、其他660人次。\n",
                 "项目实际支出1,846.20万元，全部由以下三部分构成：建安工程费1,582.60万元，设备购置费198.40万元，其他费用65.20万元。\n"):
        assert flags_of(tmp_path, body, "sum.breakdown") == [], body
    slipped = "项目实际支出1,846.20万元，全部由以下三部分构成：建安工程费1,582.60万元，设备购置费168.40万元，其他费用65.20万元。\n"
    [flag] = flags_of(tmp_path, slipped, "sum.breakdown")  # all of it, so short of it is an error too
    assert flag["severity"] == "error" and "1,846.20万元" in flag["message"]
    # the whole in an earlier sentence of two such figures: which one is not said
    body = "全县低保对象2,300人，特困人员450人。按保障类别分为三类：一类对象600人、二类对象900人、三类对象700人。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_rate_said_of_one_county_is_not_of_anothers_figures(tmp_path):
    body = ("全市下达资金1,200万元，其中宜良县560万元、富民县380万元、嵩明县260万元。宜良县支出548.80万元，执行率98.00%；"
            "富民县支出361.00万元，执行率95.00%；嵩明县资金全部支出，执行率100%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_last_years_figures_are_neither_the_total_nor_a_part(tmp_path):
    body = ("2023年部门支出8,640万元，较上年的7,920万元增加720万元。其中基本支出5,180万元，占59.95%；"
            "上年基本支出4,950万元。项目支出3,460万元。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    assert flags_of(tmp_path, body.replace("项目支出3,460万元", "项目支出3,460万元，其中基建支出3,900万元"), "sum.breakdown")


def test_a_complete_list_after_a_sentence_of_other_figures(tmp_path):
    # 分别为 with no figure before it in its sentence breaks down nothing of the sentences before
    body = ("消费券带动文旅消费2,840万元。未核销的41.60万元已收回。消费券分三批发放，每批发放额分别为120万元、90万元和90万元。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_first_level_scores_listed_in_the_order_of_their_names(tmp_path):
    body = ("评价组对决策、过程、产出、效益四项一级指标进行打分，满分分别为15分、25分、30分、30分，"
            "实际得分分别为13.5分、22分、28分和26.5分，项目综合得分90分，评价等级为优。\n")
    assert flags_of(tmp_path, body, "score.tree") == []
    [flag] = flags_of(tmp_path, body.replace("综合得分90分", "综合得分91分"), "score.tree")
    assert flag["severity"] == "error" and "91" in flag["message"]
    # as many figures as names, or nothing is read
    assert flags_of(tmp_path, body.replace("13.5分、22分、28分和26.5分", "13.5分、22分和28分"), "score.tree") == []


def test_a_list_of_the_sources_of_a_total_is_all_of_it(tmp_path):
    body = "该项目总投资4,860万元，资金来源为中央预算内投资2,900万元、省级补助1,200万元和县级配套760万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    [flag] = flags_of(tmp_path, body.replace("县级配套760万元", "县级配套660万元"), "sum.breakdown")
    assert flag["severity"] == "error"


def test_a_grade_stated_as_decided(tmp_path):
    bands = "按照90分（含）以上为优、80分（含）至90分为良、60分（含）至80分为中、60分以下为差的标准，"
    record = record_of(tmp_path, "经综合评价，该项目综合得分84.5分。" + bands + "项目绩效评价等级确定为“良”。\n")
    assert (record["metadata"]["score"], record["metadata"]["grade"]) == (Decimal("84.5"), "良")
    assert [f for f in record["flags"] if f["rule"] == "score.grade"] == []
    [flag] = flags_of(tmp_path, "经综合评价，该项目综合得分78.5分。" + bands + "项目绩效评价等级确定为“良”。\n", "score.grade")
    assert "中" in flag["message"]
    # one project's score among several is not the report's
    record = record_of(tmp_path, "本部门开展项目自评12个，其中甲项目得分96分，乙项目得分84分。部门整体自评得分92分，评价等级为优。\n")
    assert record["metadata"]["score"] == Decimal("92")


def test_a_score_stated_as_full_marks_less_its_deductions(tmp_path):
    body = ("该项目评价满分100分。扣分情况：绩效目标不够细化扣2分，资金拨付滞后扣1.5分，验收资料不全扣1分，"
            "以上合计扣4.5分，最终得分95.5分。\n")
    assert flags_of(tmp_path, body, "score.tree") == []
    [flag] = flags_of(tmp_path, body.replace("最终得分95.5分", "最终得分93.5分"), "score.tree")
    assert flag["severity"] == "error" and "100分 − 4.5分 = 95.5分" in flag["message"]
    # a whole score may round the difference (95.5 → 96); and two totals of deductions say nothing
    assert flags_of(tmp_path, body.replace("最终得分95.5分", "最终得分96分"), "score.tree") == [] or \
        all(f["severity"] == "info" for f in flags_of(tmp_path, body.replace("最终得分95.5分", "最终得分96分"), "score.tree"))
    assert flags_of(tmp_path, body.replace("最终得分", "其中过程指标共扣3分，最终得分").replace("95.5分", "93.5分"),
                    "score.tree") == []


def test_funds_allocated_to_a_counted_list_of_towns(tmp_path):
    body = "县级安排人居环境整治资金1,260万元，分配至4个镇：东关镇380万元、西河镇320万元、南坪镇300万元、北岭镇260万元。\n"
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    [flag] = flags_of(tmp_path, body.replace("北岭镇260万元", "北岭镇160万元"), "sum.breakdown")
    assert flag["severity"] == "error"  # all four towns, so 1,160 short of 1,260 is an error


def test_per_head_lists_and_standards_are_no_parts_or_totals(tmp_path):
    # 人均…分别为 lists amounts per head; a month's standard is no total of the year's money
    body = ("2022年基本支出2,310.00万元，2023年为2,460.00万元，人均基本支出分别为15.40万元和16.00万元。\n\n"
            "补贴标准按家庭人口分档：1人户每月280元，2人户每月420元，3人及以上户每月560元。"
            "其中1人户980户、2人户1,240户，全年发放补贴1,286.40万元，户均每月501.33元。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_change_in_a_paragraph_after_both_years_figures(tmp_path):
    body = ("2023年，兑付农机购置补贴资金1,624.80万元，台均补贴8,120.00元。2022年兑付补贴资金1,498.20万元，"
            "台均补贴8,410.00元。\n\n2023年补贴资金较上年增加126.60万元，增长8.45%。\n")
    assert flags_of(tmp_path, body, "diff.change") == []
    [flag] = flags_of(tmp_path, body.replace("增加126.60万元", "增加136.60万元"), "diff.change")
    assert "1,624.80万元 − 1,498.20万元" in flag["message"]


def test_a_rate_in_each_row_of_a_table_of_projects(tmp_path):
    from conftest import text_record
    table = ("金额单位：万元\n| 序号 | 项目名称 | 预算数 | 执行数 | 执行率 |\n|---|---|---|---|---|\n"
             "| 1 | 农村道路养护 | 52.00 | 49.92 | 96.00% |\n| 2 | 村级公益事业奖补 | 130.00 | 126.10 | 97.00% |\n"
             "| 合计 | | 182.00 | 176.02 | 96.71% |\n")
    record = text_record(tmp_path, "某镇2024年度项目自评结果汇总\n\n" + table, "t.txt")
    assert [f for f in record["flags"] if f["rule"] == "ratio.stated"] == []
    record = text_record(tmp_path, "某镇2024年度项目自评结果汇总\n\n" + table.replace("97.00%", "94.00%"), "u.txt")
    [flag] = [f for f in record["flags"] if f["rule"] == "ratio.stated"]
    assert "94.00%" in flag["message"] and "97" in flag["message"]


# ---------------------------------------------------------------- diff.change: the figure it is written after

def test_a_part_and_its_last_year_written_before_its_change(tmp_path):
    # the list's total is compared over two years first; each part then writes its own pair
    body = ("2022年度培训经费预算60.00万元，决算支出51.30万元，较2021年决算支出55.80万元减少4.50万元，下降8.06%。"
            "其中，师资费31.20万元，较上年的33.00万元减少1.80万元，下降5.45%；场地费20.10万元，"
            "较上年的22.80万元减少2.70万元，下降11.84%。")
    assert flags_of(tmp_path, body, "diff.change") == []


def test_a_balance_and_its_change_after_last_years_figures(tmp_path):
    body = ("2021年，基金收入52,300万元，支出49,100万元，当期结余3,200万元。"
            "2022年基金收入55,000万元，增长5.16%；支出53,150万元；当期结余1,850万元，较上年减少1,350万元。")
    assert flags_of(tmp_path, body, "diff.change") == []


def test_a_wrong_change_written_after_its_pair_is_flagged(tmp_path):
    body = ("2022年度培训经费预算60.00万元，决算支出51.30万元，较2021年决算支出55.80万元减少4.50万元。"
            "其中，师资费31.20万元，较上年的33.00万元减少2.80万元。")  # 33.00 − 31.20 = 1.80
    flags = flags_of(tmp_path, body, "diff.change")
    assert len(flags) == 1 and "1.80" in flags[0]["message"]


def test_every_item_of_a_list_of_thresholds_is_no_stated_rate(tmp_path):
    body = ("调整后预算3,200.00万元。年末累计支出3,104.00万元，执行率97.00%。"
            "一、二、三季度末执行率分别为17.50%、45.00%、70.00%，均低于25%、50%、75%的序时进度要求。")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    stated = body.replace("执行率97.00%", "执行率79.00%")  # 3,104 ÷ 3,200 = 97.00%
    assert [f["rule"] for f in flags_of(tmp_path, stated, "ratio.stated")] == ["ratio.stated"]


def test_a_grade_stated_of_the_evaluators_total_beside_the_units_own(tmp_path):
    body = ("决策指标：分值20分，自评得分19分，评价得分16分。\n产出指标：分值80分，自评得分77分，评价得分66分。\n"
            "合计：分值100分，自评得分96分，评价得分82分。\n按等级标准，自评结果为“优”，评价结果为“良”。")
    assert flags_of(tmp_path, body, "score.grade") == []
    assert flags_of(tmp_path, body.replace("“良”", "“中”"), "score.grade") != []


def test_two_years_shares_written_from_to_are_no_share_of_the_figures_before(tmp_path):
    body = ("全县农户人均可支配收入达到16,240元，较上年的14,860元增加1,380元，增长9.29%；"
            "工资性收入占农户人均可支配收入的比重由上年的42.5%提高到44.1%，提高1.6个百分点。")
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_a_price_times_the_count_of_the_year_not_its_change(tmp_path):
    body = ("2023年享受补助的学生18,400人，较上年的19,150人减少750人。补助标准为每生每年1,200元，"
            "全年发放资金2,208.00万元。")
    assert flags_of(tmp_path, body, "product.unit") == []
    wrong = body.replace("2,208.00万元", "2,280.00万元")  # 18,400 × 1,200 = 2,208万元
    assert [f["rule"] for f in flags_of(tmp_path, wrong, "product.unit")] == ["product.unit"]


def test_a_qizhong_after_a_price_per_unit_is_not_its_breakdown(tmp_path):
    body = "全年运营费用2,360.00万元，吨水处理成本1.85元，其中财政补贴1,652.00万元，占运营费用的70.00%。"
    assert flags_of(tmp_path, body, "sum.breakdown") == []


def test_a_change_said_of_the_figure_its_words_name(tmp_path):
    body = ("2023年，县水利局收入合计5,480.60万元，其中财政拨款收入5,210.40万元，其余270.20万元为其他收入；"
            "财政拨款收入中一般公共预算4,980.40万元。收入合计较上年的5,102.30万元增加378.30万元，增长7.41%。")
    assert flags_of(tmp_path, body, "diff.change") == []
    wrong = body.replace("增加378.30万元", "增加387.30万元")  # 5,480.60 − 5,102.30 = 378.30
    assert [f["rule"] for f in flags_of(tmp_path, wrong, "diff.change")] == ["diff.change"]


def test_an_items_weight_then_its_score_after_a_clause_between(tmp_path):
    body = ("预算执行率指标权重10分，本项目执行率95.00%，按执行率乘以权重计得9.5分；产出指标权重50分，得48分；"
            "效益指标权重30分，得29分；满意度指标权重10分，得9分。自评总分95.5分。")
    assert flags_of(tmp_path, body, "score.tree") == []
    wrong = body.replace("自评总分95.5分", "自评总分96.5分")  # 9.5 + 48 + 29 + 9 = 95.5
    assert [f["rule"] for f in flags_of(tmp_path, wrong, "score.tree")] == ["score.tree"]


def test_in_a_table_a_bare_stem_one_character_off_is_no_misspelling():
    from extractor.extract.district_mentions import place_mentions

    def variants(text):
        cells = [("益阳市资阳区", {"block": 1, "table": 1}), (text, {"block": 1, "table": 1})]
        return [m["name"] for m in place_mentions(cells, "430900") if m["variant"]]

    assert variants("覆盖率达到95%赫出") == []  # a stem with no 区 typed in a cell: any word
    assert variants("赫出区") == ["赫出区"]  # written with its 区 beside a sibling named exactly


def test_a_change_on_the_start_of_the_year(tmp_path):
    body = "截至年末，结转结余资金920万元，较年初的1,180万元减少260万元，下降22.03%。"
    assert flags_of(tmp_path, body, "diff.change") == []
    wrong = body.replace("减少260万元", "减少250万元")  # 1,180 − 920 = 260
    assert [f["rule"] for f in flags_of(tmp_path, wrong, "diff.change")] == ["diff.change"]


def test_weights_in_brackets_after_the_names_then_the_scores(tmp_path):
    body = ("自评指标由决策（15分）、过程（25分）、产出（35分）和效益（25分）四部分构成。经自评，决策指标得14分，"
            "过程指标得23分，产出指标得33.5分，效益指标得22分，总得分92.5分，等级为“优”。")
    assert flags_of(tmp_path, body, "score.tree") == []
    wrong = body.replace("总得分92.5分", "总得分93.5分")  # 14 + 23 + 33.5 + 22 = 92.5
    assert [f["rule"] for f in flags_of(tmp_path, wrong, "score.tree")] == ["score.tree"]


# ---------------------------------------------------------------- products and breakdowns (round 33)

def test_a_count_per_village_is_no_count_a_price_multiplies(tmp_path):
    body = "全县130个村，村务监督委员按每村2人、每人每年6,000元核定，全年应安排报酬合计156.00万元。\n"
    assert flags_of(tmp_path, body, "product.unit") == []


def test_a_price_of_an_earlier_count_of_its_paragraph_is_found(tmp_path):
    body = ("全镇常住人口6.1万人，2023年累计签约4.20万人，签约率68.85%；重点人群1.90万人，签约1.60万人，"
            "签约率84.21%。签约服务费按每人每年10元列支，共计42.00万元。\n")
    assert flags_of(tmp_path, body, "product.unit") == []
    # no count of the paragraph makes 45.00万元: still flagged
    assert [f["severity"] for f in flags_of(tmp_path, body.replace("42.00万元", "45.00万元"), "product.unit")] \
        == ["error"]


def test_fenbiewei_lists_the_kind_of_its_first_figure_only(tmp_path):
    body = ("全年资助低保对象2,600人、特困人员480人，资助资金分别为78.00万元和19.20万元，"
            "合计97.20万元，资助参保3,080人。\n")
    assert [f for f in flags_of(tmp_path, body) if f["rule"] == "sum.breakdown"] == []


def test_fenbiewei_naming_items_in_words_lists_no_figures(tmp_path):
    body = ("执行率达到100%的9个项目涉及资金1,450.00万元；执行率低于80%的2个项目分别为村级道路维修和"
            "便民服务中心改造，合计预算210.00万元，执行150.00万元。\n")
    assert [f for f in flags_of(tmp_path, body) if f["rule"] == "sum.breakdown"] == []


def test_a_qizhong_after_a_list_breaks_down_the_list_sum(tmp_path):
    body = ("2023年计划新建公厕12座、改建20座，均按期完工。其中城区公厕共14座，其余18座位于乡镇。\n")
    assert [f for f in flags_of(tmp_path, body) if f["rule"] == "sum.breakdown"] == []
    # parts above the list's sum too: still flagged
    wrong = body.replace("其余18座", "其余22座")
    assert [f["rule"] for f in flags_of(tmp_path, wrong) if f["rule"] == "sum.breakdown"] == ["sum.breakdown"]


def test_a_list_ending_in_the_rest_names_every_part(tmp_path):
    # 其余…合计 is the list's last part: the list is then all of the total
    body = ("2023年全县免费体检2.40万人，其中东关镇0.62万人、西坪镇0.55万人，其余4个乡镇合计1.23万人。\n")
    assert [f for f in flags_of(tmp_path, body) if f["rule"] == "sum.breakdown"] == []
    short = body.replace("合计1.23万人", "合计1.13万人")
    assert [f["rule"] for f in flags_of(tmp_path, short) if f["rule"] == "sum.breakdown"] == ["sum.breakdown"]
    # without 其余 a 其中 list may name the main parts only: short of the total raises nothing
    partial = short.replace("其余4个乡镇合计", "南川镇")
    assert [f for f in flags_of(tmp_path, partial) if f["rule"] == "sum.breakdown"] == []


def test_a_deductions_total_stated_twice_still_checks_the_final_score(tmp_path):
    body = ("项目自评满分100分，共扣5.5分：资料归档不及时扣2.0分，满意度未达到目标扣3.5分。"
            "扣分合计5.5分，最终自评得分{score}分，等级为优。\n")
    assert flags_of(tmp_path, body.format(score="94.5")) == []
    wrong = [f for f in flags_of(tmp_path, body.format(score="95.5")) if f["severity"] == "error"]
    assert len(wrong) == 1 and "94.5" in wrong[0]["message"] + str(wrong[0]["computed"])


# ---------------------------------------------------------------- session 10: readings of real wording

def test_a_growth_rate_of_the_year_before_total_stated_after_its_parts(tmp_path):
    body = ("今年为415户家庭发放慰问金249.00万元，为其中96户加发28.80万元，两项合计277.80万元。上年为388户"
            "发放慰问金232.80万元、为81户加发24.30万元，合计257.10万元。本年较上年增加20.70万元，增长8.05%。\n")
    assert flags_of(tmp_path, body, "diff.change") == []
    # a rate no figure of the paragraph gives is still flagged
    assert flags_of(tmp_path, body.replace("增长8.05%", "增长9.05%"), "diff.change")


def test_a_rate_equal_to_the_change_over_this_years_figure_is_still_the_wrong_base(tmp_path):
    body = "本年度会议费支出45万元，较上年增加15万元，增长33.33%。\n"
    [flag] = flags_of(tmp_path, body, "diff.change")
    assert "分母用错" in flag["message"]


def test_a_share_of_the_rest_of_a_whole_and_an_average_per_unit_is_no_part(tmp_path):
    body = ("全年改造老旧小区管网38处，拨付补助资金684.00万元。项目总投资1,140.00万元，除财政补助外由产权单位"
            "自筹456.00万元，处均自筹12.00万元，财政补助占总投资的60.00%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    assert flags_of(tmp_path, body.replace("60.00%", "66.00%"), "ratio.stated")


def test_a_standard_raised_per_head_is_a_change_of_that_standard(tmp_path):
    body = "城市低保月人均补助水平由560元提高到610元，每人每月提高50元。\n"
    assert flags_of(tmp_path, body, "diff.change") == []
    assert flags_of(tmp_path, body.replace("提高50元", "提高60元"), "diff.change")


def test_words_that_leave_a_part_out_or_list_words_open_no_breakdown(tmp_path):
    body = ("省级对12个市（不含省会，下同）按30%补助；对27个县按50%补助。\n"
            "学校公用经费主要用于日常运转，包括办公费、水电费、维修费等方面的支出，没有用于人员支出。全年"
            "财政安排支出共计64.30万元，预算安排112.00万元，其中上级资金80.00万元，本级资金32.00万元。\n")
    assert flags_of(tmp_path, body, "sum.breakdown") == []
    assert flags_of(tmp_path, body.replace("本级资金32.00万元", "本级资金36.00万元"), "sum.breakdown")


def test_allocations_by_notices_numbered_in_any_brackets_are_two_occasions(tmp_path):
    for left, right in (("〔", "〕"), ("【", "】"), ("[", "]")):
        body = (f"市财政局渠财农指{left}2023{right}12号文件下达我县2023年资金640万元。\n"
                f"市财政局渠财农指{left}2023{right}37号文件下达我县2023年资金8万元。\n")
        assert flags_of(tmp_path, body, "repeat.conflict") == [], left


def test_a_labelled_count_before_a_clause_comma():
    from extractor.extract.numbers import find_quantities
    qs = find_quantities("2023年,我校应补助人数1218,实际补助人数1,218。")
    assert [(q.kind, q.value) for q in qs if q.kind == "headcount"] == [("headcount", Decimal("1218"))] * 2


def test_a_standard_per_month_or_day_over_the_months_or_days_its_sentence_states(tmp_path):
    consistent = ("全县困难残疾人生活补贴对象1,420人，补贴标准为每人每月110元，全年按12个月发放补贴资金187.44万元。\n",
                  "全县受益学生8,350人，膳食补助标准为每生每天5元，按在校200天计算，下达膳食补助资金835.00万元。\n",
                  "公益性岗位安置356人，岗位补贴600元/人·月，共发放10个月，发放补贴资金213.60万元。\n")
    for body in consistent:
        assert flags_of(tmp_path, body, "product.unit") == [], body
    [flag] = flags_of(tmp_path, consistent[0].replace("187.44万元", "178.44万元"), "product.unit")
    assert "× 12个月" in flag["message"] and "187.44万元" in flag["message"]
    assert flags_of(tmp_path, consistent[1].replace("835.00万元", "853.00万元"), "product.unit")
    assert flags_of(tmp_path, consistent[2].replace("213.60万元", "231.60万元"), "product.unit")


def test_a_standard_per_month_with_no_stated_number_of_months_is_not_multiplied(tmp_path):
    for body in ("补贴对象1,420人，补贴标准为每人每月110元，全年发放补贴资金180.12万元。\n",   # people come and go
                 "补贴对象1,420人，补贴标准为每人每月110元，3个月内发放补贴资金180.12万元。\n",  # a deadline
                 "补贴对象1,420人，补贴标准为每人每月110元，12月底前发放补贴资金180.12万元。\n"):  # a month of the year
        assert flags_of(tmp_path, body, "product.unit") == [], body


def test_a_parts_change_is_not_measured_from_the_totals_last_year(tmp_path):
    body = ("本部门“三公”经费支出24.60万元，较上年的28.10万元减少3.50万元，下降12.46%。其中：公务用车运行维护费"
            "16.20万元，较上年减少2.10万元；公务接待费8.40万元，较上年减少1.40万元。\n")
    assert flags_of(tmp_path, body, "diff.change") == []
    assert flags_of(tmp_path, body.replace("减少3.50万元", "减少4.50万元"), "diff.change")


def test_scores_of_several_subjects_beside_their_weighted_whole_are_no_score_tree(tmp_path):
    body = ("按各县资金规模加权汇总，全市综合得分88.16分，评价等次为良。分县看，甲县得分92.40分，乙县得分88.10分，"
            "丙县得分85.60分，丁县得分81.30分。\n")
    assert flags_of(tmp_path, body, "score.tree") == []


def test_a_price_of_one_group_and_an_amount_paid_to_another(tmp_path):
    body = ("年末在册特困人员2,840人，其中分散供养2,410人。分散供养人员基本生活补助全年8,640元/人，"
            "全护理人员照料护理补贴全年累计发放156.20万元。\n")
    assert flags_of(tmp_path, body, "product.unit") == []
    # the same group's amount is still checked against its price
    wrong = "分散供养人员2,410人，基本生活补助全年8,640元/人，分散供养人员全年累计发放2,100.00万元。\n"
    assert flags_of(tmp_path, wrong, "product.unit")


def test_the_reports_own_total_read_as_a_headings_score_is_no_score_above_its_weight():
    from extractor.check.scores import check_score_tree
    heading = {"path": ["绩效指标"], "weight": "90", "score": "98.70", "source": None}
    record = {"metadata": {"score": 98.70}, "indicators": [heading], "facts": []}
    assert [f for f in check_score_tree(record) if "超过分值" in f["message"]] == []
    # a heading whose own score is above its weight, and not the report's total, is still flagged
    record["metadata"]["score"] = 96.0
    assert [f for f in check_score_tree(record) if "超过分值" in f["message"]]


def test_a_change_said_of_the_lists_total_not_its_last_part(tmp_path):
    # 9.30 − 11.45 = −2.15: the total's change; the nearest figure before it (7.10) is a part
    body = ("2023年“三公”经费支出9.30万元，其中公务接待费2.20万元、公务用车运行维护费7.10万元。"
            "2022年“三公”经费支出11.45万元，2023年较上年减少2.15万元，下降18.78%。\n")
    assert flags_of(tmp_path, body, "diff.change") == []
    # the rate of that change written wrong is still flagged, as the total's
    wrong = flags_of(tmp_path, body.replace("18.78%", "23.12%"), "diff.change")
    assert len(wrong) == 1 and "23.12%" in wrong[0]["message"] and "7.10" not in wrong[0]["message"]


def test_a_rate_of_another_year_beside_this_years_figures(tmp_path):
    body = ("2022年全年预算4,860.00万元，实际支出4,714.20万元，预算执行率97.0%。"
            "2021年预算执行率为92.4%，2022年提高了4.6个百分点。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    assert flags_of(tmp_path, body.replace("97.0%", "95.0%"), "ratio.stated")


def test_money_given_out_is_the_spending_of_an_execution_rate(tmp_path):
    body = ("全年预算资金860.00万元。\n全年累计发放补贴825.60万元，预算执行率96.00%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    assert flags_of(tmp_path, body.replace("96.00%", "98.00%"), "ratio.stated")


def test_a_count_done_otherwise_is_no_numerator_of_an_employment_rate(tmp_path):
    # 185 took part in training; how many found work is not stated: 185 ÷ 320 is no 就业率
    body = "退役士兵职业技能培训项目计划培训320人，实际参训185人，培训后就业率47.6%，未达到70%的目标。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []
    # a completion rate is still read from what was actually done
    done = "计划培训320人，实际完成培训296人，完成率95.0%。\n"
    assert flags_of(tmp_path, done, "ratio.stated")


def test_a_change_against_last_years_figure_worded_alike(tmp_path):
    body = ("2019年全县住院救助21,300人次、门诊救助35,800人次。2020年住院救助24,100人次，较上年增加2,800人次，"
            "增长13.15%；门诊救助38,900人次，较上年增加3,100人次，增长8.66%。\n")
    assert flags_of(tmp_path, body, "diff.change") == []
    wrong = flags_of(tmp_path, body.replace("增加2,800人次", "增加2,900人次"), "diff.change")
    assert len(wrong) == 1 and "21,300" in wrong[0]["message"]


RESULTS_TABLE = ("序号 | 项目名称 | 预算金额（万元） | 执行金额（万元） | 执行率 | 自评得分 | 复核得分 | 复核等级\n"
                 "1 | 村道硬化 | 300.00 | 291.00 | 97.00% | 95 | 92.5 | 优\n"
                 "2 | 人居环境整治 | 120.00 | 106.80 | 89.00% | 92 | 84 | 良\n"
                 "3 | 小型水利维修 | 80.00 | 61.60 | 77.00% | 88 | 74.5 | 中\n")


def test_each_rows_grade_against_its_own_review_score(tmp_path):
    body = "某县2022年度项目绩效自评复核结果如下：\n\n" + RESULTS_TABLE
    assert flags_of(tmp_path, body, "score.grade") == []  # 复核等级 follows 复核得分, not 自评得分
    wrong = flags_of(tmp_path, body.replace("74.5 | 中", "74.5 | 良"), "score.grade")
    assert len(wrong) == 1 and "74.5" in wrong[0]["message"]
    # spending written as 执行金额 is the numerator of the row's 执行率
    assert flags_of(tmp_path, body.replace("89.00%", "98.00%"), "ratio.stated")


SPECIAL_FUND = ("一、基本情况\n全年共下达乡村振兴补助资金4000.00万元，实施项目52个。\n"
                "二、资金执行情况\n截至年底，专项资金累计支出3870.20万元，县级专项资金尚有42.60万元未支出。\n"
                "三、资金投向\n从投向看，用于基础设施建设的资金2516.00万元，占专项资金总额的62.90%。\n")


def test_a_share_whose_named_whole_is_smaller_than_its_part_reads_the_total_stated_above(tmp_path):
    """The words of the whole (专项资金) name a smaller figure of another paragraph (42.60万元,
    not spent) and the spending (3870.20万元); the whole stated two paragraphs up in other
    words (补助资金4000.00万元) gives the rate to its digits: consistent. The same share off by
    4 points is flagged."""
    assert flags_of(tmp_path, SPECIAL_FUND, "ratio.stated") == []
    slipped = flags_of(tmp_path, SPECIAL_FUND.replace("62.90%", "66.90%"), "ratio.stated")
    assert len(slipped) == 1 and "66.90%" in slipped[0]["message"]


def test_a_share_of_nothing_stated_as_none_is_consistent(tmp_path):
    body = "项目资金共计120.00万元，其中县级财政资金120.00万元，占100%；自筹资金0万元，占项目资金的0%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []


# ---------------------------------------------------------------- readings added for running text

def test_a_coverage_rate_over_the_number_due_stated_after_its_numerator(tmp_path):
    body = "2022年全县城乡居民医保参保人数为38.2万人，应参保人数39.0万人，参保率97.95%。\n"
    assert flags_of(tmp_path, body, "ratio.stated") == []
    flags = flags_of(tmp_path, body.replace("97.95%", "98.95%"), "ratio.stated")
    assert len(flags) == 1 and "97.95%" in flags[0]["message"]


def test_a_price_and_the_next_items_amount_after_a_semicolon_are_no_product(tmp_path):
    body = ("向80名首次创业人员发放一次性创业补贴，每人1万元；协调发放创业担保贷款2,400.00万元，带动就业310人。\n"
            "向80名首次创业人员发放一次性创业补贴，每人1万元，共计发放80.00万元。\n")
    assert flags_of(tmp_path, body, "product.unit") == []
    slipped = body.replace("共计发放80.00万元", "共计发放88.00万元")
    assert len(flags_of(tmp_path, slipped, "product.unit")) == 1


def test_a_score_rate_is_the_score_over_the_weight_before_it(tmp_path):
    body = ("（一）决策指标（20分）得分17分，得分率85%。\n"
            "（二）过程指标（25分）得分23分，得分率92%。\n")
    assert flags_of(tmp_path, body, "ratio.stated") == []
    flags = flags_of(tmp_path, body.replace("得分率92%", "得分率94%"), "ratio.stated")
    assert len(flags) == 1 and "92%" in flags[0]["message"]


def test_a_sections_score_right_after_its_weight_and_bands_below_a_bound_are_no_items(tmp_path):
    """投入指标（20分）得分18.5分，其中…得11分: the line's own score comes first; grade bands
    written 80分至90分以下为良 are bounds, no scores; 投入18.5分＋过程17分 are two items."""
    body = ("经评价，项目综合得分88.5分，评价等级为“良”（90分及以上为优，80分至90分以下为良，60分至80分以下为中）。\n"
            "（一）投入指标\n投入指标（20分）得分18.5分，得分率92.5%。其中，目标设定指标满分8分，扣0.5分，得7.5分；"
            "预算配置指标满分12分，扣1分，得11分。\n"
            "（二）过程指标\n过程指标（30分）得分27分，得分率90%。其中，预算执行指标满分15分，得14分；财务管理指标满分15分，得13分。\n"
            "（三）产出效果指标\n产出效果指标（50分）得分43分，得分率86%。\n"
            "综上，投入18.5分＋过程27分＋产出效果43分，合计88.5分。\n")
    record = record_of(tmp_path, body)
    assert [f for f in record["flags"] if f["severity"] == "error"] == []
    scores = {tuple(i["path"]): i["score"] for i in record["indicators"] if i.get("weight")}
    assert scores[("投入指标",)] == Decimal("18.5") and scores[("过程指标",)] == Decimal("27")
    slipped = record_of(tmp_path, body.replace("合计88.5分", "合计89.5分").replace("综合得分88.5分", "综合得分89.5分"))
    assert [f["rule"] for f in slipped["flags"] if f["severity"] == "error"] == ["score.tree"]


def test_count_standard_and_amount_in_one_header_row(tmp_path):
    # a table whose header is one row (人数 | 标准 | 金额): each row's count × standard
    # against its amount
    table = ("表3 学生资助发放情况\n|资助项目|资助人数（人）|补助标准（元/人·年）|发放金额（万元）|\n"
             "|小学寄宿生|1,200|1,000|120.00|\n|初中寄宿生|900|1,250|{middle}|\n|合计|2,100|-|{total}|\n")
    assert not [f for f in flags_of(tmp_path, table.format(middle="112.50", total="232.50"))
                if f["rule"] == "product.unit"]
    [flag] = [f for f in flags_of(tmp_path, table.format(middle="121.50", total="241.50")) if f["rule"] == "product.unit"]
    assert flag["severity"] == "error" and "121.50" in flag["message"]


# ---------------------------------------------------------------- ratio.stated: another part of the report

_PARTS = ("一、基本情况\n"
          "2023年度，中央分两批向我县下达转移支付资金5820万元（其中，第一批5000万元，第二批820万元），"
          "保障了基础养老金按时足额发放。\n"
          "{heading}\n"
          "（一）资金投入情况分析。\n"
          "我县城乡居民基本养老保险全年预算数9460.5万元，{spent}总预算执行率95.26%。\n")


def test_a_rate_is_not_read_against_money_of_another_part(tmp_path):
    # the rate's numerator is not written; 5820万元 is the first part's (下达) money
    body = _PARTS.format(heading="二、绩效目标完成情况分析", spent="")
    assert flags_of(tmp_path, body, "ratio.stated") == []


def test_a_rate_of_the_same_part_is_still_read_against_its_money(tmp_path):
    # 9012.3 ÷ 9460.5 = 95.26%, stated 85.26%: the figures are the sentence's own
    body = _PARTS.format(heading="二、绩效目标完成情况分析", spent="全县执行数9012.3万元，").replace("95.26%", "85.26%")
    assert [f["stated"] for f in flags_of(tmp_path, body, "ratio.stated")] == [Decimal("85.26")]


# ---------------------------------------------------------------- one finding, one flag: a rate restated

_ROAD_FUNDS = ("一、各项目资金执行情况\n"
               "农村公路养护项目下达资金860.00万元，实际支出731.20万元，执行率{prose}。\n"
               "各项目资金执行情况如下表：\n"
               "| 项目 | 下达资金（万元） | 实际支出（万元） | 执行率 |\n"
               "| 农村公路养护 | 860.00 | 731.20 | {table} |\n"
               "| 危桥改造 | 420.00 | 399.00 | 95.00% |\n")


def test_a_rate_stated_in_the_text_and_again_in_a_table_is_one_finding(tmp_path):
    # 731.20 ÷ 860.00 = 85.02%, written 87.5% in the text and 87.50% in the table
    flags = flags_of(tmp_path, _ROAD_FUNDS.format(prose="87.5%", table="87.50%"), "ratio.stated")
    assert len(flags) == 1 and len(flags[0]["also"]) == 1
    assert flags_of(tmp_path, _ROAD_FUNDS.format(prose="85.02%", table="85.02%"), "ratio.stated") == []


# ---------------------------------------------------------------- the report's score: not an annexed project's

_ANNEXED = ("三、自评得分\n对照部门整体支出绩效评价指标，我局自评如下：\n"
            "  预算配置（权重20分）    得分17分\n  预算执行（权重30分）    得分26分\n"
            "  预算管理（权重20分）    得分17.5分\n  职责履行及绩效（权重30分）  得分25.5分\n"
            "  合    计（100分）              得分86分\n自评等级：良。\n"
            "附件：送戏下乡项目支出绩效自评表\n"
            "项目名称 送戏下乡\n主管部门 某县文化广电和旅游局\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 演出场次 ≥300场 306场 50 50\n"
            "效益指标 社会效益指标 观众人次 ≥15万人次 16.2万人次 30 28\n"
            "满意度指标 服务对象满意度指标 群众满意度 ≥90% 95% 20 18\n"
            "合计 100 96\n自评等级：优\n")


def test_an_annexed_forms_total_graded_otherwise_is_not_the_reports_score(tmp_path):
    record = record_of(tmp_path, _ANNEXED, title="某县文化广电和旅游局2016年度部门整体支出绩效自评报告")
    assert record["metadata"]["score"] != Decimal("96")
    assert [f for f in record["flags"] if f["rule"] == "score.grade"] == []
