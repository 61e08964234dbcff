"""A report's data tables one cell a line, as county sites save them: rows led by two cells
of words (项目名称 | 资金来源), rows that leave out an empty last cell, a share column (占比)
a sub-row leaves empty, a row numbered like its siblings with no figure, and department
tables whose money words a form's fund block shares, written before the report's own score
table titled as a form. The reports are written here; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

TWO_WORD_ROWS = """二、资金使用情况
全年实际支出1,068.30万元，明细如下。
表1 项目资金使用明细表
单位：万元
项目名称
资金来源
预算金额（万元）
实际支出（万元）
结余
耕地保护补贴
中央财政
820.00
820.00
农机购置补贴
中央财政
150.00
136.40
13.60
农技推广补助
省级财政
40.00
38.30
1.70
种粮大户奖励
县级财政
75.00
73.60
1.40
合计
1,085.00
1,068.30
16.70
三、绩效目标完成情况
全年完成各项补贴发放。
"""

SHARE_COLUMN = """二、收支情况
表2 收入支出情况表
单位：万元
项目
金额
占比（%）
一、本年收入合计
3,200.00
100.00
（一）财政拨款收入
2,900.00
90.63
（二）上级补助收入
240.00
7.50
（三）事业收入
（四）其他收入
60.00
1.88
二、本年支出合计
3,150.00
100.00
（一）基本支出
1,050.00
33.33
其中：人员经费
880.00
公用经费
170.00
（二）项目支出
2,100.00
66.67
三、年末结转和结余
50.00
全年收支平衡。
"""

BEFORE_A_SCORE_TABLE = """某县农业农村局2021年度部门整体支出绩效自评报告
一、部门概况
本局下设两个二级机构。
附表1
年度支出情况（万元）
机构名称
支出合计
基本支出
项目支出
局机关及二级机构汇总
2,860.40
1,210.60
1,649.80
1、局机关
2,020.10
830.50
1,189.60
2、县农技推广中心
840.30
380.10
460.20
附表2
部门整体支出绩效自评表
一级指标
二级指标
三级指标
分值
得分
投入
预算配置
在职人员控制率
10
10
产出
职责履行
实际完成率
50
48
效果
履职效益
社会效益
40
38
合计
100
96
"""


def _amounts(record):
    return [f["value"] for f in record["facts"] if f["kind"] == "amount"]


def _errors(record):
    return [f for f in record["flags"] if f["severity"] == "error"]


def test_rows_led_by_two_cells_of_words_are_read_whole(tmp_path):
    record = text_record(tmp_path, TWO_WORD_ROWS)
    amounts = _amounts(record)
    for figure in ("136.40", "13.60", "38.30", "1.70", "73.60", "1085.00"):
        assert Decimal(figure) * 10000 in amounts, figure
    assert not _errors(record)


def test_a_share_column_and_a_row_with_no_figure_do_not_end_the_table(tmp_path):
    record = text_record(tmp_path, SHARE_COLUMN)
    amounts = _amounts(record)
    for figure in ("60.00", "880.00", "170.00", "2100.00", "50.00"):
        assert Decimal(figure) * 10000 in amounts, figure
    shares = [f["value"] for f in record["facts"] if f["kind"] == "percent"]
    assert Decimal("66.67") in shares and Decimal("1.88") in shares
    assert not _errors(record)


def test_a_department_table_before_a_score_table_titled_as_a_form_is_the_reports(tmp_path):
    record = text_record(tmp_path, BEFORE_A_SCORE_TABLE)
    amounts = _amounts(record)
    for figure in ("2860.40", "1210.60", "830.50", "460.20"):
        assert Decimal(figure) * 10000 in amounts, figure
    assert not _errors(record)
