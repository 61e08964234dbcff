"""Readings under which a report is consistent, or the figure a rate, change or list is
really of: each written for the test with invented places and figures, one consistent
text and one with a planted slip where the reading finds one."""
from __future__ import annotations

from conftest import text_record


def _errors(record, rule=None):
    return [f for f in record["flags"] if f["severity"] == "error" and (rule is None or f["rule"] == rule)]


def _one_error_in_the_slipped(tmp_path, text: str, right: str, slipped: str, rule=None) -> dict:
    """`text` with its blank filled `right` raises no error; filled `slipped`, one (of `rule`)."""
    assert not _errors(text_record(tmp_path, text.format(right), "good.txt"))
    [flag] = _errors(text_record(tmp_path, text.format(slipped), "bad.txt"), rule)
    return flag


def test_a_change_is_of_the_figure_its_subject_names_not_the_nearest_of_its_year(tmp_path):
    head = ("2022年全县共安排补助资金7,650.00万元，其中：中央补助资金5,120.00万元，省级补助资金1,830.00万元，"
            "市级补助资金700.00万元。2021年全县中央补助资金为4,880.00万元，")
    good = text_record(tmp_path, head + "2022年中央补助资金较上年增加240.00万元。\n", "good.txt")
    assert not _errors(good)
    bad = text_record(tmp_path, head + "2022年中央补助资金较上年增加340.00万元。\n", "bad.txt")
    [flag] = _errors(bad, "diff.change")
    assert "5,120.00万元 − 4,880.00万元" in flag["message"]


def test_a_rate_written_as_a_goal_is_not_checked(tmp_path):
    text = ("（三）“三公”经费\n2022年“三公”经费预算8.50万元，实际支出7.12万元，其中公务接待费2.05万元，"
            "公务用车运行维护费5.07万元。\n\n三、绩效目标完成情况\n"
            "年初设定的部门整体绩效目标为：困难群众资助参保率100%；部门预算执行率≥90%；服务对象满意度≥90%。\n")
    assert not _errors(text_record(tmp_path, text))


def test_a_funding_level_word_one_wording_lacks_tells_two_quantities_apart(tmp_path):
    text = ("2016年，全县财政专项扶贫资金共计7,320.00万元，全年实际支出6,985.10万元，支出率95%。\n二、资金情况\n"
            "2016年专项扶贫资金7,320.00万元，其中：中央财政专项扶贫资金4,392.00万元，省级财政专项扶贫资金2,196.00万元，"
            "县级财政专项扶贫资金{}万元。\n")
    assert not _errors(text_record(tmp_path, text.format("732.00"), "good.txt"))
    # (the parts then miss their total: that, not a repeat, is what is off)
    assert [f["rule"] for f in _errors(text_record(tmp_path, text.format("832.00"), "bad.txt"))] == ["sum.breakdown"]


def test_a_figure_after_a_semicolon_larger_than_the_whole_is_no_part(tmp_path):
    good = "全年服务孕产妇1,240人，其中早孕建册1,198人，早孕建册率96.61%；辖区0-6岁儿童9,850人，接受健康管理9,302人。\n"
    assert not _errors(text_record(tmp_path, good, "good.txt"), "sum.breakdown")
    # a list that does run past its total is still read: 900 + 420 > 1,240
    bad = "全年服务孕产妇1,240人，其中早孕建册900人；产后访视420人。\n"
    assert _errors(text_record(tmp_path, bad, "bad.txt"), "sum.breakdown")


def test_a_share_of_a_part_is_over_the_total_it_breaks_down(tmp_path):
    text = "项目建设优先吸纳当地群众务工，全年带动务工1,350人，其中脱贫人口405人，占务工人数的{}；人均务工收入7,200元。\n"
    flag = _one_error_in_the_slipped(tmp_path, text, "30%", "35%", "ratio.stated")
    assert "30%" in flag["message"]


def test_grade_bands_a_clause_each_are_read(tmp_path):
    bands = "评价等级标准：综合得分90分（含）以上为“优秀”；75分（含）至90分为“良好”；60分（含）至75分为“合格”；60分以下为“不合格”。\n"
    good = text_record(tmp_path, bands + "经评价，综合得分81.5分，评价等级为“良好”。\n", "good.txt")
    assert [b["grade"] for b in good["metadata"]["grade_bands"]] == ["优秀", "良好", "合格", "不合格"]
    assert not _errors(good)
    bad = text_record(tmp_path, bands + "经评价，综合得分72分，评价等级为“良好”。\n", "bad.txt")
    assert [f["rule"] for f in _errors(bad)] == ["score.grade"]


def test_a_spending_rate_is_read_as_an_execution_rate(tmp_path):
    text = "2022年县级安排就业补助资金预算680.00万元，资金全部到位，全年支出652.80万元，支出率{}。\n"
    flag = _one_error_in_the_slipped(tmp_path, text, "96%", "98%", "ratio.stated")
    assert "96%" in flag["message"]


