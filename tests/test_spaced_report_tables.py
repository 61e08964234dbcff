"""A report's table as a PDF's text layout leaves it (cells apart by runs of spaces): the names
of its columns of figures on one line and their units under them beside the names of the
columns on their left, labels wrapped under themselves, and the table going on after a page
footer under its caption marked （续） and its header again; a table whose 序号 header was lost,
and one with a 单位 column before its figures. Every text here is made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record
from test_cell_lines import _tables

PAGE_ONE = """    二、补贴资金使用情况
    2023年全县补贴各类机具1210台（套），受益主体1006户，分品目情况见表1。

                      表1  2023年农机购置补贴使用情况表
                                    补贴数量      受益主体       补贴资金        占补贴总额
  序号          机具品目              （台）        （户）         （万元）            比重
   1      大马力拖拉机（180马           120           110          1560.00           40.00%
          力以上）
   2      谷物联合收割机（小麦、        80            76           1170.00           30.00%
          水稻）

                                   — 2 —
              某县2023年度农机购置补贴资金绩效评价报告

                      表1  2023年农机购置补贴使用情况表（续）
                                    补贴数量      受益主体       补贴资金        占补贴总额
  序号          机具品目              （台）        （户）         （万元）            比重
   3      免耕播种机                   410           300           780.00           20.00%
   4      其他机具                     600           520           390.00           10.00%
                合计                   1210          {people}          3900.00          100.00%

    三、绩效分析
    补贴政策依据充分。
"""


def _report(people: str = "1006") -> str:
    return "              某县2023年度农机购置补贴资金绩效评价报告\n\n" + PAGE_ONE.format(people=people)


def test_names_over_their_units_and_labels_wrapped_under_themselves(tmp_path):
    table = next(t for t in _tables(tmp_path, _report()) if t[0][0] == "序号")
    assert table[0] == ["序号", "机具品目", "补贴数量（台）", "受益主体（户）", "补贴资金（万元）", "占补贴总额比重"]
    assert table[1][1] == "大马力拖拉机（180马力以上）"
    assert table[2][1] == "谷物联合收割机（小麦、水稻）"
    assert [row[0] for row in table[1:]] == ["1", "2", "3", "4", ""]  # (its rest overleaf joined)


def test_such_a_table_gives_its_figures_and_its_total_holds(tmp_path):
    record = text_record(tmp_path, _report())
    households = sorted(f["value"] for f in record["facts"] if f["kind"] == "households")
    assert households == [Decimal(n) for n in ("76", "110", "300", "520", "1006", "1006")]
    assert not error_flags(record)
    assert error_flags(text_record(tmp_path, _report("1060")), "sum.table")


NUMBERED = """                       表2  项目资金使用情况表
                                      预算数          实际支出        执行率
  序号        支出内容               （万元）          （万元）
   1      农技人员培训                 30.00             28.50         95.00%
   2      示范基地建设                 50.00             50.00        100.00%
   3      信息化建设                    8.00              6.40         80.00%
              合计                     88.00             84.90         96.48%
                       表3  绩效指标完成情况
  序号       绩效指标             单位     计划数     完成数       完成率
   1    培训农技人员               人      160          168        105.00%
   2    培育科技示范户             户     1200         1236        103.00%
   3    主推技术到位率             %       95           96.2       101.26%
"""


def test_row_numbers_are_no_money_and_a_unit_column_types_the_figures(tmp_path):
    record = text_record(tmp_path, "三、资金使用情况\n" + NUMBERED)
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    assert Decimal("10000") not in amounts and Decimal("20000") not in amounts  # (序号 1, 2 are no 万元)
    assert Decimal("300000") in amounts and Decimal("849000") in amounts
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "headcount") == [Decimal("160"), Decimal("168")]
    assert sorted(f["value"] for f in record["facts"] if f["kind"] == "households") == [Decimal("1200"), Decimal("1236")]
    assert not error_flags(record)
