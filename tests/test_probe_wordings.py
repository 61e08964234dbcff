"""Wordings the blind probe rounds of the twenty-third session met: a rate of people over
the times they were served, a grade band's range closed with （含） and a long dash, and a
table whose rows stand between ruled lines.
Every text here is made up for the tests."""
from conftest import error_flags, text_record


# ---- a rate of people over person-times (就业人数 ÷ 培训人次)
def _training(rate: str) -> str:
    return ("全年开展职业技能培训58期4210人次，培训合格率91.2%，取得证书3018人，"
            f"培训后实现就业2399人，就业率{rate}，带动脱贫劳动力就业620人。\n")


def test_a_rate_of_people_over_person_times_is_read(tmp_path):
    assert not error_flags(text_record(tmp_path, _training("57.0%")), "ratio.stated")  # 2399 ÷ 4210
    assert not error_flags(text_record(tmp_path, _training("79.5%")), "ratio.stated")  # 2399 ÷ 3018
    assert error_flags(text_record(tmp_path, _training("52.0%")), "ratio.stated")


def test_households_are_not_divided_by_people(tmp_path):
    # (户 and 人 count different things: 1,620户 of 2,400人 is no rate)
    text = "全村脱贫人口2,400人，年内已落实帮扶措施1,620户，帮扶覆盖率52.5%。\n"
    assert not error_flags(text_record(tmp_path, text), "ratio.stated")


# ---- a grade band's range: 80（含）—90分
def _facts(record, kind="score"):
    return [(str(f["value"]), f.get("range_high") and str(f["range_high"])) for f in record["facts"] if f["kind"] == kind]


def test_a_range_closed_by_han_and_a_long_dash(tmp_path):
    text = "评价等级标准：90分（含）以上为优，75（含）—90分为良，60（含）–75分为中，60分以下为差。\n"
    facts = _facts(text_record(tmp_path, text))
    assert ("75", "90") in facts and ("60", "75") in facts
    facts = _facts(text_record(tmp_path, "90分及以上为优，80—90分为良，60—80分为中。\n"))
    assert ("80", "90") in facts and ("60", "80") in facts


def test_a_long_dash_without_han_is_no_range(tmp_path):
    text = "项目决策得分18分—过程管理得分17分。\n"
    facts = _facts(text_record(tmp_path, text))
    assert ("18", None) in facts and ("17", None) in facts


# ---- a form one cell a line whose prose cell names agencies (省财政厅, 县财政局) before its funds
def _transfer_form(note: str) -> str:
    cells = ["2019年度转移支付区域绩效目标自评表", "专项名称", "农村危房改造补助", "县级实施单位", "某县住房和城乡建设局",
             "资金管理情况", note, "资金投入情况（万元）", "全年预算数", "全年执行数", "执行率", "分值", "得分",
             "年度资金总额", "1250.00", "1180.00", "94.40%", "10", "9.44",
             "其中：中央财政资金", "900.00", "880.00", "97.78%", "—", "—",
             "地方资金", "350.00", "300.00", "85.71%", "—", "—",
             "年度总体目标", "完成危房改造任务。", "总分", "9.44"]
    return "\n".join(cells) + "\n"


_AGENCIES = ("资金由省财政厅按任务量切块下达，县财政局设立专账核算，乡镇经管站负责核实，"
             "市财政局会同住建部门抽查，资金通过一卡通直接兑付到农户，市财政局年终通报，未发现挤占挪用问题。")


def _funds(record):
    fs = {f["id"]: f for f in record["facts"]}
    form = record["forms"][0]
    return {row["label"]: fs[row["cells"]["全年执行数"]]["text"] for row in form["funds"] if "全年执行数" in row["cells"]}


def test_agencies_named_in_a_forms_prose_cell_are_no_fund_rows(tmp_path):
    funds = _funds(text_record(tmp_path, _transfer_form(_AGENCIES)))
    assert funds.get("年度资金总额") == "1180.00" and funds.get("中央财政资金") == "880.00"
    record = text_record(tmp_path, _transfer_form(_AGENCIES).replace("1180.00", "1080.00"))
    assert error_flags(record, "form.funds_total")


# ---- a spaced table drawn with ruled lines under its header and above its 合计 row
_RULED = """表2  资金支出明细表
    项目名称            预算数（万元）    支出数（万元）
    ────────────────────────────────────────
    危房改造            320.00            300.50
    饮水安全            180.00            176.20
    道路硬化            250.00            241.30
    ────────────────────────────────────────
    合计                750.00            {total}
"""


