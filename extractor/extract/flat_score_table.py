"""Score tables flattened into running text, as a document-sharing site, a copied page or a
tab-separated line gives them: 指标 权重 评分结果 备注 投入 预算执行率 2.33 0.15 专款专用率
2.33 2.33 … 合计 100.00 81.56, or the same with no space at all (…投入2018项目立项规范性55…
合计10088). After a header naming the indicator column, then a 分值 column, a 得分 column and
maybe a 扣分 column right after it (patterns/forms.json, flat_score_table), each indicator is a
name followed by its figures; group names (投入, 产出) and remarks (目标值 2 座) stand between.

A run is a table only when its own arithmetic says so: the 分值 add up to the 合计 row's,
every row of the first level or rows that are groups (投入 20 18 before its own rows) whose 分值
are the sums of the rows under them; a 扣分 is 分值 − 得分; figures run together are cut where
exactly one cut of every row makes the table add up. A column of scoring rules may stand
between 分值 and 得分 (考核内容 分值 计分标准 分数 备注: 一、前期工作 40 36 1、方案编制 20 方案完整
得15-20分… 18 …): a group's row writes its points only, a row's rule is read as words. The 得分
are then the score.tree rule's to check against the total. A spaced table the excerpt cuts off before its 合计 row gives its
figures when the text ends inside it after enough whole rows; one that runs into prose without
a total, or runs together with none, is left alone.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..ingest.spaced_cells import PROSE_PUNCT
from ..model import Document
from ..patterns import load_json
from .form_vocab import is_scoring_rule
from .numbers import POINTS, points_pairs
from .score_run_text import TOTAL_NAME, Places, Tree, runs_of_text

# 分值 and 得分 (and 扣分 where the header has it) a space apart, neither the piece of a longer
# figure nor followed by a unit (a remark after the score may start with one: 5 4 个别路段…)
_FIGURES = {n: regex.compile(rf"(?<![\d.])({POINTS})" + rf"[ \t\u3000\n]+({POINTS})" * (n - 1)
                           + r"(?![\d.]|[%％‰]|[万亿]?元|人|户|个|次|项|座|所|家)") for n in (2, 3)}
_MOST_BETWEEN = 60  # more words between two rows are prose: the table has ended
_MOST_REASON = 240  # a reason for a row's points, written after them (扣分原因), at most this long
_FEWEST_ROWS = 3
_FEWEST_ROWS_CUT_OFF = 5  # a table the excerpt cuts off, with no total to check it by
_MOST_READINGS = 16
_MOST_LEVELS = 3
_LABELS = ("分值", "得分", "扣分")
# a name, then the run of its figures, maybe a remark's with its unit (of the units a remark's
# figures carry, those no word of an indicator's name starts with)
# (a line break may stand between a row's two figures: a text layer wraps the line there)
_GLUED_ROW = regex.compile(r"(?P<name>[^\d]+?)(?P<run>\d[\d.]*(?:\n\d[\d.]*)?)(?P<unit>[%％‰元户]|万|亿|人(?![均员民口数]))?")
_MOST_NAME = 20
_HAN = regex.compile(r"\p{Han}")


def _alt(words) -> str:
    """The words as a regex alternation, longest first."""
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    spec = load_json("forms.json")
    words = spec["flat_score_table"]
    weight = _alt(spec["indicator_columns"]["weight"])
    score = _alt(spec["indicator_columns"]["score"] + words["score_columns"])
    deduction = _alt(spec["indicator_columns"]["deduction"])
    # (columns of words between the name and the 分值 — 指标说明, 评分标准 — a space apart)
    described = _alt(spec["indicator_columns"]["skip"])
    # (or a column of scoring rules between 分值 and 得分, a space apart: 分值 计分标准 分数)
    # (the level columns after it, a text layer's rows leaving their merged cells out: 一级指标 二级
    # 三级指标 分值 得分 — a row's name is the last word before its points)
    return regex.compile(rf"(?:{_alt(words['name_columns'])})(?P<levels>(?:\s+(?:[二三四]级(?:指标)?|指标))*)"
                         rf"(?P<described>(?:\s+(?:{described})(?=\s))*)\s*(?:{weight})"
                         rf"(?P<rules>\s+(?:{described})(?=\s))?\s*(?:{score})(?P<deduction>\s*(?:{deduction})(?=\s))?"
                         # (or a column of words after 得分: the reasons for its points, 扣分原因)
                         rf"(?P<reasons>\s+(?:{_alt(words['reason_columns'])})(?=\s))?")


@lru_cache(maxsize=1)
def _level_weight_before() -> regex.Pattern:
    """A level column and its 分值 right before the name column (二级指标 分值 | 指标名称): a header
    that weights every level, whose name column is the third level's under another word."""
    return regex.compile(rf"[一二]级指标\s*(?:{_alt(load_json('forms.json')['indicator_columns']['weight'])})\s*$")


