"""Forms whose indicator rows have 年初指标值 and 调整指标值 columns, the second mostly left
empty, as a copied PDF gives them a cell a line with the empty cell dropped: the row's
remaining figures are its result, 得分系数, 权重 and 得分, not the adjusted target. Every
text here is made up for the tests."""
from conftest import error_flags, text_record

_HEADER = ["指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数（%）",
           "指标权重（分）", "指标得分（分）", "是否核心指标"]
_ROWS = [["农村公路养护里程", "公里", "定量指标", "≥420", "436", "100", "30", "30", "是"],
         ["路面技术状况优良率", "%", "定量指标", "≥75", "78.2", "100", "30", "30", "否"],
         ["群众出行满意度", "%", "定量指标", "≥90", "86.4", "96", "40", "38.4", "否"]]


def _form(rows) -> str:
    cells = _HEADER + [c for r in rows for c in r]
    return ("涪南区2023年度项目绩效自评表\n项目名称\n农村公路养护补助\n年度绩效指标\n" + "\n".join(cells)
            + "\n总分\n98.4\n")


def _row(record: dict, name: str) -> dict:
    return next(r for f in record["forms"] for r in f["indicators"] if r["path"][-1] == name)


def test_the_figures_after_a_dropped_adjusted_target_are_the_rows_result_and_points(tmp_path):
    record = text_record(tmp_path, _form(_ROWS))
    facts = {f["id"]: f for f in record["facts"]}
    row = _row(record, "群众出行满意度")
    assert str(row["actual"]["value"]) == "86.4" and row["actual"]["unit"] == "%"
    assert facts[row["weight"]]["text"] == "40" and facts[row["score"]]["text"] == "38.4"
    assert not error_flags(record)