def test_a_coverage_rate_over_those_brought_in(tmp_path):
    text = "经数据比对，全区符合服务条件的老年人4,820人，已纳入服务的4,695人，覆盖率为{}，其余为长期在外居住人员。\n"
    flag = _one_error_in_the_slipped(tmp_path, text, "97.41%", "99.2%", "ratio.stated")
    assert "97.41%" in flag["message"] or "97.4" in flag["message"]


def test_a_change_is_not_read_against_last_years_figure_of_another_clause_group(tmp_path):
    text = ("2023年度“三公”经费支出68.17万元，较上年46.64万元增加21.53万元，增长46.16%。其中：公务用车运行维护费"
            "38.65万元，较上年41.28万元下降6.37%；公务接待费4.72万元，较上年减少0.64万元，下降11.94%。\n")
    assert not _errors(text_record(tmp_path, text))


def test_a_parts_change_is_not_read_against_the_totals_last_year(tmp_path):
    text = ("2021年度“三公”经费支出20.09万元，较上年24.07万元减少3.98万元，下降16.54%。其中：公务用车购置及运行维护费"
            "14.26万元（其中公务用车购置费0.00万元，公务用车运行维护费14.26万元），较上年减少2.66万元，下降15.72%。\n")
    assert not _errors(text_record(tmp_path, text))


def test_a_share_whose_part_is_not_stated_is_not_checked(tmp_path):
    text = ("全年年初预算30,200.00万元，调整预算33,639.60万元，其中基本支出调整预算6,305.40万元、项目支出调整预算"
            "27,334.20万元；全年支出决算占调整预算的98.00%。\n")
    assert not _errors(text_record(tmp_path, text))


def test_last_years_standards_per_head_are_no_parts(tmp_path):
    text = "2022年居民医保人均财政补助标准为610元，个人缴费标准为350元/人（上年分别为每人每年580元和320元）。\n"
    assert not _errors(text_record(tmp_path, text))


def test_a_part_sorted_again_by_level_is_a_list_of_its_own(tmp_path):
    text = ("居民医保基金收入53,621.96万元。其中个人缴费19,945.20万元；财政补助33,408.21万元，按级次分为中央20,044.93万元、"
            "省级7,350.19万元、市级1,670.41万元、县级{}万元；利息收入268.55万元。\n")
    flag = _one_error_in_the_slipped(tmp_path, text, "4,342.68", "4,362.68")
    assert "33,408.21万元" in flag["message"]


def test_a_price_may_have_paid_an_amount_before_the_summed_one(tmp_path):
    text = ("受益学生15,320人。营养膳食补助按每生每天4元、全年在校200天的标准核定，全年应安排中央补助资金{}万元；"
            "另由县级财政安排食堂运转经费98.4万元，项目资金合计1,324.0万元。\n")
    assert not _errors(text_record(tmp_path, text.format("1,225.6"), "good.txt"))


def test_a_parts_standard_per_head_is_no_average_of_the_whole(tmp_path):
    text = ("资助家庭经济困难学生6,240人次，发放资助资金583.60万元，其中学前教育阶段按人均每年1000元标准发放；"
            "培训教师1,210人。\n")
    assert not _errors(text_record(tmp_path, text))


_SOURCES = ("项目资金执行情况（金额单位：万元）\n| 资金来源 | 预算数 | 执行数 | 完成率 |\n"
            "| 财政资金 | 900.00 | 846.00 | 94.00% |\n| 其中：中央 | 600.00 | 570.00 | {} |\n"
            "| 市县 | 300.00 | 276.00 | 92.00% |\n| 合计 | 900.00 | 846.00 | 94.00% |\n")


def test_a_completion_rate_over_a_tables_money_columns_is_its_execution_rate(tmp_path):
    flag = _one_error_in_the_slipped(tmp_path, _SOURCES, "95.00%", "97.00%", "ratio.stated")
    assert "95%" in flag["message"]


def test_a_total_row_noting_it_counts_more_is_not_summed(tmp_path):
    # (a table whose cells line up under its header, as a text export pads them)
    text = "\n".join([
        "绩效指标完成情况",
        "指标名称            指标值        实际完成      权重    得分    备注",
        "整治建制村数        ≥20个         20个          30      30      —",
        "受益农村人口        ≥2.5万人      2.61万人      30      30      —",
        "群众满意度          ≥85%          88%           30      28      —",
        "合计                                            100     97      含预算执行得分",
    ]) + "\n"
    assert not _errors(text_record(tmp_path, text), "sum.table")


def test_a_tables_price_per_month_is_paid_over_months_the_row_does_not_state(tmp_path):
    text = ("2019年度补贴发放情况表\n补贴类别\t发放人数（人）\t补贴标准（元/人·月）\t发放金额（万元）\n"
            "80—89周岁高龄津贴\t9,850\t50\t591.0\n90周岁以上高龄津贴\t1,120\t100\t134.4\n合计\t10,970\t—\t725.4\n")
    assert not _errors(text_record(tmp_path, text), "product.unit")


