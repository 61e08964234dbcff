"""A form flattened to spaced cells whose converter also put a space at every boundary of
Chinese and figures (指标 1:入户走访 1200 户, as pdftotext and sharing sites' text layers
write them) reads as the same form written without those spaces. Every text here is made up
for the tests."""
import regex

from conftest import error_flags, text_record
from test_realdev_scripts import _module
from extractor.converter_spaces import spaced_at_figures
from extractor.extract.converter_gaps import gaps_closed

_FORM = ("项目支出绩效自评表 （2023年度） 项目名称 南岭乡困难群众走访慰问 主管部门 南岭县民政局 实施单位 南岭县南岭乡人民政府 "
         "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
         "年度资金总额 48.00 48.00 46.80 10 97.50% 9.75 其中：当年财政拨款 48.00 48.00 46.80 — 97.50% — "
         "上年结转资金 — — — — — — 其他资金 — — — — — — "
         "年度总体目标 预期目标 走访慰问困难群众。 实际完成情况 已完成走访慰问。 "
         "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
         "产出指标 数量指标 指标1:入户走访户数 ≥1200户 1236户 20 20 无 "
         "指标2:慰问困难老人人数 ≥300人 296人 15 14 个别老人外出 "
         "质量指标 指标1:慰问金发放准确率 100% 100% 15 15 无 "
         "时效指标 指标1:春节前完成率 100% 100% 10 10 无 "
         "效益指标 社会效益指标 指标1:困难群众3天内回访率 ≥90% 95% 20 20 无 "
         "满意度指标 服务对象满意度指标 指标1:群众满意度 ≥95% 97% 10 10 无 总分 100 98.75 优\n")

def _spaced(text: str) -> str:
    """The text with a space at every boundary of Chinese and figures (the han_digit_spaced
    layout of corpus/realdev/run_layouts.py)."""
    return _module("run_layouts").LAYOUTS["han_digit_spaced"](text)


def _figures(record: dict) -> list:
    return sorted((f["kind"], str(f["value"]), f.get("label") or "") for f in record["facts"])


def test_a_converter_spaced_form_reads_the_same_as_written_whole(tmp_path):
    whole = text_record(tmp_path, _FORM, "whole.txt")
    spaced = text_record(tmp_path, _spaced(_FORM), "spaced.txt")
    headcounts = sorted(str(f["value"]) for f in whole["facts"] if f["kind"] in ("headcount", "households"))
    assert headcounts == ["1200", "1236", "296", "300"]
    assert _figures(spaced) == _figures(whole)
    assert not error_flags(spaced)


def test_a_joined_cell_quotes_the_file_with_its_space(tmp_path):
    text = _spaced(_FORM)
    record = text_record(tmp_path, text)
    quotes = [f["source"]["quote"] for f in record["facts"] if f["kind"] == "households"]
    assert quotes and all(q in text for q in quotes)


def test_a_text_spaced_only_at_its_cell_breaks_is_not_converter_spaced():
    # (a spreadsheet flattened with one space between cells writes 1236户 and 指标1 whole)
    assert not spaced_at_figures([_FORM])
    assert spaced_at_figures([_spaced(_FORM)])
    assert not spaced_at_figures(["收入 12 万元"])  # (too few boundaries to tell)


def _cells(text: str) -> list:
    pieces = [m.span() for m in regex.finditer(r"\S+", text)]
    return [text[a:b] for a, b in gaps_closed(text, pieces)]


def test_a_figure_keeps_its_unit_and_a_numbering_word_its_number_and_name():
    assert _cells("指标 1:入户走访户数 ≥1200 户 1236 户 20 20") == ["指标 1:入户走访户数", "≥1200 户", "1236 户", "20", "20"]
    assert _cells("指标 2 慰问金发放准确率 100% 100%") == ["指标 2 慰问金发放准确率", "100%", "100%"]
    assert _cells("指标 3:困难群众 3 天内回访率 ≥90%") == ["指标 3:困难群众 3 天内回访率", "≥90%"]


