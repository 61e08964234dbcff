"""A summary of scores in one indicator column (指标 | 分值 | 得分) whose second level follows its
first under 其中. Every text here is made up for the tests."""
import pytest

from conftest import error_flags, text_record

_ROWS = [("决策", "15", "14"), ("其中：项目立项", "6", "6"), ("绩效目标", "9", "8"),
         ("过程", "25", "{process}"), ("其中：资金管理", "15", "13.5"), ("组织实施", "10", "9"),
         ("产出", "40", "37"), ("其中：产出数量", "20", "19"), ("产出质量", "20", "18"),
         ("效益", "20", "18.5"), ("其中：社会效益", "12", "11"), ("满意度", "8", "7.5"),
         ("合计", "100", "{total}")]


def _cells(rows) -> str:
    return "\n".join(["指标", "分值", "得分"] + [c for r in rows for c in r])


def _pipe(rows) -> str:
    return "\n".join("| " + " | ".join(r) + " |" for r in [("指标", "分值", "得分"), ("---",) * 3] + list(rows))


def _record(tmp_path, layout, process="22.5", total="92"):
    rows = [tuple(c.format(process=process, total=total) for c in r) for r in _ROWS]
    return text_record(tmp_path, "西岭县水务局2023年度部门整体支出绩效自评报告\n三、自评得分情况\n得分汇总表\n"
                       + layout(rows) + "\n经自评，综合得分" + total + "分。\n")


@pytest.mark.parametrize("layout", [_cells, _pipe], ids=["cells", "pipe"])
def test_a_consistent_summary_is_read_as_two_levels(tmp_path, layout):
    record = _record(tmp_path, layout)
    assert not error_flags(record)
    paths = {tuple(i["path"]) for i in record["indicators"]}
    assert ("过程", "组织实施") in paths and ("效益", "满意度") in paths


@pytest.mark.parametrize("layout", [_cells, _pipe], ids=["cells", "pipe"])
def test_a_first_level_off_its_parts_is_flagged(tmp_path, layout):
    # 过程 23.5 where its parts make 13.5 + 9 = 22.5 (and the total 93 follows the stated 23.5)
    flags = error_flags(_record(tmp_path, layout, process="23.5", total="93"), "score.tree")
    assert len(flags) == 1 and "过程23.5分" in flags[0]["message"]


def test_parts_that_do_not_make_their_row_are_not_read_so(tmp_path):
    rows = [r if r[0] != "组织实施" else ("组织实施", "9", "9") for r in _ROWS]
    record = text_record(tmp_path, "得分汇总表\n" + _cells([tuple(c.format(process="22.5", total="92") for c in r)
                                                         for r in rows]) + "\n")
    assert not any(len(i["path"]) == 2 for i in record["indicators"])