def test_a_table_between_ruled_lines_reads_its_header_and_total(tmp_path):
    record = text_record(tmp_path, _RULED.format(total="718.00"))
    table = record["tables"][0]
    assert table["header"] and table["row_kinds"][-1] == "total"
    assert not error_flags(record, "sum.table")
    assert error_flags(text_record(tmp_path, _RULED.format(total="728.00")), "sum.table")


def test_a_rule_between_paragraphs_is_kept(tmp_path):
    from extractor.ingest import load_document
    path = tmp_path / "r.txt"
    path.write_text("一、项目概况\n本项目资金750万元。\n──────────\n二、绩效目标\n完成道路硬化。\n", encoding="utf-8")
    assert any("──────" in b.text for b in load_document(path).blocks)


# ---- money per head worded per quarter, as a loan ceiling, as a cost per head
def _rates(record):
    return [(f["kind"], str(f["value"])) for f in record["facts"] if f["unit"] in ("元", "元/人")]


def test_money_per_head_per_quarter_and_loan_ceilings(tmp_path):
    text = ("考核合格的护林员每人每季度发放2,400元；大学新生每人每年贷款额度最高不超过16000元；"
            "培训农民860人，人均培训经费1800元；农户人均增收450元。\n")
    rates = _rates(text_record(tmp_path, text))
    assert ("money_rate", "2400") in rates and ("money_rate", "16000") in rates and ("money_rate", "1800") in rates
    assert ("amount", "450") in rates  # (income per head is an amount, as the real set labels it)


# ---- a coverage rate named by 资助: of those 资助, out of those due
def test_an_aid_coverage_rate(tmp_path):
    text = "全县应资助家庭经济困难学生3,150人，实际资助3,087人，资助覆盖率为{rate}。\n"
    assert not error_flags(text_record(tmp_path, text.format(rate="98.0%")), "ratio.stated")  # 3087 ÷ 3150
    assert error_flags(text_record(tmp_path, text.format(rate="99.6%")), "ratio.stated")


# ---- a department form on one line: a group's heading run into its first row's label and figure
def _department_line(first: str) -> str:
    return ("部门整体支出绩效自评表 单位：万元 年度预算申请 全年预算数 全年执行数 执行率 分值 得分 "
            f"年度资金总额620.00 598.40 96.52% 10 9.65 按资金来源：财政拨款{first} 580.40 其他资金20.00 18.00 "
            "按支出性质：基本支出410.00 405.20 项目支出210.00 193.20 年度总体目标 保障机关正常运转\n")


def test_a_group_heading_run_into_its_first_row(tmp_path):
    record = text_record(tmp_path, _department_line("600.00"))
    values = {str(f["value"]) for f in record["facts"] if f["kind"] == "amount"}
    assert {"6000000.00", "4100000.00"} <= values


# ---- a score table that gives each level its own 分值 and 得分 (一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分)
def _level_points_table(output_score: str) -> str:
    return ("表4 绩效评价指标得分情况\n"
            "| 一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分 |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
            "| 决策 | 20 | 18 | 项目立项 | 8 | 8 |\n"
            "| | | | 绩效目标 | 12 | 10 |\n"
            f"| 产出 | 50 | {output_score} | 产出数量 | 30 | 28 |\n"
            "| | | | 产出质量 | 20 | 17 |\n"
            "| 效益 | 30 | 27 | 社会效益 | 30 | 27 |\n"
            f"| 合计 | 100 | {18 + float(output_score) + 27:g} | | | |\n")


