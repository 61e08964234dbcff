"""Score tables a document-sharing site or a text layer ran together with no cell breaks:
一级指标分值二级指标分值三级指标分值得分决策20项目立项10立项依据充分性55立项程序规范性55…
合计10095.8. Each first- and second-level name is followed by its 分值, each third-level name
by its 分值 and 得分 run together (55 is 5 and 5; 32.5 is 3 and 2.5; 1010 is 10 and 10).

The digits are cut only where the table's own arithmetic leaves one reading: every level's
分值 add up to its parent's (the first level's to the total's, 100 where the 合计 row states
it), every 得分 is at most its 分值, no figure has a leading 0 it does not need. Where the
合计 row states the total score, a reading whose 得分 add up to it is preferred to one whose
do not. A table the excerpt cuts off is read up to its last whole first-level indicator.
When no single reading fits, nothing is read: the run is left as it is. A table whose rows are
numbered (序号), each number run into the 得分 before it, is read once its numbers and its rows'
words are blanked out (glued_numbered_rows.py).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import TABLE, Document
from ..patterns import load_json
from .glued_numbered_rows import numbered_rows_blanked
from .numbers import POINTS_FIGURE, points_cuts
from .score_run_text import TOTAL_NAME, Places, Tree, tables_after_headers


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    """The table's header: its three levels' words (the first two maybe with a 分值 column of
    their own, or their 分值 in brackets after their names: 投入(20分)), the third's 分值 and 得分
    with columns of words between or after them (patterns/forms.json, glued_score_tree), maybe
    after a column numbering the rows (序号)."""
    forms = load_json("forms.json")
    spec, columns = forms["glued_score_tree"], forms["indicator_columns"]
    alt = lambda words: "(?:" + "|".join(map(regex.escape, sorted(words, key=len, reverse=True))) + ")"
    words, weight, score = alt(spec["words_columns"]), alt(columns["weight"]), alt(columns["score"])
    # (each level's column under the words some forms write for it: 指标名称 for 三级指标)
    level = lambda name: alt([name] + [k for k, v in forms["indicator_header_aliases"].items() if v == name])
    return regex.compile(
        rf"(?P<numbered>{alt(spec['ordinal_columns'])}\s*)?"
        rf"{level('一级指标')}\s*(?:{weight}\s*)?二级指标\s*(?:{weight}\s*)?{level('三级指标')}\s*{weight}\s*"
        rf"(?:{words}\s*){{0,2}}{score}(?:\s*{words}){{0,2}}")


# a level's 分值 in brackets after its name, read as the figure after the name
_BRACKETED_POINTS = regex.compile(r"[（(](\d+(?:\.\d+)?)分[)）]")
# a words cell run in after a figure: a scoring rule or a reason, up to the full stop that
# ends it or the points it takes off (项目立项符合…得3分。; 部分产出指标未设置目标值，扣0.5分);
# figures inside it only as rates, points, dates or money (a row's name and bare points after
# it are no rule's: 个别… after 资金使用合规性43 starts a reason, not before it)
# (a count inside words follows a sentence's punctuation or a word that counts: 。1所敬老院,
# 有2处; or punctuation follows it: 在职人员46人,; not a row's name, whose points run into the
# next name: 合理性22项目立项…)
# (a band's two ends: 0-10%(含), 80～90分; a threshold after its comparator: 变动率≦0, 大于0的;
# an item's number after words: …;2、…, a preview's next page inside a cell: 三公2、经费)
_FIGURE_IN_WORDS = (r"(?:\d+(?:\.\d+)?%?[-－~～—至])?\d+(?:\.\d+)?(?:%|分|个百分点|万元|元)|\d{4}年|\d{1,2}[月日]"
                    r"|(?<=[≦≤≧≥<>＜＞=＝]|[大小低高等]于|超过|不足|达到)\d+(?:\.\d+)?(?![\d.])"
                    r"|(?<=[\p{Han}“”；;，,。])\d{1,2}、(?=[\p{Han}“])"
                    r"|(?<=[。，；,;：:（(、有共约近达为和及中第])\d+(?:个|所|项|家|次|人|户|名|座|处|间)"
                    r"|\d+(?:个|所|项|家|次|人|户|名|座|处|间)(?=[，。；,;、）)])")
# a words cell: after a figure (the 分值 before it), to the full stop or the rate that ends it
_CELL_BODY = (rf"(?:(?:[^\d。]|{_FIGURE_IN_WORDS})*?"
              r"(?:扣\d+(?:\.\d+)?分|。|\d+(?:\.\d+)?%(?=[\p{Han}\d ])))+")  # (…完成率96.4% | 产出质量)
_WORDS_CELL = regex.compile(r"(?<=\d)(?![\d.])" + _CELL_BODY)
_CELL_AT = regex.compile(_CELL_BODY)
# a rate over 100% right after a name: a 分值 run into the rate its rule opens with
# (预算完成率5100%计满分: 5 and 100%计满分)
_GLUED_RATE = regex.compile(r"(?<=[\p{Han}”])(?P<run>[1-9]\d*(?:\.\d+)?)%")
# a name (no digits) and the run of figures after it, cells maybe a space apart
_TOKEN = regex.compile(r"\s*(?P<name>[^\d\s][^\d]*?)\s*(?P<run>\d[\d.]*(?:[ \t]+\d[\d.]*)*)")
_MAX_NAME = 30  # longer words are prose, not an indicator's name
_MAX_PARSES = 64
_MOST_ROWS = 120  # a score table has far fewer: words past them are no table's


def glued_score_trees(doc: Document) -> list:
    """The run-together three-level score tables of `doc`, each read as its one reading."""
    if not any("级指标" in b.text or "级\n指标" in b.text for b in doc.blocks if b.kind != TABLE):
        return []  # the header's level words (a text layer may break a line inside one): a cheap test first
    return tables_after_headers(doc, _header(), _read, sep="", one_row_tables=False, whole_match=True)


def _tokens(text: str, at: int) -> tuple:
    """[(name, [(start, end) of each space-apart piece of its run])] from `at` up to the
    total row, and the total row's token (or None)."""
    out = []
    pos = at
    while True:
        m = _TOKEN.match(text, pos)
        if m is None or len(m["name"].strip()) > _MAX_NAME or len(out) >= _MOST_ROWS:
            return out, None
        pieces = [(p.start() + m.start("run"), p.end() + m.start("run")) for p in regex.finditer(r"\d[\d.]*", m["run"])]
        token = (regex.sub(r"\s+", "", m["name"]), pieces)
        if TOTAL_NAME.match(token[0]):
            return out, token
        out.append(token)
        pos = m.end()


