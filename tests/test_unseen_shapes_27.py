"""What the twenty-seventh session found by reading texts the extractor had not seen in the
shape they came in: excerpts cut anywhere (a fuzzing pass over the tuning texts cut, trimmed and
re-joined), forms whose title the page left out, and score tables whose scoring rules are plain
words. Every text here is made up for the tests."""
from conftest import error_flags, text_record
from extractor.pipeline import extract_file


def _values(record, kind):
    return [str(f["value"]) for f in record["facts"] if f["kind"] == kind]


# ---- texts cut or trimmed anywhere never make an internal error
def test_a_pipe_region_opening_with_a_cell_whose_pipe_stands_on_the_next_line(tmp_path):
    text = "附件\n |\n| （2023年度） |\n项目名称 | 乡村道路养护项目 |\n主管部门 | 县交通运输局 | 实施单位 | 县公路中心 |\n"
    record = text_record(tmp_path, text)
    assert record["errors"] == [] or all("internal" not in str(e) for e in record["errors"])


def test_cells_a_line_between_bare_pipes_after_a_cut_figure(tmp_path):
    # (an excerpt that starts with the last figure of a table above: no row width to go by)
    text = ("36.20\n||||\n资金执行情况（万元）\n|\n项目\n年初预算数\n全年执行数\n执行率\n|\n"
            "合计\n300.00\n291.00\n97.00%\n|\n基本支出\n200.00\n196.00\n98.00%\n|\n")
    record = extract_file(tmp_path / "cut.txt", data=text.encode("utf-8"))  # (raised TypeError before)
    assert "97.00" in _values(record, "percent")


def test_a_fund_block_cut_off_before_its_last_column(tmp_path):
    # the page's excerpt ends inside the fund block: fewer figures than rows × columns
    text = ("项目支出绩效自评表\n项目名称\n城乡医疗救助\n项目资金（万元）\n年初预算数\n全年预算数\n全年执行数\n"
            "年度资金总额\n其中：当年财政拨款\n上年结转资金\n500.00\n480.00\n20.00\n")
    record = extract_file(tmp_path / "cut.txt", data=text.encode("utf-8"))  # (raised IndexError before)
    assert record["metadata"]["report_type"] == "form_project"


# ---- a form whose title the page left out, found by its blocks
def _untitled_form(goal_label="预期目标", with_indicators=True) -> str:
    lines = ["2022年度城乡居民医疗救助资金", "单位名称 县医疗保障局",
             "预算资金（万元） 年初预算数 全年预算数 全年执行数 执行率",
             "合计 860.00 860.00 817.00 95%",
             "其中：中央资金 600.00 600.00 570.00 95%",
             "县级资金 260.00 260.00 247.00 95%",
             f"{goal_label} 实际完成情况",
             "资助困难群众参加居民医保，减轻其医疗费用负担 资助参保4160人，救助1.2万人次"]
    if with_indicators:
        lines += ["一级指标 二级指标 三级指标 指标值 实际完成值",
                  "产出指标 数量指标 资助参保人数 ≥4000人 4160人",
                  "效益指标 社会效益指标 救助对象政策范围内自付费用救助比例 ≥70% 72%"]
    return "\n".join(lines) + "\n"


def test_a_form_without_its_title_is_recognised_by_its_goals_and_funds(tmp_path):
    record = text_record(tmp_path, _untitled_form())
    assert record["metadata"]["report_type"] == "form_department"  # (单位名称 names a department's)
    assert record.get("forms")
    assert "8600000.00" in _values(record, "amount")
    assert not error_flags(record)


def test_a_form_without_its_title_and_without_its_fund_block(tmp_path):
    text = _untitled_form().replace("单位名称 县医疗保障局\n", "")
    text = "\n".join(line for line in text.splitlines() if not line[:1].isdigit() and "资金" not in line[:4]
                     and not line.startswith(("合计", "其中", "县级"))) + "\n"
    record = text_record(tmp_path, text)
    assert record["metadata"]["report_type"] == "form_project"
    assert "4160" in _values(record, "headcount")