def flat_score_tables(doc: Document) -> list:
    """The score tables of `doc` written as running text, a space between cells or none,
    each a Tree."""
    out = []
    # (blocks joined with a line break: a row's figures wrapped onto the next line stay apart)
    for text, place in runs_of_text(doc, "\n", one_row_tables=True):
        for header in _header().finditer(text):
            if header.start() and _HAN.match(text[header.start() - 1]) and place.of(header.start())[1]:
                continue  # the name column is a word of its own, not the end of 三级指标
            if _level_weight_before().search(text, max(0, header.start() - 40), header.start()):
                continue  # 一级指标 分值 二级指标 分值 指标名称 分值 得分: every level weighted, the form reader's
            columns = 3 if header["deduction"] and not header["rules"] else 2
            if header["rules"]:
                read = _rows_with_rules_between(text, header.end())  # (分值 and 得分 only)
            else:
                spaced = _spaced_rows(text, header.end(), columns, len(header["described"].split()),
                                      bool(header["reasons"]))
                # cells run together (指标权重评分结果…投入2018项目立项规范性55…) where the header's are
                # (with 分值 and 得分 only: three figures run together are not cut)
                glued = columns == 2 and not regex.search(r"\s", header.group())
                read = spaced or (_glued_rows(text, header.end()) if glued else None)
            tree = _tree(text, place, *read, columns, by_subtotals_only=bool(header["levels"])) if read else None
            if tree is not None:
                tree.covers = place.covers(header.start(), place.end_of(tree))
                out.append(tree)
    return out


@lru_cache(maxsize=1)
def _trailing_columns() -> regex.Pattern:
    """The header's columns after 得分 (备注, 评分依据), as they run into the first row's name."""
    words = load_json("forms.json")["flat_score_table"]["trailing_columns"]
    return regex.compile("^(?:" + "|".join(map(regex.escape, sorted(words, key=len, reverse=True))) + ")+")


def _spaced_rows(text: str, at: int, columns: int, described: int = 0, reasons: bool = False) -> Optional[tuple]:
    """(rows as (name, [the one reading: its figures' spans]), the total's spans or None) for
    the rows after a header at `at`, `columns` figures a space apart each, after `described`
    columns of words (指标说明, 评分标准) each; None when the figures run into prose with no
    total row (an excerpt cut off mid-row is read). `reasons`: a column of words after the
    figures (扣分原因), whose sentences stand before the next row's name."""
    rows, total, ended = [], None, False
    pos = at
    for m in _FIGURES[columns].finditer(text, at):
        between = text[pos:m.start()].strip()
        words = between.split()
        most = _MOST_REASON if reasons and rows else _MOST_BETWEEN * (1 + described)
        if len(between) > most or not words or not _HAN.search(words[-1]) \
                or reasons and (len(words[-1]) > _MOST_NAME or PROSE_PUNCT.search(words[-1])):
            ended = True  # prose, or figures with no name before them: the table ended
            break
        spans = [m.span(g) for g in range(1, columns + 1)]
        if TOTAL_NAME.match(words[-1]):
            total = spans
            break
        # (the name stands before the described columns; a row of fewer words keeps its first)
        rows.append((words[-1 - described] if len(words) > described else words[0], [spans]))
        pos = m.end()
    if total is None and rows and rows[-1][0] == "小计":
        total = rows.pop()[1][0]  # (the last row a 小计, no 合计 after it: the table's total)
    elif total is None and not _cut_off(text, pos, ended, rows):
        return None
    return rows, total


