"""Several projects' self-evaluation forms exported one after another under one title, each
opened by its own numbered heading and money unit, with no 项目名称 cell (the heading names
the project). Every text here is made up for the tests."""
import pytest

from conftest import error_flags, text_record

_FORM = ("{heading}\n金额单位：{unit}\n"
         "主管部门{sep}南溪县民政局{sep}实施单位{sep}南溪县社会福利中心\n"
         "项目资金{sep}年初预算数{sep}全年预算数{sep}全年执行数{sep}分值{sep}执行率{sep}得分\n"
         "年度资金总额{sep}{budget}{sep}{budget}{sep}{spent}{sep}10{sep}{rate}{sep}{points}\n"
         "其中：当年财政拨款{sep}{budget}{sep}{budget}{sep}{spent}\n"
         "一级指标{sep}二级指标{sep}三级指标{sep}年度指标值{sep}实际完成值{sep}分值{sep}得分\n"
         "产出指标{sep}数量指标{sep}{row}{sep}≥{target}人{sep}{actual}人{sep}50{sep}50\n"
         "效益指标{sep}社会效益指标{sep}服务对象满意度{sep}≥90%{sep}95%{sep}40{sep}40\n"
         "合计{sep}{sep}{sep}{sep}{sep}100{sep}{total}\n自评等级{sep}优\n\n")
_PROJECTS = [
    dict(heading="一、孤儿基本生活保障资金", unit="元", budget="1,860,000.00", spent="1,841,400.00", rate="99.00%",
         points="9.9", row="保障孤儿人数", target="150", actual="155", total="99.9"),
    dict(heading="二、困难残疾人生活补贴", unit="万元", budget="320.00", spent="304.00", rate="95.00%",
         points="9.5", row="补贴发放人数", target="4200", actual="4310", total="99.5"),
    dict(heading="三、高龄津贴", unit="元", budget="960,000.00", spent="960,000.00", rate="100%",
         points="10", row="享受津贴人数", target="1500", actual="1536", total="100"),
]


def _document(sep: str, projects=_PROJECTS) -> str:
    return "南溪县民政局2022年度项目支出绩效自评表\n（一体化系统导出，共3个项目）\n\n" + "".join(
        _FORM.format(sep=sep, **p) for p in projects)


@pytest.mark.parametrize("sep", ["    ", "\t"], ids=["spaced", "tabs"])
def test_each_exported_form_is_read_with_its_own_unit(tmp_path, sep):
    record = text_record(tmp_path, _document(sep))
    assert [f["unit"] for f in record["forms"]] == ["元", "万元", "元"]
    assert [len(f["indicators"]) for f in record["forms"]] == [2, 2, 2]
    amounts = {str(f["value"]) for f in record["facts"] if f["kind"] == "amount"}
    # (1,860,000.00 元 stays 元; 320.00 万元 is 3200000 元)
    assert {"1860000.00", "3200000.00", "960000.00"} <= amounts
    assert not any(float(v) > 1e9 for v in amounts)
    assert not error_flags(record)


def test_a_slip_in_the_second_form_is_its_own(tmp_path):
    off = [dict(p) for p in _PROJECTS]
    off[1]["rate"] = "93.00%"  # (304 ÷ 320 is 95%)
    flags = error_flags(text_record(tmp_path, _document("    ", off)), "form.execution_rate")
    assert len(flags) == 1 and "93.00%" in flags[0]["message"]