def test_a_report_with_a_fund_table_and_a_score_table_naming_its_goals_is_no_form(tmp_path):
    # (绩效目标 as a score table's second level, and a table of funds: a report, not a form)
    text = ("某县2023年就业补助资金绩效评价报告\n一、资金情况\n"
            "资金来源 | 年初预算数（万元） | 全年执行数（万元） | 执行率\n"
            "中央资金 | 300.00 | 291.00 | 97%\n合计 | 300.00 | 291.00 | 97%\n"
            "二、评价结论\n综合得分90分。\n"
            "一级指标\n二级指标\n分值\n得分\n决策\n绩效目标\n10\n9\n产出\n产出数量\n40\n37\n"
            "效益\n社会效益\n50\n44\n合计\n100\n90\n")
    record = text_record(tmp_path, text)
    assert not str(record["metadata"].get("report_type") or "").startswith("form")


def test_a_narrative_without_a_form_stays_a_report_whatever_its_headings(tmp_path):
    text = _untitled_form(goal_label="绩效目标")
    record = text_record(tmp_path, "关于2022年度医疗救助资金的绩效自评报告\n" + text)
    assert not str(record["metadata"].get("report_type") or "").startswith("form")


# ---- a score table one cell a line whose 评分要点 are plain words
def _score_table(weights=("10", "10", "15", "5"), scores=("10", "9", "13", "4"), total=("40", "36")) -> str:
    rows = [("资金到位率", "足额到位", None), ("资金管理规范性", "专款专用、按月发放", "个别乡镇代领"),
            ("对象认定准确率", "抽查入户核实", "发现少量错保"), ("信息公开", "名单张榜公示", None)]
    cells = ["某县2019年度城乡低保资金自评评分表", "指标", "权重", "评分要点", "得分", "扣分原因"]
    for (name, rule, reason), w, s in zip(rows, weights, scores):
        cells += [name, w, rule, s] + ([reason] if reason else [])
    cells += ["合计", *total]
    return "前言：本表为自评结果。\n" + "\n".join(cells) + "\n以上为评分情况。\n"


def test_plain_words_between_the_weight_and_the_score_are_the_rows_criteria(tmp_path):
    record = text_record(tmp_path, _score_table())
    assert _values(record, "score") == ["10", "10", "10", "9", "15", "13", "5", "4", "40", "36"]
    assert not error_flags(record)


def test_a_score_table_with_plain_criteria_whose_total_is_off_is_flagged(tmp_path):
    record = text_record(tmp_path, _score_table(total=("40", "38")))
    assert error_flags(record), record["flags"]


# ---- a first level's word as the last row, with a scoring rule and a reason, before the total
def _levels_table(last_score="4", total_score="31.5") -> str:
    cells = ["一级指标", "二级指标", "分值", "评分要点", "得分", "扣分原因",
             "决策", "立项依据", "5", "依据充分得满分", "5",
             "产出", "培训人次", "10", "完成计划得满分", "8.5", "完成计划的85%",
             "新增就业", "10", "完成目标得满分", "10",
             "满意度", "5", "≥90%得满分", last_score, "申领流程满意度偏低",
             "合计", "30", total_score]
    return "某市职业技能培训补贴绩效评价\n指标评分情况如下：\n" + "\n".join(cells) + "\n"


def test_a_first_level_word_with_its_rule_and_reason_is_the_last_row(tmp_path):
    record = text_record(tmp_path, _levels_table(total_score="27.5"))
    assert "5" in _values(record, "score")
    assert not error_flags(record), record["flags"]


def test_the_last_row_named_by_a_first_level_word_counts_in_the_total(tmp_path):
    record = text_record(tmp_path, _levels_table(last_score="4", total_score="28.5"))
    assert error_flags(record), record["flags"]


# ---- a re-evaluation's score table: the unit's own score and the reviewer's
def _review_table(reviewer_word: str, cells_a_line: bool) -> str:
    rows = [["一级指标", "二级指标", "分值", "自评得分", reviewer_word, "扣分原因"],
            ["决策", "目标设定", "10", "10", "9", "目标不够细化"],
            ["过程", "资金管理", "20", "20", "17", "存在以拨代支"],
            ["产出", "服务数量", "40", "38", "36", ""],
            ["效益", "群众满意度", "30", "28", "27", "满意度87%"],
            ["合计", "", "100", "96", "89", ""]]
    if cells_a_line:
        body = "\n".join(c for row in rows for c in row if c)
    else:
        body = "\n".join(" | ".join(row) for row in rows)
    return "某区2020年社区卫生服务补助资金再评价报告\n评价得分情况如下表：\n" + body + "\n"


