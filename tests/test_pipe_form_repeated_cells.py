"""A project form as a web table converted to pipe rows: merged cells written again on every
row (| 绩效指标 | 产出指标 | 数量指标 | …), and a reason broken onto rows whose other cells are
empty. Every text here is made up for the tests."""
from conftest import error_flags, text_record

ROWS = """| 项目名称 | 乡村道路安全设施工程 | 乡村道路安全设施工程 | 乡村道路安全设施工程 | 乡村道路安全设施工程 | 乡村道路安全设施工程 | 乡村道路安全设施工程 | 乡村道路安全设施工程 | 乡村道路安全设施工程 |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | |
| 项目资金（万元） | 年度资金总额 | 1200.00 | 1250.00 | 1200.00 | 10 | 96.00% | 9.60 | |
| 项目资金（万元） | 其中：当年财政拨款 | 1200.00 | 1250.00 | 1200.00 | — | 96.00% | — | |
| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
| 绩效指标 | 产出指标 | 数量指标 | 新建防护栏 | ≥120公里 | 124公里 | 20 | 20 | |
| 绩效指标 | 产出指标 | 质量指标 | 验收合格率 | 100% | 100% | 20 | 20 | |
| 绩效指标 | 产出指标 | 时效指标 | 完工率 | ≥95% | 91.5% | 10 | 8 | 部分路段受汛期 |
| | | | | | | | | 影响停工，已督促整改。 |
| 绩效指标 | 效益指标 | 社会效益指标 | 事故起数下降率 | ≥10% | 12.4% | 20 | 20 | |
| 绩效指标 | 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 93.1% | 20 | 19 | |
| 总分 | 总分 | 总分 | 总分 | 总分 | 总分 | 100 | {total} | |"""


def _form(total: str = "96.6") -> str:
    return "项目支出绩效自评表\n（2022年度）\n" + ROWS.format(total=total) + "\n"


def test_a_consistent_form_raises_no_error(tmp_path):
    record = text_record(tmp_path, _form())
    assert record["metadata"]["score"] is not None
    assert not error_flags(record)


def test_its_total_is_checked_over_every_row(tmp_path):
    assert error_flags(text_record(tmp_path, _form("98.6")), "form.score_total")
