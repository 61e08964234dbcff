"""A town's project form as a document-sharing site runs it together: the title glued to the
page's heading, each fund row's figures one string (its 分值 before the rate), the 其中 rows'
zero amounts run together between dashes, indicator rows with their name, figures and reason
one string. The form is written here; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

from extractor.extract.form_split_cells import split_run_together
from extractor.extract.form_fund_points import pointed_cells
from extractor.extract.form_fund_run_cut import fund_cut
from extractor.extract.forms import _title_across
from extractor.extract.form_tokens import Token
from extractor.model import Block

from conftest import text_record


ZERO_PARTS = "其中:当年财政拨款0.000.00 -0.0%-上年结转资金0.000.00 -0.0%-其他资金0.000.00 -0.0%-"
FILLED_PARTS = ("其中:当年财政拨款2000.002000.002000.00 -100.0%-上年结转资金500.50500.50500.50 -100.0%-"
                "其他资金80.0080.0080.00 -100.0%-")


def _form(parts=ZERO_PARTS) -> str:
    return "\n".join([
        "某镇2022年预算绩效评价结果公示财政项目支出绩效自评表",
        "2021年度",
        "项目名称农村道路养护",
        "主管部门某区某镇人民政府实施单位某镇社区事务办公室",
        "项目资金(万元) 年初预算数全年预算数全年执行数分值执行率得分年度资金总额2580.502580.502580.5010100.0%10",
        parts,
        "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标数量指标道路养护完成率100%100%2020",
        "质量指标养护路段验收合格率100%92%1212个别路段返工时效指标养护完成及时率100%100%88",
        "满意度指标服务对象满意度指标沿线群众满意度≥90%≥90%1010",
        "总分:98",
    ]) + "\n"


def _form_of(record):
    assert len(record["forms"]) == 1, record["forms"]
    return record["forms"][0]


def _cells(form, facts, slot):
    row = next(r for r in form["funds"] if r["slot"] == slot)
    return {col: facts[fid]["value"] for col, fid in row["cells"].items()}


def test_title_glued_to_the_heading_opens_the_form(tmp_path):
    record = text_record(tmp_path, _form(), "town.txt")
    form = _form_of(record)
    assert form["template"] == "project" and record["metadata"]["report_type"] == "form_project"
    assert record["metadata"]["score"] == Decimal("98")


def test_fund_rows_run_together_are_cut(tmp_path):
    record = text_record(tmp_path, _form(), "town.txt")
    facts = {f["id"]: f for f in record["facts"]}
    form = _form_of(record)
    total = _cells(form, facts, "total")
    assert total["年初预算数"] == total["全年执行数"] == Decimal("25805000")
    assert total["分值"] == 10 and total["执行率"] == 100
    for slot in ("current", "carryover", "other"):
        cells = _cells(form, facts, slot)
        assert len(cells) == 3 and set(cells.values()) == {0} and "执行率" in cells, (slot, cells)
    # the parts are zero against a total of 2580.50万元: the form's own inconsistency
    assert any(f["rule"] == "form.funds_total" and f["severity"] == "error" for f in record["flags"])


def test_consistent_parts_raise_no_flag(tmp_path):
    record = text_record(tmp_path, _form(FILLED_PARTS), "town.txt")
    assert not [f for f in record["flags"] if f["severity"] == "error"], record["flags"]


def test_indicator_row_after_its_name_starts_at_the_target(tmp_path):
    record = text_record(tmp_path, _form(), "town.txt")
    facts = {f["id"]: f for f in record["facts"]}
    rows = {i["path"][-1]: i for i in _form_of(record)["indicators"]}
    row = rows["养护路段验收合格率"]
    assert (row["target"]["text"], row["actual"]["text"]) == ("100%", "92%")
    assert facts[row["weight"]]["value"] == 12 and facts[row["score"]]["value"] == 12


def test_amounts_of_one_row_are_cut_alike_past_the_weight():
    # three amounts with two decimals, then the 分值 10, then the rate: only one cut types
    # the amounts alike once the 分值 is set apart
    figures = "40067.3240067.3240067.3210100.0"
    cut = fund_cut(figures, None, (4, True))
    assert [figures[a:b] for a, b in cut] == ["40067.32", "40067.32", "40067.32", "10", "100.0"]


def test_rate_less_run_cut_by_its_decimal_points():
    assert pointed_cells("0.000.00", 3) == [(0, 4), (4, 8)]
    assert pointed_cells("12.5030.00", 3) == [(0, 5), (5, 10)]
    # one figure, leading zeros, more cells than columns: left whole
    assert pointed_cells("12.50", 3) is None
    assert pointed_cells("00.100.10", 3) is None
    assert pointed_cells("1.001.001.001.00", 3) is None


def test_dashes_round_a_rate_before_the_next_label():
    block = Block(index=0, kind="paragraph", text="-0.0%-上年结转资金0.000.00")
    t = Token(block.text, block, 0, len(block.text), 0, 0, False)
    assert [p.text for p in split_run_together(t)] == ["-", "0.0%", "-", "上年结转资金", "0.000.00"]
    # a minus before a figure that no dash closes is a sign, not a cell
    block = Block(index=0, kind="paragraph", text="-0.5%上年")
    assert [p.text for p in split_run_together(Token(block.text, block, 0, 9, 0, 0, False))] != ["-", "0.5%", "上年"]


UNSPENT_PARTS = ("其中:当年财政拨款2000.002000.00 -0.0%-上年结转资金500.50500.50 -0.0%-"
                 "其他资金80.0080.00 -0.0%-")


def test_two_amounts_and_a_zero_rate_are_the_budgets(tmp_path):
    # two amounts, then 0.0%: nothing spent, so the amounts are the two budgets (a placement
    # in the budget and spending columns would make the form contradict its own rate)
    record = text_record(tmp_path, _form(UNSPENT_PARTS), "town.txt")
    facts = {f["id"]: f for f in record["facts"]}
    cells = _cells(_form_of(record), facts, "current")
    assert cells == {"年初预算数": Decimal("20000000"), "全年预算数": Decimal("20000000"), "执行率": 0}
    assert not [f for f in record["flags"] if f["rule"] == "form.execution_rate"], record["flags"]


def test_a_file_name_naming_the_form_is_no_title(tmp_path):
    # a sharing site's line naming the file: the title's words run on in the sentence
    preview = ("《某镇2021年农村道路养护项目支出绩效自评表.docx》由会员分享，可在线阅读，更多相关"
               "《某镇2021年农村道路养护项目支出绩效自评表.docx(3页珍藏版)》请在文库网上搜索。\n")
    # (the form's own title misread, 项Fl支出: the form is known by its labels)
    record = text_record(tmp_path, preview + _form().replace("项目支出绩效", "项Fl支出绩效"), "town.txt")
    facts = {f["id"]: f for f in record["facts"]}
    form = _form_of(record)
    assert _cells(form, facts, "total")["全年预算数"] == Decimal("25805000")


def _line_tokens(*texts):
    block = Block(index=0, kind="paragraph", text="".join(texts))
    out, pos = [], 0
    for text in texts:
        out.append(Token(text, block, pos, pos + len(text), 0, 0, False))
        pos += len(text)
    return out


def test_a_title_read_across_the_tokens_a_label_cut_it_into():
    assert _title_across(_line_tokens("公示财政", "项目支出", "绩效自评表"), 1) == "project"
    # its year after it in the same token (项目支出 | 绩效自评表（2024年度） | 项目名称)
    assert _title_across(_line_tokens("项目支出", "绩效自评表（2024年度）", "项目名称"), 0) == "project"
    # a file's name in a sentence, or the title's words elsewhere than at its start: no title
    assert _title_across(_line_tokens("幼儿资助资金", "项目支出", "绩效自评表.docx》由会员分享"), 0) is None
    assert _title_across(_line_tokens("公示财政", "项目支出", "绩效自评表"), 0) is None  # (begins in the next)


def test_parts_run_into_their_dashes_with_no_space(tmp_path):
    parts = ("其中:当年财政拨款2000.002000.002000.00-100.0%-上年结转资金500.50500.50500.50-100.0%-"
             "其他资金80.0080.0080.00-100.0%-")
    record = text_record(tmp_path, _form(parts), "town.txt")
    facts = {f["id"]: f for f in record["facts"]}
    form = _form_of(record)
    assert _cells(form, facts, "carryover") == {"年初预算数": Decimal("5005000"), "全年预算数": Decimal("5005000"),
                                              "全年执行数": Decimal("5005000"), "执行率": 100}
    assert not [f for f in record["flags"] if f["severity"] == "error"], record["flags"]
    zero = parts.replace("80.0080.0080.00-100.0%-", "0.000.000.00-0.0%-")
    record = text_record(tmp_path, _form(zero).replace("2580.50", "2500.50"), "town.txt")
    facts = {f["id"]: f for f in record["facts"]}
    assert _cells(_form_of(record), facts, "other") == {"年初预算数": 0, "全年预算数": 0, "全年执行数": 0, "执行率": 0}


def test_a_rate_its_amounts_do_not_make_is_cut_by_the_decimal_points(tmp_path):
    # 2400.00 ÷ 2580.50 is 93.0%, not the 95.0% written: no cut makes the row consistent, but
    # the amounts' decimal points fix them, and 10 is the one 分值 that leaves a rate
    text = _form().replace("2580.502580.502580.5010100.0%10", "2580.502580.502400.001095.0%9.5") \
        .replace("总分:98", "总分:97.5")
    record = text_record(tmp_path, text, "town.txt")
    facts = {f["id"]: f for f in record["facts"]}
    total = _cells(_form_of(record), facts, "total")
    assert total["全年执行数"] == Decimal("24000000") and total["分值"] == 10 and total["执行率"] == Decimal("95.0")
    assert [f for f in record["flags"] if f["rule"] == "form.execution_rate" and f["severity"] == "error"]


def test_a_total_score_cut_from_its_colon(tmp_path):
    # 总分 glued to the last row, its figure after a colon (…1010总分:98)
    text = _form().replace("≥90%≥90%1010\n总分:98", "≥90%≥90%1010总分:98")
    assert text_record(tmp_path, text, "town.txt")["metadata"]["score"] == Decimal("98")


def test_department_income_rows_are_fund_rows():
    from extractor.extract.form_vocab import bare, vocab
    assert vocab()["fund_row"][bare("政府性基金预算资金")] == "fund_budget"


DEPARTMENT = """部门整体支出绩效自评表
（2022年度）
部门名称 某县自然资源局
资金情况（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 1200.00 1250.00 1200.00 10 96.0% 9.6
按收入性质分 一般公共预算资金 1000.00 1050.00 1000.00
政府性基金预算资金 150.00 150.00 150.00
其他资金 50.00 50.00 50.00
按支出性质分 基本支出 800.00 820.00 800.00
项目支出 400.00 430.00 {project}
"""


def test_income_and_spending_breakdowns_are_each_held_to_the_total(tmp_path):
    assert not [f for f in text_record(tmp_path, DEPARTMENT.format(project="400.00"), "d.txt")["flags"]
                if f["rule"] == "form.funds_total"]
    [flag] = [f for f in text_record(tmp_path, DEPARTMENT.format(project="409.00"), "d.txt")["flags"]
              if f["rule"] == "form.funds_total"]
    # the spending rows only: 800.00 + 409.00 = 1209.00 against 1200.00
    assert "基本支出" in flag["message"] and "一般公共预算资金" not in flag["message"]
    assert flag["computed"] == Decimal("12090000")


def test_a_row_under_a_label_we_lack_leaves_the_total_unchecked(tmp_path):
    # 乡镇配套 is no label of ours: its figures run into it, so the parts' sum is not known
    parts = ("其中:当年财政拨款2000.002000.002000.00-100.0%-上年结转资金420.50420.50420.50-100.0%-"
             "乡镇配套160.00160.00160.00-100.0%-")
    record = text_record(tmp_path, _form(parts), "town.txt")
    assert not [f for f in record["flags"] if f["rule"] == "form.funds_total"], record["flags"]


def test_amounts_typed_alike_by_their_points_over_a_reading_that_makes_the_rate():
    # 3412.603 ÷ … would make 8.7% out of 3286.00 | 3412.603 | 298.4510 | 9; the decimal points
    # type the amounts alike as 3286.00 | 3412.60 | 3298.45 | 10 | 98.7%
    from extractor.extract.form_fund_run_cut import FUND_RUN, run_cut
    m = FUND_RUN.match("3286.003412.603298.451098.7%9.87")
    cut = run_cut(m, (4, True))
    assert [m["figures"][a:b] for a, b in cut] == ["3286.00", "3412.60", "3298.45", "10", "98.7"]


def test_a_row_in_words_with_its_points_run_into_its_reason(tmp_path):
    # 健全 / 基本健全 then 分值 10 and 得分 8 run into the reason after them
    text = _form().replace("满意度指标服务对象满意度指标", "可持续影响指标养护管理制度健全基本健全108部分乡镇未配备专职养护员"
                                                    "满意度指标服务对象满意度指标").replace("总分:98", "总分:106")
    record = text_record(tmp_path, text, "town.txt")
    facts = {f["id"]: f for f in record["facts"]}
    rows = {i["path"][-1]: i for i in _form_of(record)["indicators"]}
    row = next(r for name, r in rows.items() if name.startswith("养护管理制度"))
    assert facts[row["weight"]]["value"] == 10 and facts[row["score"]]["value"] == 8


def test_points_in_a_reason_are_not_cut():
    from extractor.extract.glued_worded_rows import points_before_reason
    block = Block(index=0, kind="paragraph", text="")
    for text in ("完成率达到100以上", "已完成95个村的改造", "合格率达到95以上"):
        t = Token(text, block, 0, len(text), 0, 0, False)
        assert points_before_reason(t) == [t], text


def test_a_total_score_after_a_full_width_colon_and_more_words(tmp_path):
    text = _form().replace("≥90%≥90%1010\n总分:98", "≥90%≥90%1010总分：98填报日期：2022年3月18日")
    assert text_record(tmp_path, text, "town.txt")["metadata"]["score"] == Decimal("98")


def test_amounts_a_trailing_zero_apart_keep_the_reading_that_makes_the_rate():
    # 412.6 | 436.8 | 421.36: one decimal apart is a 0 left off, not amounts typed unlike
    from extractor.extract.form_fund_run_cut import FUND_RUN, run_cut
    m = FUND_RUN.match("412.6436.8421.361096.47%9.65")
    cut = run_cut(m, (4, True))
    assert [m["figures"][a:b] for a, b in cut] == ["412.6", "436.8", "421.36", "10", "96.47"]


def test_a_name_run_into_its_target_before_a_result_and_points():
    from extractor.extract.form_glued import _named_target
    def cut(*texts):
        named = _named_target(_line_tokens(*texts)[0], _line_tokens(*texts)[1:3])
        return named and [t.text for t in named]
    assert cut("时效指标危房改造竣工率100%", "96.5%", "15") == ["时效指标危房改造竣工率", "100%"]
    assert cut("宣传推文不少于600篇", "600篇", "8") == ["宣传推文", "不少于600篇"]
    # a result in words, a result in another unit, no points after, a target alone: no cut
    assert cut("群众文明素质提高5%", "提高5%", "6") is None
    assert cut("受益人口2100人", "2186户", "15") is None
    assert cut("受益人口2100人", "2186人", "达标") is None
    assert cut("≥2100人", "2186人", "15") is None
