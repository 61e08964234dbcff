"""Score tables run together with word columns between 分值 and 得分, as document-sharing
previews and copied PDFs give a report's score table (三级指标 分值 指标解释 得分: 立项依据
充分性5项目符合…依据充分5…) or a form's indicator block (三级指标 分值 年度指标值 实际完成值
得分: 培训人数10≥500人526人10). A row is a name, its 分值, words (which may hold figures with
their units, dates, comparators) and its 得分; groups carry their weights in brackets
(产出指标(40分), (10)).

A run is read only where its own arithmetic says so: under each bracketed weight the 分值 of
the rows and inner groups add up to it, each 得分 is at most its 分值, and there is one such
reading; a table the excerpt cuts off is read up to its last whole group. Rows under no
bracketed weight are read only where a 合计 row's 分值 is their sum. Cells a space apart are
the form reader's and flat_score_table's: a run is read here only where its figures stand
glued to the words (patterns/forms.json, worded_score_table).

A form's block whose 分值 and 得分 close each row (年度指标值 实际完成值 分值 得分: 覆盖率100%
100%1515) is read row by row where each row's end has one cut into 分值 | 得分. A form's
block gives facts only: its arithmetic is the form reader's, with the form's other parts.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from ..model import Document
from .numbers import POINTS_FIGURE, points_cuts, points_pairs, same_places
from .score_group_readings import group_readings, one_reading, whole_groups
from .score_run_text import TOTAL_NAME, Places, Tree, runs_of_text

_MARK = regex.compile(r"[(（]\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?\s*[)）]")
_NUMBER = regex.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
HAN = regex.compile(r"\p{Han}")
_YEAR_AFTER = regex.compile(r"([1-9]\d?)(?:19|20)\d\d$")
_MOST_TEXT = 6000  # a score table's run is shorter: words past it are no table's
_MOST_NAME = 24
_FEWEST_ROWS = 3


@dataclass
class _Item:
    kind: str  # mark | figure | run | lead | subtotal | total
    span: tuple
    value: Decimal
    name: str  # the words before it, from the item before, as a name
    words: str = ""  # the same as written
    glued: bool = False
    cuts: tuple = ()  # a lead's: where its 分值 may end and the row's value begin


def column_words(key: str) -> str:
    """An alternation of the score tables' column words of `key` (patterns/forms.json,
    worded_score_table: indicator_columns, weight_columns, score_columns …), longest first."""
    return "|".join(sorted(load_json("forms.json")["worded_score_table"][key], key=len, reverse=True))


@lru_cache(maxsize=1)
def _vocab() -> dict:
    forms = load_json("forms.json")
    spec = forms["worded_score_table"]
    alt = lambda ws: "|".join(sorted(ws, key=len, reverse=True))
    return {
        "header": regex.compile(rf"(?:{alt(spec['indicator_columns'])})(?P<columns>[^\d\n]{{2,40}}?)"
                                rf"(?:{alt(spec['score_columns'])})"),
        # a form's block whose 分值 and 得分 close each row (…年度指标值 实际完成值 分值 得分)
        "points_last": regex.compile(rf"(?:{alt(spec['weight_columns'])})\s*(?:{alt(spec['score_columns'])})$"),
        "weight": regex.compile(alt(spec["weight_columns"])),
        "form_columns": regex.compile(alt(spec["form_columns"])),
        "trailing": regex.compile(rf"^\s*(?:{alt(spec['trailing_columns'])})+"),
        # (a unit after a space, not on the next line: 10 10 | 台式电脑4台 opens the next row)
        "remark_unit": regex.compile(rf"[ \t\u3000]*(?:{alt(spec['remark_units'])})"),
        "lead_unit": regex.compile(alt(spec["lead_units"])),
        "remark_opener": regex.compile(rf"(?:{alt(spec['remark_openers'])})\s*$"),
        # a second-level name a row's name starts with (数量指标培训人数: 数量指标 | 培训人数)
        "level2": regex.compile(rf"^({alt(regex.escape(w) for w in forms['level2'] if w.endswith('指标'))})(?=\p{{Han}}{{2}})"),
    }


def worded_score_tables(doc: Document) -> list:
    """The score tables of `doc` run together with word columns between 分值 and 得分, each a
    Tree."""
    out = []
    for text, place in runs_of_text(doc, "\n", one_row_tables=True):
        if "指标" not in text:
            continue  # every header names its indicator column: a cheap test first
        for header in _vocab()["header"].finditer(text):
            columns = header["columns"]
            if _vocab()["points_last"].search(header.group()) and _vocab()["form_columns"].search(columns):
                tree = _points_last(text, place, header.end())
                if tree is not None:
                    tree.covers = place.covers(header.start(), place.end_of(tree))
                    tree.form_block = True
                    out.append(tree)
                continue
            if not _vocab()["weight"].search(columns) or len(HAN.findall(_vocab()["weight"].sub("", columns))) < 2:
                continue  # no 分值 column, or nothing between it and 得分: other readers' shapes
            tree = _read(text, place, header.end())
            if tree is not None:
                tree.covers = place.covers(header.start(), place.end_of(tree))
                if _vocab()["form_columns"].search(columns):
                    # a form's indicator block: the form reader checks it with the form's
                    # other parts (its budget row's points are in the 总分)
                    tree.form_block, tree.indicators = True, []
                out.append(tree)
    return out


def items_after(text: str, at: int, runs: bool = False, points_unit: bool = False, leads: bool = False) -> list:
    """The bracketed weights, the bare figures (no unit after, no comparator before) and the
    total row of the run after a header at `at`, in order; with `runs`, figures run together
    (1515) too, as items of kind run; with `points_unit`, figures written with 分 (2分2分) too,
    the 分 in no item's words; with `leads`, a row's 分值 run into the value after it
    (预算执行率688.42%5: 6 | 88.42%) as items of kind lead, and its groups' 小计 rows as
    items of kind subtotal."""
    vocab, out, pos = _vocab(), [], at
    end = min(len(text), at + _MOST_TEXT)
    marks = {m.start(): m for m in _MARK.finditer(text, at, end)}
    for m in regex.finditer(rf"{_MARK.pattern}|{_NUMBER.pattern}", text[:end], pos=at):
        name = text[pos:m.start()]
        if m.start() in marks:
            out.append(_Item("mark", m.span(1), Decimal(m[1]), _name(name), name))
            pos = m.end()
            continue
        a, b = m.span()
        if vocab["remark_opener"].search(text[max(at, a - 4):a]):
            continue  # a figure of the row's words after a comparator or an ordinal's word
        year = _YEAR_AFTER.match(text, a, b) if text.startswith("年", b) else None
        points = points_unit and _POINTS_UNIT.match(text, b) is not None
        if points:
            pass  # (2分: a 分值 or 得分 with its unit)
        elif year is not None:
            b = year.end(1)  # a 分值 run into the year of the target after it (152023年10月)
        elif vocab["remark_unit"].match(text, b):
            cut = _before_repeated_target(text, a, b)
            if cut is None:
                cuts = _lead_cuts(text, pos, a, b) if leads and vocab["lead_unit"].match(text, b) else ()
                if cuts:
                    out.append(_Item("lead", (a, b), Decimal(0), _name(name), name, True, cuts))
                    pos = b
                continue  # (else a figure of the row's words: a target, an actual, a date, a count)
            b = cut
        label = regex.sub(r"\s+", "", name)
        if TOTAL_NAME.match(label[-4:]) or TOTAL_NAME.match(label[-2:]):
            out.append(_Item("total", (a, b), Decimal(0), "合计"))
            break
        if leads and label.endswith("小计"):
            spaced = _SPACED_POINTS.match(text, b)
            b = spaced.end() if spaced else b
            out.append(_Item("subtotal", (a, b), Decimal(0), "小计"))
            pos = b
            continue
        if not POINTS_FIGURE.fullmatch(text, a, b) or Decimal(text[a:b]) > 100:
            if not runs:
                return out  # no score table's figure: the table has ended
            out.append(_Item("run", (a, b), Decimal(0), _name(name), name))
            pos = b
            continue
        glued = not text[a - 1:a].isspace() and not text[b:b + 1].isspace()
        out.append(_Item("figure", (a, b), Decimal(text[a:b]), _name(name), name, glued))
        pos = b + 1 if points else b
    return out


_POINTS_UNIT = regex.compile(r"分(?![析配类别解管级项值档布])")
_SPACED_POINTS = regex.compile(r"[ \t]+\d{1,3}(?:\.\d{1,2})?(?![\d.])")
# a page's number a site's preview leaves on a line of its own (3、) between two rows
_PAGE_MARK = regex.compile(r"(?m)^\s*\d{1,3}\s*[、.．]?\s*$")
_VALUE_FIGURE = regex.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def _lead_cuts(text: str, pos: int, a: int, b: int) -> tuple:
    """Where a figure right after a row's name, with a unit after it (预算执行率688.42%5,
    改造户数83126户8), may be cut into the row's 分值 and the value after it: a points figure
    of one or two digits, then a figure with no leading 0 it does not need. Only a figure the
    words since the last item run into is asked (one after other figures, ≥500人526人, is
    the row's value); a row's words that look so (完成率达到100%) _worded_rows reads as words."""
    if not HAN.match(text, a - 1) or any(ch.isdigit() for ch in _PAGE_MARK.sub("", text[pos:a])):
        return ()
    return tuple(k for k in range(a + 1, min(b, a + 3))
                 if POINTS_FIGURE.fullmatch(text, a, k) and _VALUE_FIGURE.fullmatch(text, k, b))


def _before_repeated_target(text: str, a: int, b: int) -> Optional[int]:
    """Where a 分值 run into the target after it ends, the actual value repeating the target
    with its unit (10100%100% is 10 | 100% | 100%; 8550万粒550万粒 is 8 | 550万粒 | 550万粒):
    the one cut that makes it so, else None."""
    unit = regex.match(r"\D{1,4}?(?=\d)", text[b:b + 5])
    if unit is None:
        return None
    after = b + unit.end()
    cuts = [k for k in range(a + 1, min(b, a + 3)) if POINTS_FIGURE.fullmatch(text, a, k) and text[k] != "0"
            and text.startswith(text[k:b] + unit[0], after)]
    return cuts[0] if len(cuts) == 1 else None


def _name(words: str) -> str:
    words = _vocab()["trailing"].sub("", regex.sub(r"\s+", "", words))
    # (a page's number left on a line of its own before the row, 2、, is no part of its name)
    return regex.sub(r"^\d{1,3}[、.．]", "", regex.split(r"[，。；,;]", words)[-1])[-_MOST_NAME:]


def _read(text: str, place: Places, at: int) -> Optional[Tree]:
    items = items_after(text, at, leads=True)
    total = items.pop() if items and items[-1].kind == "total" else None
    subtotals = [item for item in items if item.kind == "subtotal"]
    items = [item for item in items if item.kind != "subtotal"]
    nodes, _ = whole_groups(text, items, _worded_rows)
    totals = total_cells(text, total) if total is not None else None
    if totals and sum(n[1] for n in nodes if len(n[0]) == 1) != totals[0][1]:
        # rows under no bracketed weight, or groups that do not make the total: all the items
        # up to the total row as one reading that makes it, or the total is not read
        whole = one_reading(group_readings(text, items, 0, totals[0][1], (), _worded_rows))
        if whole is not None and whole[0] == len(items):
            nodes = whole[1]
        else:
            totals = None
    rows = [n for n in nodes if n[3] is not None]
    if len(rows) < _FEWEST_ROWS or 2 * sum(n[4] for n in rows) < len(rows):
        return None  # too few rows to tell a table by, or cells a space apart (other readers')
    tree = build_tree(text, place, nodes, totals)
    if tree is not None:
        _mark_leads(text, place, tree, items, nodes)
        for weight, score in _subtotal_cells(text, subtotals, nodes):
            tree.figures += [place.figure(weight, text, "分值", ("小计",)), place.figure(score, text, "得分", ("小计",))]
    return tree


def _mark_leads(text: str, place: Places, tree: Tree, items: list, nodes: list) -> None:
    """A lead read as a row's 分值 and its value: the run is the table's (no figure of the text
    readers' own, 4100% read whole), its value a figure of its unit where that is a fact's."""
    cut_at = {n[2][0]: n[2][1] for n in nodes}
    for item in items:
        a, b = item.span
        if item.kind != "lead" or a not in cut_at:
            continue
        tree.runs += place.covers(a, b)
        unit = _value_unit(text, b)
        if unit is not None:
            tree.figures.append(place.figure((cut_at[a], b), text, "完成值", (item.name,), unit))


def _value_unit(text: str, at: int) -> Optional[str]:
    """The unit written at `at` where it makes a figure a fact (%, 户, 人, 万元), else None."""
    units = load_json("units.json")
    for n in (4, 3, 2, 1):
        written = text[at:at + n]
        if written in units["units"] or any(written.startswith(m) and written[len(m):] in units["units"]
                                            for m in units["magnitudes"]):
            return written
    return None


def _subtotal_cells(text: str, subtotals: list, nodes: list) -> list:
    """(分值's span, 得分's span) of each 小计 row that closes a group read: the one cut of its
    figures (run together or a space apart) into the group's weight and the sum of its rows'
    得分; a 小计 no cut makes so is left unread."""
    out = []
    for item in subtotals:
        a, b = item.span
        groups = [n for n in nodes if n[3] is None and n[2][1] <= a]
        if not groups:
            continue
        path, weight = groups[-1][0], groups[-1][1]
        rows = [n for n in nodes if n[3] is not None and n[0][:len(path)] == path and n[3][1] <= a]
        scored = sum((Decimal(text[slice(*n[3])]) for n in rows), Decimal(0))
        gap = regex.search(r"[ \t]+", text[a:b])
        pairs = [((a, a + gap.start()), (a + gap.end(), b))] if gap else points_pairs(text, a, b)
        fits = [(w, s) for w, s in pairs if Decimal(text[slice(*w)]) == weight and Decimal(text[slice(*s)]) == scored]
        if len(fits) == 1:
            out.append(fits[0])
    return out


def build_tree(text: str, place: Places, nodes: list, totals: Optional[tuple]) -> Optional[Tree]:
    """The Tree of a reading's nodes ((path, 分值, 分值's span, 得分's span or None, glued)) and
    its total row's cells, or None where a figure is split by a line or a preview's cut."""
    spans = [s for n in nodes for s in (n[2], n[3]) if s is not None] + [c[0] for c in totals or []]
    if not place.within_one_block(spans) or any(place.may_go_on(s, text) for s in spans):
        return None  # a figure split by a line or a preview's cut is no figure to read
    tree = Tree()
    for path, weight, w_span, s_span, _ in nodes:
        tree.figures.append(place.figure(w_span, text, "分值", path))
        if s_span is not None:
            tree.figures.append(place.figure(s_span, text, "得分", path))
        if totals:  # (a table cut off is no whole tree for the score rules: figures only)
            score = Decimal(text[slice(*s_span)]) if s_span else None
            tree.indicators.append((path, weight, score, place.source(s_span or w_span, text)))
    if totals:
        (w_span, weight), (s_span, score) = totals
        tree.figures += [place.figure(w_span, text, "分值", ("合计",)), place.figure(s_span, text, "总分", ("合计",))]
        tree.indicators.append((("合计",), weight, score, place.source(s_span, text)))
    return tree


def _points_last(text: str, place: Places, at: int) -> Optional[Tree]:
    """A form's indicator block whose rows end in their 分值 and 得分 (数量指标 项目计划完成率
    100%100%1515 …), run together or a space apart: each row's one cut into 分值 | 得分 (得分 at
    most 分值), read as facts only, the form's arithmetic being the form reader's. Rows are
    read up to the first that has no such cut."""
    items = [i for i in items_after(text, at, runs=True) if i.kind != "mark"]
    cells, k = [], 0
    while k < len(items) and items[k].kind != "total":
        item = items[k]
        if not HAN.search(item.name):
            break  # a row names its indicator before its figures
        after = items[k + 1] if k + 1 < len(items) else None
        if item.kind == "figure" and after is not None and after.kind == "figure" and not after.words.strip() \
                and after.value <= item.value and same_places_of(text, item.span, after.span):
            pair = (item.span, after.span)  # 15 15
            k += 2
        else:
            # (a 得分 of 0 is no cut: 100 at a row's end is a figure of its own more likely than
            # 10 | 0)
            cuts = [c for c in points_pairs(text, *item.span) if Decimal(text[slice(*c[1])]) > 0]
            if len(cuts) != 1:
                break
            pair = tuple(cuts[0])
            k += 1
        cells.append((item.name, pair))
    if len(cells) < _FEWEST_ROWS:
        return None
    total = items[k] if k < len(items) and items[k].kind == "total" else None
    totals = total_cells(text, total) if total is not None else None
    if totals is None and total is not None and POINTS_FIGURE.fullmatch(text, *total.span):
        totals = (None, (total.span, Decimal(text[slice(*total.span)])))  # 总分:93, the score alone
    spans = [span for _, pair in cells for span in pair]
    if not place.within_one_block(spans) or any(place.may_go_on(span, text) for span in spans):
        return None
    tree = Tree()
    for name, (weight, score) in cells:
        tree.figures += [place.figure(weight, text, "分值", (name,)), place.figure(score, text, "得分", (name,))]
    if totals:
        weight, (score, _) = totals
        tree.figures += ([place.figure(weight[0], text, "分值", ("合计",))] if weight else []) \
            + [place.figure(score, text, "总分", ("合计",))]
    return tree


def _worded_rows(text: str, items: list, i: int, path: tuple):
    """A row of 分值 … 得分 at items[i]: its 分值, words, then its 得分 (no more than the 分值,
    with its decimals)."""
    item = items[i]
    after = i + 1
    while item.kind == "figure" and after + 1 < len(items) and items[after].kind == "lead":
        after += 1  # (a lead between a 分值 and its 得分 is the row's words: 完成率7较上年下降10%得分6)
    if item.kind == "mark" or after >= len(items) or items[after].kind != "figure" or not HAN.search(item.name):
        return
    score = items[after]
    if item.kind == "lead":
        for k in item.cuts:
            weight = Decimal(text[item.span[0]:k])
            if 0 < score.value <= weight and same_places(text[item.span[0]:k], text[slice(*score.span)]):
                yield (path + (item.name,), weight, (item.span[0], k), score.span, True), i + 2
        return
    if item.value > 0 and score.value <= item.value and score.words.strip() \
            and same_places_of(text, item.span, score.span):
        level2 = _vocab()["level2"].match(item.name)
        row = path + ((level2[1], item.name[level2.end():]) if level2 else (item.name,))
        yield (row, item.value, item.span, score.span, item.glued), after + 1


def same_places_of(text: str, weight: tuple, score: tuple) -> bool:
    return same_places(text[slice(*weight)], text[slice(*score)])


def total_cells(text: str, total: _Item) -> Optional[tuple]:
    """((分值's span, 分值), (得分's span, 得分)) of the total row: 100 and the score, a space
    or a 分 apart or run together (10095.5); None where they are not that."""
    a, b = total.span
    # (a space apart, or each written with its 分: 总计100分89.5分)
    rest = regex.match(r"(?:[ \t]+|分[ \t]*)(\d{1,3}(?:\.\d{1,2})?)(?![\d.])", text[b:b + 12])
    cuts = [((a, b), (b + rest.start(1), b + rest.end(1)))] if rest else [((a, k), (k, b)) for k in points_cuts(text, a, b)]
    for w, s in cuts:
        weight, score = Decimal(text[slice(*w)]), Decimal(text[slice(*s)])
        if weight == 100 and score <= weight:
            return (w, weight), (s, score)
    return None