def test_a_reviewers_score_column_after_the_units_own_is_read(tmp_path):
    for word in ("评价得分", "再评价得分", "复核得分"):
        for cells_a_line in (False, True):
            record = text_record(tmp_path, _review_table(word, cells_a_line))
            scores = _values(record, "score")
            assert all(v in scores for v in ("9", "17", "36", "27", "89")), (word, cells_a_line, scores)
            assert all(v in scores for v in ("10", "20", "38", "28", "96")), (word, cells_a_line, scores)
            assert not error_flags(record), (word, cells_a_line)


# ---- two forms without titles, their cells run together (a sharing site's text)
def _glued_form(project: str, amount: str, first_score: str) -> str:
    return (f"项目名称{project}\n主管部门某镇人民政府实施单位某镇人民政府\n"
            "项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分\n"
            f"年度资金总额{amount}{amount}{amount}10100.0%10\n"
            "年度总体目标预期目标实际完成情况\n改善镇容镇貌\n全年完成情况较好\n"
            "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施\n"
            f"产出指标数量指标项目计划完成率100%100%{first_score}{first_score}\n"
            "效益指标社会效益指标群众满意度≥90%≥90%2020\n"
            f"总分:{10 + 2 * int(first_score) + 20}\n")


def test_two_untitled_forms_run_together_are_told_apart_by_their_project_names(tmp_path):
    text = "某镇2021年预算绩效评价结果公开\n" + _glued_form("城镇建设管理", "320.00", "15") \
        + "财政\n2020年度\n" + _glued_form("河道保洁养护", "86.50", "12")
    record = text_record(tmp_path, text)
    assert len(record["forms"]) == 2
    amounts = _values(record, "amount")
    assert amounts.count("3200000.00") == 3 and amounts.count("865000.00") == 3, amounts


# ---- a form whose goals are 年度预期目标 | 具体完成情况 (no title in the text)
def test_a_form_whose_goals_are_the_years_expected_targets(tmp_path):
    text = ("某县民政局2020年度预算\n一、基本情况 项目名称: 高龄津贴 金额单位: 万元\n"
            "二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)\n"
            "预算数 6.84 到位数 6.84 执行数 6.84 100.00\n"
            "其中:财政资金 6.84 其中:财政资金 6.84 其中:财政资金 6.84\n"
            "三、目标完成情况 年度预期目标 具体完成情况 总体完成率(%)\n"
            "按时发放高龄津贴 按时足额发放 100.00\n"
            "四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 实际完成值 自评得分\n"
            "产出指标 数量指标 发放人数 50 ≥19人 19人 50\n效益指标 社会效益指标 老人满意度 50 ≥90% 95% 50\n")
    record = text_record(tmp_path, text)
    assert record["metadata"]["report_type"] == "form_project"


def test_a_reviewers_total_off_its_rows_is_flagged_and_a_right_one_is_not(tmp_path):
    for word in ("评价得分", "复核得分"):
        for cells_a_line in (False, True):
            text = _review_table(word, cells_a_line)
            assert not error_flags(text_record(tmp_path, text)), (word, cells_a_line)
            wrong = text.replace("| 89 |", "| 88 |") if not cells_a_line else text.replace("\n89\n", "\n88\n")
            [flag] = error_flags(text_record(tmp_path, wrong))
            assert "复核" in flag["message"] and flag["stated"] == 88, flag


# ---- 得分 split in the unit's own and the reviewer's on the header's second line
def _stacked_review_table(cells_a_line: bool, review_total: str = "89") -> str:
    head = [["一级指标", "二级指标", "分值", "得分", "", "差异说明"], ["", "", "", "自评", "再评价", ""]]
    rows = [["决策", "目标设定", "10", "10", "9", "目标不够细化"], ["过程", "资金管理", "20", "20", "17", "存在以拨代支"],
            ["产出", "服务数量", "40", "38", "36", ""], ["效益", "群众满意度", "30", "28", "27", "满意度87%"],
            ["合计", "", "100", "96", review_total, ""]]
    if cells_a_line:
        body = "\n".join(c for row in head + rows for c in row if c)
    else:
        body = "\n".join(" | ".join(row) for row in head + rows)
    return "某区2020年社区卫生服务补助资金再评价报告\n自评与再评价得分对照表\n" + body + "\n"


