"""Score tables with 分值 and 得分 at every level (一级指标 分值 得分 二级指标 分值 得分 三级指标 分值 得分),
their upper levels' merged cells written once, a cell a line or a | apart. Every text here is
made up for the tests."""
import pytest

from conftest import error_flags, text_record

_HEADER = ["一级指标", "分值", "得分", "二级指标", "分值", "得分", "三级指标", "分值", "得分", "扣分原因"]
# (name, 分值, 得分[, reason]) groups in the order a merged-cell table writes them
_GROUPS = [("投入", "20", "18"), ("目标设定", "8", "7"), ("目标明确性", "5", "4", "指标未细化"), ("依据充分性", "3", "3"),
           ("资金落实", "12", "11"), ("到位率", "6", "6"), ("到位及时性", "6", "5", "二季度拨付滞后"),
           ("过程", "30", "27"), ("业务管理", "14", "13"), ("制度健全性", "7", "7"), ("制度执行", "7", "6", "台账不全"),
           ("财务管理", "16", "14"), ("使用合规性", "8", "7", "一笔支出凭证不全"), ("核算规范性", "8", "7", "科目混用"),
           ("产出与效益", "50", "46"), ("产出", "30", "28"), ("完成率", "15", "15"), ("及时率", "15", "13", "延期两周"),
           ("效益", "20", "18"), ("群众满意度", "20", "18", "抽样满意度90%")]


_LEVELS = [1, 2, 3, 3, 2, 3, 3, 1, 2, 3, 3, 2, 3, 3, 1, 2, 3, 3, 2, 3]
_TOTAL = ("合计", "100", "91")


def _one_cell_a_line(groups) -> str:
    return "\n".join(_HEADER + [c for g in groups for c in g] + list(_TOTAL))


def _pipe_rows(groups) -> str:
    """The groups as a web page's table gives them: a row per last-level row, the merged cells
    of its upper levels written in its first row only."""
    lines, row = ["| " + " | ".join(_HEADER) + " |"], []
    for level, g in zip(_LEVELS, groups):
        row += [""] * (3 * (level - 1) - len(row)) + list(g[:3])
        if level == 3:
            lines.append("| " + " | ".join(row + [g[3] if len(g) > 3 else ""]) + " |")
            row = []
    lines.append("| " + " | ".join(list(_TOTAL) + [""] * 7) + " |")
    return "\n".join(lines)


def _with(groups, name, weight=None, score=None) -> list:
    return [(g[0], weight or g[1], score or g[2]) + g[3:] if g[0] == name else g for g in groups]


def _record(tmp_path, groups, layout=_one_cell_a_line) -> dict:
    return text_record(tmp_path, "四、评价结论\n经评价，该项目综合得分91分，等级为优。各指标得分如下：\n" + layout(groups)
                       + "\n五、存在的问题\n个别乡镇台账不全。\n")


@pytest.mark.parametrize("layout", [_one_cell_a_line, _pipe_rows], ids=["cells", "pipe"])
def test_a_consistent_table_is_read_level_by_level(tmp_path, layout):
    record = _record(tmp_path, _GROUPS, layout)
    assert not error_flags(record)
    paths = {tuple(i["path"]) for i in record["indicators"]}
    assert ("过程", "财务管理", "核算规范性") in paths and ("产出与效益", "效益", "群众满意度") in paths


@pytest.mark.parametrize("layout", [_one_cell_a_line, _pipe_rows], ids=["cells", "pipe"])
def test_a_second_level_off_its_rows_is_flagged_once(tmp_path, layout):
    # 财务管理 15 over 7 + 7: the 过程 group's 27 makes 13 + 14 of the rows, not 13 + 15
    flags = error_flags(_record(tmp_path, _with(_GROUPS, "财务管理", score="15"), layout), "score.tree")
    assert len(flags) == 1 and "财务管理15分" in flags[0]["message"] and "14分" in flags[0]["message"]


def test_a_first_level_off_its_groups_is_flagged(tmp_path):
    flags = error_flags(_record(tmp_path, _with(_GROUPS, "过程", score="28")), "score.tree")
    assert len(flags) == 1 and "过程28分" in flags[0]["message"]


def test_a_table_whose_weights_tell_no_levels_apart_is_not_read_so(tmp_path):
    # 资金落实 13 over 6 + 6: no reading of the levels fits; nothing is made up from it
    record = _record(tmp_path, _with(_GROUPS, "资金落实", weight="13"))
    assert not any(tuple(i["path"])[:2] == ("投入", "资金落实") for i in record["indicators"])
