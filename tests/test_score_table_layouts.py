"""Evaluation score tables as converters lay them out in text, written for these tests: columns
aligned by spaces with the long 评分标准 cells wrapped onto lines of their own, levels with their
own rows of points, and one cell a line with a scoring rule cut before its points."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

from conftest import text_record

OPENING = "某县2021年度农村饮水工程维修养护资金绩效评价报告\n一、评价结论\n评价组按指标体系打分，结果如下：\n\n"

# columns lined up by display width (a Chinese character two wide), 评分标准 wrapped at its
# column's width: the rest of a cell stands alone on the next line under its column
WRAPPED = """表1 绩效评价评分表
一级指标   二级指标     三级指标         分值   评分标准                         得分   扣分原因
决策       项目立项     立项依据充分性   10     符合县级供水规划和年度计划得10   10     —
                                                分
           绩效目标     目标明确性       10     目标量化可考核得10分，每缺一项   9      缺少时效指标，扣1分
                                                扣1分
过程       资金管理     预算执行率       20     执行率≥95%得20分，每低1%扣1分    18     执行率93%，扣2分
产出       产出数量     维修工程完成率   30     完成全部维修任务得30分，未完成   30     —
                                                按比例扣分
效益       满意度       群众满意度       30     满意度≥90%得30分                 29     扣1分
合计                                     100                                     96     扣4分

综合评价，该项目得分96分，评价等级为“优”。
"""


def _scores(record) -> Counter:
    return Counter(Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "score")


def _errors(record) -> list:
    return [f for f in record["flags"] if f["severity"] == "error"]


def test_a_spaced_table_with_wrapped_cells_is_read_whole(tmp_path):
    record = text_record(tmp_path, OPENING + WRAPPED)
    tables = [t for t in record["tables"] if len(t["rows"]) >= 6]
    assert len(tables) == 1
    criteria = [row[4] for row in tables[0]["rows"] if len(row) > 4]
    assert "目标量化可考核得10分，每缺一项扣1分" in criteria  # the wrapped rest joined to its cell
    scores = _scores(record)
    for points in ("10", "9", "20", "18", "30", "29", "100", "96"):
        assert scores[Decimal(points)] >= 1, points
    assert _errors(record) == []


def test_a_slip_in_a_wrapped_spaced_table_is_flagged(tmp_path):
    # 群众满意度 scored 27: the rows add up to 94, the 合计 says 96
    text = OPENING + WRAPPED.replace("满意度≥90%得30分                 29", "满意度≥90%得30分                 27")
    assert _errors(text_record(tmp_path, text))


def test_a_line_of_words_after_a_table_is_not_its_cell(tmp_path):
    # a sentence starting at the left edge under a short first-level name: no wrapped cell
    record = text_record(tmp_path, OPENING + WRAPPED.replace("\n\n综合评价", "\n存在问题较少\n\n综合评价"))
    assert all("存在问题较少" not in str(row) for t in record["tables"] for row in t["rows"])


# a weights table whose levels have their own rows of points (决策 | | | 20 | | 18), the next
# level's rows indented under them
LEVEL_ROWS = """表2 绩效评价指标权重及得分表
一级指标   二级指标     三级指标           权重   得分
决策                                       20     18
           项目立项                        8      8
                        立项依据充分性     4      4
                        立项程序规范性     4      4
           绩效目标                        12     10
                        目标合理性         6      5
                        指标明确性         6      5
产出                                       80     76
           产出数量                        50     48
                        维修处数完成率     25     24
                        水质达标率         25     24
           产出时效                        30     28
                        完工及时率         30     28
