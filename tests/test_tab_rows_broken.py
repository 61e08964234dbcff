"""Tab-separated tables as a Word copy leaves them: a row's label broken by a line break
before its tabs (3.公务用车购置及运 | 行维护费 ⇥ 15.50 ⇥ …), and a score table whose 合计 stands
under the third level's column, its level cells empty. Every text here is made up for the tests."""
from decimal import Decimal

from conftest import error_flags, text_record
from test_cell_lines import _tables


def _official_costs(total: str = "21.40") -> str:
    rows = ["项目\t2021年决算数\t2020年决算数\t比上年减少\t减少比例",
            f"合计\t{total}\t25.10\t3.70\t14.74%",
            "1.因公出国（境）费\t0\t0\t0\t—",
            "2.公务接待费\t4.20\t5.35\t1.15\t21.50%",
            "3.公务用车购置及运",
            "行维护费\t17.20\t19.75\t2.55\t12.91%"]
    return "（三）“三公”经费情况\n表3\t“三公”经费支出情况表\n单位：万元\n" + "\n".join(rows) + \
        "\n二、部门整体支出管理情况\n本年度预算执行总体平稳。\n"


def test_a_label_broken_before_its_tabs_is_its_rows_first_cell(tmp_path):
    table = next(t for t in _tables(tmp_path, _official_costs()) if t[0][0] == "项目")
    assert table[-1] == ["3.公务用车购置及运\n行维护费", "17.20", "19.75", "2.55", "12.91%"]
    assert not error_flags(text_record(tmp_path, _official_costs()))


def test_the_total_of_such_a_table_is_still_checked(tmp_path):
    assert error_flags(text_record(tmp_path, _official_costs("24.10")), "sum.table")


def _score_table(total: str = "88.5") -> str:
    rows = ["一级指标\t二级指标\t三级指标\t分值\t得分",
            "决策（20）\t目标设定\t绩效目标合理性\t10\t9",
            "\t资金投入\t预算编制科学性\t10\t8.5",
            "过程（30）\t资金管理\t预算执行率\t15\t13",
            "\t组织实施\t制度执行有效性\t15\t14",
            "产出（25）\t产出数量\t任务完成率\t25\t23",
            "效益（25）\t满意度\t服务对象满意度\t25\t21",
            f"\t\t合计\t100\t{total}"]
    return "附表 部门整体支出绩效评价评分表\n" + "\n".join(rows) + "\n"


def test_a_total_row_under_the_third_levels_column_is_the_total(tmp_path):
    record = text_record(tmp_path, _score_table())
    totals = [i for i in record["indicators"] if i.get("total")]
    assert [i["score"] for i in totals] == [Decimal("88.5")]
    assert not any(i["path"][-1] == "合计" and not i.get("total") for i in record["indicators"])
    assert not error_flags(record)


def test_a_total_row_off_its_rows_is_flagged(tmp_path):
    assert error_flags(text_record(tmp_path, _score_table("89.5")))
