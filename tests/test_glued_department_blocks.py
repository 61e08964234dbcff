"""A department-wide form as a sharing site's preview runs it together: the form's unit at the
end of a long line of the site's notes, the income and spending blocks' figures run into the
next 其中：, a figure run into the page's furniture, and the task block after it. Every text
here is made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record


def _form(basic: str = "5120.40") -> str:
    return (
        "清平县民政局2021年度部门整体支出绩效自评表\n"
        "上传时间：2022-04-11 页数：3 大小：58.2KB 版权说明：本文档由用户提供并上传，收益归属内容提供方"
        "附件3部门整体支出绩效自评表（2021年度）填报单位（盖章）：清平县民政局单位：万元\n"
        "预算执行情况年初预算数全年预算数全年执行数分值执行率得分年度资金总额16240.0018620.5018260.30"
        "1098.07%9.81按收入性质分全年执行数按支出性质分全年执行数其中：一般公共预算17905.60其中：基本支出"
        f"{basic}政府性基金拨款354.70项目支出13139.90其他资金0.00清平县民政局2021年度部门整体支出…_第1页"
        "年度主要任务任务名称主要内容预算数执行数\n"
    )


def test_the_blocks_money_read_in_the_unit_a_long_line_ends_by(tmp_path):
    record = text_record(tmp_path, _form())
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    for figure in ("162400000", "186205000", "182603000", "179056000", "51204000", "3547000", "131399000"):
        assert Decimal(figure) in amounts
    assert not error_flags(record)



def test_a_figure_before_a_misread_unit_stays_with_it(tmp_path):
    # (3.35方人: 万 misread; two words after a figure may be its unit, so no cell break there)
    text = ("项目支出绩效自评表（2023年度）项目名称 小型水库维修养护 绩效指标 一级指标 二级指标 三级指标 年度指标值 "
            "实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 维修养护水库数量 ≥26座 26座 15 15 "
            "受益灌溉人口 ≥3.2万人 3.35方人 10 10 质量指标 验收合格率 100% 100% 10 10\n")
    record = text_record(tmp_path, text)
    assert Decimal("3.35") not in [f["value"] for f in record["facts"] if f["kind"] == "score"]
