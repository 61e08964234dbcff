from decimal import Decimal

import pytest

from extractor.extract.numbers import find_quantities, parse_cell_number, parse_chinese_numeral
from extractor.normalize import normalize


def one(text):
    qs = find_quantities(normalize(text))
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize("text,kind,value,unit,decimals", [
    ("共投入资金1,234,567.50元用于", "amount", "1234567.50", "元", 2),
    ("拨付专项资金86.3万元，", "amount", "863000", "元", 1),
    ("全年支出16.4亿元", "amount", "1640000000", "元", 1),
    ("年初预算 400 万元", "amount", "4000000", "元", 0),
    ("补助经费四百万元", "amount", "4000000", "元", 0),
    ("参加培训的有１０６名村医", "headcount", "106", "人", 0),
    ("覆盖一万二千人", "headcount", "12000", "人", 0),
    ("门诊就诊3210人次", "person_times", "3210", "人次", 0),
    ("救治42户", "households", "42", "户", 0),
    ("走访困难家庭120户次", "count", "120", "户次", 0),  # (visits to households, no households)
    ("执行率为９８．５％", "percent", "98.5", "%", 1),
    ("达到百分之九十", "percent", "90", "%", 0),
    ("按每人220元/人缴纳", "money_rate", "220", "元/人", 0),
    ("按每人220元／人缴纳", "money_rate", "220", "元/人", 0),
    ("评价得分为 88.25 分，", "score", "88.25", "分", 2),
    ("比上年提高3个百分点", "percent_point", "3", "百分点", 0),
])
def test_quantity_kinds(text, kind, value, unit, decimals):
    q = one(text)
    assert (q.kind, q.value, q.unit, q.decimals) == (kind, Decimal(value), unit, decimals)
    assert q.text in normalize(text)


def test_approximate_figures_are_kept_and_marked():
    q = one("约有2600余名群众参与")
    assert q.approx and q.value == 2600
    q = one("受益群众近两千人")
    assert q.approx and q.value == 2000
    q = one("服务对象5万人左右")
    assert q.approx and q.value == 50000


def test_ranges_and_signs():
    q = one("各乡镇较上年增加12%-45%。")
    assert (q.value, q.range_high) == (Decimal(12), Decimal(45))
    q = one("变动率＝-33.3%。")
    assert q.value == Decimal("-33.3") and q.negative


def test_not_quantities():
    text = normalize("依据某财发〔2019〕35号文件，2019年1-6月，实行一人一档，两不愁三保障，分两批培训，共30条措施。")
    assert find_quantities(text) == []
    # 两三个 is "two or three", never 23
    assert parse_chinese_numeral("两三") is None
    assert parse_chinese_numeral("一万二千") == 12000
    assert parse_chinese_numeral("二〇一九") == 2019


def test_decimal_exactness():
    q = one("资金合计0.1万元")
    assert q.value == Decimal("1000") and isinstance(q.value, Decimal)


def test_cell_numbers():
    assert parse_cell_number(" 74.41 ") == (Decimal("74.41"), 2, False)
    assert parse_cell_number("     -   ") == (Decimal(0), 0, False)
    assert parse_cell_number("97.5%") == (Decimal("97.5"), 1, True)
    assert parse_cell_number("合计") is None


def test_yue_inside_a_word_is_not_an_approximation():
    from extractor.extract.numbers import find_quantities

    signed, about = find_quantities("全年累计签约2,460人，约300人未续签。")
    assert (signed.text, signed.approx, signed.value) == ("2,460人", False, 2460)
    assert (about.text, about.approx) == ("约300人", True)


def test_a_percentage_run_onto_another_is_read_too():
    from extractor.extract.numbers import find_quantities

    # a form's target and result cells run together by a text layer
    assert [q.text for q in find_quantities("覆盖率100%98%下一项")] == ["100%", "98%"]
    # a figure of another unit right after a percentage stays out
    assert [q.text for q in find_quantities("比例50%3人")] == ["50%"]


def test_a_figure_before_a_word_that_begins_with_fen_is_no_score():
    from extractor.extract.numbers import find_quantities

    # 分值 (a form's column label), 分布, 分局: the 分 begins a word, it is not the figure's unit
    for text in ("实际完成值 8755 分值 得分", "共12分布在三个乡镇", "设3分局"):
        assert [q for q in find_quantities(text) if q.kind == "score"] == [], text
    assert [q.value for q in find_quantities("自评得分90分。")] == [90]


