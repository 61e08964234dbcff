"""绩效目标自评表 as some provinces print them: the total under the title (项目总得分：…分),
a level's unit as a label (市县主管部门), 分值 before the target, and a reason column spelled
未完成原因及改进措施. Every text here is made up for the tests."""
import pytest

from conftest import error_flags, text_record

_FORM = """宁川县2023年滩羊养殖提质项目绩效目标自评表（2023年度）
项目总得分：{total}分
| 项目名称 | 宁川县2023年滩羊养殖提质项目 |
| 实施单位/项目负责人 | 宁川县畜牧水产服务中心/王立新 |
| 自治区（省）主管部门 | 自治区农业农村厅 | 专项实施期 | 2023年3月—2023年11月 |
| 市县财政部门 | 宁川县财政局 | 市县主管部门 | 宁川县农业农村局 |
| 资金情况（万元） |  | 全年预算数（A） | 全年执行数（B） | 执行率（B/A） |
|  | 年度资金总额 | 480万元 | 468.00万元 | 97.50% |
|  | 其中：中央补助 | 300万元 | 294.00万元 | 98.00% |
|  | 自治区补助 | 120万元 | 116.40万元 | 97.00% |
|  | 市县资金 | 60万元 | 57.60万元 | 96.00% |
| 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因及改进措施 |
| 产出指标（50分） | 数量指标 | 指标1：改良滩羊 | 20 | ≥12000只 | 12460只 | 20 |  |
|  | 质量指标 | 指标2：良种覆盖率 | 15 | ≥80% | 83% | 15 |  |
|  | 时效指标 | 指标3：项目完工时限 | 15 | 2023年11月底前 | 2023年11月 | 15 |  |
| 效益指标（40分） | 经济效益指标 | 指标4：养殖户增收 | 20 | 逐步提高 | 逐步提高 | 18 | 饲草价格上涨，增收幅度不及预期，下一步推广青贮饲料 |
|  | 可持续影响指标 | 指标5：良种繁育体系 | 20 | 初步建立 | 初步建立 | 19 | 个别乡镇配种站运行不稳定，将落实管护责任 |
| 满意度指标（10分） | 服务对象满意度指标 | 指标6：养殖户满意度 | 10 | ≥90% | 94% | 10 |  |
"""


def _record(tmp_path, total="97") -> dict:
    return text_record(tmp_path, _FORM.format(total=total))


def test_a_levels_unit_label_is_no_fund_row(tmp_path):
    record = _record(tmp_path)
    assert not error_flags(record)
    [form] = record["forms"]
    facts = {f["id"]: f for f in record["facts"]}
    [total] = [r for r in form["funds"] if r["slot"] == "total"]
    assert facts[total["cells"]["全年预算数"]]["value"] == 4800000
    assert any(e["text"] == "宁川县农业农村局" for e in form["meta"].get("agency", []))


def test_the_total_under_the_title_is_the_forms(tmp_path):
    record = _record(tmp_path)
    facts = {f["id"]: f for f in record["facts"]}
    assert facts[record["forms"][0]["total_score"]]["text"] == "97"
    assert record["forms"][0]["unread_rows"] == 0  # (the reasons are the reason column's, no rows)
    [flag] = error_flags(_record(tmp_path, "99"), "form.score_total")
    assert "99" in flag["message"] and "97" in flag["message"]


@pytest.mark.parametrize("column", ["未完成原因及改进措施", "偏差原因分析及整改措施"])
def test_a_reason_column_spelled_otherwise_is_the_reason(tmp_path, column):
    record = text_record(tmp_path, _FORM.format(total="97").replace("未完成原因及改进措施", column))
    assert record["forms"][0]["unread_rows"] == 0