def test_a_sentence_of_full_marks_gives_weights_not_scores(tmp_path):
    text = ("四、评价得分\n本次评价满分100分，其中决策指标20分、过程指标20分、产出指标30分、效益指标30分。"
            "经评价组综合评定，决策指标得19分，过程指标得18分，产出指标得{}分，效益指标得28分，综合得分95分，评价等级为“优”。\n")
    # (the weights had been read as scores beside the scores: 195 against 95)
    assert not _errors(text_record(tmp_path, text.format("30"), "good.txt"))


def test_a_scored_row_beside_unnamed_first_level_groups_is_not_all_the_tops(tmp_path):
    text = "\n".join([
        "绩效自评指标得分情况如下：",
        "一级指标\t三级指标\t分值\t年度指标值\t实际完成值\t得分",
        "产出指标\t资助参保人数\t40\t≥12,000人\t12,350人\t40",
        "效益指标\t救助及时率\t30\t≥98%\t96.2%\t27",
        "满意度指标\t救助对象满意度\t20\t≥90%\t93.4%\t20",
        "预算执行率\t\t10\t100%\t95.96%\t9",
        "合计\t\t100\t\t\t96",
    ]) + "\n"
    assert not _errors(text_record(tmp_path, text))


def test_the_places_of_a_grade_are_no_verdict(tmp_path):
    text = ("青石县：分配资金6,420.00万元，支出6,105.42万元。评价得分91.6分。\n"
            "白沙区：分配资金4,180.00万元，支出3,862.32万元。评价得分84.2分。\n"
            "五、建议\n市财政局将评价结果与下年度资金分配挂钩，对评价等次为“良”的县（区）加强督导。\n")
    record = text_record(tmp_path, text)
    assert record["metadata"].get("grade") is None and not _errors(record, "score.grade")


def test_counties_scores_in_their_own_paragraphs_are_not_the_reports(tmp_path):
    text = ("一、各县（区）情况\n"
            "青石县：分配资金6,420.00万元，支出6,105.42万元，评价得分92.4分，等级为优。\n"
            "白沙区：分配资金4,180.00万元，支出3,862.32万元，评价得分84.2分，等级为良。\n"
            "二、总体评价\n全市衔接资金绩效评价得分90.6分，评价等级为“优”。\n")
    record = text_record(tmp_path, text)
    assert str(record["metadata"]["score"]) == "90.6" and record["metadata"]["grade"] == "优"
    assert not _errors(record)


def test_a_figure_past_a_comma_after_a_semicolon_is_said_of_something_else(tmp_path):
    # 其中 names a subset (46 of 52 built on time); after the ；, 44 that passed the check is
    # another subset of the 52, no further part of a list (46 + 44 is no sum of anything)
    text = ("（一）产出情况。全年新建村级综合服务站52个，完成率100%；其中46个在年内按期建成，按期完成率88.5%；"
            "经县级联合验收，44个服务站全部达标，达标率84.6%。\n")
    assert not _errors(text_record(tmp_path, text))
    # a list that goes on after a ； names its next part first, and is still summed
    listed = "全年安排补助资金1,280万元，其中省级补助资金760万元；县级财政资金{}万元。\n"
    _one_error_in_the_slipped(tmp_path, listed, "520", "540", "sum.breakdown")


def test_a_change_may_be_of_the_spending_beside_the_budget(tmp_path):
    # 11.60 − 9.45 = 2.15 (the spending), not 11.60 − 10.30 (the budget stated first)
    text = ("2021年“三公”经费预算10.30万元，实际支出9.45万元，其中公务接待费2.10万元，公务用车运行维护费7.35万元。"
            "“三公”经费较2020年11.60万元减少{}万元。\n")
    _one_error_in_the_slipped(tmp_path, text, "2.15", "2.45", "diff.change")


def test_a_figure_after_a_semicolon_far_beyond_what_the_whole_leaves_is_no_part(tmp_path):
    # 在职 55, 其中在编 51 (4 left); 退休 30 is the next quantity, no part of the 55
    text = "本部门核定编制58名，其中行政编制10名，事业编制48名；年末在职人员55人，其中在编人员51人；退休人员30人。\n"
    assert not _errors(text_record(tmp_path, text))
    # a part after a ； that fits what the whole leaves is still one
    listed = "全年安排补助资金1,280万元，其中省级补助资金760万元；县级财政资金{}万元。\n"
    _one_error_in_the_slipped(tmp_path, listed, "520", "540", "sum.breakdown")


