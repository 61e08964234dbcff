"""Reports and forms as the thirty-ninth session found them. Every text here is made up for
the tests."""
from decimal import Decimal

import pytest

from conftest import error_flags, text_record


def _figures(record, kind, label=None):
    return [Decimal(f["value"]) for f in record["facts"]
            if f["kind"] == kind and (label is None or f.get("label") == label)]


def _flags(record, rule, severity=None):
    return [f for f in record["flags"] if f["rule"] == rule and (severity is None or f["severity"] == severity)]


# --- a 包括 whose clause names a subject of its own -------------------------------------------

@pytest.mark.parametrize("clause, flagged", [
    # the list is of the 下属单位, not of the 7 科室: no breakdown of the 7
    ("局机关设7个科室，下属事业单位包括县农技站、县农机站及18个乡镇农业服务中心。", False),
    ("中心内设5个科室，直属单位包括3个检测站和12个基层站所。", False),
    # the clause's words are the total's own (科室): its list does break it down, and overflows it
    ("局机关设7个科室，科室包括办公室等9个科室。", True),
    ("局机关设7个科室，包括办公室等9个科室。", True),
])
def test_a_list_of_a_subject_of_its_own_breaks_down_no_count_before_it(tmp_path, clause, flagged):
    text = f"某县农业农村局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n{clause}年末在编人员126人。\n"
    record = text_record(tmp_path, text)
    assert bool(_flags(record, "sum.breakdown")) is flagged


# --- a row run together that ends in a figure, the next row opening with digits -------------

_GLUED_ROWS = """项目支出绩效自评表（2023年度）项目名称基本公共卫生服务项目主管部门青溪县卫生健康局项目总得分97分
项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分年度资金总额820.00 860.00 843.00 10 98.02% 9.8
一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施产出指标数量指标建立居民健康档案人数10≥24万人24.6万人{a}
{b}-6岁儿童健康管理率8≥90%93.4%8孕产妇系统管理率8≥90%91.2%{c}
{d}岁及以上老年人健康管理人数10≥1.8万人1.92万人10质量指标高血压患者规范管理率10≥60%63.5%10
"""


@pytest.mark.parametrize("a, b, c, d", [("10", "0", "8", "65"), ("9", "0", "7", "60")])
def test_rows_run_together_keep_their_points_apart_over_a_line_break(tmp_path, a, b, c, d):
    record = text_record(tmp_path, _GLUED_ROWS.format(a=a, b=b, c=c, d=d))
    weights = _figures(record, "score", "分值")
    scores = _figures(record, "score", "得分")
    assert Decimal(a) in scores and Decimal(c) in scores
    assert weights.count(Decimal(10)) >= 4 and weights.count(Decimal(8)) >= 2
    people = _figures(record, "headcount")
    assert Decimal(240000) in people and Decimal(246000) in people
    assert Decimal(a) not in people and Decimal(a + b) not in people


# --- figures a space apart in a row are cells, not a figure grouped in thousands -------------

@pytest.mark.parametrize("total, row, values", [
    ("720 766.5 741.22", "其中：省级财政补助420 466.5 455.22———", ["4200000", "4665000", "4552200"]),
    ("600 600 572.40", "其中：中央补助资金300 300 286.40———", ["3000000", "2864000"]),
])
def test_a_fund_row_of_spaced_figures_is_not_one_figure_in_thousands(tmp_path, total, row, values):
    text = ("项目支出绩效自评表（2020年度）\n项目名称城乡医疗救助资金主管部门某县医疗保障局\n"
            "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分\n"
            f"年度资金总额 {total} 10 95.00% 9.5\n{row}\n县级财政配套300 300 286.00———\n")
    record = text_record(tmp_path, text)
    amounts = _figures(record, "amount")
    for v in values:
        assert Decimal(v) in amounts
    assert not any(a > Decimal(100000000) for a in amounts)


@pytest.mark.parametrize("text, value", [
    ("全年下达补助资金1 286.16万元，已全部拨付。", "12861600"),
    ("累计支付工程款12 805 600元。", "12805600"),
    ("项目总投资2 450.80 万元，当年完成投资2 000万元。", "24508000"),
])
def test_a_figure_grouped_in_thousands_with_spaces_is_still_one_figure(tmp_path, text, value):
    record = text_record(tmp_path, "某县项目绩效自评报告\n" + text + "\n")
    assert Decimal(value) in _figures(record, "amount")


# --- a score table one cell a line, its 评分标准 between 分值 and 得分 and wrapped --------------