def _cuts(text: str, pieces: list, parts: int) -> list:
    """Every way to read a run's pieces as `parts` figures: pieces a space apart are cells
    already; one glued piece is cut where both sides are figures."""
    if len(pieces) == parts:
        return [pieces] if all(POINTS_FIGURE.fullmatch(text, a, b) for a, b in pieces) else []
    if len(pieces) != 1 or parts != 2:
        return []
    a, b = pieces[0]
    return [[(a, k), (k, b)] for k in points_cuts(text, a, b)]


def _read(text: str, place: Places, header) -> Optional[Tree]:
    # (rules and reasons blanked out in place, and the brackets around a level's 分值: the
    # figures keep their offsets)
    written, at, numbers = text, header.end(), []
    if header["numbered"]:
        blanked = numbered_rows_blanked(text, at)  # (序号 | …: the rows' numbers and words blanked)
        if blanked is None:
            return None
        text, numbers = blanked
    rest = _BRACKETED_POINTS.sub(lambda m: " " + m[1] + "  ", text[at:])
    tree = _read_cells(text[:at] + _WORDS_CELL.sub(_blank, rest), written, at, place)
    if _GLUED_RATE.search(rest):
        # (a rule that opens with a rate may have the 分值 before it run in: read so too, where
        # the table's sums prove the cut, and kept where it reads more of the table)
        cut_text, rates = _rates_cut_off(rest)
        cut = _read_cells(text[:at] + _WORDS_CELL.sub(_blank, cut_text), written, at, place)
        if cut is not None and (tree is None or len(cut.figures) > len(tree.figures)):
            tree = cut
            _add_rule_rates(tree, [tuple(at + x for x in cut) for cut in rates], written, place)
    if tree is not None:
        for a, b in numbers:
            tree.runs += place.covers(a, b)  # (a row's number is no figure: 自评得分1规划 is row 1)
    return tree


def _add_rule_rates(tree: Tree, rates: list, text: str, place: Places) -> None:
    """The rates cut off the 分值 run into them ((run start, rate start, rate end before its %)
    each) as the figures of their rows' rules, where the run's 分值 is the tree's: the run
    (5100%) is no figure of its own."""
    weights = {(f.block.index, f.start): f.path for f in tree.figures if f.label == "分值"}
    for a, k, z in rates:
        block, start = place.of(a)
        if (block.index, start) in weights and place.within_one_block([(a, z + 1)]):
            rate = place.figure((k, z), text, "评分标准", weights[block.index, start], unit="%")
            rate.end += 1  # (its quote with its %)
            tree.figures.append(rate)
            tree.runs += place.covers(a, z + 1)


