"""A department form's total against its spending rows (按支出性质分：基本支出 | 项目支出) where
a row of its sources was not read whole (上年结转资金 writing two of three figures, the third a
dash the flattening dropped): the sources' sum is not known, the spending's still is. Written
here; figures invented."""
from __future__ import annotations

from conftest import error_flags, text_record

FORM = """2021年度部门整体支出绩效自评表
部门（单位）名称      某县教育局                          填报日期     2022年4月20日
 年度部门整体支出预算执行情况（万元）   年初预算数    全年预算数     全年执行数    分值    执行率     得分
     年度资金总额：      12,480.00      13,260.50      12,905.30       10      97.32%      9.73
     其中：当年财政拨款      12,180.00      12,860.50      12,505.30       —        —
           上年结转资金       100.00        100.00       —        —
           其他资金        200.00         300.00         300.00        —        —
     按支出性质分：   基本支出      9,460.00      9,802.40      9,802.40
                      项目支出       3,020.00       3,458.10       {project}
 年度绩效指标    一级指标   二级指标    三级指标     年度指标值    实际完成值    分值    得分
   产出指标     数量指标     义务教育巩固率      ≥99%      99.4%      45      45
   满意度指标     服务对象满意度指标     家长满意度      ≥90%      94%      45      45
 总分   100   99.73
"""


def test_spending_rows_that_add_up_raise_nothing(tmp_path):
    assert not error_flags(text_record(tmp_path, FORM.format(project="3,102.90")), "form.funds_total")


def test_spending_rows_off_the_total_are_flagged_though_a_source_row_was_not_read(tmp_path):
    errors = error_flags(text_record(tmp_path, FORM.format(project="3,120.90")), "form.funds_total")
    assert len(errors) == 1 and "基本支出" in errors[0]["message"] and "12905.30" in errors[0]["message"].replace(",", "")