_CRITERIA_TABLE = """某县2022年学生营养改善计划项目绩效自评报告
经自评，本项目得分{total}分。评分表如下：
一级指标
三级指标
分值
评分标准
得分
决策
立项依据充分性
10
符合国家营养改善计划要求的
得满分，依据不足的酌情扣分
10
过程
资金到位率
20
到位率100%得满分，
每低1%扣1分
{s2}
产出
供餐学生人数
40
实际供餐人数达到
12,000人的得满分，
每少500人扣1分
37
效益
家长满意度
30
满意度≥90%得满分
28
合计
—
100
—
{total}
"""


def test_a_score_table_with_its_criteria_between_weight_and_score_reads_each_row(tmp_path):
    record = text_record(tmp_path, _CRITERIA_TABLE.format(s2=19, total=94))
    cells = [Decimal(f["value"]) for f in record["facts"]
             if f["kind"] == "score" and f["source"]["table"] is not None and f.get("label") != "扣分"]
    assert cells == list(map(Decimal, [10, 10, 20, 19, 40, 37, 30, 28, 100, 94]))
    assert not error_flags(record)


def test_a_score_table_with_its_criteria_between_weight_and_score_that_does_not_add_up_is_not_read_so(tmp_path):
    # (its rows give 95, its 合计 94: where each row ends no line says, so no reading is taken)
    record = text_record(tmp_path, _CRITERIA_TABLE.format(s2=20, total=94))
    assert Decimal(37) not in _figures(record, "score", "得分")


# --- a level's paragraph: its 分值, its 得分 and the points each shortcoming took off ----------

@pytest.mark.parametrize("paragraph, flagged", [
    ("（二）过程指标。分值25分，得24分。资金拨付滞后，扣1分；台账不完整，扣1.5分。", True),   # 25 − 2.5 = 22.5
    # (23 for 22.5 may be the score rounded to whole points)
    ("（二）过程指标。分值25分，得23分。资金拨付滞后，扣1分；台账不完整，扣1.5分。", False),
    ("（二）过程指标。分值25分，得22.5分。资金拨付滞后，扣1分；台账不完整，扣1.5分。", False),
    ("（二）过程指标。分值25分，得21分。资金拨付滞后，扣1分；台账不完整，扣1.5分。", False),  # more lost than listed
    ("（二）过程指标。分值25分，得23分。共扣2分，其中资金拨付滞后扣1分，台账不完整扣1分。", False),
])
def test_a_levels_score_against_its_weight_less_each_deduction(tmp_path, paragraph, flagged):
    text = "某县民政局2020年度部门整体支出绩效评价报告\n四、评价得分情况\n" + paragraph + "\n"
    record = text_record(tmp_path, text)
    found = _flags(record, "score.tree", "warning")
    assert bool(found) is flagged
    assert not error_flags(record, "score.tree")


# --- 衔接资金 rows of a fund block --------------------------------------------------------------

def test_rural_revitalisation_funds_are_rows_of_the_fund_block(tmp_path):
    text = ("项目支出绩效自评表（2022年度）\n项目名称马铃薯良种繁育项目主管部门某区农业农村局\n"
            "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分\n"
            "年度资金总额 500 500 480 10 96% 9.6\n"
            "其中：中央财政衔接资金350 350 330———"
            "省级财政衔接资金150 150 150———其他资金———\n")
    record = text_record(tmp_path, text)
    assert Decimal(3300000) in _figures(record, "amount", "全年执行数")
    assert Decimal(1500000) in _figures(record, "amount", "年初预算数")
    assert not error_flags(record)


# --- a total row that ends in its grade, label and grade in one cell ---------------------------

_TAB_FORM = "\n".join([
    "部门整体支出绩效自评表（2021年度）",
    "部门名称\t某县乡村振兴局",
    "单位：万元",
    "项目\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
    "年度资金总额\t1200.00\t1260.00\t1230.00\t10\t97.62%\t9.76",
    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
    "产出指标\t数量指标\t帮扶脱贫户数\t≥3000户\t3120户\t30\t30",
    "产出指标\t质量指标\t项目验收合格率\t100%\t100%\t30\t30",
    "效益指标\t社会效益指标\t脱贫人口收入增长率\t≥8%\t{growth}\t20\t{score}",
    "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t94%\t10\t10",
    "总分\t\t\t\t\t100\t{total}\t{grade_cell}",
])