def test_a_table_of_classes_some_without_items_adds_up_by_class(tmp_path):
    # 基本支出 over its two items, then 项目支出 with none: the 合计 is 基本支出 + 项目支出
    text = "\n".join([
        "表2  2021年度部门支出情况表（单位：万元）",
        "项目            年初预算      决算数",
        "基本支出        1,240.50      1,236.80",
        "  人员经费      1,102.30      1,100.40",
        "  公用经费        138.20        136.40",
        "项目支出        3,860.00      {}",
        "合计            5,100.50      5,012.50",
    ]) + "\n"
    _one_error_in_the_slipped(tmp_path, text, "3,775.70", "3,795.70", "sum.table")


def test_a_rate_off_every_reading_is_shown_against_the_nearest(tmp_path):
    # 2189.40 ÷ 2280 = 96.03%; ÷ the county's 120 of it would be 1824.50%, no reading to show
    text = ("三、资金使用情况\n项目全年预算数2400万元，到位数2280万元（县级配套资金实际到位120万元），"
            "执行数2189.40万元，预算执行率{}%（按执行数占到位数计算）。\n")
    flag = _one_error_in_the_slipped(tmp_path, text, "96.03", "97.03", "ratio.stated")
    assert "计算为96.03%" in flag["message"], flag["message"]


def test_a_standard_then_its_count_then_what_it_paid_is_a_product(tmp_path):
    # 每人252元 × 12,040人 = 303.41万元: the count named between the price and the amount
    text = ("对特困人员、低保对象分类资助参保：\n——特困人员全额资助，每人360元，资助2150人，资助资金77.40万元；\n"
            "——低保对象按个人缴费标准的70%资助，每人252元，资助12040人，资助资金{}万元。\n")
    flag = _one_error_in_the_slipped(tmp_path, text, "303.41", "304.31", "product.unit")
    assert "252元 × 12040人" in flag["message"], flag["message"]


def test_a_second_breakdown_opening_its_sentence_is_of_the_whole_not_the_last_part(tmp_path):
    # 1,850 = 1,110 + 555 + 185 by level, and = 1,420 + 430 by project
    text = ("2022年农村供水保障资金共计1,850.00万元，其中：中央资金1,110.00万元，省级资金555.00万元，县级资金185.00万元。"
            "按项目分：供水管网改造1,420.00万元；水源保护{}万元。\n")
    _one_error_in_the_slipped(tmp_path, text, "430.00", "440.00", "sum.breakdown")


def test_a_re_evaluation_reports_its_own_score_not_the_departments(tmp_path):
    text = ("某县财政局关于2021年度耕地保护补助资金绩效评价的再评价报告\n"
            "县农业农村局完成绩效自评，自评得分95分，等级为“优”。\n"
            "再评价组从决策、过程、产出、效益四个方面重新打分，再评价得分为83.5分，等级为“良”。"
            "其中决策16分、过程18.5分、产出28分、效益{}分。\n")
    record = text_record(tmp_path, text.format("21"))
    assert float(record["metadata"]["score"]) == 83.5 and record["metadata"]["grade"] == "良"
    assert not _errors(record)


def test_a_standard_others_pay_or_a_cap_is_no_price_of_what_was_paid(tmp_path):
    # the personal contribution (资助 covers part of it for some) and a cap per household
    text = ("城乡居民医保个人缴费标准为每人每年230元，全县共资助18,420人参保，支出资助资金312.60万元。"
            "县民政局按每户3000元以内的标准实施临时救助，全年救助860户，支出临时救助资金158.40万元。\n")
    assert not _errors(text_record(tmp_path, text))


def test_a_second_breakdown_after_a_list_of_parts_is_of_that_lists_whole(tmp_path):
    # 2,860 people: 2,610 rural + 250 urban; then by how they are cared for, 980 + 1,880 of the same 2,860
    text = ("2022年末，全县共有特困供养人员2,860人，较上年末的2,790人增长2.51%。其中农村特困人员2,610人，城市特困人员250人。"
            "按供养方式分，集中供养980人，分散供养{}人。\n")
    _one_error_in_the_slipped(tmp_path, text, "1,880", "1,890", "sum.breakdown")


def test_a_target_after_a_subset_is_no_part_of_what_was_done(tmp_path):
    # 188 rangers hired, 其中 121 from lifted-out households; the 170 after them is the hiring target
    text = "（一）数量目标：聘用生态护林员188人，其中脱贫劳动力121人，完成聘用目标170人，完成率110.59%。\n"
    assert not _errors(text_record(tmp_path, text))


def test_plans_among_a_lists_actuals_are_no_parts(tmp_path):
    # 1,530 trained = 980 + 550 (实际); the 计划 figures beside them are plans, no parts
    text = ("全年计划培训1400人次，实际培训1530人次，完成率109.29%。其中：电工类计划900人次，实际培训980人次，"
            "完成率108.89%；养老护理类计划500人次，实际培训{}人次，完成率110%。\n")
    _one_error_in_the_slipped(tmp_path, text, "550", "560", "sum.breakdown")