@pytest.mark.parametrize("written, value", [
    ("100元/月/人", "100"), ("60元/年/人", "60"), ("5元/生·天", "5"), ("4元/生/天", "4"),
    ("80元/名", "80"), ("350元/人年", "350"), ("300元/人/月", "300"), ("1.2万元/人", "12000"),
])
def test_per_head_money_in_its_written_variants_is_a_money_rate(written, value):
    qs = find_quantities(normalize(f"补助标准为{written}，按季度发放。"))
    assert [(q.kind, q.value, q.unit) for q in qs] == [("money_rate", Decimal(value), "元/人")]


def test_money_per_thing_is_still_no_amount_and_per_household_is_one():
    assert find_quantities(normalize("单价为1500元/件，补助500元/亩。")) == []
    assert [(q.kind, q.value) for q in find_quantities(normalize("户均5300元/户。"))] == [("amount", Decimal("5300"))]
    # written out with 每: a price per thing again, an amount per year or household still one
    assert find_quantities(normalize("仓储用房造价2800元每平方米，补助420元每亩。")) == []
    assert [(q.kind, q.value) for q in find_quantities(normalize("按每亩补贴95元的标准兑付，共计1260万元；每户补助800元。"))] \
        == [("amount", Decimal("12600000")), ("amount", Decimal("800"))]
    # money per person and thing is what one person gets: an amount, as before
    assert [(q.kind, q.value) for q in find_quantities(normalize("按照每人每亩80元标准补贴。"))] == [("amount", Decimal("80"))]
    assert [(q.kind, q.value) for q in find_quantities(normalize("运维经费12万元每年，奖补6000元每户。"))] \
        == [("amount", Decimal("120000")), ("amount", Decimal("6000"))]


@pytest.mark.parametrize("text, kind, value", [
    ("全县参保人数12.5万，参保率98%。", "headcount", "125000"),
    ("全县参保人数为82,350，较上年减少。", "headcount", "82350"),
    ("救助户数：368。", "households", "368"),
    ("受益人数达3万余，", "headcount", "30000"),
])
def test_a_count_its_label_names_without_a_unit(text, kind, value):
    q = one(text.replace("参保率98%", "参保率高"))
    assert (q.kind, q.value, q.unit) == (kind, Decimal(value), {"headcount": "人", "households": "户"}[kind])


@pytest.mark.parametrize("text", ["参保人数2023年达到新高。", "培训人数12次。", "参保人数 12500 参保率",
                                  "救助人数1,200人。", "人数1,024。"])
def test_a_labelled_count_needs_its_figure_right_after_the_label_and_no_unit(text):
    assert [q for q in find_quantities(normalize(text)) if q.kind == "headcount" and q.text != "1,200人"] == []


@pytest.mark.parametrize("text, kind, value, quote", [
    ("对照评分细则逐项打分，综合得分93.5。", "score", "93.5", "93.5"),
    ("经自评，本项目自评分数为88，等级为良。", "score", "88", "88"),
    ("下达残疾人补贴资金42.6万，已全部发放。", "amount", "426000", "42.6万"),
    ("今年投入维修经费3.05亿，", "amount", "305000000", "3.05亿"),
    ("县财政分三批将76.4万奖补资金拨付到村。", "amount", "764000", "76.4万"),
])
def test_a_figure_its_label_or_money_word_gives_the_unit_of(text, kind, value, quote):
    q = one(text)
    assert (q.kind, q.value, q.text) == (kind, Decimal(value), quote)


@pytest.mark.parametrize("text", [
    "项目资金865，",          # a bare figure after a money word: no unit written
    "考核得分8万，",          # a score is never in 万
    "得分60-80为中，",        # a range's end is the range's (read with its unit, or not at all)
    "得分率95%以上，",         # a rate, read as a percentage
    "资金惠及1.2万户农户。",    # the unit after the figure decides
    "培训分数线在60以上。",     # 分数线 is no 分数 followed by its figure
])
def test_a_labelled_figure_needs_its_label_right_before_it_and_the_right_magnitude(text):
    # a score or an amount whose unit its label gave has no 分 or 元 in its quote
    assert [q for q in find_quantities(normalize(text))
            if (q.kind == "score" and "分" not in q.text) or (q.kind == "amount" and "元" not in q.text)] == []