@pytest.mark.parametrize("grade_cell, grade", [("自评等级：优", "优"), ("自评等级：良", "良")])
def test_a_grade_written_with_its_label_in_the_total_rows_last_cell_is_the_forms_grade(tmp_path, grade_cell, grade):
    total, growth, score = ("99.76", "8.5%", "20") if grade == "优" else ("89.76", "6%", "10")
    record = text_record(tmp_path, _TAB_FORM.format(grade_cell=grade_cell, total=total, growth=growth, score=score))
    assert record["metadata"]["grade"] == grade
    assert record["metadata"]["score"] == Decimal(total) or str(record["metadata"]["score"]) == total


# --- a sharing site's preview chunks printed to PDF -------------------------------------------

from test_ingest_text_tables import needs_soffice, print_to_pdf  # noqa: E402


def _chunked(text: str, size: int) -> str:
    return "\n".join(f"{k}、{text[i:i + size]}" for k, i in enumerate(range(0, len(text), size), 1))


_SHEET = ("2019年度市级财政支出项目绩效评价评分表 项目名称 2019年度城区排水管网维护经费 单位 某市住房和城乡建设局 "
          "内容 指标 权重 评分结果 投入 预算执行率 3.25 2.90 专款专用率 3.25 3.25 资金到位率 3.25 3.25 "
          "财务制度健全性 3.25 2.75 资金使用合规性 3.25 3.25 政府采购规范性 3.25 3.25 资产管理规范性 3.50 3.10 "
          "产出 管网疏通长度 12.00 12.00 检查井维修数量 12.00 11.40 维修及时率 12.00 12.00 "
          "效果 积水点消除率 14.00 13.20 群众满意度 12.00 11.50 长效管理机制健全性 15.00 13.15 合计 100.00 95.00")


@needs_soffice
@pytest.mark.parametrize("size", [150, 180])
def test_preview_chunks_printed_to_pdf_read_as_the_text_does(tmp_path, size):
    text = "某市排水管网维护经费绩效评价评分表.doc\n资源描述\n" + _chunked(_SHEET, size) + "\n"
    src, printed = print_to_pdf(tmp_path, text)
    from extractor.pipeline import extract_file
    scores = [[f["value"] for f in extract_file(p)["facts"] if f["kind"] == "score"] for p in (src, printed)]
    assert Decimal("13.20") in scores[0] and Decimal("95.00") in scores[0]
    assert scores[1] == scores[0]


# --- a third party's score table scoring several counties side by side ------------------------

_COUNTIES = """某市2021年度困难群众医疗救助资金第三方绩效评价报告
三、评价结论
评价组对各样本县分别打分，全市综合得分取各县得分的算术平均值。
表3  样本县一级指标得分情况
| 一级指标 | 分值 | {a} | {b} | {c} |
| 决策 | 20 | 18 | 17.5 | 19 |
| 过程 | 25 | 22 | 20.5 | 23 |
| 产出 | 30 | 28 | 26 | 27.5 |
| 效益 | 25 | 22.5 | 21 | 23.5 |
| 合计 | 100 | 90.5 | 85 | 93 |
综合评价，全市2021年度医疗救助资金绩效评价得分89.50分，评价等级为“良”。{c}得分最高，为93分；{b}得分最低，为85分。
"""


@pytest.mark.parametrize("a, b, c", [("隆回县", "洞口县", "新宁县"), ("巴马", "都安", "大化"), ("城关镇", "河口镇", "新华镇")])
def test_counties_scored_side_by_side_in_a_table_are_scores(tmp_path, a, b, c):
    record = text_record(tmp_path, _COUNTIES.format(a=a, b=b, c=c))
    scores = _figures(record, "score")
    for v in ("18", "17.5", "22.5", "21", "23.5", "90.5", "85", "93"):
        assert Decimal(v) in scores
    assert not error_flags(record)  # (…得分最高，为93分 names no first-level item of a summary)


def test_columns_of_words_beside_a_weight_are_no_units_scored(tmp_path):
    text = ("某县项目绩效评价报告\n| 一级指标 | 分值 | 评分标准 | 说明 |\n| 决策 | 20 | 依据充分 | 无 |\n"
            "| 过程 | 30 | 管理规范 | 无 |\n| 合计 | 50 | — | — |\n")
    record = text_record(tmp_path, text)
    assert not error_flags(record)


# --- a first level's own row, its second-level cell a dash ------------------------------------