def test_a_whole_list_of_one_part_is_no_sum(tmp_path):
    # 按支持方式分 lists the year's 13,500万元 by how it supports (4,050 + 9,450), not the 8,640 of 产业发展
    # before it; the clause ends after the first part, so that part alone adds up to nothing
    text = ("2022年下达衔接资金13,500万元。用于产业发展的资金8,640万元，占衔接资金总额的64%。按支持方式分，"
            "到户类项目资金4,050万元，占比30%；到村类项目资金9,450万元，占比70%。\n")
    assert not _errors(text_record(tmp_path, text))


def test_a_whole_list_of_two_parts_still_adds_up(tmp_path):
    text = "2022年下达衔接资金13,500万元，按支持方式分为到户类项目资金{}万元、到村类项目资金9,450万元。\n"
    _one_error_in_the_slipped(tmp_path, text, "4,050", "4,500", "sum.breakdown")


def test_a_rate_of_things_is_not_over_the_money_beside_it(tmp_path):
    # 服务券使用率 counts vouchers used; 704.76 ÷ 720.00 = 97.88% is the money's, another rate
    text = ("2023年市级预算安排居家养老服务补贴资金720.00万元，全年实际支出704.76万元。"
            "全年累计提供上门服务186420人次，服务券使用率达到96.5%。\n")
    assert not _errors(text_record(tmp_path, text))
    money = ("2023年市级预算安排居家养老服务补贴资金720.00万元，全年实际支出704.76万元，资金使用率{}。\n")
    _one_error_in_the_slipped(tmp_path, money, "97.88%", "96.5%", "ratio.stated")


def test_a_table_price_per_month_is_no_product_of_its_row(tmp_path):
    # 9846 × 50元 a month × 12 = 590.76万元: the months are not in the row
    text = "\n".join([
        "表2 高龄津贴发放情况",
        "年龄段          发放人数（人）    月标准（元/人）    全年发放金额（万元）",
        "80—89周岁       9846              50                 590.76",
        "90—99周岁       1238              150                222.84",
        "100周岁及以上   31                500                18.60",
        "合计            11115             —                  832.20",
    ]) + "\n"
    assert not _errors(text_record(tmp_path, text))


def test_a_whole_paid_in_as_many_batches_as_its_parts_adds_up(tmp_path):
    # 分两批 names two batches, and two follow: they are all of the 1,939.67万元 (1,286.45 + 653.22)
    text = ("2022年省财政厅分两批下达我县种粮农民一次性补贴资金共计1,939.67万元，其中：第一批1,286.45万元；"
            "第二批{}万元。\n")
    _one_error_in_the_slipped(tmp_path, text, "653.22", "643.22", "sum.breakdown")


def test_last_years_level_after_a_qizhong_is_no_part(tmp_path):
    # 其中 opening a comparison with last year: the 905.10 is the level the change is from
    text = ("（二）支出结构。按用途分：日常保洁支出820.50万元，设备购置支出310.20万元，应急处置支出96.30万元，"
            "应急处置支出占全年支出的7.85%。其中，日常保洁支出较上年的905.10万元减少{}万元，下降9.35%。\n")
    assert not _errors(text_record(tmp_path, text.format("84.60")))
    # the change written wrong is still the change rule's to find, never a breakdown's
    assert not _errors(text_record(tmp_path, text.format("94.60"), "b.txt"), "sum.breakdown")


def test_standards_per_head_listed_under_a_qizhong_are_no_average_of_the_total(tmp_path):
    text = ("全年发放非遗传承人补助资金合计{}万元，其中：省级传承人9名，每人每年补助6,000元；市级传承人24名，"
            "每人每年补助4,000元；县级传承人42名，每人每年补助1,000元。\n")
    # 9 × 6000 + 24 × 4000 + 42 × 1000 = 19.20万元; none of the three standards is 19.20万元 ÷ 9
    assert not _errors(text_record(tmp_path, text.format("19.20")), "product.unit")


def test_a_rate_whose_only_figures_miss_it_by_orders_of_magnitude_is_not_theirs(tmp_path):
    # the loans are not what the interest subsidy's 使用率 is of; its base is not written
    text = "全年新增发放创业担保贷款5200万元，其中个人贷款3100万元。拨付贴息资金168.40万元，贴息资金使用率96.20%。\n"
    assert not _errors(text_record(tmp_path, text), "ratio.stated")
    # a rate its figures miss by a little is still checked
    _one_error_in_the_slipped(tmp_path, "全年预算安排贴息资金180.00万元，实际支出贴息资金168.40万元，执行率{}。\n",
                              "93.56%", "95.56%", "ratio.stated")


def test_sub_scores_in_a_sentence_opening_with_qizhong_are_no_first_level(tmp_path):
    text = ("经评价，该项目综合得分{}分。各指标得分情况如下：\n"
            "1. 决策（20分），得18分。其中项目立项（6分）得6分，绩效目标（6分）得5分，资金投入（8分）得7分。\n"
            "2. 过程（20分），得19分。其中资金管理（12分）得11分，组织实施（8分）得8分。\n"
            "3. 产出（30分），得27分。其中产出数量（15分）得14分，产出质量（15分）得13分。\n"
            "4. 效益（30分），得28分。其中社会效益（20分）得19分，满意度（10分）得9分。\n")
    _one_error_in_the_slipped(tmp_path, text, "92", "93", "score.tree")