@pytest.mark.parametrize("text, values", [
    ("敬老院按实际入住人数每人每月150元、260元、380元标准给予运营补贴。", ["150", "260", "380"]),
    ("本校按生均800元核拨公用经费，", ["800"]),
    ("人均救助标准为2400元，", ["2400"]),
    ("每生每年资助2,000元。", ["2000"]),
    ("资助初中生每人每年625元和高中生每人每年1250元。", ["625", "1250"]),
    ("特困人员供养标准由每人每月700元提高到760元。", ["700", "760"]),
    ("资助小学生250元/年、中职学生2000元/学年。", ["250", "2000"]),
    ("按人均380元标准落实财政补助，", ["380"]),
    ("按每人每餐4元给予助餐补贴，", ["4"]),
    ("另发放人均通讯补助80元/月。", ["80"]),
    ("指标值：每人每月≥1,350元", ["1350"]),  # a target's comparator between the words and the figure
    ("补助标准为人均每年92元，", ["92"]),  # bare 人均 and its period right before the figure
    ("供养标准为9600元/人·年（月人均800元），", ["9600", "800"]),
    ("标准为年人均不低于95元，", ["95"]),
    ("按每名学生每学年1800元的标准发放，", ["1800"]),  # 每名 and who
    ("按每人一次性补贴2000元给予奖补，", ["2000"]),
    ("大学生每人每年最高可贷1.6万元，", ["16000"]),
    ("城市低保月人均补助水平不低于560元，", ["560"]),  # the standard's 水平
    ("按每人不超过1800元标准落实培训补贴，", ["1800"]),  # 不超过 is a bound, not 'about'
    ("对每位退役军人一次性奖励3000元，", ["3000"]),  # 每位 and who, as 每名
    ("人均补贴标准调整为每年126元，", ["126"]),  # the period after the verb
    ("每人补助标准提高到每月95元，", ["95"]),
    ("资助低保对象参保，每人每年定额资助160元。", ["160"]),  # a fixed sum per head
    ("脱贫户学生人均补助资金达到850元，", ["850"]),  # the grant's 资金 before its verb
    ("每名建档立卡家庭在校学生补助1,500元，", ["1500"]),  # 每名 and who, at length
    ("对90周岁以上老人每人每月发放高龄津贴100元，", ["100"]),  # what is paid named after the verb
    ("一档学生每学期1,250元，", ["1250"]),  # who, then a period shorter than a year
    ("膳食补助标准为每生每天 5 元，", ["5"]),  # a text layer's spaces around the figure
])
def test_money_per_head_written_in_words_is_a_money_rate(text, values):
    qs = find_quantities(normalize(text))
    assert [(q.kind, q.unit) for q in qs] == [("money_rate", "元/人")] * len(values)
    assert [q.value for q in qs] == [Decimal(v) for v in values]


@pytest.mark.parametrize("text", [
    "农村居民人均可支配收入14,280元，",   # an income per head, no standard
    "务工人员人均增收6,300元。",         # a gain per head
    "按每人每亩120元发放种植补贴，",      # per head and per mu: a price per mu
    "项目人均资金58.40元，",            # an average, no standard
    "场地租金4.2万元/年，",             # no person before money per year
    "全县学生每年资助资金500万元。",       # who and a year: the year's total
])
def test_money_per_head_needs_its_standard_words(text):
    assert [q for q in find_quantities(normalize(text)) if q.kind == "money_rate"] == []


def test_a_band_with_its_included_end_is_one_range():
    q = one("执行率在85%（含）至95%之间的项目7个".replace("项目7个", "项目"))
    assert (q.kind, q.value, q.range_high) == ("percent", Decimal("85"), Decimal("95"))


def test_a_figure_after_an_ascii_clause_comma_is_read_and_a_thousands_tail_is_not():
    qs = find_quantities(normalize("下达资金590万元,其中:90万元用于上年工资,290万元用于本年工资,210万元用于次年工资"))
    assert [q.value for q in qs if q.kind == "amount"] == [Decimal(v) for v in ("5900000", "900000", "2900000", "2100000")]
    assert find_quantities(normalize("编号1,2900万元")) == []