def test_a_score_split_in_the_units_own_and_the_reviewers_is_read(tmp_path):
    for cells_a_line in (False, True):
        record = text_record(tmp_path, _stacked_review_table(cells_a_line))
        scores = _values(record, "score")
        assert all(v in scores for v in ("9", "17", "36", "27", "89", "10", "20", "38", "28", "96")), (cells_a_line, scores)
        assert not error_flags(record), cells_a_line
        assert error_flags(text_record(tmp_path, _stacked_review_table(cells_a_line, review_total="91"))), cells_a_line


# ---- money in 万 after a money word, without its 元
def test_money_in_wan_written_without_yuan_after_a_money_word(tmp_path):
    cases = {"资金额度 3862 万，已全部拨付。": "38620000", "项目预算为 1781.86 万，全部到位。": "17818600.00",
             "支出总额864.2万，执行率100%。": "8642000.0", "资金额度3862万，已全部拨付。": "38620000"}
    for text, amount in cases.items():
        assert _values(text_record(tmp_path, text), "amount") == [amount], text
    # (万 and 元 a line's break apart, flattened to one line: one amount)
    assert _values(text_record(tmp_path, "年中调整预算为 1781.86 万 元，比年初增加。"), "amount") == ["17818600.00"]
    for text in ("参保人数 12.5 万，同比增长3%。", "预算 2021 年下达，执行率95%。", "资金到位率 98 万分之一。"):
        assert _values(text_record(tmp_path, text), "amount") == [], text


# ---- a summary's sentence that scores the parts of one of its items (在项目效益中，…)
_SUMMARY = ("经评价，该项目综合得分88.5分，评价等级为良。其中项目决策得分13.5分；项目过程得分22分；"
            "项目产出得分31分；项目效益得分22分。在项目效益中，{parts}。")


def test_the_parts_of_a_summarys_item_are_checked_against_it_not_the_total(tmp_path):
    right = _SUMMARY.format(parts="社会效益得分12分，可持续影响得分7分，满意度得分3分")
    assert not error_flags(text_record(tmp_path, right))
    wrong = _SUMMARY.format(parts="社会效益得分12分，可持续影响得分5分，满意度得分3分")
    [flag] = error_flags(text_record(tmp_path, wrong))
    assert "项目效益22分" in flag["message"] and flag["computed"] == 20, flag["message"]


def test_one_or_two_parts_short_of_their_item_may_be_parts_picked_out(tmp_path):
    for parts in ("社会效益得分12分", "社会效益得分12分，满意度得分3分"):
        assert not error_flags(text_record(tmp_path, _SUMMARY.format(parts=parts))), parts


# ---- indicators as numbered paragraphs, each with its weight and its score
def _numbered_outline(output_score: str = "28") -> str:
    return ("某县2016年学生营养改善计划项目绩效自评报告\n一、自评情况\n"
            "1、投入20分,自评得分19分。\n(一)保障机制(12分):制度健全,自评得12分。\n"
            "(二)资金落实(8分):县级经费到位率90%,自评得7分。\n"
            f"2、产出30分,自评得分{output_score}分。\n(一)供餐数量(10分):供餐覆盖率100%,自评得10分。\n"
            "(二)供餐质量(10分):部分学校菜品搭配较为单一,自评得9分。\n(三)供餐时效(10分):按时开餐率100%,自评得10分。\n"
            f"二、自查结论\n综上,项目自评得分{19 + int(output_score)}分。\n")


def test_numbered_paragraphs_with_weights_and_scores_make_a_score_tree(tmp_path):
    record = text_record(tmp_path, _numbered_outline("29"))
    paths = [tuple(i["path"]) for i in record["indicators"]]
    assert ("产出", "供餐质量") in paths and ("投入",) in paths, paths
    assert not error_flags(record)
    [flag] = error_flags(text_record(tmp_path, _numbered_outline("28")))
    assert flag["rule"] == "score.tree" and "产出28分" in flag["message"]


