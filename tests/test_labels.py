"""What each figure measures (its label), on sentences written for these tests: other
counties, other wording, other units. Each test names the rule it exercises."""
import pytest

from extractor.extract.facts import _text_facts


def labels(text: str) -> list:
    return [(f.text, f.label) for f in _text_facts(text, {})]


def label_of(text: str, figure: str) -> str:
    found = [label for t, label in labels(text) if t == figure]
    assert found, f"{figure} not found in {labels(text)}"
    return found[0]


@pytest.mark.parametrize("text, figure, label", [
    ("人员编制控制率=（在职人数÷核定编制数）×100%=96.15%。", "96.15%", "控制率"),
    ("“三公”经费变动率=（本年预算数-上年预算数）÷上年预算数×100%=-12.50%。", "-12.50%", "变动率"),
    ("年度预算执行率＝实际支出÷全年预算×100%＝88.2%", "88.2%", "执行率"),
    # no vocabulary word at the end of the name: the rate word itself, not 预算 inside it
    ("预算调整率=（本年追加预算÷年初预算）×100%=7.30%。", "7.30%", "调整率"),
])
def test_a_formula_result_is_named_by_its_left_hand_side(text, figure, label):
    assert label_of(text, figure) == label


def test_items_after_a_bare_qizhong_take_the_total_s_label():
    text = "全年实际支出812.40万元，其中：县级配套资金300.00万元，市级资金512.40万元。"
    assert labels(text) == [("812.40万元", "支出"), ("300.00万元", "支出"), ("512.40万元", "支出")]


def test_items_after_a_list_head_take_its_name():
    text = "退休人员中：财政全额供养5人，自收自支2人；满意度分别为：参保群众92.1%、定点机构90.4%、职工88.0%。"
    assert labels(text) == [("5人", "退休人数"), ("2人", "退休人数"), ("92.1%", "满意度"),
                            ("90.4%", "满意度"), ("88.0%", "满意度")]


def test_items_in_brackets_after_a_figure_take_its_label():
    text = "共发放调查问卷120份（参保群众80份、医药机构40份）。"
    assert labels(text) == [("120份", "问卷数"), ("80份", "问卷数"), ("40份", "问卷数")]


def test_a_baokuo_clause_breaks_down_the_figure_before_it():
    text = "基本支出640.20万元，包括人员经费580.00万元、公用经费60.20万元。"
    assert [label for _, label in labels(text)] == ["支出", "支出", "支出"]


def test_a_dun_list_of_bare_rates_shares_the_first_rate_s_name():
    assert [label for _, label in labels("甲乡、乙乡、丙乡到位率分别为98.5%、96.0%、91.2%。")] == ["到位率"] * 3


def test_a_comma_list_without_a_head_does_not_pass_labels_on():
    # 尚有…未到位 is not a second 到位 figure
    assert label_of("财政资金预算520.00万元，实际到位470.00万元，尚有50.00万元未到位。", "50.00万元") is None


def test_a_term_before_another_figure_belongs_to_that_figure():
    text = "大病保险起付线下调40%即为6000元。"
    assert labels(text) == [("40%", "变动率"), ("6000元", "起付线")]


def test_figures_side_by_side_share_the_term_before_them():
    assert label_of("门诊统筹报销2310人次86.40万元。", "86.40万元") == "补偿"


def test_a_change_word_leading_into_a_level_is_not_a_change():
    assert label_of("大病保险报销比例提高到65%。", "65%") == "报销比例"


@pytest.mark.parametrize("text, figure, label", [
    ("全年门诊慢病报销8,215人次。", "8,215人次", "门诊人次"),
    ("实施住院救助3,406人次、门诊救助1,120人次。", "1,120人次", "门诊人次"),
    # the care named earlier in the sentence, not taken by another 人次 figure
    ("特困人员在定点医院住院费用全免，救助512人次。", "512人次", "住院人次"),
    ("全县医保基金累计补偿120,337人次。", "120,337人次", "补偿人次"),
    ("享受生育保险待遇318人次。", "318人次", "待遇人次"),
])
def test_person_times_are_named_by_care_then_act(text, figure, label):
    assert label_of(text, figure) == label


@pytest.mark.parametrize("text, figure, label", [
    ("全县共有协议零售药店23家。", "23家", "药店数"),
    ("对存在问题的9家定点药店暂停服务协议。", "9家", "药店数"),
    ("局机关下设5个股室。", "5个", "机构数"),
    ("本局共设内设机构6个：办公室、财务股等。", "6个", "机构数"),
    ("全年受理理赔案件2,140起。", "2,140起", "案件数"),
    ("设置4个一级指标、12个二级指标。", "12个", "指标数"),
])
def test_counts_are_named_canonically_by_what_they_count(text, figure, label):
    assert label_of(text, figure) == label


@pytest.mark.parametrize("text, figure, label", [
    ("截至年末，核定编制41名，实有在职人员39人。", "41名", "编制人数"),
    ("截至年末，核定编制41名，实有在职人员39人。", "39人", "在职人数"),
    ("本单位编制数为18人。", "18人", "编制人数"),
])
def test_establishment_and_staff_are_told_apart(text, figure, label):
    assert label_of(text, figure) == label


def test_a_bare_score_is_a_score_obtained_and_a_bracketed_one_a_weight():
    text = "经测算，决策绩效为17分，产出（30分）。"
    assert labels(text) == [("17分", "得分"), ("30分", "分值")]


@pytest.mark.parametrize("text, figure, label", [
    ("较上年增长37%。", "37%", "增长率"),
    ("通过专项检查拒付违规费用42.6万元。", "42.6万元", "拒付"),
    ("医院减免费用15.3万元。", "15.3万元", "减免"),
    ("重点人群签约率不低于65%。", "65%", "签约率"),
    ("资金拨付及时率达100%。", "100%", "及时率"),
])
def test_vocabulary_terms(text, figure, label):
    assert label_of(text, figure) == label


def test_thousands_separators_do_not_cut_a_list():
    text = "项目实际到位资金2,436,000.00元，其中：中央资金1,218,000.00元，省级资金730,800.00元，县级资金487,200.00元。"
    assert [label for _, label in labels(text)] == ["到位资金"] * 4


def test_words_after_a_figure_name_it_only_for_their_kind():
    # 的兜底 after a headcount names 兜底人数; after a percentage it names nothing
    assert label_of("完成未脱贫人员2019年医疗保险费1,520人的兜底工作。", "1,520人") == "兜底人数"
    assert label_of("按照个人负担控制在8%的兜底原则执行。", "8%") is None


def test_what_the_people_did_after_the_figure_names_them():
    text = "各乡镇参保经办人员共计46人参加医保信息系统培训。"
    assert label_of(text, "46人") == "培训人数"
    assert label_of("全县参保人数为46人。", "46人") == "参保人数"
