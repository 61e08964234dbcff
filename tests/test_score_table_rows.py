"""Score tables as web pages and text copies leave their rows: two rows run together on one
line, 小计 rows heading their groups, a header's second line with its empty cells left out.
Texts written for the test, invented places and figures."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record
from extractor.ingest.text_tables import rows_apart


def _errors(record, rule=None):
    return [f for f in record["flags"] if f["severity"] == "error" and (rule is None or f["rule"] == rule)]


def _scores(record):
    return [Decimal(f["value"]) for f in record["facts"] if f["kind"] == "score"]


# a tab-separated score table whose 小计 rows head their groups; {} is one row's points
_HEADED = ("二、自评得分\n"
           "指标名称\t权重\t得分\t扣分说明\n"
           "一、投入小计\t25\t23\t\n"
           "项目立项规范性\t10\t10\t\n"
           "资金到位率\t15\t13\t配套资金晚到两个月，扣2分\n"
           "二、产出小计\t45\t42\t\n"
           "培训人次完成率\t25\t24\t完成96%，扣1分\n"
           "就业率\t20\t{}\t\n"
           "三、效益小计\t30\t28\t\n"
           "满意度\t30\t28\t满意度93%\n"
           "合计\t100\t93\t\n")


def test_numbered_subtotal_rows_head_the_rows_under_them(tmp_path):
    assert not _errors(text_record(tmp_path, _HEADED.format("18"), "good.txt"))
    [flag] = _errors(text_record(tmp_path, _HEADED.format("17"), "bad.txt"))
    assert "42" in flag["message"] and "41" in flag["message"]


def test_two_rows_run_together_on_one_line_are_read_as_two(tmp_path):
    text = _HEADED.format("18").replace("13\t配套资金晚到两个月，扣2分\n二、产出小计", "13\t配套资金晚到两个月，扣2分\t二、产出小计")
    text = text.replace("24\t完成96%，扣1分\n就业率", "24\t完成96%，扣1分\t就业率")
    record = text_record(tmp_path, text)
    assert not _errors(record)
    assert _scores(record).count(Decimal(45)) == 1 and Decimal(18) in _scores(record)


def test_a_row_is_cut_only_where_it_reads_as_rows_of_the_table():
    rows = [["指标", "分值", "得分", "说明"], ["甲", "10", "9", "扣1分"], ["乙", "20", "20", ""],
            ["丙", "10", "8", "丁", "5", "5", ""], ["戊", "30", "28", "己庚说明文字", "更多"]]
    out = rows_apart(rows)
    assert ["丙", "10", "8"] in out and ["丁", "5", "5", ""] in out
    assert ["戊", "30", "28", "己庚说明文字", "更多"] in out  # (no cut reads as two rows)
    # label | figure | label | figure: rows of two records each, never cut
    side = [["省级", "12", "市级", "5"], ["县级", "3", "其他", "1"], ["甲", "1", "乙", "2", "丙", "3"]]
    assert rows_apart(side) == side


def test_a_header_second_line_without_its_empty_cells_leaves_the_pipe_table_whole(tmp_path):
    text = ("四、评价得分\n"
            "| 指标 | | | 分值 | 评分标准 | 得分 |\n"
            "| 一级指标 | 二级指标 | 三级指标 | | | |\n"
            "|---|---|---|---|---|---|\n"
            "| 投入(30) | 项目立项 | 立项依据 | 10 | 依据充分得10分 | 10 |\n"
            "| | | 目标明确性 | 8 | | 7 |\n"
            "| | 资金落实 | 到位率 | 12 | 每低1个百分点扣0.5分 | 11 |\n"
            "| 产出(70) | 数量 | 完成率 | 40 | ≥95%得满分 | 38 |\n"
            "| | 效果 | 满意度 | 30 | | 29 |\n"
            "| 合计 | | | 100 | | 95 |\n")
    record = text_record(tmp_path, text)
    assert not _errors(record)
    scores = _scores(record)
    for points in (8, 7, 12, 11, 40, 38, 30, 29):
        assert Decimal(points) in scores
