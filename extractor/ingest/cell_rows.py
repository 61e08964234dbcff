"""Is a line of text a row of cells rather than a line of prose? Spreadsheets saved as text
and forms printed to PDF write a row's cells with one space between them; such a line is
complete as it is (never the first half of a broken sentence), and in a PDF the spaces
between its cells are text, not layout."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..patterns import load_json

# a row of a form written with one space between its cells (a spreadsheet saved as text):
# figures side by side (100 120 110 — 91.67%), short words side by side with no punctuation
# of a sentence in the line (一级指标 二级指标 三级指标), or both (数量指标 救助人数 ≥800人 812)
@lru_cache(maxsize=1)
def _cell_figure() -> regex.Pattern:
    """A cell holding a figure, maybe with a comparator and a unit of the quantities we read
    (money, people, households, percent, points: patterns/units.json), or a dash."""
    quantities = {"amount", "percent", "headcount", "person_times", "households", "score"}
    units = {u for u, (kind, *_) in load_json("units.json")["units"].items() if kind in quantities}
    unit = "(?:" + "|".join(map(regex.escape, sorted(units | {"万", "亿"}, key=len, reverse=True))) + ")"
    return regex.compile(rf"^(?:[≥≤<>=＞＜]?[-+]?\d[\d,.]*{unit}?|[—–\-/／]+)$")


# a label: Chinese first, maybe with a bracket, a letter or a figure (全年预算数(A), 指标1:居民健康档案)
_CELL_WORD = regex.compile(r"^\p{Han}[\p{Han}（）()A-Za-z0-9/×%.:：]{1,19}$")
_SENTENCE_MARKS = regex.compile(r"[，。；、,;]")
_HAN_GAP = regex.compile(r"\p{Han}[ \t]+(?=\p{Han})")


@lru_cache(maxsize=4096)
def is_cell_row(line: str) -> bool:
    """Figures side by side, short words side by side, a form's labels and figures in turn,
    or a long run of cells with spaces between Chinese words."""
    pieces = line.split()
    if len(pieces) < 3:
        return False
    words_count = not _SENTENCE_MARKS.search(line)
    kinds = ["fig" if _cell_figure().match(p) else "word" if words_count and _CELL_WORD.match(p) else None
             for p in pieces]
    if sum(1 for a, b in zip(kinds, kinds[1:]) if a is not None and a == b) >= 2:
        return True
    if _CELL_WORD.match(pieces[0]) and all(k == "fig" for k in kinds[1:]):
        return True  # a row's name and its figures (小计 35 32.75)
    # names and their figures in turn and nothing else (项目决策 20 项目目标 6 目标明确性 6 6,
    # 结转结余率 5 结转控制合理得满分 5; a PDF's layout spaces around figures in prose leave
    # pieces of neither kind: 年, 月)
    if None not in kinds and sum(1 for a, b in zip(kinds, kinds[1:]) if a != b) >= 3:
        return True
    # a form's labels and their figures in turn (预算数 6.84 到位数 6.84 执行数 6.84)
    labels = [_form_label(p) for p in pieces]
    if sum(1 for k in range(len(pieces) - 1)
           if kinds[k] == "fig" and labels[k + 1] or labels[k] and kinds[k + 1] == "fig") >= 3:
        return True
    # a long run of cells of any kind (指标1：居民健康档案 38508人 指标2：…): spaces between
    # Chinese characters, which prose has none of
    return words_count and len(pieces) >= 5 and len(_HAN_GAP.findall(line)) >= 2


@lru_cache(maxsize=1)
def _form_labels() -> frozenset:
    """The fixed labels of the self-evaluation forms' fund blocks and heads (patterns/forms.json)."""
    spec = load_json("forms.json")
    words = {w for group in (spec["fund_columns"], spec["meta_cells"]) for labels in group.values() for w in labels}
    words |= {w for row in spec["fund_rows"].values() for w in row["labels"]} | set(spec["money_labels"])
    return frozenset(words)


@lru_cache(maxsize=1)
def _cell_labels() -> frozenset:
    """Every fixed label of the forms (patterns/forms.json): fund and head labels, the
    indicator header, its columns and levels, totals and grades."""
    spec = load_json("forms.json")
    words = set(_form_labels()) | set(spec["indicator_header"]) | set(spec["level1"]) | set(spec["level2"])
    words |= {w for labels in spec["indicator_columns"].values() for w in labels}
    words |= set(spec["total_rows"]) | set(spec["grade_cells"])
    return frozenset(words)


def is_form_cell(line: str) -> bool:
    """Is the line one of a form's fixed labels, a cell of its own (质量指标, 全年执行数)?"""
    return regex.sub(r"\s+", "", line) in _cell_labels()


@lru_cache(maxsize=1)
def _label_prefixes() -> regex.Pattern:
    return regex.compile(f"^(?:{load_json('forms.json')['label_prefix']})+")


def _form_label(piece: str) -> bool:
    return _label_prefixes().sub("", piece).rstrip(":：") in _form_labels()


def ends_in_figure_cell(line: str) -> bool:
    """Does a line of several cells end in a bare figure cell (… 按比例得分 4), or points with
    their 分 (… 扣完为止 3分)? Prose puts no space before the last figure of a line with nothing
    after it."""
    pieces = line.split()
    return len(pieces) >= 3 and regex.fullmatch(r"[-+]?\d[\d,]*(?:\.\d+)?分?", pieces[-1]) is not None