def test_last_years_figures_inside_a_qizhong_list_still_end_it(tmp_path):
    # the 上年 figures after the first part end the list; the sub-items' budgets are not parts of last year's spending
    text = ("2023年“三公”经费预算6.40万元，实际支出5.38万元；上年支出5.90万元，本年减少0.52万元，降幅8.81%。"
            "其中公务接待费预算1.10万元，支出0.86万元，比上年0.98万元下降12.24%；公务用车运行维护费预算5.30万元，"
            "支出4.52万元，比上年4.92万元下降8.13%；因公出国（境）费0元。\n")
    assert not _errors(text_record(tmp_path, text), "sum.breakdown")


def test_averages_and_rates_in_a_table_have_no_sum(tmp_path):
    rows = ("医疗机构级别\t住院人次（人次）\t统筹基金支付（万元）\t次均住院费用（元）\t实际报销比例（%）\n"
            "一级\t8,200\t1,640.00\t2,350\t81.20\n二级\t12,600\t5,040.00\t5,120\t70.50\n"
            "三级\t3,400\t2,380.00\t11,980\t56.30\n合计\t{}\t9,060.00\t5,406\t67.40\n")
    _one_error_in_the_slipped(tmp_path, rows, "24,200", "24,300", "sum.table")
    sideways = ("项目\t一级\t二级\t三级\t合计\n住院人次（人次）\t8,200\t12,600\t3,400\t24,200\n"
                "住院总费用（万元）\t1,927.00\t6,451.20\t4,073.20\t12,451.40\n"
                "统筹基金支付（万元）\t1,640.00\t5,040.00\t2,380.00\t{}\n"
                "次均住院费用（元）\t2,350\t5,120\t11,980\t5,406\n实际补偿比（%）\t81.20\t70.50\t56.30\t67.40\n")
    _one_error_in_the_slipped(tmp_path, sideways, "9,060.00", "9,160.00")


def test_a_text_figure_whose_sentence_states_the_table_s_value_too_is_no_conflict(tmp_path):
    text = ("单位：万元\n年度\t可用性付费\t运维绩效付费\t合计\n2021年\t1820.00\t512.60\t2332.60\n"
            "2022年\t1820.00\t530.40\t2350.40\n合计\t3640.00\t1043.00\t4683.00\n\n"
            "2022年度运维绩效付费基数为545.00万元，因部分站点停运，按合同约定绩效考核扣减14.60万元，"
            "实际应付运维绩效付费530.40万元。\n")
    assert not _errors(text_record(tmp_path, text), "repeat.conflict")


def test_a_count_stated_as_a_rate_of_the_total_after_a_semicolon_is_no_part(tmp_path):
    text = ("全年累计培训{}人，其中女性724人；取得职业技能等级证书1490人，取证率82.6%。\n")
    # 1490 ÷ 1804 = 82.6%: the certificates count some of the trained again
    assert not _errors(text_record(tmp_path, text.format("1804")), "sum.breakdown")
    # a part with its share of the whole (占…) is still a part
    shares = "2022年政府付费{}万元，其中可用性付费1820.00万元，占77.43%；运维绩效付费530.40万元，占22.57%。\n"
    _one_error_in_the_slipped(tmp_path, shares, "2350.40", "2250.40", "sum.breakdown")


def test_a_rate_said_of_its_own_figure_over_a_figure_a_paragraph_up(tmp_path):
    # each county's 下达 stands a paragraph above its 支出 and rate
    text = ("（二）资金安排情况\n全市共下达补助资金6527.14万元，较上年增加312.06万元。分县看：甲县下达2144.22万元，"
            "补助参保人数41235人；乙县下达1855.36万元，补助参保人数35680人；丙县下达1495.62万元，补助参保人数28762人；"
            "丁区下达1031.94万元，补助参保人数19845人。\n（三）资金使用情况\n截至年底，全市实际支出6467.48万元，"
            "执行率99.09%。其中：甲县支出2144.22万元，执行率100%；乙县支出1821.04万元，执行率{}；"
            "丙县支出1470.28万元，执行率98.31%；丁区支出1031.94万元，执行率100%。\n")
    flag = _one_error_in_the_slipped(tmp_path, text, "98.15%", "99.15%", "ratio.stated")
    assert "99.15%" in flag["message"]


def test_a_grant_allocated_is_the_denominator_of_its_execution_rate(tmp_path):
    # 下达补助资金: the money allocated, though 补助 stands nearer the figure
    text = "（二）青溪县。下达补助资金856.40万元，资助寄宿生7806人，全年支出812.35万元，执行率{}。\n"
    flag = _one_error_in_the_slipped(tmp_path, text, "94.86%", "96.85%", "ratio.stated")
    assert "94.86%" in flag["message"]