# ---- a fund block alone, its title left out, its header's names between column letters
def test_a_fund_block_whose_header_names_stand_between_column_letters(tmp_path):
    header = ["资金投入情况", "（万元）", "行次", "全年预算数", "（A）", "统筹整合资金数", "（B）",
              "扣除统筹整合资金后预算金额", "（C）", "全年到位资金", "（D）", "预算到位", "（D/C×100%）",
              "全年执行资金", "（E）", "预算执行", "（E/C×100%）", "佐证材料", "列次", "0", "1", "2", "3", "4", "5", "6", "7"]
    rows = "年度资金总额(万元): 1 86.500000 0.000000 86.500000 86.500000 100.00% 80.250000 92.77%\n"
    record = text_record(tmp_path, "某县2023年度农业保险保费补贴资金\n年度：2023年\n" + "\n".join(header) + "\n" + rows)
    assert record["metadata"]["report_type"].startswith("form")
    assert "802500.000000" in _values(record, "amount"), _values(record, "amount")


# ---- the money of each level that gave, however each level's money is named
def test_sources_named_by_their_level_short_of_their_total_are_flagged(tmp_path):
    short = "全区共下达水利发展资金6825.00万元，其中中央资金4310.00万元、自治区资金1870.00万元、市区配套555.00万元。"
    [flag] = [f for f in text_record(tmp_path, short)["flags"] if f["rule"] == "sum.breakdown"]
    assert flag["severity"] == "warning" and "6735.00" in flag["message"]
    right = short.replace("6825.00", "6735.00")
    assert not [f for f in text_record(tmp_path, right)["flags"] if f["rule"] == "sum.breakdown"]
    two = "全区共下达资金6825.00万元，其中中央资金4310.00万元、自治区资金1870.00万元。"  # (the main ones only)
    assert not [f for f in text_record(tmp_path, two)["flags"] if f["rule"] == "sum.breakdown"]


# ---- a first level with its 分值 and 得分, a second level named, the rows with theirs, a reason
def _three_levels(process_score: str = "18", cells_a_line: bool = True) -> str:
    rows = [["一级指标", "分值", "得分", "二级指标", "三级指标", "分值", "得分", "扣分说明"],
            ["决策", "10", "9", "项目立项", "立项依据充分性", "5", "5"],
            ["", "", "", "绩效目标", "绩效目标合理性", "5", "4", "部分目标值设置偏低"],
            ["过程", "20", process_score, "资金管理", "资金到位率", "10", "10"],
            ["", "", "", "", "预算执行率", "5", "4", "执行率未达到100%"],
            ["", "", "", "组织实施", "制度执行有效性", "5", "4", "台账更新不及时"],
            ["效益", "20", "17", "社会效益", "群众生活保障水平", "10", "9"],
            ["", "", "", "满意度", "服务对象满意度", "10", "8", "满意度为88.5%"],
            ["合计", "50", "44"]]
    cells = [c for row in rows for c in row if c]
    body = "\n".join(cells) if cells_a_line else "\n".join(" ".join(c for c in row if c) for row in rows)
    return "某县2020年特困人员救助供养资金绩效评价报告\n绩效评价指标得分表\n" + body + "\n四、存在的主要问题\n"


def test_three_levels_with_the_first_levels_points_one_cell_a_line(tmp_path):
    record = text_record(tmp_path, _three_levels())
    scores = _values(record, "score")
    for v in ("9", "5", "4", "18", "10", "17", "8", "50", "44"):
        assert v in scores, (v, scores)
    paths = [tuple(i["path"]) for i in record["indicators"]]
    assert ("过程", "资金管理", "预算执行率") in paths and ("决策", "绩效目标", "绩效目标合理性") in paths, paths
    assert not error_flags(record), record["flags"]


def test_a_first_level_off_its_rows_three_levels_down_is_flagged_once(tmp_path):
    record = text_record(tmp_path, _three_levels(process_score="17"))
    [flag] = error_flags(record)
    assert flag["rule"] == "score.tree" and "过程17分" in flag["message"], flag["message"]