合计                                       100    94
"""


def test_levels_with_their_own_points_are_not_added_to_their_rows(tmp_path):
    record = text_record(tmp_path, OPENING + LEVEL_ROWS + "\n综合评价，该项目得分94分，评价等级为“优”。\n")
    assert [f["message"] for f in record["flags"] if f["severity"] in ("error", "warning")] == []
    table = next(t for t in record["tables"] if len(t["rows"]) >= 10)
    assert table["row_kinds"].count("subgroup") == 4


def test_a_second_level_whose_rows_miss_its_points_is_flagged(tmp_path):
    # 产出数量 48 over rows scored 24 and 22 (46)
    text = OPENING + LEVEL_ROWS.replace("水质达标率         25     24", "水质达标率         25     22")
    record = text_record(tmp_path, text + "\n综合评价，该项目得分94分。\n")
    assert any("48" in f["message"] for f in record["flags"] if f["severity"] in ("error", "warning"))


# one cell a line, a long 评分标准 broken over lines: a piece may end in 扣 and the next one be
# its points (每低1%扣 | 0.5分) before the row's own score
ONE_CELL_A_LINE = "\n".join([
    "绩效评价指标评分表", "一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分",
    "决策（20分）", "项目立项", "立项依据充分性", "10", "依据充分得10分", "10",
    "绩效目标", "目标明确性", "10", "目标量化得10分，每缺一项扣", "1分", "9",
    "过程（20分）", "资金管理", "预算执行率", "20", "执行率≥95%得20分，每低1%扣", "0.5分", "19",
    "产出（30分）", "产出数量", "维修任务完成率", "30", "全部完成得30分", "30",
    "效益（30分）", "满意度", "群众满意度", "30", "满意度≥90%得30分", "28",
    "合计", "100", "96",
]) + "\n"


def test_points_a_scoring_rule_was_cut_before_are_no_score(tmp_path):
    record = text_record(tmp_path, OPENING + ONE_CELL_A_LINE)
    form = record["forms"][0]
    facts = {f["id"]: Decimal(str(f["value"])) for f in record["facts"]}
    assert [facts[i["score"]] for i in form["indicators"]] == [Decimal(n) for n in ("10", "9", "19", "30", "28")]
    assert _errors(record) == []


def test_a_slip_in_a_table_one_cell_a_line_is_flagged(tmp_path):
    text = OPENING + ONE_CELL_A_LINE.replace("\n28\n", "\n26\n")
    assert any(f["rule"] == "score.tree" for f in _errors(text_record(tmp_path, text)))


def test_levels_one_cell_a_line_raise_no_sum_error(tmp_path):
    # each level's own row (项目立项 | 8 | 8) before its rows, the rows' 评分标准 between their points:
    # read as rows beside their rows, every point counts twice, no slip of the table's
    cells = ["绩效评价指标权重及得分表", "一级指标", "二级指标", "三级指标", "权重", "评分标准", "得分",
             "决策", "20", "18", "项目立项", "8", "8", "立项依据充分性", "4", "依据充分得4分", "4",
             "立项程序规范性", "4", "程序规范得4分", "4", "绩效目标", "12", "10", "目标合理性", "6", "合理得6分", "5",
             "指标明确性", "6", "明确得6分", "5", "产出", "80", "76", "产出数量", "50", "48", "维修处数完成率", "25",
             "全部完成得25分", "24", "水质达标率", "25", "达标得25分", "24", "产出时效", "30", "28", "完工及时率", "30",
             "按期完工得30分", "28", "合计", "100", "94"]
    record = text_record(tmp_path, OPENING + "\n".join(cells) + "\n")
    assert _errors(record) == []


def _pad(cells: list, starts: list) -> str:
    """A line with each cell starting at its display column (a Chinese character two wide)."""
    import unicodedata

    line, width = "", 0
    for text, start in zip(cells, starts):
        if not text:
            continue
        line += " " * max(start - width, 2 if line else 0) + text
        width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    return line


_COLUMNS = [12, 24, 36, 62, 78, 94, 102, 110]
_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]


def _form(rows: list, title="项目支出绩效自评表") -> str:
    return "\n".join([title, "（2022年度）", "项目名称        某县农村公路养护", _pad(_HEAD, _COLUMNS)]
                     + [_pad(row, _COLUMNS) if isinstance(row, list) else row for row in rows]) + "\n"


# a printed form's indicator table as a layout-keeping converter writes it: a target's note and
# a level name wrapped under their cells, a page's furniture between two parts of the table, the
# block's merged 绩效指标 label printed left of the header's columns
PAGED_ROWS = [
    ["产出指标", "数量指标", "养护里程", "=1200公里", "1200公里", "20", "20", "—"],
    ["", "质量指标", "路面病害修复率", "≥95%", "96.1%", "20", "20", "—"],
    ["", "", "", "（全年）"],
    ["", "时效指标", "补助资金拨付及时率", "100%", "100%", "10", "10", "—"],
    "",
    "                                        第 1 页 共 2 页",
    "\f项目支出绩效自评表",
    "  绩效" + _pad(["效益指标", "社会效益", "群众出行便利程度", "明显改善", "明显改善", "20", "20", "—"], _COLUMNS)[6:],
    ["", "可持续影", "养护长效机制", "持续完善", "持续完善", "10", "10", "—"],
    ["", "响指标"],
    ["满意度指标", "服务对象", "沿线群众满意度", "≥90%", "92.3%", "20", "19", "—"],
    ["", "满意度"],
    ["总分", "", "", "", "", "100", "99", ""],
]


def test_a_layout_form_read_across_its_page_break(tmp_path):
    record = text_record(tmp_path, _form(PAGED_ROWS))
    table = next(t for t in record["tables"] if t["header"] and "三级指标" in t["header"][-1])
    names = [row[2] for row in table["rows"]]
    assert "群众出行便利程度" in names and "沿线群众满意度" in names  # the rows after the page break
    assert any(row[3] == "≥95%（全年）" for row in table["rows"])
    assert any(row[1] == "可持续影响指标" for row in table["rows"])
    assert not any("第 1 页" in str(row) for row in table["rows"])
    assert [f for f in record["flags"] if f["severity"] == "error"] == []
    scores = _scores(record)
    assert scores[Decimal(19)] >= 1 and scores[Decimal(99)] >= 1


def test_a_slip_past_the_page_break_is_flagged(tmp_path):
    rows = [r[:] if isinstance(r, list) else r for r in PAGED_ROWS]
    rows[-3][6] = "17"  # the rows now add up to 96, the 总分 says 99
    record = text_record(tmp_path, _form(rows))
    assert any(f["rule"] == "form.score_total" for f in record["flags"] if f["severity"] == "error")


def test_tables_apart_without_page_furniture_stay_apart(tmp_path):
    rows = [r for r in PAGED_ROWS if not (isinstance(r, str) and ("第 1 页" in r or "\f" in r))]
    cut = rows.index("")
    text = _form(rows[:cut]) + "\n说明：以下为另一张表。\n\n" + _pad(_HEAD, _COLUMNS) + "\n" + "\n".join(
        _pad(r, _COLUMNS) if isinstance(r, list) else r for r in rows[cut + 1:]) + "\n"
    tables = [t for t in text_record(tmp_path, text)["tables"] if t["header"] and "三级指标" in t["header"][-1]]
    assert len(tables) == 2


def test_a_table_whose_header_lines_up_more_rows_than_its_even_ones(tmp_path):
    # the first rows have one count of cells; a wrapped cell on a line of its own, then rows
    # with the block's label before them: the header lines them all up
    text = ("部门整体支出绩效自评表\n\n" + _pad(["任务名称", "主要内容", "总额", "财政拨款", "其他资金"], [18, 40, 86, 102, 118]) + "\n"
            + "\n".join(_pad(r, [0, 18, 40, 86, 102, 118]) for r in [
                ["", "低保", "保障城乡低保对象基本生活", "300.00", "300.00", "—"],
                ["", "特困供养", "集中和分散供养特困人员基本生活及照料护", "120.00", "120.00", "—"],
                ["", "", "理"],
                ["年度主要任务", "临时救助", "对急难型困难群众实施临时救助", "80.00", "70.00", "10.00"],
                ["", "金额合计", "", "500.00", "490.00", "10.00"]]) + "\n")
    record = text_record(tmp_path, text)
    table = next(t for t in record["tables"] if t["header"] and "任务名称" in t["header"][-1])
    assert [row[0] for row in table["rows"]] == ["低保", "特困供养", "临时救助", "金额合计"]
    assert table["rows"][1][1].endswith("照料护理")
    assert [f for f in record["flags"] if f["severity"] == "error"] == []


def test_a_forms_total_row_named_heji_is_the_form_rules(tmp_path):
    # the indicator rows make 88 of the 100; the budget row's 10 points stand in the block above
    text = ("某县2020年度困难群众救助资金绩效自评表\n\n"
            "预算数（万元）    执行数（万元）    执行率    分值    得分\n"
            "300               288               96.00%    10      9.6\n\n"
            "一级指标      二级指标          三级指标            年度指标值      实际完成值      分值    得分\n"
            "产出指标      数量指标          救助人次            ≥2000人次       2150人次        30      30\n"
            "产出指标      时效指标          救助及时率          ≥95%            96.5%           20      20\n"
            "效益指标      社会效益指标      基本生活保障        有效保障        有效保障        30      30\n"
            "满意度指标    服务对象满意度    救助对象满意度      ≥85%            91%             10      10\n"
            "合计                                                                                100     99.6\n")
    record = text_record(tmp_path, text)
    assert [f["message"] for f in record["flags"] if f["severity"] == "error"] == []
    slipped = text_record(tmp_path, text.replace("100     99.6", "100     98.6"))
    assert [f["rule"] for f in slipped["flags"] if f["severity"] == "error"] == ["form.score_total"]