_TOKEN = regex.compile(r"\S+")
_POINTS_TOKEN = regex.compile(POINTS)


def _rows_with_rules_between(text: str, at: int) -> Optional[tuple]:
    """The same for rows a space apart whose scoring rule stands between their 分值 and 得分:
    each row the last word before its first points, those points, the words of a scoring
    rule (or none: a group's row), its 得分; a row's note is words before the next name. None
    where words between the points are no scoring rule, or no total row ends the rows; no
    total where it writes one figure only."""
    tokens = [(m.group(), m.span()) for m in _TOKEN.finditer(text, at, min(len(text), at + _MOST_RULES_TEXT))]
    is_points = lambda k: k < len(tokens) and _POINTS_TOKEN.fullmatch(tokens[k][0]) is not None
    rows, k = [], 0
    while k < len(tokens):
        words = []
        while k < len(tokens) and not is_points(k):
            words.append(tokens[k][0])
            k += 1
        if k == len(tokens) or not words or not _HAN.search(words[-1]) or len("".join(words)) > _MOST_BETWEEN:
            return None
        weight, k = tokens[k][1], k + 1
        rule = []
        while k < len(tokens) and not is_points(k):
            rule.append(tokens[k][0])
            k += 1
        if k == len(tokens) or rule and not is_scoring_rule("".join(rule)):
            # a total of one figure (合计 94, its 分值 cell left empty): no telling which it is,
            # the rows are read without it, as figures only
            return (rows, None) if TOTAL_NAME.match(words[-1]) else None
        score, k = tokens[k][1], k + 1
        if TOTAL_NAME.match(words[-1]):
            return rows, [weight, score]
        rows.append((words[-1], [[weight, score]]))
    return None


_MOST_RULES_TEXT = 8000  # (a table's rows with their rules: the words past it are no table's)


def _glued_rows(text: str, at: int) -> Optional[tuple]:
    """The same for rows whose 分值 and 得分 ran together after their names (项目立项规范性55
    资金落实情况109 … 合计10088): each row with every cut of its run into 分值 | 得分 (得分 at
    most 分值, no needless 0); a run followed by a unit (计划800人) is a remark's figure."""
    rows, total = [], None
    pos = at
    name = ""
    for m in _GLUED_ROW.finditer(text, at):
        if m.start() != pos:
            break
        pos = m.end()
        name = (name + m["name"]).strip()
        if m["unit"] or not _HAN.search(m["name"]):
            name = ""  # a remark's figure (计划800人): the next row's name starts after it
            continue
        if not rows and total is None:  # the header's last columns run into the first name (备注投入)
            name = _trailing_columns().sub("", name)
        cuts = points_pairs(text, *m.span("run"))
        if not cuts:
            break
        label = regex.split(r"[，。；,;\s]", name)[-1][-_MOST_NAME:]
        if TOTAL_NAME.match(label):
            total = cuts[0] if len(cuts) == 1 else None
            if total is None:
                return None
            break
        rows.append((label, cuts))
        name = ""
    # (no total row, nothing to tell a run of digits that is no row by: left alone)
    return (rows, total) if total is not None else None


def _cut_off(text: str, pos: int, ended: bool, rows: list) -> bool:
    """Does the text end inside the table (an excerpt cut off mid-row, after enough rows)?"""
    rest = text[pos:]
    return not ended and len(rest) <= _MOST_BETWEEN and not regex.search(r"[。；！？]", rest) \
        and len(rows) >= _FEWEST_ROWS_CUT_OFF