def test_an_allocation_by_county_is_all_of_its_total(tmp_path):
    text = ("全市共下达衔接资金{}万元，较上年增加486.20万元。按县（区）分配：东山县1625.40万元，"
            "西河县1387.60万元，南湾区542.60万元。\n")
    flag = _one_error_in_the_slipped(tmp_path, text, "3555.60", "3585.60", "sum.breakdown")
    assert "3555.60" in flag["message"]


def test_a_form_total_under_100_points_is_part_of_the_score_stated_in_words(tmp_path):
    text = ("溪源县2022年度项目支出绩效自评表\n"
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
            "| 产出指标 | 数量指标 | 新建供水工程 | ≥12处 | 12处 | 50 | 50 |\n"
            "| 效益指标 | 社会效益指标 | 农村自来水普及率 | ≥88% | 86.2% | 40 | 39 |\n"
            "| 合计 | | | | | 90 | 89 |\n\n"
            "综合得分：98.81分（预算执行情况9.81分+绩效指标89分）\n自评结论：优\n")
    record = text_record(tmp_path, text)
    assert (str(record["metadata"]["score"]), record["metadata"]["grade"]) == ("98.81", "优")
    assert not _errors(record, "score.grade")


def test_a_second_list_of_a_whole_stated_a_sentence_up(tmp_path):
    # the task's 1,120户, listed by kind of household, then by kind of work
    text = ("省下达我县改造任务{}户。改造对象为贫困户736户，低保户228户，特困人员74户，残疾人家庭82户。"
            "按改造方式分，拆除重建612户，修缮加固508户。\n")
    flag = _one_error_in_the_slipped(tmp_path, text, "1,120", "1,150", "sum.breakdown")
    assert "1,150" in flag["message"] or "1150" in flag["message"]


def test_income_and_spending_totals_are_no_parts_of_the_groups_above_them(tmp_path):
    # a final-accounts table: 收入总计 after 二、年初结转和结余 is no item of that group
    rows = [("一、本年收入", "9,263.85"), ("财政拨款收入", "7,915.40"), ("事业收入", "1,348.45"),
            ("二、年初结转和结余", "586.21"), ("收入总计", "9,850.06"), ("三、本年支出", "9,418.72"),
            ("基本支出", "3,072.56"), ("项目支出", "6,346.16"), ("四、年末结转和结余", "431.34"), ("支出总计", "{}")]
    text = "表1 收入支出决算总表\n单位：万元\n项目\t金额\n" + "".join(f"{a}\t{b}\n" for a, b in rows)
    assert not _errors(text_record(tmp_path, text.format("9,850.06")), "sum.table")


def test_a_list_broken_down_by_its_marker_and_summed_after_gives_one_flag(tmp_path):
    text = ("全年结算补贴资金{}万元。按机具类别分：拖拉机补贴5218.6万元，收获机械补贴3346.2万元，"
            "耕整地机械补贴1102.5万元，其他机具补贴758万元，合计{}万元。\n")
    assert not _errors(text_record(tmp_path, text.format("10425.3", "10425.3"), "good.txt"))
    flags = _errors(text_record(tmp_path, text.format("10452.3", "10452.3"), "bad.txt"), "sum.breakdown")
    assert len(flags) == 1


def test_two_total_rows_with_no_rows_between_are_no_sum_of_each_other(tmp_path):
    # a year-on-year table of totals only: 支出合计 is no part of 收入合计
    text = ("与上年对比情况如下（单位：万元）：\n项目\t2022年决算\t2023年决算\t增减额\n"
            "收入合计\t4,218.60\t4,652.34\t433.74\n支出合计\t4,176.25\t4,598.71\t422.46\n")
    assert not _errors(text_record(tmp_path, text), "sum.table")


def test_what_is_still_to_be_done_is_no_part_of_what_was(tmp_path):
    text = ("以上问题涉及资金共计92.25万元，已整改{}万元。其中：第1项已调整列支45.6万元；第2项剩余7.1万元待返修合格后再结算；"
            "第3项已追回5万元；第4项已追加安排经费12万元。\n")
    assert not _errors(text_record(tmp_path, text.format("62.6"), "good.txt"))
    assert not _errors(text_record(tmp_path, text.format("83.9"), "also.txt"))


def test_a_part_before_a_sentence_on_what_is_pending_stays_a_part(tmp_path):
    text = ("已拨付补助资金4,105.30万元。其中：重建补助2,736.00万元，修缮补助1,048.50万元，整治补助{}万元。"
            "剩余资金为尚未完成验收农户的补助款。\n")
    flags = [f for f in text_record(tmp_path, text.format("286.80"), "bad.txt")["flags"] if f["rule"] == "sum.breakdown"]
    assert any("4071.30" in f["message"] for f in flags)
    assert not [f for f in text_record(tmp_path, text.format("320.80"), "good.txt")["flags"] if f["rule"] == "sum.breakdown"]


