"""A form's header whose narrow cells wrapped, copied out one line per printed line: each
cell's first piece on one line, its second on the next. Forms written for the test, with
invented units and figures."""
from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import text_record
from extractor.ingest.stacked_headers import stacked_headers_joined
from test_ingest_text_tables import needs_soffice, print_to_pdf


def test_pieces_of_each_column_are_joined_in_order():
    lines = ["项目资金 年初 全年 全年 分 执行 得", "（万元） 预算数 预算数 执行数 值 率 分"]
    assert stacked_headers_joined(lines) == ["项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分"]


def test_a_cell_that_did_not_wrap_stands_alone_on_either_line():
    lines = ["一级  二级  三级指标  年度  实际  分  得  偏差原因分析",
             "指标  指标            指标值  完成值  值  分  及改进措施", "产出指标  数量指标  …"]
    assert stacked_headers_joined(lines)[0] == "一级指标  二级指标  三级指标  年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施"
    lower = ["一级 二级 年度 实际 分 得", "指标 指标 三级指标 指标值 完成值 值 分"]
    assert stacked_headers_joined(lower) == ["一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分"]


@pytest.mark.parametrize("lines", [
    ["一级指标 二级指标 三级指标", "分值 得分 备注"],  # two lines of whole words
    ["年初 全年 全年", "预算数 预算数 1200"],  # a figure: a row, no header
    ["年初 全年 其他", "预算数 预算数 执行数"],  # a piece that makes no header word
    ["分 执行", "值 率"],  # too few columns to tell
])
def test_lines_that_do_not_pair_into_header_words_stay_as_they_are(lines):
    assert stacked_headers_joined(lines) == lines


_FORM = ("项目支出绩效自评表\n（2022年度）\n"
         "项目名称 村级光伏电站运维补助\n"
         "主管部门 某县乡村振兴局 实施单位 某县能源服务站\n"
         "项目资金 年初 全年 全年 分 执行 得\n"
         "（万元） 预算数 预算数 执行数 值 率 分\n"
         "年度资金总额 240.00 260.00 247.00 10 95.00% 9.5\n"
         "其中：当年财政拨款 240.00 240.00 228.00 — — —\n"
         "上年结转资金 0.00 20.00 19.00 — — —\n"
         "其他资金 — — — — — —\n"
         "一级 二级 年度 实际 分 得 偏差原因分析\n"
         "指标 指标 三级指标 指标值 完成值 值 分 及改进措施\n"
         "产出 数量指标 运维电站数量 ≥45座 46座 30 30\n"
         "指标 质量指标 电站完好率 ≥95% 96.5% 30 30\n"
         "效益 社会效益 带动村集体增收 ≥2万元 2.1万元 20 {}\n"
         "指标 指标\n"
         "满意度 服务对象 村民满意度 ≥90% 88% 10 8 个别村反映维修响应慢，\n"
         "指标 满意度指标\n"
         "总分 100 97.5\n")


def _amounts(record):
    return sorted(Decimal(f["value"]) for f in record["facts"] if f["kind"] == "amount" and f.get("form"))


def test_a_form_with_its_headers_over_two_lines_is_read_and_checked(tmp_path):
    record = text_record(tmp_path, _FORM.format("20"), "good.txt")
    assert Decimal("2470000") in _amounts(record) and Decimal("190000") in _amounts(record)
    scores = [Decimal(f["value"]) for f in record["facts"] if f["kind"] == "score"]
    assert scores.count(Decimal(30)) == 4 and Decimal("9.5") in scores and Decimal("97.5") in scores
    assert not [f for f in record["flags"] if f["severity"] == "error"]
    bad = text_record(tmp_path, _FORM.format("19"), "bad.txt")
    assert [f["rule"] for f in bad["flags"] if f["severity"] == "error"] == ["form.score_total"]


@needs_soffice
def test_the_same_form_printed_to_pdf(tmp_path):
    from extractor.pipeline import extract_file
    _, printed = print_to_pdf(tmp_path, _FORM.format("20"))
    record = extract_file(printed)
    assert Decimal("2470000") in _amounts(record)
    assert not [f for f in record["flags"] if f["severity"] == "error"]


# a form as a text layer keeps it, cells a run of spaces apart: the indicator block cut into
# pieces by wrapped cells, the last piece one row and the 总分 row, its label under a merged level
_LAID_OUT = """                              项目支出绩效自评表
  项目名称         某乡镇污水管网改造项目
  主管部门         某县住房和城乡建设局                     实施单位     某县市政服务中心
                          年初预算数      全年预算数      全年执行数     分值     执行率      得分
              年度资金总额   800.00          800.00          760.00        10       95.00%      9.50
   一级指标   二级指标       三级指标              年度指标值     实际完成值    分值   得分
                             新建管网长度            ≥12公里        12.4公里       30     30
              数量指标       改造泵站                ≥3座           3座            20     20
   产出指标
                                                                                            个别路段因
              时效指标       按期完工率              ≥95%           96%            20     {}     雨季停工
   效益指标   社会效益指标   受益人口                ≥1.5万人       1.52万人       10     10
   满意度指标 服务对象满意
              度指标         居民满意度              ≥90%           93%            10     10
                                   总 分                                           100    {}
"""


def test_a_forms_total_row_under_a_merged_level_cell_is_the_form_rules(tmp_path):
    # 9.5 + 30 + 20 + 20 + 10 + 10 = 99.5: the last piece's 总分 is no sum of that piece's one row
    record = text_record(tmp_path, _LAID_OUT.format("20", "99.5"))
    assert not [f for f in record["flags"] if f["severity"] == "error"], [f["message"] for f in record["flags"]]