def _tree(text: str, place: Places, rows: list, total: Optional[list], columns: int,
          by_subtotals_only: bool = False) -> Optional[Tree]:
    """The table as a Tree, where its arithmetic leaves one reading of its rows: the 分值 add
    up to the total's, flat or with group rows over theirs; a 扣分 is 分值 − 得分.
    `by_subtotals_only`: under a header naming its level columns, read only where 小计 rows
    close its groups (a form's points-only indicator block names its levels too, and is the
    form reader's)."""
    if len(rows) < _FEWEST_ROWS:
        return None
    num = lambda span: Decimal(text[span[0]:span[1]])
    if columns == 3 and any(num(c[0]) - num(c[1]) != num(c[2]) for _, cuts in rows for c in cuts[:1]):
        return None  # a 扣分 that is not 分值 − 得分: not these columns
    options = [[(num(c[0]), num(c[1])) for c in cuts] for _, cuts in rows]
    if total is None:
        if any(len(o) > 1 for o in options) or by_subtotals_only:
            return None  # figures run together and no total to tell their cuts by
        reading = ([0] * len(rows), [None] * len(rows))
    else:
        reading = _closed_by_subtotals(rows, options, num(total[0]))
        if reading is None and not by_subtotals_only:
            reading = levels_by_points(options, num(total[0]), text[total[0][0]:total[0][1]])
        if reading is None:
            return None
    choice, parents = reading
    names = [_group_name(text, rows, parents, r) if name in _SUBTOTALS else name for r, (name, _) in enumerate(rows)]
    chosen = [cuts[k] for (_, cuts), k in zip(rows, choice)]
    # a 得分 above its 分值 is the score rules' to flag where the 分值 add up; elsewhere it says
    # these are not the two columns
    if sum(num(c[1]) > num(c[0]) for c in chosen) > (1 if total is not None else 0):
        return None
    spans = [span for c in chosen + ([total] if total else []) for span in c]
    if not place.within_one_block(spans) or any(place.may_go_on(span, text) for span in spans):
        return None  # a figure split by a line or a preview's cut is no figure to read
    tree = Tree()
    for r, cells in enumerate(chosen):
        path = path_by_parents(names, parents, r)
        tree.figures += [place.figure(span, text, label, path) for span, label in zip(cells, _LABELS)]
        if total is not None:  # (a table cut off is no whole tree for the score rules: figures only)
            tree.indicators.append((path, num(cells[0]), num(cells[1]), place.source(cells[1], text)))
    if total is not None:
        tree.figures += [place.figure(span, text, label, ("合计",)) for span, label in zip(total, ("分值", "总分", "扣分"))]
        tree.indicators.append((("合计",), num(total[0]), num(total[1]), place.source(total[1], text)))
    return tree


_SUBTOTALS = ("小计",)


def _closed_by_subtotals(rows: list, options: list, total: Decimal) -> Optional[tuple]:
    """(cuts, parents) where 小计 rows close the groups of rows above them (立项依据充分性 3 3 …
    小计 15 14 | 资金到位率 3 3 … 小计 20 18.7 … 合计 100 93.2): each group's 分值 its 小计's, the
    小计 rows' the total's; the rows' parent their group's 小计 row. None for any other table."""
    if not any(name in _SUBTOTALS for name, _ in rows) or rows[-1][0] not in _SUBTOTALS \
            or any(len(o) != 1 for o in options):
        return None
    parents, members, subtotal_weights = [], [], []
    for k, (name, _) in enumerate(rows):
        if name in _SUBTOTALS:
            if len(members) < 2 or sum(options[m][0][0] for m in members) != options[k][0][0]:
                return None
            parents += [k] * len(members) + [None]
            subtotal_weights.append(options[k][0][0])
            members = []
        else:
            members.append(k)
    return ([0] * len(rows), parents) if sum(subtotal_weights) == total else None


