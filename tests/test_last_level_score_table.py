"""Score tables whose every level has its 分值 column and whose last level alone its 得分 (一级指标
分值 二级指标 分值 三级指标 分值 评分标准 得分), a row a line, with each first level's 小计 row.
Every text here is made up for the tests."""
import pytest

from conftest import error_flags, text_record

_HEADER = "一级指标 分值 二级指标 分值 三级指标 分值 评分标准及扣分说明 得分"
_ROWS = [
    "决策 20 目标管理 10 目标合理性 5 目标与职责相符，得满分 5",
    "目标明确性 5 部分指标未量化，扣1分 4",
    "预算编制 10 预算编制科学性 6 编制依据充分，得满分 6",
    "重点支出保障率 4 重点支出占比78.5%，扣0.5分 3.5",
    "决策小计 20 {decision}",
    "管理 30 资金管理 18 预算执行率 10 全年执行率95.2%，扣0.5分 9.5",
    "结转结余控制 8 结转结余率4.1%，得满分 8",
    "制度管理 12 制度健全性 6 制度健全，得满分 6",
    "制度执行有效性 6 个别合同未备案，扣1分 5",
    "管理小计 30 28.5",
    "绩效 50 产出 30 任务完成率 20 完成率97%，扣1分 19",
    "完成及时性 10 按期完成，得满分 10",
    "效益 20 社会效益 12 惠及群众3,860户，得满分 12",
    "满意度 8 满意度91.2%，扣0.5分 7.5",
    "绩效小计 50 48.5",
    "合计 100 {total}",
]


def _record(tmp_path, decision="18.5", total="95.5", sep=" ") -> dict:
    lines = [_HEADER] + [r.format(decision=decision, total=total) for r in _ROWS]
    table = "\n".join(sep.join(line.split(" ")) if sep != " " else line for line in lines)
    return text_record(tmp_path, "东坪县交通运输局2023年度部门整体支出绩效评价指标评分表\n" + table
                       + "\n评价等级：优\n")


@pytest.mark.parametrize("sep", [" ", " | "], ids=["spaced", "pipe"])
def test_a_consistent_table_raises_nothing(tmp_path, sep):
    # (its rules' words, 重点支出占比78.5%，扣0.5分, are no indicator's name: under 评分标准及扣分说明)
    assert not error_flags(_record(tmp_path, sep=sep))


def test_a_consistent_table_is_read_with_its_levels(tmp_path):
    record = _record(tmp_path)
    by_path = {tuple(i["path"]): i for i in record["indicators"]}
    assert str(by_path[("管理", "制度管理", "制度执行有效性")]["score"]) == "5"
    assert str(by_path[("决策",)]["score"]) == "18.5"  # (its 小计 row)


def test_a_first_level_off_its_rows_is_flagged(tmp_path):
    flags = error_flags(_record(tmp_path, decision="19.5", total="96.5"), "score.tree")
    assert flags and any("决策19.5分" in f["message"] for f in flags)


def test_a_level_whose_rows_weights_do_not_make_its_own_is_flagged_as_that(tmp_path):
    record = text_record(tmp_path, "评分表\n" + "\n".join([_HEADER] + [r.format(decision="18.5", total="95.5")
                                                                      .replace("目标合理性 5", "目标合理性 6") for r in _ROWS]))
    assert [f for f in error_flags(record, "score.tree") if "目标管理分值10分" in f["message"]]
