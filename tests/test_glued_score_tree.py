"""Score tables and fund rows a document-sharing site ran together with no cell breaks, read
only where the table's own arithmetic leaves one reading. The tables are written for the
test, with invented names and figures."""
from decimal import Decimal

from conftest import text_record

_HEAD = "2021年度乡村道路养护项目绩效评价评分表一级指标分值二级指标分值三级指标分值得分"
# 决策 20 = 立项 8 (4 + 4) + 目标 12 (6 + 6); 过程 30 = 管理 30 (10 + 10 + 10);
# 产出 30 = 数量 30 (15 + 15); 效益 20 = 社会 20 (10 + 10)
_BODY = ("决策20项目立项8立项依据充分性44立项程序规范性43.5绩效目标12目标合理性65.5指标明确性66"
         "过程30资金管理30资金到位率1010预算执行率109.2资金使用合规性1010"
         "产出30产出数量30养护里程完成率1515路面修补完成率1514"
         "效益20社会效益20群众出行便利度109满意度1010")


def _points(record):
    return sorted(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "score")


def test_a_run_together_score_table_is_read_where_its_weights_add_up(tmp_path):
    record = text_record(tmp_path, _HEAD + _BODY + "合计10096.2评价等级优\n", "tree.txt")
    leaves = {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"] if len(i["path"]) == 3}
    assert leaves[("决策", "项目立项", "立项程序规范性")] == (Decimal(4), Decimal("3.5"))
    assert leaves[("过程", "资金管理", "预算执行率")] == (Decimal(10), Decimal("9.2"))
    assert leaves[("产出", "产出数量", "路面修补完成率")] == (Decimal(15), Decimal(14))
    assert str(record["metadata"]["score"]) == "96.2"
    # every weight and score once, and the total's two
    assert len(_points(record)) == 4 + 5 + 11 * 2 + 2
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_scores_total_the_table_does_not_make_is_flagged(tmp_path):
    record = text_record(tmp_path, _HEAD + _BODY + "合计10098.2评价等级优\n", "tree_bad.txt")
    [flag] = [f for f in record["flags"] if f["rule"] == "score.tree"]
    assert flag["severity"] == "error" and "96.2" in flag["message"]


def test_a_table_cut_off_is_read_to_its_last_whole_first_level_indicator(tmp_path):
    cut = _BODY[:_BODY.index("产出30") + len("产出30产出数量30养护里程完成率15")]
    record = text_record(tmp_path, "文档共3页\n" + _HEAD + cut, "tree_cut.txt")
    paths = {tuple(i["path"]) for i in record["indicators"]}
    assert ("过程", "资金管理", "资金使用合规性") in paths
    assert not any(p[0] == "产出" for p in paths)


def test_the_first_level_indicator_an_excerpt_ends_in_gives_its_figures(tmp_path):
    # 产出 30 | 产出数量 30 | two rows of three read (10 | 10, 10 | 9), then the excerpt ends
    whole = _BODY[:_BODY.index("产出30")]
    cut = whole + "产出30产出数量30养护里程完成率1010路面修补完成率109桥梁检查完成"
    record = text_record(tmp_path, "文档共3页\n" + _HEAD + cut, "tree_tail.txt")
    assert _points(record) == sorted(_points(text_record(tmp_path, "文档共3页\n" + _HEAD + whole, "tree_whole.txt"))
                                     + [Decimal(x) for x in ("30", "30", "10", "10", "10", "9")])
    assert not any(i["path"][0] == "产出" for i in record["indicators"])  # no tree to check
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    # a text going on past the figures read (more figures after) is not cut off there: its tail
    # is left alone
    going_on = text_record(tmp_path, "文档共3页\n" + _HEAD + cut + "，全县2022年养护里程1200公里\n",
                           "tree_going_on.txt")
    assert Decimal(9) not in _points(going_on)


def test_weights_that_do_not_add_up_leave_the_run_alone(tmp_path):
    # 项目立项 says 8 but its items say 4 + 3: no reading of the table fits
    body = _BODY.replace("立项程序规范性43.5", "立项程序规范性33")
    record = text_record(tmp_path, _HEAD + body + "合计10095.7\n", "tree_off.txt")
    assert [i for i in record["indicators"] if i.get("origin") == "list"] == []
    assert _points(record) == [] or Decimal(44) not in _points(record)


def test_one_cell_a_line_is_the_form_readers_not_a_run(tmp_path):
    cells = "\n".join(["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分", "决策", "20", "项目立项", "8",
                       "立项依据充分性", "4", "4", "立项程序规范性", "4", "3.5"])
    from extractor.extract.glued_score_tree import glued_score_trees
    from extractor.ingest import load_document
    path = tmp_path / "cells.txt"
    path.write_text(cells + "\n", encoding="utf-8")
    assert glued_score_trees(load_document(path, path.read_bytes())) == []


# ---------------------------------------------------------------- fund rows run together

_FORM = ("项目支出绩效自评表（2022年度）项目名称村级公益设施维护主管部门某县农业农村局项目资金（万元）"
         "年初预算数全年预算数全年执行数分值执行率得分年度资金总额{total}其中：当年财政拨款{current}"
         "上年结转资金{carried}其他资金000———年度总体目标完成村级公益设施维护\n")


def _funds(record):
    facts = {f["id"]: f for f in record["facts"]}
    return {row["label"]: {c: facts[i]["text"] for c, i in row["cells"].items()} for row in record["forms"][0]["funds"]}


def test_a_fund_row_run_together_is_cut_by_the_headers_columns(tmp_path):
    # 分值 10 glued on the executed amount (362.8510) reads as one figure unless the header's
    # four columns before 执行率 say how many cells the run has
    text = _FORM.format(total="380402.5362.851090.15%9.01", current="380372.5332.85—89.36%—", carried="03030—100%—")
    funds = _funds(text_record(tmp_path, text, "fundrun.txt"))
    assert funds["年度资金总额"] == {"年初预算数": "380", "全年预算数": "402.5", "全年执行数": "362.85", "分值": "10",
                                  "执行率": "90.15%", "得分": "9.01"}
    assert funds["当年财政拨款"]["全年执行数"] == "332.85" and funds["上年结转资金"]["全年预算数"] == "30"


def test_a_total_run_together_above_its_parts_is_consistent(tmp_path):
    text = _FORM.format(total="380402.5362.851090.15%9.01", current="380372.5332.85—89.36%—", carried="03030—100%—")
    record = text_record(tmp_path, text, "fundrun_ok.txt")
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_fund_row_a_text_layer_kept_apart_in_part_is_cut_at_its_spaces_too(tmp_path):
    text = ("2022年度部门整体支出绩效自评表\n部门（单位）名称 某区文化馆\n"
            "年度部门整体支出预算（万元） 年初预算数全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 1208.41286.75 1250.32 1097.17%9.72\n")
    funds = _funds(text_record(tmp_path, text, "spaced.txt"))
    # 1250.32 ÷ 1286.75 = 97.17%
    assert funds["年度资金总额"] == {"年初预算数": "1208.4", "全年预算数": "1286.75", "全年执行数": "1250.32", "分值": "10",
                                  "执行率": "97.17%", "得分": "9.72"}


def _leaves(record) -> dict:
    return {tuple(i["path"]): (i["weight"], i["score"]) for i in record["indicators"] if len(i["path"]) == 3}


# the same table with a reason column after 得分, each reason run in after its row's points
_HEAD_REASONS = _HEAD + "扣分原因"
_BODY_REASONS = ("决策20项目立项8立项依据充分性44立项程序规范性43.5个别路段立项资料不全，扣0.5分"
                 "绩效目标12目标合理性65.5年度目标未细化到乡镇，扣0.5分指标明确性66"
                 "过程30资金管理30资金到位率1010预算执行率109.2执行率92%，扣0.8分资金使用合规性1010"
                 "产出30产出数量30养护里程完成率1515路面修补完成率1514有2处坑槽修补滞后，扣1分"
                 "效益20社会效益20群众出行便利度109满意度1010")


def test_a_run_together_score_table_with_reasons_after_its_points(tmp_path):
    record = text_record(tmp_path, _HEAD_REASONS + _BODY_REASONS + "合计10096.2\n", "reasons.txt")
    leaves = _leaves(record)
    assert leaves[("决策", "项目立项", "立项程序规范性")] == (Decimal(4), Decimal("3.5"))
    assert leaves[("过程", "资金管理", "预算执行率")] == (Decimal(10), Decimal("9.2"))
    assert leaves[("产出", "产出数量", "路面修补完成率")] == (Decimal(15), Decimal(14))
    assert len(leaves) == 11
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_run_together_score_table_with_its_rule_between_points_and_levels_in_brackets(tmp_path):
    # 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 得分: the levels' 分值 in brackets, each
    # rule between its row's 分值 and 得分
    head = "2021年度乡村道路养护项目绩效评价评分表一级指标二级指标三级指标分值评分标准得分"
    body = ("决策(20分)项目立项(8分)立项依据充分性4符合规划得满分。4立项程序规范性4程序规范得满分；每缺一项扣0.5分。3.5"
            "绩效目标(12分)目标合理性6目标合理得满分。5.5指标明确性6指标量化率≥80%得满分。6"
            "过程(30分)资金管理(30分)资金到位率10到位率100%得满分。10预算执行率10执行率每低1个百分点扣0.1分。9.2"
            "资金使用合规性10无违规使用得满分。10"
            "产出(30分)产出数量(30分)养护里程完成率15完成率100%得满分。15路面修补完成率15按比例计分。14"
            "效益(20分)社会效益(20分)群众出行便利度10明显改善得满分。9满意度10满意度≥90%得满分。10")
    record = text_record(tmp_path, head + body + "合计10096.2\n", "rules.txt")
    leaves = _leaves(record)
    assert leaves[("决策", "项目立项", "立项程序规范性")] == (Decimal(4), Decimal("3.5"))
    assert leaves[("效益", "社会效益", "群众出行便利度")] == (Decimal(10), Decimal(9))
    assert len(leaves) == 11
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_rows_points_before_the_next_rows_name_are_no_reason(tmp_path):
    # 合规性43 then 个别…: the reason starts after the row's points, not inside its name
    body = _BODY_REASONS.replace("资金使用合规性1010", "资金使用合规性109个别乡镇存在跨年度列支，扣1分")
    record = text_record(tmp_path, _HEAD_REASONS + body + "合计10095.2\n", "name_points.txt")
    assert _leaves(record)[("过程", "资金管理", "资金使用合规性")] == (Decimal(10), Decimal(9))


# a department-wide table with a rule and a note between each row's 分值 and 得分 (one row
# a level each, as a sharing site runs them together): rules with bands (0-10%(含)), a
# threshold after its comparator (≦0), an item's number (2、), a rule opening with a rate the
# 分值 before it runs into (5100%计满分 is 5 and 100%计满分)
_HEAD_RULES = "部门整体支出绩效评价指标表一级指标分值二级指标分值三级指标分值评价标准指标说明得分"
_BODY_RULES = ("投入12预算配置12公用经费控制率6公用经费控制率≦0,计6分;大于0的,每超过一个百分点扣0.5分,扣完为止。"
               "控制率=(实际公用经费/预算公用经费)×100%5"
               "追加预算比例6追加比例=0,计6分;0-5%(含),计4分;5-15%(含),计2分;大于15%不得分。"
               "2、追加比例=本年追加预算/年初预算×100%。4"
               "过程20预算执行20资金支出率10100%计满分,每低于5%扣1分,扣完为止。支出率=实际支出/预算数×100%。9"
               "结转结余变动率5结转结余变动率≦0计满分;每增加一个百分点扣0.5分。5"
               "公务卡结算率5100%计满分,每低于1个百分点扣0.2分。4.6")


def test_a_table_with_rules_bands_and_a_rate_run_into_the_points_before_it(tmp_path):
    record = text_record(tmp_path, _HEAD_RULES + _BODY_RULES + "\n", "rules_glued.txt")
    leaves = _leaves(record)
    assert leaves == {("投入", "预算配置", "公用经费控制率"): (Decimal(6), Decimal(5)),
                      ("投入", "预算配置", "追加预算比例"): (Decimal(6), Decimal(4)),
                      ("过程", "预算执行", "资金支出率"): (Decimal(10), Decimal(9)),
                      ("过程", "预算执行", "结转结余变动率"): (Decimal(5), Decimal(5)),
                      ("过程", "预算执行", "公务卡结算率"): (Decimal(5), Decimal("4.6"))}
    rates = [f["text"] for f in record["facts"] if f["kind"] == "percent"]
    assert "10100%" not in rates and "5100%" not in rates  # the rules' rates, not the runs
    rules = [f for f in record["facts"] if f.get("label") == "评分标准"]
    assert [(f["source"]["quote"], f["value"]) for f in rules] == [("100%", 100)] * 2
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_a_rate_run_into_points_is_not_cut_where_the_sums_do_not_prove_it(tmp_path):
    # 预算执行 says 20, its rows 10 + 3 + 5: no reading holds, the run stays as written
    body = _BODY_RULES.replace("结转结余变动率5结转", "结转结余变动率3结转").replace("扣0.5分。5", "扣0.5分。3")
    record = text_record(tmp_path, _HEAD_RULES + body + "\n", "rules_off.txt")
    assert not any(len(p) == 3 and p[0] == "过程" for p in _leaves(record))


def test_an_excerpt_ending_inside_a_rule_keeps_the_last_rows_points(tmp_path):
    # (…公务卡结算率5100%计满分,每低于: its 分值 5 stands, its 得分 is not there)
    cut = _BODY_RULES[:_BODY_RULES.index("每低于1个") + 3]
    record = text_record(tmp_path, "文档共2页\n" + _HEAD_RULES + cut, "rules_tail.txt")
    rows = {tuple(f["score_tree_path"]): Decimal(str(f["value"])) for f in record["facts"]
            if f.get("label") == "分值" and "score_tree_path" in f}
    assert rows[("过程", "预算执行", "公务卡结算率")] == 5 and rows[("过程", "预算执行", "资金支出率")] == 10
    assert not [f for f in record["flags"] if f["severity"] == "error"]