# ---- levels named, rows with their 权重 and 得分 and maybe a reason, empty cells left out
def _level_named_rows(levels: int = 3, total_score: str = "93.5", report_score: str = "93.5") -> str:
    head = ["一级指标", "二级指标", "三级指标"][:levels] + ["权重", "得分", "扣分原因"]
    rows = [(["决策", "项目立项", "立项依据充分性"], "10", "10", ""),
            (["绩效目标", "目标明确性"], "10", "8", "部分目标未细化"),
            (["过程", "资金管理", "预算执行率"], "20", "19.5", "执行率为95%"),
            (["资金使用合规性"], "20", "20", ""),
            (["产出", "产出数量", "培训人次完成率"], "20", "18", ""),
            (["效益", "满意度", "学员满意度"], "20", "18", "满意度为88.6%")]
    cells = list(head)
    for names, w, s, reason in rows:
        names = names if levels == 3 else [n for k, n in enumerate(names) if not (len(names) == 3 and k == 1)]
        cells += names + [w, s] + ([reason] if reason else [])
    cells += ["合计", "100", total_score]
    return (f"某区2023年职业技能提升补贴资金绩效评价报告\n经评价，综合得分{report_score}分，评价等级为“优”。\n"
            "绩效评价指标得分表\n" + "\n".join(cells) + "\n四、存在的问题\n")


def test_rows_under_level_names_one_cell_a_line_are_read(tmp_path):
    for levels in (3, 2):
        record = text_record(tmp_path, _level_named_rows(levels))
        scores = _values(record, "score")
        for v in ("10", "8", "20", "19.5", "18", "100", "93.5"):
            assert v in scores, (levels, v, scores)
        assert not error_flags(record), (levels, record["flags"])
    paths = [tuple(i["path"]) for i in text_record(tmp_path, _level_named_rows(3))["indicators"]]
    assert ("过程", "资金管理", "资金使用合规性") in paths and ("决策", "绩效目标", "目标明确性") in paths, paths


def test_a_report_score_off_its_table_under_level_names_is_flagged(tmp_path):
    assert error_flags(text_record(tmp_path, _level_named_rows(3, report_score="95.5")))


# ---- a page's number between the cells of a table one cell a line
def test_a_table_one_cell_a_line_goes_on_past_a_pages_number(tmp_path):
    cells = ["序号", "项目名称", "资金（万元）", "评价得分", "评价结果",
             "1", "乡村道路硬化工程", "320.00", "92", "优",
             "2", "农村饮水提升工程", "185.50", "86", "良",
             "3", "村级活动场所修缮", "96.20", "78", "中"]
    for at in (4, 10):  # (between the header's names; between two rows)
        lines = cells[:at] + ["- 2 -"] + cells[at:]
        text = "某镇2022年项目绩效评价结果公示\n" + "\n".join(lines) + "\n以上结果予以公示。\n"
        record = text_record(tmp_path, text)
        assert sorted(_values(record, "amount")) == ["1855000.00", "3200000.00", "962000.00"], (at, _values(record, "amount"))
        assert sorted(_values(record, "score")) == ["78", "86", "92"], at


# ---- headings with their full marks and the points awarded in brackets
def _bracketed_headings(input_score: str = "14") -> str:
    return ("某县城市公厕提升改造项目绩效自评报告\n二、自评基本结论(满分100分,实得95分)\n"
            f"(一)投入(满分15分,实得{input_score}分)\n1.项目申报(满分5分,实得5分)\n按程序申报，资料齐全。\n"
            "2.资金管理(满分10分,实得9分)\n资金专账核算，个别支出凭证不全。\n"
            "(二)过程(满分25分,实得24分)\n1.组织实施(满分15分,实得15分)\n2.质量管理(满分10分,实得9分)\n"
            "(三)产出(满分35分,实得34分)\n(四)效果(满分25分,实得23分)\n")


def test_points_awarded_in_a_headings_brackets_are_exact(tmp_path):
    assert not error_flags(text_record(tmp_path, _bracketed_headings("14")))
    [flag] = error_flags(text_record(tmp_path, _bracketed_headings("15").replace("实得95分", "实得96分")))
    assert "投入15分" in flag["message"] and flag["computed"] == 14, flag["message"]