def _group_name(text: str, rows: list, parents: list, r: int) -> str:
    """A 小计 row's group named by the first word before its first row since the row before (the
    last group's 小计: …小计 15 13.5 过程 资金管理 资金到位率 4 4), or its line's first word for the
    table's first row (决策 项目立项 1. 立项依据充分性 3 3: 决策), where that word is a name of its
    own; else 小计."""
    first = parents.index(r)
    start = rows[first][1][0][0][0]
    since = rows[first - 1][1][0][-1][1] if first else text.rfind("\n", 0, start) + 1
    words = text[since:start].split()
    word = words[0] if words else ""
    return word if _HAN.match(word) and word != rows[first][0] and word not in _SUBTOTALS else rows[r][0]


def path_by_parents(names: list, parents: list, r: int) -> tuple:
    """Row r's name after its groups' names (`parents`: levels_by_points's), the outermost first."""
    path = (names[r],)
    while parents[r] is not None:
        r = parents[r]
        path = (names[r],) + path
    return path


def levels_by_points(options: list, total: Decimal, written: str) -> Optional[tuple]:
    """(which cut of each row, each row's parent row or None) in the one reading where the
    first level's 分值 add up to the total's — every row of the first level, or group rows
    (投入 20 18 | 预算执行率 10 9 | 资金到位率 10 9 | 产出 …) whose 分值 are the sums of the rows
    under them (and their groups' rows under those: three levels at most); a reading whose
    groups' 得分 also add up is preferred.
    None when no reading, or more than one, fits."""
    found: list = []
    # rows each with one cut whose 分值 add up as written (2.33 may be a rounded share)
    if all(len(o) == 1 for o in options) and _adds_up([o[0][0] for o in options], written):
        return [0] * len(options), [None] * len(options)

    def level(i: int, budget: Decimal, parent: Optional[int], depth: int, acc: list):
        """Readings of rows from i whose 分值 under `parent` (at `depth`: 0 the first level) use
        up `budget`: acc holds each row's (cut, parent)."""
        if len(found) >= _MOST_READINGS:
            return
        if budget == 0:
            if parent is not None:
                yield i, acc
            elif i == len(options):
                found.append(acc)
            return
        if i >= len(options):
            return
        for k, (w, _) in enumerate(options[i]):
            if w > budget or w == 0:
                continue
            # the row as an indicator of this level
            yield from level(i + 1, budget - w, parent, depth, acc + [(k, parent)])
            if depth < _MOST_LEVELS - 1:  # or as a group whose rows follow it
                for j, under in level(i + 1, w, i, depth + 1, acc + [(k, parent)]):
                    # (a group of one row repeats its 分值, and its 得分 unless one of them slipped:
                    # 档案管理 5 4 | 工作底稿完整性 5 4)
                    if j - i > 2 or options[i][k][0] == options[i + 1][under[i + 1][0]][0]:
                        yield from level(j, budget - w, parent, depth, under)

    for _ in level(0, total, None, 0, []):
        pass
    score = lambda f, r: options[r][f[r][0]][1]
    consistent = [f for f in found if all(sum(score(f, r) for r in range(len(f)) if f[r][1] == g) == score(f, g)
                                          for g in {p for _, p in f if p is not None})]
    readings = {tuple(f) for f in (consistent or found)}
    if len(readings) != 1:
        return None
    (f,) = readings
    return [k for k, _ in f], [p for _, p in f]


def _adds_up(weights: list, total: str) -> bool:
    """Do the 分值 add up to the total's, to the half unit of their last digit each?"""
    places = max([len(total.partition(".")[2])] + [-w.as_tuple().exponent for w in weights])
    # whole points are set, not rounded: they add up exactly (2.33 may be a rounded share)
    slack = Decimal(5) / 10 ** (places + 1) * len(weights) if places else 0
    return abs(sum(weights) - Decimal(total)) <= slack
