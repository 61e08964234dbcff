"""A provincial form flattened to spaced text (a 政府购买服务 self-evaluation): its head line
states the money unit at its end (金额单位：元), its money stands beside its labels (合同金额
1,280,000.00), and its indicator table is headed 评价内容 | 评价指标 | 目标值 | 实际值 | 分值 |
得分. Every text here is made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record


def _form(total: str = "87") -> str:
    return f"""  2018年度政府购买服务项目绩效自评表

购买主体（盖章）：清源县卫生健康局                              金额单位：元
项目名称       清源县2018年家庭医生签约服务购买项目
承接主体     清源县社区卫生服务中心         购买方式     竞争性磋商
合同金额     960,000.00     预算安排资金     960,000.00    实际支付资金      912,000.00     支付率    95.00%
资金来源      县级财政     672,000.00     上级补助资金    288,000.00

评价内容   评价指标      目标值      实际值      分值      得分      说明
项目管理（30分）    采购程序合规性     合规     合规     10     10
    合同履约规范性     规范    基本规范     10     8    个别服务记录不完整
    资金支付率     100%     95.00%     10     9
项目产出（40分）     签约服务人数     ≥6000人     6240人     20     20
     重点人群签约率     ≥60%     58.5%     20     17
项目效益（30分）    签约居民满意度     ≥85%     90.2%     30     {int(total) - 64}
合计             100     {total}
"""


def test_money_beside_its_labels_under_a_head_line_unit(tmp_path):
    record = text_record(tmp_path, _form())
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    for figure in ("960000", "912000", "672000", "288000"):
        assert Decimal(figure) in amounts
    assert amounts.count(Decimal("960000")) == 2


def test_an_indicator_table_headed_by_evaluation_content_and_indicator(tmp_path):
    record = text_record(tmp_path, _form())
    scores = [f["value"] for f in record["facts"] if f["kind"] == "score"]
    for points in ("10", "8", "9", "20", "17", "30", "23", "100", "87"):
        assert Decimal(points) in scores
    assert record["metadata"]["score"] == Decimal("87")
    assert not error_flags(record)


def _department_form() -> str:
    return """部门整体支出绩效自评表
（2022年度）
部门（单位）名称   安宁县水利局
年度   任务名称   主要内容   预算金额（万元）
主要   总额   财政拨款   其他资金
任务   小型水库除险加固   完成3座小（2）型水库除险加固   486.00   486.00   —
农村供水保障   维修改造农村供水工程18处   215.50   180.00   35.50
年度部门整体支出预算执行情况（万元）   年初预算数   全年预算数   全年执行数   分值   执行率   得分
年度资金总额：   1620.00   1745.80   1702.16   10   97.50%   9.75
"""


def test_a_department_forms_task_block_under_its_split_year_label(tmp_path):
    # (年度主要任务 written down the first column, one word a line: 年度 before 任务名称 is no
    # year's label taking 任务名称 for its value)
    record = text_record(tmp_path, _department_form())
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    for figure in ("4860000", "2155000", "1800000", "355000"):
        assert Decimal(figure) in amounts
    assert amounts.count(Decimal("4860000")) == 2
    assert not error_flags(record)