def test_a_first_levels_own_row_with_a_dash_below_is_the_level_not_one_more_indicator(tmp_path):
    text = """某县民政局2019年度部门整体支出绩效评价报告
三、评价结论
经评价，综合评分87分，评价等级为“良”。
| 一级指标 | 二级指标 | 分值 | 得分 |
| 投入（20分） | — | — | 17.5 |
|  | 目标设定 | 5 | 4.5 |
|  | 资金落实 | 15 | 13 |
| 过程（30分） | — | — | 26 |
|  | 业务管理 | 15 | 13 |
|  | 财务管理 | 15 | 13 |
| 产出（50分） | — | — | 43.5 |
|  | 产出数量 | 25 | 22 |
|  | 产出质量 | 25 | 21.5 |
| 合计 | — | 100 | 87 |
"""
    record = text_record(tmp_path, text)
    paths = {tuple(i["path"]): i["score"] for i in record["indicators"]}
    assert not any("—" in path for path in paths)
    assert paths[("投入",)] == Decimal("17.5") and paths[("产出",)] == Decimal("43.5")
    assert not error_flags(record, "score.tree")


# --- 分别为 names the parts, 包括 the whole ----------------------------------------------------

@pytest.mark.parametrize("sentence", ["项目总投资500万元，中央和省级资金分别为300万元和250万元。",
                                      "项目总投资500万元，资金包括中央资金300万元和省级资金250万元。"])
def test_a_list_naming_its_parts_still_breaks_down_the_figure_before_it(tmp_path, sentence):
    record = text_record(tmp_path, "某县项目绩效自评报告\n" + sentence + "\n")
    assert "sum.breakdown" in {f["rule"] for f in error_flags(record)}


# --- forms with 计量单位, 指标性质 and 得分系数 columns -----------------------------------------

_CQ_PIPE = """项目支出绩效自评表
（2022年度）
| 项目名称 | 城乡低保对象医保资助资金 | 项目编码 | 500231-22-YB-0102 |
| 主管部门 | 某县医疗保障局 | 实施单位 | 某县医保事务中心 |
| 自评总分（分） | {total} | 自评等级 | {grade} |
单位：万元
| 资金类别 | 年初预算数 | 全年（调整）预算数 | 全年执行数 | 执行率（%） | 执行率权重（分） | 执行率得分（分） |
| 年度资金总额 | 600.00 | 640.00 | 630.40 | 98.50 | 10 | 9.85 |
| 其中：中央补助资金 | 400.00 | 400.00 | 400.00 | 100.00 | — | — |
| 县级配套资金 | 200.00 | 240.00 | 230.40 | 96.00 | — | — |
| 一级指标 | 二级指标 | 三级指标 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数（%） | 指标权重（分） | 指标得分（分） | 是否核心指标 |
| 产出指标 | 数量指标 | 资助参保人数 | 人 | 定量/正向 | 18000 | 18600 | 18752 | 100 | 30 | 30 | 是 |
|  |  | 低保对象资助覆盖率 | % | 定量/正向 | 100 |  | 100 | 100 | 20 | 20 | 是 |
|  | 成本指标 | 定额资助标准 | 元/人 | 定量/正向 | 180 | 200 | 200 | 100 | 20 | 20 | 否 |
| 效益指标 | 社会效益指标 | 困难群众参保率 | % | 定量/正向 | 99 |  | 98.2 | 90 | 10 | 9 | 否 |
| 满意度指标 | 服务对象满意度指标 | 参保群众满意度 | % | 定量/正向 | 90 |  | 93 | 100 | 10 | 10 | 否 |
| {total_label} |  |  |  |  |  |  |  |  | {weights} | {scores} |  |
"""


@pytest.mark.parametrize("total_label, weights, scores", [("合计", "90", "89"), ("总分", "100", "98.85")])
def test_a_pipe_form_of_blocks_of_different_widths_reads_its_columns_by_place(tmp_path, total_label, weights, scores):
    text = _CQ_PIPE.format(total="98.85", grade="优", total_label=total_label, weights=weights, scores=scores)
    record = text_record(tmp_path, text)
    assert Decimal(18752) in _figures(record, "headcount") and Decimal(18600) in _figures(record, "headcount")
    assert Decimal(200) in _figures(record, "money_rate")
    assert sorted(_figures(record, "score", "得分")).count(Decimal(20)) == 2
    assert Decimal(str(record["metadata"]["score"])) == Decimal("98.85")
    assert not error_flags(record)


