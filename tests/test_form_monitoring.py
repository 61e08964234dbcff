"""A 项目绩效运行监控表 (monitoring form): its funds block counts what was spent up to a month
(1-8月执行数, 截至8月底执行数) and what the year will reach (全年预计执行数), each with its rate
(执行进度, 预计执行率). Every text here is made up for the tests."""
from decimal import Decimal

import pytest

from conftest import error_flags, text_record


def _monitoring(so_far_column: str, county_progress: str = "40.00%", gap: str = "") -> str:
    cells = ["项目名称", "2023年农村人居环境整治项目", "主管部门", "平川县农业农村局",
             "实施单位", "平川县农业农村局", "项目资金", "年度预算数", so_far_column, "执行进度",
             "全年预计执行数", "预计执行率", "偏差原因分析",
             "年度资金总额", "1250.00", "575.00", "46.00%", "1250.00", "100%", gap or "按工程进度拨付",
             "其中：中央资金", "750.00", "375.00", "50.00%", "750.00", "100%", "",
             "省级资金", "300.00", "120.00", "40.00%", "300.00", "100%", "",
             "县级资金", "200.00", "80.00", county_progress, "200.00", "100%", "配套资金分批到位"]
    return ("平川县2023年项目绩效运行监控表\n（监控时点：2023年8月31日）\n单位：万元\n"
            + "\n".join(cells) + "\n年度总体目标\n完成120个村的人居环境整治任务，村庄环境明显改善。\n")


@pytest.mark.parametrize("column", ["1-8月执行数", "1—8月执行数", "截至8月底执行数"])
def test_a_monitoring_forms_money_so_far_and_foreseen_is_read(tmp_path, column):
    record = text_record(tmp_path, _monitoring(column))
    amounts = [f["value"] for f in record["facts"] if f["kind"] == "amount"]
    for figure in ("12500000", "5750000", "3750000", "1200000", "800000"):
        assert Decimal(figure) in amounts
    assert amounts.count(Decimal("12500000")) == 2  # (年度预算数 and 全年预计执行数)
    assert not error_flags(record)


def test_a_progress_rate_off_its_money_so_far_is_flagged(tmp_path):
    record = text_record(tmp_path, _monitoring("1-8月执行数", county_progress="45.00%"))  # 80 ÷ 200 is 40%
    flags = error_flags(record, "form.execution_rate")
    assert len(flags) == 1 and "执行进度" in flags[0]["message"]


def test_a_monitoring_form_is_named_so(tmp_path):
    record = text_record(tmp_path, _monitoring("1-8月执行数"))
    assert record["metadata"]["report_type"] == "form_monitoring"
    assert record["forms"][0]["name"] == "项目绩效运行监控表"