def test_cells_that_are_cells_stay_apart():
    # a form's label after a figure, a row's name ending in a numbering word before its points,
    # and a clause after a figure whose first character could be a unit (项目…)
    assert _cells("分值 10 分值") == ["分值", "10", "分值"]
    assert _cells("达成预期指标 8 8") == ["达成预期指标", "8", "8"]
    assert _cells("绩效目标明确性 5 项目预期提供的产品、服务明确 5") \
        == ["绩效目标明确性", "5", "项目预期提供的产品、服务明确", "5"]
    assert _cells("数量指标 12 个") == ["数量指标", "12 个"]


_TWO_NOTICES = ("一、资金下达情况\n2022年11月8日，省财政厅以《关于提前下达2023年乡村道路养护补助资金的通知》（东财建〔2022〕215号）"
                "下达我县乡村道路养护补助资金2860万元；2023年5月16日，省财政厅以《关于下达2023年乡村道路养护补助资金的通知》"
                "（东财建〔2023〕72号）下达我县乡村道路养护补助资金940万元。\n")


def test_two_allocations_by_two_notices_are_no_conflict_when_spaced(tmp_path):
    for name, text in (("whole.txt", _TWO_NOTICES), ("spaced.txt", _spaced(_TWO_NOTICES))):
        record = text_record(tmp_path, text, name)
        assert sorted(f["text"].replace(" ", "") for f in record["facts"] if f["kind"] == "amount") == ["2860万元", "940万元"]
        assert not error_flags(record, "repeat.conflict"), name


# a sharing site's run-together rows, then a converter's space at each boundary of Chinese and figures
_GLUED = ("北岸县农业农村局2022年度项目支出绩效评价报告\n"
          "项目基本信息：计划投资额(万元)260.00实际到位资金(万元)248.40实际使用情况(万元)231.75\n"
          "评价结论：项目总体实施情况较好，2022年12月前完成全部建设任务，共新建机耕道18公里，惠及农户3260户。\n")


def test_a_line_run_together_then_converter_spaced_is_read_run_together():
    from extractor.ingest.converter_spaced_lines import converter_spaces_out
    lines = _spaced(_GLUED).split("\n")
    assert lines[1].count(" ") == 2
    unspaced, spaced = converter_spaces_out(lines * 4)  # (enough boundaries to tell)
    assert spaced and unspaced[1] == _GLUED.split("\n")[1] and unspaced[2] == _GLUED.split("\n")[2]
    assert converter_spaces_out(_GLUED.split("\n") * 4) == (_GLUED.split("\n") * 4, False)


def test_a_form_run_together_then_converter_spaced_reads_its_rows_as_run_together(tmp_path):
    from test_form_glued import HEAD_WEIGHT_FIRST, ROWS_WEIGHT_FIRST, _glued_form, _indicators
    text = _glued_form(HEAD_WEIGHT_FIRST, ROWS_WEIGHT_FIRST)
    whole = _indicators(text_record(tmp_path, text, "whole.txt"))
    converted = _indicators(text_record(tmp_path, _spaced(text), "spaced.txt"))
    assert whole["受益农户数"] == {"weight": 20, "score": 18, "target": "≥1200户", "actual": "1180户"}
    assert converted == whole


def test_a_line_whose_spaces_may_be_cell_breaks_keeps_them():
    from extractor.ingest.converter_spaced_lines import converter_spaces_out
    lines = ["其中:财政资金 6.84 其中:财政资金 6.84 其中:财政资金 6.84",  # (words and figures each a piece)
             "数量指标 新建机耕道 18 公里 2.33 2.33"]  # (a space between figures: cells)
    filler = [_spaced(_GLUED)] * 4
    unspaced, spaced = converter_spaces_out(lines + filler)
    assert spaced and unspaced[:2] == lines


def test_a_word_opening_with_a_units_character_is_no_unit():
    # a score table's row on one line: the rule, the score, then the next row's name or the
    # reason, whose first character could be a unit (项目…, 个别…, 人员…): no name runs on there
    assert _cells("符合规定得满分，否则酌情扣分 4 项目过程 20") == ["符合规定得满分，否则酌情扣分", "4", "项目过程", "20"]
    assert _cells("资料齐全得满分，每缺一项扣分 7 个别资料不全") == ["资料齐全得满分，每缺一项扣分", "7", "个别资料不全"]
    assert _cells("孕产妇 7 天访视数") == ["孕产妇 7 天访视数"]