def test_a_head_total_stands_over_an_indicators_total_row(tmp_path):
    # (合计 | 90 | 89 totals the indicators; the head's 98.85 grades the form, 优)
    record = text_record(tmp_path, _CQ_PIPE.format(total="98.85", grade="优", total_label="合计", weights="90", scores="89"))
    assert not error_flags(record, "score.grade")
    wrong = text_record(tmp_path, _CQ_PIPE.format(total="88.85", grade="优", total_label="合计", weights="90", scores="89"),
                        name="wrong.txt")
    assert error_flags(wrong)  # (88.85 is neither 89 + 9.85 nor 优)


_CQ_LINE = ("2023年度中央对地方转移支付区域绩效自评表 转移支付（项目）名称 农村综合改革转移支付 地方主管部门 某县财政局 "
            "自评总分 {total} 自评等级 优 资金情况（万元） 年初预算数 全年预算数 全年执行数 执行率 执行率权重 执行率得分 "
            "年度资金总额 500.00 520.00 514.80 99.00% 10 9.9 "
            "绩效指标 一级指标 二级指标 三级指标 指标性质 计量单位 年初指标值 调整指标值 全年完成值 得分系数（%） 指标权重（分） 指标得分（分） "
            "产出指标 数量指标 村级公益事业建设项目 定量/正向 个 40 42 42 100 20 20 "
            "受益农户 定量/正向 户 5200 5416 100 30 30 "
            "效益指标 社会效益指标 项目村群众满意度 定量/正向 % 90 92.5 100 40 40 "
            "合计 90 90")


def test_a_one_line_form_with_nature_and_unit_cells_before_its_figures(tmp_path):
    record = text_record(tmp_path, _CQ_LINE.format(total="99.9"))
    assert Decimal(5200) in _figures(record, "households") and Decimal(5416) in _figures(record, "households")
    points = _figures(record, "score")
    assert points.count(Decimal(30)) == 2 and points.count(Decimal(40)) == 2
    assert Decimal(100) not in _figures(record, "score", "得分")
    assert Decimal("92.5") in _figures(record, "percent")


# --- a form head's line of fields is a line of its own ---------------------------------------

def test_a_form_heads_line_of_fields_is_not_joined_to_the_next_line(tmp_path):
    text = ("2022年度转移支付项目绩效自评表\n转移支付名称：城乡医疗救助补助资金\n"
            "自评总分：97.6分　　自评等级：优\n资金情况（万元）\n年初预算数\n全年预算数\n全年执行数\n")
    record = text_record(tmp_path, text)
    assert Decimal("97.6") in _figures(record, "score")
    assert record["metadata"]["grade"] == "优"


# --- a form's header a text layer wrote over three lines ---------------------------------------

_THREE_LINE_HEADER = """2020年度项目支出绩效自评表
项目名称 某县2020年农村危房改造补助资金
主管部门 某县住房和城乡建设局 实施单位 各乡镇人民政府
{upper}
{middle}
{lower}
年度资金总额 860.00 925.40 918.60 10 99.27% 9.93
其中：当年财政拨款 860.00 900.00 893.20 - - -
上年结转资金 - 25.40 25.40 - - -
"""


@pytest.mark.parametrize("upper, middle, lower", [
    ("年初预 全年预 全年执 执行率", "项目资金（万元） 分值 得分", "算数 算数 行数 （B/A）"),
    ("项目资金 年初 全年 全年 执行率", "分值 得分", "（万元） 预算数 预算数（A） 执行数（B） （B/A）"),
])
def test_a_fund_header_over_three_lines_reads_its_rows(tmp_path, upper, middle, lower):
    record = text_record(tmp_path, _THREE_LINE_HEADER.format(upper=upper, middle=middle, lower=lower))
    assert Decimal(9254000) in _figures(record, "amount", "全年预算数") + _figures(record, "amount", "全年预算数（A）")
    assert Decimal(8932000) in [Decimal(f["value"]) for f in record["facts"] if f["kind"] == "amount"
                                and (f.get("label") or "").startswith("全年执行数")]
    assert Decimal("99.27") in _figures(record, "percent")
    assert Decimal("9.93") in _figures(record, "score") and Decimal(10) in _figures(record, "score")
    assert not error_flags(record)


def test_three_lines_of_words_that_are_no_header_stay_as_they_are(tmp_path):
    text = "某县项目绩效自评报告\n年初 全年 全年 执行\n资金 安排\n计划 预算 支出 情况\n全年支出资金120万元。\n"
    record = text_record(tmp_path, text)
    assert _figures(record, "amount") == [Decimal(1200000)]