def test_person_times_written_with_the_times_in_brackets():
    qs = find_quantities(normalize("全年资助学生4310人(次)，慰问困难职工62人（次），帮扶3人(均为老党员)。"))
    assert [(q.kind, q.value, q.unit) for q in qs] == [("person_times", Decimal("4310"), "人次"),
                                                      ("person_times", Decimal("62"), "人次"),
                                                      ("headcount", Decimal("3"), "人")]


def test_a_captions_number_is_no_figure():
    assert find_quantities(normalize("表3  分县区资金发放情况\n附表2 分项目得分")) == []
    assert [(q.kind, q.value) for q in find_quantities(normalize("人大代表3名，表中得分3分。"))] == [
        ("headcount", Decimal("3")), ("score", Decimal("3"))]


def test_a_figure_in_wan_before_a_word_for_people_is_a_headcount():
    qs = find_quantities(normalize("保障3.6万农村人口饮水安全，惠及1.2万群众，全县12万人口，每万人口一所卫生室。"))
    assert [(q.kind, q.value) for q in qs] == [
        ("headcount", Decimal("36000")), ("headcount", Decimal("12000")), ("headcount", Decimal("120000"))]


def test_a_per_head_standard_named_at_length():
    qs = find_quantities(normalize("按常住人口人均基本公共卫生服务经费补助标准89元安排资金，人均可支配收入14500元。"))
    assert [(q.kind, q.value) for q in qs] == [("money_rate", Decimal("89")), ("amount", Decimal("14500"))]


@pytest.mark.parametrize("written, read", [
    ("分值 IO 得分 10", "分值 10 得分 10"), ("l5 15", "15 15"), ("保障人数IO指标", "保障人数10指标"),
    ("1OO分", "100分"), ("共计3,159.00万兀", "共计3,159.00万元"), ("支出248兀", "支出248元"),
    # left as written: numerals of classes, litres, Latin words and codes, a lone letter
    ("II类水质", "II类水质"), ("III级", "III级"), ("5l", "5l"), ("10l", "10l"), ("IoT平台", "IoT平台"),
    ("ISO9001", "ISO9001"), ("O2O", "O2O"), ("OA系统", "OA系统"), ("突兀", "突兀"),
])
def test_digits_and_yuan_that_text_recognition_misread_are_read_again(written, read):
    assert normalize(written) == read


@pytest.mark.parametrize("text, values", [
    ("评价结果90分（含）以上为优，80分（含）至90分为良，60分以下为差。", ["90", "80", "90", "60"]),
    ("资金分为三类，共20分为决策指标。", []),  # 分为: the verb, no score
    ("建议使用1024×768分辨率浏览", []),  # 分辨率: a word, no score
])
def test_a_score_and_the_grade_it_earns(text, values):
    # 90分为优: the bound and its grade (分为 before a grade is no verb)
    assert [str(q.value) for q in find_quantities(normalize(text)) if q.kind == "score"] == values


@pytest.mark.parametrize("text, values", [
    ("（单位：百万元）", []),  # a unit's name, no figure
    ("单位：千元", []),
    ("下达资金1.5百万元，投入一千万元。", ["1500000.0", "10000000"]),
])
def test_bare_magnitudes_name_a_unit(text, values):
    assert [str(q.value) for q in find_quantities(normalize(text)) if q.kind == "amount"] == values


@pytest.mark.parametrize("written, read", [
    ("执行数1421,56万元", "执行数1421.56万元"),  # a decimal point recognised as a comma
    ("完成率96,5%", "完成率96.5%"),
    ("扣0,5分", "扣0.5分"),
    ("资金1,234.56万元", "资金1,234.56万元"),  # thousands grouped by threes stay
    ("受益12,345人", "受益12,345人"),
    ("第1,2,3号", "第1,2,3号"),  # a list of figures is left alone
])
def test_a_comma_before_one_or_two_closing_digits_is_a_decimal_point(written, read):
    assert normalize(written) == read
    assert len(normalize(written)) == len(written)  # (quotes keep their offsets)