def _blank(m) -> str:
    return " " * len(m.group())


def _rates_cut_off(text: str) -> tuple:
    """`text` with each rule that opens with a rate run into the 分值 before it blanked from
    the rate on: the rate is the longest tail of the run of digits that is at most 100%
    with no leading zero, the digits before it a 分值. And (run start, rate start, rate end
    before its %) of each cut."""
    out, last, cuts = [], 0, []
    for m in _GLUED_RATE.finditer(text):
        a, b = m.span("run")
        if Decimal(m["run"]) <= 100:
            continue
        cut = next((k for k in range(a + 1, b) if text[k] != "." and (text[k] != "0" or text[k + 1] in ".%")
                    and "." not in text[a:k] and Decimal(text[k:b]) <= 100), None)
        if cut is None:
            continue
        cell = _CELL_AT.match(text, cut)
        if cell is not None:
            out += [text[last:cut], " " * (cell.end() - cut)]
            last = cell.end()
            cuts.append((a, cut, b))
    return "".join(out) + text[last:], cuts


def _read_cells(text: str, written: str, at: int, place: Places) -> Optional[Tree]:
    """The one reading of the table whose words cells `text` has blanked (None: none, or more
    than one)."""
    tokens, total = _tokens(text, at)
    if len(tokens) < 3:
        return None
    total_weight = total_score = None
    if total is not None:
        for cut in _cuts(text, total[1], 2):
            w, s = (Decimal(text[a:b]) for a, b in cut)
            if w == 100 and s <= w:
                total_weight, total_score = cut
        if total_weight is None:
            return None  # a total row that is no 100 and a score: not this table's shape

    def num(span):
        return Decimal(text[span[0]:span[1]])

    # every reading of the first-level indicators, each to the end of a whole first-level one
    readings = []
    for parse in _level1(text, tokens, 0, Decimal(100) if total is not None else None):
        readings.append(parse)
        if len(readings) > _MAX_PARSES:
            return None
    if not readings:
        return None
    longest = max(r[0] for r in readings)
    readings = [r for r in readings if r[0] == longest]
    if total is not None:
        if longest != len(tokens):
            return None
        fitting = [r for r in readings if sum(num(s) for s in _scores(r[1])) == num(total_score)]
        readings = fitting or readings
    if len({tuple(tuple(x[:3]) for x in r[1]) for r in readings}) != 1:
        return None  # more than one reading fits
    pairs = [(w, sc) for _, w, sc in readings[0][1] if sc is not None]
    # (run together, or a rule's words between them on the same line)
    glued = sum(1 for w, sc in pairs if (w[1] == sc[0] or written[w[1]:sc[0]].strip() and "\n" not in written[w[1]:sc[0]])
                and place.of(w[1] - 1)[0] is place.of(sc[0])[0])
    if not pairs or 2 * glued < len(pairs):
        return None  # most 分值 and 得分 stand in cells of their own (one a line): the form reader's
    figures = [span for _, w, sc in readings[0][1] for span in (w, sc) if span is not None]
    if not place.within_one_block(figures + ([total_weight, total_score] if total is not None else [])):
        return None
    tree = Tree()
    for path, weight, score in readings[0][1]:
        for span, label in ((weight, "分值"), (score, "得分")):
            if span is not None:
                tree.figures.append(place.figure(span, text, label, path))
        tree.indicators.append((path, num(weight), num(score) if score else None, place.source(score or weight, text)))
    if total is not None:
        tree.figures += [place.figure(total_weight, text, "分值", ("合计",)),
                         place.figure(total_score, text, "总分", ("合计",))]
        tree.indicators.append((("合计",), Decimal(100), num(total_score), place.source(total_score, text)))
    else:
        # the first-level indicator the excerpt ends in: figures only, no tree to check
        tail = _cut_off_tail(text, tokens, longest)
        if place.within_one_block([span for _, span, _ in tail]):
            tree.figures += [place.figure(span, text, label, path) for path, span, label in tail]
    return tree