def test_an_item_named_in_two_lists_of_different_wholes_is_two_allocations(tmp_path):
    # the same item gets money from the carried-over funds and again from the mid-year
    # supplement: each figure is its share of its own list, not one quantity stated twice
    text = ("2023年项目支出预算共计642.30万元，其中：上年结转项目2个，预算资金为12.40万元，即：2022年乡村道路养护经费"
            "9.60万元、防汛物资补充经费2.80万元。\n年中追加项目资金36.50万元，其中：农村饮水维修补助21.30万元，"
            "2022年乡村道路养护经费{}万元。\n")
    assert not _errors(text_record(tmp_path, text.format("15.20")), "repeat.conflict")


def test_a_list_after_ji_breaks_its_total_down(tmp_path):
    text = ("本年安排专项资金{}万元，即：种苗补助36.00万元、技术培训12.50万元、项目管理费3.20万元。\n")
    flag = _one_error_in_the_slipped(tmp_path, text, "51.70", "50.70", "sum.breakdown")
    assert "51.70万元" in flag["message"] or "51.7" in flag["message"]


def test_a_monthly_average_is_no_price_of_the_years_total(tmp_path):
    # 人均月补助: a month's pay per head; the year's total is twelve of them, and this
    # sentence does not say over how many months
    text = "全县聘用护林员236名，人均月补助900元，全年发放护林员补助254.88万元。\n"
    assert not _errors(text_record(tmp_path, text))


def test_a_monthly_average_over_the_months_its_sentence_states_is_checked(tmp_path):
    text = "全县聘用护林员236名，人均月补助900元，按12个月发放，全年发放护林员补助{}万元。\n"
    _one_error_in_the_slipped(tmp_path, text, "254.88", "264.88")


def test_a_share_whose_whole_is_written_inside_its_zhan(tmp_path):
    text = "全年资助困难学生1,860人，占全县在校学生{}人的4.20%，资助标准为每生每年1,000元。\n"
    flag = _one_error_in_the_slipped(tmp_path, text, "44,290", "41,290", "ratio.stated")
    assert "1,860人" in flag["message"] or "4.2" in flag["message"]


def test_a_coverage_rate_of_facilities_built_among_the_villages(tmp_path):
    text = "全镇46个行政村中已建成村级卫生室{}个，覆盖率93.48%。\n"
    _one_error_in_the_slipped(tmp_path, text, "43", "41", "ratio.stated")


def test_a_total_before_its_sorted_list_is_no_part_of_the_lists_sum(tmp_path):
    # the list after 按…分 adds up to the figure before it; its 合计 restates that figure
    text = ("2022年到位农机购置补贴资金1,250.00万元，按机具类别分，耕整地机械520.00万元，收获机械730.00万元，"
            "合计{}。\n")
    assert not _errors(text_record(tmp_path, text.format("1,250.00万元")))
    flags = _errors(text_record(tmp_path, text.format("1,250.00元"), "bad.txt"))
    assert flags and {f["rule"] for f in flags} == {"unit.slip"}


def test_a_second_monthly_standard_in_a_list_is_no_average_of_the_year(tmp_path):
    # 510元 is listed after a price per month (每人每月680元、510元): per month too, so the
    # year's total over its count (about 4131元 a head) is no average to hold it to
    text = ("全年累计保障城乡低保对象5230人，发放低保金2160.40万元，城乡低保标准按期提高至每人每月680元、510元。\n")
    assert not _errors(text_record(tmp_path, text), "product.unit")
    # a list of prices with no period stays an average of the total (stated wrong here)
    text = "全年累计救助对象5230人，发放救助资金2160.40万元，人均救助4000元。\n"
    assert _errors(text_record(tmp_path, text, "average.txt"), "product.unit")


def test_a_price_in_brackets_prices_the_amount_before_it(tmp_path):
    # 80元 × 14.1万人 = 1128万元, the amount the bracket follows; the 1050.40 spent after it is
    # another figure
    text = "为辖区常住人口14.1万人提供基本公共卫生服务，全年下达经费1128.00万元（人均80元），拨付执行1050.40万元。\n"
    assert not _errors(text_record(tmp_path, text), "product.unit")
    slipped = text.replace("1128.00万元", "1182.00万元")
    assert _errors(text_record(tmp_path, slipped, "slipped.txt"), "product.unit")


def test_a_bracket_of_shares_after_a_per_head_total_prices_nothing(tmp_path):
    # 520元 a head, in brackets its shares: no price of the 520 (nor of the year's fund)
    text = ("全年城乡居民参保612,300人，人均筹资标准520元（个人缴费130元/人，财政补助390元/人），"
            "年度基金总额31,839.60万元。\n")
    assert not _errors(text_record(tmp_path, text), "product.unit")
