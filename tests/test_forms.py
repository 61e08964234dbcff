"""The standard self-evaluation forms, in every shape they reach us: a real table (.docx,
.xlsx), tab rows, `|` rows, whitespace-flattened rows, the whole form on one line, one cell
per line. The forms are written here (invented units and figures) as rows of cells and
rendered to each shape, so every shape must give the same slots."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.pipeline import extract_file

PROJECT_FORM = [
    ["项目支出绩效自评表"],
    ["（2022年度）"],
    ["项目名称", "村卫生室运行补助"],
    ["主管部门", "弥勒市卫生健康局", "实施单位", "弥勒市卫生健康局"],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["", "年度资金总额", "240", "260", "247", "10", "95%", "9.5"],
    ["", "其中：当年财政拨款", "200", "220", "210", "—", "95.45%", "—"],
    ["", "上年结转资金", "40", "40", "37", "—", "92.5%", "—"],
    ["", "其他资金", "", "", "", "—", "", "—"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["", "产出指标", "数量指标", "补助村卫生室数量", "≥120个", "126个", "20", "20", ""],
    ["", "", "质量指标", "补助资金发放准确率", "100%", "100%", "15", "15", ""],
    ["", "", "时效指标", "资金拨付及时率", "≥95%", "96%", "15", "15", ""],
    ["", "效益指标", "社会效益指标", "村民就近就医比例", "≥60%", "58%", "20", "18", "部分村医外出培训"],
    ["", "满意度指标", "服务对象满意度指标", "村民满意度", "≥90%", "92%", "20", "20", ""],
    ["总分", "", "", "", "", "", "100", "97.5", ""],
    ["自评等级", "优"],
]

# the same form half filled in: budget columns and two indicators left blank
UNFILLED_FORM = [row[:] for row in PROJECT_FORM]
UNFILLED_FORM[6] = ["", "其中：当年财政拨款", "200", "", "", "—", "", "—"]
UNFILLED_FORM[12] = ["", "", "时效指标", "资金拨付及时率", "≥95%", "", "15", "", ""]

TRANSFER_FORM = [
    ["转移支付（区域）绩效目标自评表"],
    ["转移支付名称", "基本公共卫生服务补助资金"],
    ["地方主管部门", "仁怀市卫生健康局", "资金使用单位", "仁怀市各乡镇卫生院"],
    ["资金情况（万元）", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"],
    ["", "年度资金总额", "1500", "1425", "95%"],
    ["", "其中：中央财政资金", "1000", "950", "95%"],
    ["", "地方资金", "500", "475", "95%"],
    ["", "其他资金", "—", "—", "—"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
    ["", "产出指标", "数量指标", "老年人健康管理人数", "≥8000人", "8350人", ""],
    ["", "效益指标", "社会效益指标", "居民健康档案电子建档率", "≥90%", "93%", ""],
]


def _render(rows: list, shape: str) -> str:
    if shape == "tabs":
        return "\n".join("\t".join(r) if len(r) > 1 else r[0] for r in rows) + "\n"
    if shape == "one_line":
        return " ".join(c for r in rows for c in r if c) + "\n"
    if shape == "cells":
        return "\n".join(c for r in rows for c in r if c) + "\n"
    raise ValueError(shape)


def _write(tmp_path, rows, shape):
    path = tmp_path / f"form_{shape}.txt"
    path.write_text(_render(rows, shape), encoding="utf-8")
    return path


def _docx(tmp_path, rows):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(rows[0][0])
    body = rows[1:]
    width = max(len(r) for r in body)
    table = d.add_table(rows=len(body), cols=width)
    for r, row in enumerate(body):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "form.docx"
    d.save(path)
    return path


def _xlsx(tmp_path, rows):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    path = tmp_path / "form.xlsx"
    wb.save(path)
    return path


def _facts(record):
    return {f["id"]: f for f in record["facts"]}


def _fund(form, slot):
    return next(row for row in form["funds"] if row["slot"] == slot)


def _value(record, fact_id):
    return _facts(record)[fact_id]["value"]


SHAPES = ["tabs", "one_line", "cells", "docx", "xlsx"]


def _record(tmp_path, rows, shape):
    if shape == "docx":
        return extract_file(_docx(tmp_path, rows))
    if shape == "xlsx":
        return extract_file(_xlsx(tmp_path, rows))
    return extract_file(_write(tmp_path, rows, shape))


@pytest.mark.parametrize("shape", SHAPES)
def test_project_form_slots_in_every_shape(tmp_path, shape):
    record = _record(tmp_path, PROJECT_FORM, shape)
    assert len(record["forms"]) == 1
    form = record["forms"][0]
    assert form["template"] == "project"
    total = _fund(form, "total")
    assert _value(record, total["cells"]["年初预算数"]) == Decimal("2400000")
    assert _value(record, total["cells"]["全年执行数"]) == Decimal("2470000")
    assert _value(record, total["cells"]["执行率"]) == Decimal("95")
    assert _value(record, total["cells"]["得分"]) == Decimal("9.5")
    current = _fund(form, "current")
    assert current["part_of"] == "total"
    assert set(current["na"]) == {"分值", "得分"}  # dashes: not applicable, never 0
    assert _facts(record)[total["cells"]["年初预算数"]]["label"] == "年初预算数"
    paths = [row["path"] for row in form["indicators"]]
    assert ["产出指标", "数量指标", "补助村卫生室数量"] in paths
    assert ["效益指标", "社会效益指标", "村民就近就医比例"] in paths
    assert len(paths) == 5
    missed = next(row for row in form["indicators"] if row["path"][-1] == "村民就近就医比例")
    assert missed["target"]["comparator"] == ">=" and missed["target"]["value"] == Decimal(60)
    assert missed["actual"]["value"] == Decimal(58)
    assert _value(record, missed["weight"]) == Decimal(20) and _value(record, missed["score"]) == Decimal(18)
    assert _value(record, form["total_score"]) == Decimal("97.5")
    assert _value(record, form["total_weight"]) == Decimal(100)
    meta = record["metadata"]
    assert meta["report_type"] == "form_project"
    assert meta["score"] == Decimal("97.5") and meta["grade"] == "优"
    assert (meta["province"], meta["city"], meta["county"]) == ("云南省", "红河哈尼族彝族自治州", "弥勒市")


@pytest.mark.parametrize("shape", ["tabs", "one_line", "cells"])
def test_every_slot_fact_points_at_its_characters(tmp_path, shape):
    path = _write(tmp_path, PROJECT_FORM, shape)
    record = extract_file(path)
    from extractor.ingest import load_document

    doc = load_document(path, path.read_bytes())
    for fact in record["facts"]:
        src = fact["source"]
        block = doc.blocks[src["block"]]
        text = block.table.rows[src["row"]][src["col"]].text if src.get("table") is not None else block.text
        assert text[src["start"]:src["end"]] == src["quote"] == fact["text"]


@pytest.mark.parametrize("shape", ["tabs", "one_line", "cells"])
def test_unfilled_cells_make_no_facts(tmp_path, shape):
    record = _record(tmp_path, UNFILLED_FORM, shape)
    form = record["forms"][0]
    if shape == "tabs":  # empty cells kept: the column is known
        current = _fund(form, "current")
        assert _value(record, current["cells"]["年初预算数"]) == Decimal("2000000")
        assert "全年执行数" not in current["cells"] and "全年执行数" in current["blank"]
    else:  # empty cells dropped: 200 is an amount of the row, its column unknown (never guessed)
        fact = next(f for f in record["facts"] if f["subject"] == "当年财政拨款" and f["kind"] == "amount")
        assert fact["value"] == Decimal("2000000") and fact["slot"] is None
    row = next(r for r in form["indicators"] if r["path"][-1] == "资金拨付及时率")
    assert row["actual"] is None and row["score"] is None
    assert not [f for f in record["facts"] if f["kind"] == "amount" and f["value"] == 0]
    assert not [f for f in record["flags"] if f["severity"] == "error"]


@pytest.mark.parametrize("shape", ["tabs", "one_line", "docx"])
def test_transfer_form(tmp_path, shape):
    record = _record(tmp_path, TRANSFER_FORM, shape)
    form = record["forms"][0]
    assert form["template"] == "transfer"
    total = _fund(form, "total")
    assert _value(record, total["cells"]["全年预算数"]) == Decimal("15000000")
    assert _value(record, total["cells"]["全年执行数"]) == Decimal("14250000")
    assert _value(record, _fund(form, "central")["cells"]["全年执行数"]) == Decimal("9500000")
    assert set(_fund(form, "other")["na"]) == {"全年预算数", "全年执行数", "执行率"}
    target = form["indicators"][0]["target"]
    assert (target["comparator"], target["value"], target["unit"]) == (">=", Decimal(8000), "人")
    assert record["metadata"]["report_type"] == "form_transfer"
    assert record["metadata"]["county"] == "仁怀市"


def test_a_narrative_report_is_not_a_form(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("某县2021年度项目支出绩效自评报告\n一、基本情况\n项目年初预算数为120万元，全年执行数为114万元，"
                    "执行率95%。我们按照项目支出绩效自评表的要求开展了自评。\n", encoding="utf-8")
    record = extract_file(path)
    assert record["forms"] == []
    assert record["metadata"]["report_type"] != "form_project"


def test_parse_target_comparators():
    from extractor.extract.form_targets import parse_target

    assert parse_target("≥95%") == (">=", Decimal(95), "%")
    assert parse_target("不少于1200人") == (">=", Decimal(1200), "人")
    assert parse_target("≤3天")[0] == "<="
    assert parse_target("10人以上") == (">=", Decimal(10), "人")
    assert parse_target("良好") == (None, None, None)


# ---------------------------------------------------------------- more shapes, and the form rules end to end

def _render_text(rows: list, shape: str) -> str:
    if shape == "pipe":
        return "\n".join("| " + " | ".join(r) + " |" if len(r) > 1 else r[0] for r in rows) + "\n"
    if shape == "spaced":  # an export that pads cells with spaces and drops the empty ones
        return "\n".join("    ".join(c for c in r if c) for r in rows) + "\n"
    return _render(rows, shape)


TEXT_SHAPES = ["tabs", "pipe", "spaced", "one_line", "cells"]


def _text_record(tmp_path, rows, shape):
    path = tmp_path / f"form_{shape}.txt"
    path.write_text(_render_text(rows, shape), encoding="utf-8")
    return extract_file(path)


def _raised(record, severities=("error", "warning")):
    return sorted(f["rule"] for f in record["flags"] if f["severity"] in severities)


@pytest.mark.parametrize("shape", TEXT_SHAPES + ["docx", "xlsx"])
def test_clean_form_raises_nothing_in_every_shape(tmp_path, shape):
    record = _record(tmp_path, PROJECT_FORM, shape) if shape in ("docx", "xlsx") else _text_record(tmp_path, PROJECT_FORM, shape)
    form = record["forms"][0]
    assert _value(record, _fund(form, "total")["cells"]["全年执行数"]) == Decimal("2470000")
    assert _value(record, form["total_score"]) == Decimal("97.5")
    assert _raised(record) == []


def _with(rows: list, row: int, col: int, text: str) -> list:
    out = [r[:] for r in rows]
    out[row][col] = text
    return out


# each injected slip, and the rule that must name it
INJECTED = [
    ("form.execution_rate", _with(PROJECT_FORM, 5, 6, "90%")),         # 247 ÷ 260 = 95%
    ("form.funds_total", _with(PROJECT_FORM, 6, 2, "190")),           # 190 + 40 ≠ 240
    ("form.score_total", _with(PROJECT_FORM, 15, 7, "99")),           # 20+15+15+18+20 + 9.5 = 97.5
    ("form.execution_score", _with(PROJECT_FORM, 5, 7, "12")),        # 得分 above its 分值 10
    ("form.target_missed", _with(_with(PROJECT_FORM, 13, 7, "20"), 15, 7, "99.5")),  # 58% < 60%, full marks
    ("unit.slip", _with(PROJECT_FORM, 5, 4, "2470000")),             # 元 written in a 万元 form: 210 + 37 = 247
]


@pytest.mark.parametrize("shape", ["tabs", "pipe", "spaced", "one_line", "cells", "docx", "xlsx"])
@pytest.mark.parametrize("rule,rows", INJECTED, ids=[r for r, _ in INJECTED])
def test_injected_slip_is_flagged(tmp_path, shape, rule, rows):
    record = _record(tmp_path, rows, shape) if shape in ("docx", "xlsx") else _text_record(tmp_path, rows, shape)
    assert rule in _raised(record), (rule, [f["message"] for f in record["flags"]])
    # and nothing else: the other figures still add up
    assert set(_raised(record)) <= {rule, "form.execution_score", "form.score_total"}