def _cut_off_tail(text: str, tokens: list, i: int) -> list:
    """(path, span, label) of the figures of the first-level indicator from token i on, which
    the excerpt ends inside (…过程51业务管理33管理制度健全性63制度执行有效性44…项目质量可): its
    分值, then its second-level ones, each with its third-level rows (分值 and 得分 run together,
    cut where one cut leaves 得分 ≤ 分值) until their 分值 make the second-level's. The levels
    follow from the table's shape, so each figure's place is known; read only where the text
    ends right after (an excerpt cut off, not a table going on into prose) and every run has its
    one cut. [] otherwise."""
    if i >= len(tokens) or not tokens[-1][1]:
        return []
    last_end = tokens[-1][1][-1][1]
    if regex.search(r"\d", text[last_end:]) or len(text) - last_end > _MAX_NAME:
        return []  # the table goes on past the figures read: not cut off here
    top, pieces = tokens[i]
    if len(pieces) != 1 or not POINTS_FIGURE.fullmatch(text, *pieces[0]):
        return []
    num = lambda span: Decimal(text[slice(*span)])
    out = [((top,), pieces[0], "分值")]
    left, group = num(pieces[0]), None  # group: [second-level name, its 分值 not yet used up]
    for name, pieces in tokens[i + 1:]:
        if group is None or group[1] == 0:  # a second-level indicator and its 分值
            if len(pieces) != 1 or not POINTS_FIGURE.fullmatch(text, *pieces[0]) or not 0 < num(pieces[0]) <= left:
                return []
            group, left = [name, num(pieces[0])], left - num(pieces[0])
            out.append(((top, name), pieces[0], "分值"))
            continue
        cuts = [c for c in _cuts(text, pieces, 2) if num(c[1]) <= num(c[0]) <= group[1]]
        if not cuts and (name, pieces) == tokens[-1] and len(pieces) == 1 and text[pieces[0][1]:].strip() \
                and POINTS_FIGURE.fullmatch(text, *pieces[0]) and num(pieces[0]) <= group[1]:
            # (the excerpt ends inside the last row's rule: its 分值 stands, its 得分 is not there)
            out.append(((top, group[0], name), pieces[0], "分值"))
            break
        if len(cuts) != 1:
            return []
        (weight, score), = cuts
        group[1] -= num(weight)
        out += [((top, group[0], name), weight, "分值"), ((top, group[0], name), score, "得分")]
    return out if sum(1 for _, _, label in out if label == "得分") >= 2 else []


def _scores(nodes: list) -> list:
    return [score for _, _, score in nodes if score is not None]


def _level1(text: str, tokens: list, i: int, budget: Optional[Decimal]):
    """(next token, nodes) for each reading of whole first-level indicators from token i:
    up to the budget (100) when known, else as many as read whole (an excerpt cut off)."""
    if budget is not None and budget == 0:
        yield i, []
        return
    if i >= len(tokens):
        if budget is None:
            yield i, []
        return
    name, pieces = tokens[i]
    readable = False
    for (w_span,) in _cuts(text, pieces, 1):
        w = Decimal(text[slice(*w_span)])
        if w == 0 or (budget is not None and w > budget):
            continue
        for j, children in _children(text, tokens, i + 1, w, (name,), level=2):
            readable = True
            for k, rest in _level1(text, tokens, j, None if budget is None else budget - w):
                yield k, [((name,), w_span, None)] + children + rest
    if budget is None and not readable:
        yield i, []  # the excerpt ends inside this indicator: the whole ones before it stand


def _children(text: str, tokens: list, i: int, budget: Decimal, parent: tuple, level: int):
    """(next token, nodes) for each reading of a parent's children from token i whose 分值
    add up to its `budget`: second-level ones with their own children, or third-level ones
    with 分值 and 得分 run together."""
    if budget == 0:
        yield i, []
        return
    if i >= len(tokens):
        return
    name, pieces = tokens[i]
    path = parent + (name,)
    if level == 2:
        for (w_span,) in _cuts(text, pieces, 1):
            w = Decimal(text[slice(*w_span)])
            if 0 < w <= budget:
                for j, grand in _children(text, tokens, i + 1, w, path, level=3):
                    for k, rest in _children(text, tokens, j, budget - w, parent, level=2):
                        yield k, [(path, w_span, None)] + grand + rest
        return
    for w_span, s_span in _cuts(text, pieces, 2):
        w, s = Decimal(text[slice(*w_span)]), Decimal(text[slice(*s_span)])
        if 0 < w <= budget and s <= w:
            for k, rest in _children(text, tokens, i + 1, budget - w, parent, level=3):
                yield k, [(path, w_span, s_span)] + rest