def test_each_levels_own_points_are_checked_against_its_rows(tmp_path):
    record = text_record(tmp_path, _level_points_table("45"))
    groups = {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"]}
    assert groups[("产出",)] == (50, 45) and groups[("产出", "产出质量")] == (20, 17)
    assert not error_flags(record, "score.tree")
    flags = error_flags(text_record(tmp_path, _level_points_table("46")), "score.tree")
    assert flags and "产出" in flags[0]["message"]


# ---- pipe rows without outer pipes, a leading pipe for an empty first cell
_NO_OUTER_PIPES = """某县教育局部门整体支出绩效自评表
单位：元
部门名称 | 某县教育局 | | 主管部门 | 某县人民政府 | |
年度主要任务 | 任务名称 | 主要内容 | 预算金额 | 执行金额 | |
| 学生资助 | 落实各学段资助政策 | 3,210,000.00 | 3,150,400.00 |
| 校舍维修 | 维修改造农村学校校舍 | 1,800,000.00 | 1,764,000.00 |
资金情况（元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
年度资金总额 | 5,010,000.00 | 5,010,000.00 | {spent} | 10 | 98.09% | 9.81
其中：财政拨款 | 5,010,000.00 | 5,010,000.00 | 4,914,400.00 | | |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完
成值 | 分值 | 得分 | 偏差原因分析及改进措施
产出指标 | 数量指标 | 资助学生人数 | ≥1200人 | 1236人 | 50 | 50 |
 | 质量指标 | 资助对象认定准确率 | 100% | 100% | 40 | 40 |
总分 | | | | | | 100 | 99.81 |
"""


def test_pipe_rows_without_outer_pipes(tmp_path):
    record = text_record(tmp_path, _NO_OUTER_PIPES.format(spent="4,914,400.00"))
    amounts = [str(f["value"]) for f in record["facts"] if f["kind"] == "amount"]
    assert "3210000.00" in amounts and "1764000.00" in amounts  # the tasks' money, in the form's 元
    form = record["forms"][0]
    assert any(row["slot"] == "total" and "全年执行数" in row["cells"] for row in form["funds"])
    assert not error_flags(record)
    assert error_flags(text_record(tmp_path, _NO_OUTER_PIPES.format(spent="4,994,400.00")), "form.funds_total")


# ---- a 资金来源为 list that ends with its clause group before any figure
def test_a_source_list_of_words_ends_at_its_clause_group(tmp_path):
    text = "项目年初预算200.00万元，资金来源为县级财政资金；年中追加预算20.00万元，调整后预算为220.00万元。\n"
    assert not error_flags(text_record(tmp_path, text), "sum.breakdown")
    text = "项目资金220万元，资金来源为：中央资金150万元，县级资金60万元。\n"
    assert error_flags(text_record(tmp_path, text), "sum.breakdown")


# ---- a flattened form whose header names a 度量单位 column that a line ran into the target
def _flattened_units_form() -> str:
    return ("项目支出绩效自评表（2023年度）  项目名称  城乡供水保障  主管部门  某县水利局\n"
            "项目资金（万元）  年初预算数  全年预算数  全年执行数  分值  执行率  得分  年度资金总额  300.00  300.00  291.00  10  97.00%  9.70\n"
            "一级指标  二级指标  三级指标  指标性质  指标值  度量单位  实际完成值  分值  得分  偏差原因分析及改进措施\n"
            "产出指标  数量指标  新建供水管网长度  ≥  42  公里  45  20  20    质量指标  水质达标率  ≥  95  %  97.6  20  20\n"
            "效益指标  社会效益指标  受益人口  ≥  12000  人  12650  20  20    满意度指标  服务对象满意度指标  群众满意度  ≥  90  %  93.5  30  30\n"
            "总分  100  99.70\n")


def test_a_result_under_a_unit_column_takes_the_targets_unit(tmp_path):
    facts = [(f["kind"], str(f["value"])) for f in text_record(tmp_path, _flattened_units_form())["facts"]]
    assert ("percent", "97.6") in facts and ("percent", "93.5") in facts and ("headcount", "12650") in facts


# ---- a fund block a text layer wrote column by column
def _column_wise_form(first_spent: str) -> str:
    cells = ["某县2020年度项目支出绩效自评表", "项目名称：农村公路养护", "项目资金", "（万元）", "年初预算数", "全年预算数",
             "全年执行数", "分值", "执行率", "得分", "年度资金总额", "其中：财政拨款", "其他资金",
             "180.00", "150.00", "30.00",      # 年初预算数 of the three rows
             "200.00", "170.00", "30.00",      # 全年预算数
             first_spent, "166.00", "28.00",   # 全年执行数
             "10", "97.00%", "9.70",           # the total's 分值, 执行率, 得分
             "年度总体目标：", "完成农村公路养护里程320公里。"]
    return "\n".join(cells) + "\n"


def test_a_fund_block_written_column_by_column(tmp_path):
    record = text_record(tmp_path, _column_wise_form("194.00"))
    fs = {f["id"]: f["text"] for f in record["facts"]}
    rows = {r["label"]: {c: fs[v] for c, v in r["cells"].items()} for r in record["forms"][0]["funds"]}
    assert rows["年度资金总额"]["全年执行数"] == "194.00" and rows["财政拨款"]["全年预算数"] == "170.00"
    assert rows["其他资金"]["全年执行数"] == "28.00"
    assert not error_flags(record)


def test_figures_that_add_up_no_way_column_by_column_are_not_read_so(tmp_path):
    # (no money column's total is its rows' sum, and the rate fits no budget)
    cells = _column_wise_form("194.00")
    for old, new in (("180.00", "181.00"), ("200.00", "201.00"), ("166.00", "160.00"), ("97.00%", "91.00%")):
        cells = cells.replace(old, new)
    record = text_record(tmp_path, cells)
    fs = {f["id"]: f["text"] for f in record["facts"]}
    read = {r["label"]: {c: fs[v] for c, v in r["cells"].items()} for form in record["forms"] for r in form["funds"]}
    assert read.get("财政拨款", {}).get("全年预算数") != "170.00"


# ---- a score table set on its side: the indicators as columns, rows 分值 / 得分 / 得分率
def test_a_score_table_on_its_side(tmp_path):
    text = ("表5 一级指标得分情况\n"
            "| 指标 | 决策 | 过程 | 产出 | 效益 | 合计 |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
            "| 分值 | 20 | 20 | 30 | 30 | 100 |\n"
            "| 得分 | 18 | 16.5 | 27 | 26 | 87.5 |\n"
            "| 得分率 | 90.00% | 82.50% | 90.00% | 86.67% | 87.50% |\n")
    scores = [str(f["value"]) for f in text_record(tmp_path, text)["facts"] if f["kind"] == "score"]
    assert scores == ["20", "20", "30", "30", "100", "18", "16.5", "27", "26", "87.5"]


def test_money_per_head_per_year_after_a_ceiling_word(tmp_path):
    text = "对符合条件的困难群众，按每人不超过600元/年标准进行临时救助。\n"
    rates = [(f["kind"], str(f["value"])) for f in text_record(tmp_path, text)["facts"]]
    assert ("money_rate", "600") in rates


# ---- a web page's CSV-like rows whose first piece has no filled field: no table, no crash
def test_comma_rows_with_nothing_filled_are_no_table(tmp_path):
    text = ('编辑: 某某 | 2019-07-09 |\n,,\n,,\n,,\n,,\n'
            ', "项目","考核内容","权数","考评得分" "预算执行","支出完成率","20","19.4", ,"结转结余","结转结余率","10","9"\n')
    from extractor.ingest import load_document
    path = tmp_path / "rows.txt"
    path.write_text(text, encoding="utf-8")
    assert any("结转结余率" in block.text for block in load_document(path).blocks)  # (its words kept)
    assert text_record(tmp_path, text)["metadata"] is not None


# ---- words of a scoring rule run together with its points are no indicator (…的得 | 5分)
def test_a_rules_words_are_no_indicator(tmp_path):
    text = ("某镇2020年耕地地力补贴项目绩效评分细则 目标名称 分值 "
            "按时上报补贴面积汇总表的得4分，每逾期一次 实施情况 扣1分；按时兑付补贴资金得4分， 每逾期一次扣1分； 8 7 "
            "随机抽查农户30户，满意率达到90%以上的得10分， 群众满意度 每降低5%扣2分。 10 9 "
            "全年无因补贴发放引发有效投诉的得5分，每发生 信访投诉 一起扣2分。 5 5\n")
    record = text_record(tmp_path, text)
    assert not any(i["path"][-1].rstrip().endswith("得") for i in record["indicators"])
    assert not error_flags(record, "score.tree")


# ---- a standard paid per month or year: 低保标准为620元/月, 标准提高到每月480元, 低保标准（元/月）
def test_a_standard_per_period_is_money_per_head(tmp_path):
    text = ("城市低保标准为620元/月，农村低保标准提高到每月480元；高龄津贴标准为每月100元。"
            "职工月工资3000元/月。耕地地力补贴标准为每亩105元。\n")
    facts = [(f["kind"], str(f["value"])) for f in text_record(tmp_path, text)["facts"] if f["kind"] in ("amount", "money_rate")]
    assert facts == [("money_rate", "620"), ("money_rate", "480"), ("money_rate", "100")]


def test_a_standards_column_per_month_is_money_per_head(tmp_path):
    text = ("表1 低保对象情况\n| 类别 | 人数（人） | 低保标准（元/月） |\n| --- | --- | --- |\n"
            "| 城市 | 120 | 680 |\n| 农村 | 860 | 520 |\n")
    facts = [(f["kind"], str(f["value"])) for f in text_record(tmp_path, text)["facts"] if f["kind"] == "money_rate"]
    assert facts == [("money_rate", "680"), ("money_rate", "520")]


# ---- a score table one cell a line, each cell closed by a pipe
def test_cells_closed_by_pipes_one_a_line(tmp_path):
    cells = ["绩效评价指标得分情况", "一级指标", "分值", "得分", "决策", "20", "18", "过程", "20", "17.5",
             "产出", "30", "28", "效益", "30", "26.5", "合计", "100", "90"]
    text = ("项目名称 |\n某县农村道路养护项目 |\n评价结论 |\n评价组认为，该项目立项依据充分，资金拨付及时，养护任务完成较好，"
            "但日常巡查和考核机制仍需完善。 |\n" + "".join(f"{c} |\n" for c in cells))
    scores = [str(f["value"]) for f in text_record(tmp_path, text)["facts"] if f["kind"] == "score"]
    assert scores == ["20", "18", "20", "17.5", "30", "28", "30", "26.5", "100", "90"]


# ---- a transfer form's 资金管理情况 rows after its fund block are no fund rows; its block written twice is one finding
_TRANSFER = """转移支付（区域）绩效目标自评表（2023年度）
转移支付名称 | 农业生产防灾减灾资金 | |
资金投入情况（万元） | 全年预算数 | 全年执行数 | 执行率 |
年度资金总额 | {total} | 183.2 | 96.42% |
其中：中央财政资金 | 150 | 145.2 | 96.80% |
地方资金 | 40 | 38 | 95.00% |
资金管理情况 | 情况说明 | 存在问题和改进措施 |
下达及时性 | 资金在收到文件后30日内分解下达 | 无 |
执行准确性 | 中央资金结余4.8万元，系药剂采购价低于预算 | 加强预算测算 |
"""


def test_a_transfer_forms_fund_management_rows_end_its_fund_block(tmp_path):
    assert not error_flags(text_record(tmp_path, _TRANSFER.format(total="190")))
    flags = error_flags(text_record(tmp_path, _TRANSFER.format(total="200")), "form.funds_total")
    assert len(flags) == 1


def test_a_forms_fund_block_written_twice_is_one_finding(tmp_path):
    twice = _TRANSFER.format(total="200")
    lines = twice.splitlines()
    text = "\n".join(lines[:6] + lines[2:6] + lines[6:]) + "\n"  # (the fund block again, as a page's summary repeats it)
    assert len(error_flags(text_record(tmp_path, text), "form.funds_total")) == 1


# ---- a 其中 list with a part that comes off the total; a form's cells run into one "rate"
def test_a_list_with_a_reduction_is_no_sum(tmp_path):
    text = "下达给我单位资金2.07万元，其中：森林生态效益补偿资金调减1.94万元，造林补助1.85万元，退耕还林补助2.16万元。\n"
    assert not error_flags(text_record(tmp_path, text), "sum.breakdown")
    text = "下达资金12.07万元，其中：造林补助1.85万元，退耕还林补助4.37万元，抚育补助8.16万元。\n"
    assert error_flags(text_record(tmp_path, text), "sum.breakdown")


def test_cells_run_into_one_figure_are_no_rate(tmp_path):
    text = "资金投入情况（万元） 全年预算数 全年执行数 执行率\n年度资金总额:1260113495%\n全年增长12500%。\n"
    percents = [str(f["value"]) for f in text_record(tmp_path, text)["facts"] if f["kind"] == "percent"]
    assert percents == ["12500"]


# ---- a one-row table one cell a line under a caption stating its unit (湖南 部门整体 reports)
def test_a_named_row_under_a_unit_caption(tmp_path):
    cells = ["二、部门(单位)收支情况", "年度收入情况(万元)", "机构名称", "收入合计", "其中:", "上年结转", "公共财", "政拨款",
             "政府基金拨款", "其他", "某镇人民政府", "1865.40", "42.10", "1703.30", "80.00", "40.00",
             "年度支出情况(万元)", "机构名称", "支出合计", "其中:", "基本支出", "项目支出", "某镇人民政府", "1790.25",
             "1210.65", "579.60", "三、绩效目标完成情况"]
    amounts = [str(f["value"]) for f in text_record(tmp_path, "\n".join(cells) + "\n")["facts"] if f["kind"] == "amount"]
    assert amounts == ["18654000.00", "421000.00", "17033000.00", "800000.00", "400000.00",
                       "17902500.00", "12106500.00", "5796000.00"]


# ---- a block inside a pipe table under its own header of names, narrower than the table
def test_a_blocks_figures_stand_under_its_own_header(tmp_path):
    rows = ["项目负责人 | 某某 | 联系电话 | 12345678", "计划安排资金(万元) | 300.00 | 实际到位资金(万元) | 288.50",
            "市财政 | 38.50 | 市财政 | 38.50", "县财政 | 261.50 | 县财政 | 250.00", "实际支出(万元) | 280.20", "二、项目支出明细情况", "支出内容 | 计划支出数(万元) | 实际支出数(万元)",
            "村道养护 | 180.00 | 171.60", "桥梁维修 | 120.00 | 108.60", "支出合计 | 300.00 | 280.20"]
    text = "一、项目基本概况\n" + "".join(f"{row} | ||||||||\n" for row in rows)  # (a web page's empty cells run on)
    spent = [str(f["value"]) for f in text_record(tmp_path, text)["facts"] if (f.get("column") or "").startswith("实际支出数")]
    assert spent == ["1716000.00", "1086000.00", "2802000.00"]


def test_a_long_pipe_row_a_pdf_wrapped_stays_one_row(tmp_path):
    from extractor.ingest import load_document
    text = ("| 指标 | 分值 | 得分 | 说明 | 备注 |\n"
            "| 决策 | 20 | 18 | 立项规范 | 无 |\n"
            "| 过程 | 20 | 17 | 管理规范 | 无 |\n"
            "| 目标 | 年度目标 | 实际完成 | 一级指标 | 二级指标 | 三级指标 | 指标值\n"
            "度量单位 | 产出指标 | 数量指标 | 受助人数 | 735 |\n"
            "| 产出 | 30 | 28 | 完成良好 | 无 |\n"
            "| 效益 | 30 | 27 | 效果明显 | 无 |\n")
    path = tmp_path / "wrapped.txt"
    path.write_text(text, encoding="utf-8")
    rows = [[c.text for c in row] for b in load_document(path).blocks if b.table is not None for row in b.table.rows]
    assert any("指标值度量单位" in cell for row in rows for cell in row)  # (the two pieces joined, one row)


# ---- a score table one cell a line whose total row writes its points only (合计 | 100 | 88)
def test_a_cell_score_tables_total_row_of_points_only(tmp_path):
    cells = ["一级指标", "三级指标", "分值", "评分标准", "得分",
             "决策", "立项依据充分性", "20", "符合政策规定得满分，不符合不得分", "20",
             "过程", "预算执行率", "30", "执行率≥95%得满分，每降低1个百分点扣0.5分", "28",
             "产出", "任务完成率", "30", "完成率100%得满分，每低1个百分点扣1分", "26",
             "效益", "群众满意度", "20", "满意度≥90%得满分，80%（含）—90%得12分", "14",
             "合计", "100", "88", "四、自评结论"]
    # (the cells' own points: a rule's 扣0.5分 in its words is a fact of its own)
    scores = [str(f["value"]) for f in text_record(tmp_path, "\n".join(cells) + "\n")["facts"] if f["kind"] == "score"
              and f["source"].get("table") is not None and f["text"].isdigit()]
    assert scores == ["20", "20", "30", "28", "30", "26", "20", "14", "100", "88"]


# ---- a score system's 满分 at several levels run together is no tree of awarded points
def test_points_of_several_levels_read_as_one_are_no_tree(tmp_path):
    text = ("附件2 补助资金绩效评价指标评分表序号指标指标满分指标评价值及得分数据来源合计100分基础分100分"
            "一资金投入20分主要评价资金投入情况1本级预算安排资金增幅8分增幅不低于上级得满分县财政局上报"
            "2本级资金占上级资金比例6分比例达到30%得满分县财政局上报3资金分配的合理性6分发现一项问题扣2分"
            "二资金拨付15分4资金拨付进度9分按进度计分5资金拨付到项目6分国库支付数据"
            "三资金使用成效65分6预算执行率10分7脱贫人口人均纯收入增幅15分8产业项目联农带农10分"
            "9群众满意度10分10项目绩效20分\n")
    assert not error_flags(text_record(tmp_path, text), "score.tree")
