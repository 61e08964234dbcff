"""Score tables whose every level has its 分值 column and whose last level alone its 得分, a row
a line with its cells a space or a | apart (一级指标 分值 二级指标 分值 三级指标 分值 评分标准 得分):
投入 20 目标设定 6 绩效目标合理性 3 <评分标准> 3 / 绩效指标明确性 3 <扣分说明> 2.5 / 投入小计 20 19.5 /
… / 合计 100 93.5. An upper level's merged cells are written in its first row only, so a row
opens with one name and 分值 pair per level it starts; its last cell is the row's 得分, and
the words between are its scoring rule. A level's 小计 row gives that level's 得分.

A table is read only where its own arithmetic says so: each level's 分值 are the sum of its
rows' (the first level's the 合计's), and each 得分 is at most its 分值; else it is left to
the other readers.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import Document
from .numbers import POINTS_FIGURE
from .score_run_text import TOTAL_NAME, Places, Tree, tables_after_headers
from .form_vocab import bare, vocab
from .worded_score_table import build_tree, column_words

_LEVEL = r"[一二三四]级指标"
_FEWEST_ROWS = 4  # (the fewest last-level rows a table is read with)
_CELL = regex.compile(r"[^\s|｜]+")
_SUBTOTAL = regex.compile(r"^(?P<name>\S{0,10}?)(?:小计|合计)$")


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    """Two or more levels each with its 分值 column, then a column of the rows' scoring rules,
    then 得分. (Without the rules' column, or with a target's and a result's columns between,
    the table is the form reader's: its rows hold no sentences to take for names.)"""
    return regex.compile(rf"(?:{_LEVEL}[ \t|｜]*(?:{column_words('weight_columns')})[ \t|｜]*){{2,4}}"
                         rf"(?P<rules>[^\d\s|｜]{{2,16}})[ \t|｜]*(?:{column_words('score_columns')})[ \t|｜]*(?=\n)")


def last_level_score_tables(doc: Document) -> list:
    """The score tables of `doc` scored at their last level, each a Tree."""
    return tables_after_headers(doc, _header(), _read, lambda text: "级指标" in text, whole_match=True)


def _read(text: str, place: Places, header) -> Optional[Tree]:
    if vocab()["ind_col"].get(bare(header["rules"])) not in ("skip", "reason"):
        return None
    depth = len(regex.findall(_LEVEL, header.group(0)))
    nodes, totals, open_paths = [], None, [None] * depth  # (the path open at each level)
    subtotals = []  # (the 小计 rows' 分值: figures, the level's own 分值 written again)
    at = header.end() + 1
    for line in regex.finditer(r"(?m)^.*$", text, pos=at):
        cells = [(m.group(), (line.start() + m.start(), line.start() + m.end())) for m in _CELL.finditer(line.group())]
        if not cells:
            if nodes:
                break
            continue
        if (node := _subtotal_of(cells, nodes, depth)) is not None:
            node[3] = cells[2][1]
            subtotals.append((cells[1][1], node[0]))
            continue
        if TOTAL_NAME.match(cells[0][0]):
            totals = _total_cells(cells, depth)
            break
        row = _row(cells, depth)
        if row is None:
            break
        pairs, score = row
        level = depth - len(pairs)  # (the levels the row opens, from this one down)
        if level > 0 and open_paths[level - 1] is None:
            return None  # a row under a level no row has opened
        path = tuple(open_paths[level - 1]) if level > 0 else ()
        for k, (name, weight) in enumerate(pairs):
            path += (name[0],)
            open_paths[level + k] = path
            last = k == len(pairs) - 1
            nodes.append([path, Decimal(weight[0]), weight[1], score[1] if last else None, False])
    if sum(1 for n in nodes if len(n[0]) == depth) < _FEWEST_ROWS or not _weights_add_up(nodes, depth, totals):
        return None
    tree = build_tree(text, place, [tuple(n) for n in nodes], totals)
    if tree is not None:
        tree.figures += [place.figure(span, text, "分值", path + ("小计",)) for span, path in subtotals]
        # (a level scored by no row of its own is a group of rows, as the score rules read one:
        # its rows' 得分 are summed for the level above)
        tree.indicators = [ind for ind in tree.indicators if ind[2] is not None or len(ind[0]) in (1, depth)
                           or ind[0] == ("合计",)]
    return tree


def _row(cells: list, depth: int) -> Optional[tuple]:
    """([((name, span), (分值, span)) for each level the row opens], (得分, span)) of a row, or
    None: names each followed by its 分值 (one to `depth` of them), the words of its rule, then
    its 得分, no more than the last 分值."""
    if len(cells) < 3 or not _points(cells[-1][0]):
        return None
    pairs, k = [], 0
    while len(pairs) < depth and k + 1 < len(cells) - 1 and _names(cells[k][0]) and _points(cells[k + 1][0]):
        pairs.append((cells[k], cells[k + 1]))
        k += 2
    if not pairs or Decimal(cells[-1][0]) > Decimal(pairs[-1][1][0]):
        return None
    return pairs, cells[-1]


def _subtotal_of(cells: list, nodes: list, depth: int) -> Optional[list]:
    """The level node a 小计 row (投入小计 20 19.5) closes: of the open nodes above the last
    level with no 得分 yet, the highest whose 分值 the row repeats and whose name it names."""
    m = _SUBTOTAL.match(cells[0][0])
    if m is None or TOTAL_NAME.match(cells[0][0]) and not m["name"] or len(cells) != 3 \
            or not (_points(cells[1][0]) and _points(cells[2][0])):
        return None
    last_at_level: dict = {}  # (the open node of each level: the last one written)
    for node in nodes:
        last_at_level[len(node[0])] = node
    fits = [node for level, node in sorted(last_at_level.items()) if level < depth and node[3] is None
            and node[1] == Decimal(cells[1][0])
            and (not m["name"] or node[0][-1].startswith(m["name"]) or m["name"].startswith(node[0][-1]))]
    return fits[0] if fits else None  # (a 小计 naming nothing closes the highest level its 分值 fits)


def _weights_add_up(nodes: list, depth: int, totals: Optional[tuple]) -> bool:
    """Are each level's 分值 the sum of its rows', and the first level's the 合计's (100 where
    no 合计 is read)? Every 得分 no more than its 分值?"""
    for path, weight, _, _, _ in nodes:
        if len(path) < depth:
            parts = [n[1] for n in nodes if len(n[0]) == len(path) + 1 and n[0][:len(path)] == path]
            if sum(parts) != weight:
                return False
    top = sum(n[1] for n in nodes if len(n[0]) == 1)
    return top == (totals[0][1] if totals else 100)


def _total_cells(cells: list, depth: int) -> Optional[tuple]:
    """((分值's span, 分值), (得分's span, 得分)) of the 合计 row: 合计 100 93.5, or with the 分值
    written under each level's column (合计 100 100 100 93.5), the same figure each time."""
    weights, score = cells[1:-1], cells[-1]
    if not 1 <= len(weights) <= depth or not all(_points(c[0]) for c in cells[1:]) \
            or len({Decimal(c[0]) for c in weights}) != 1:
        return None
    weight, points = Decimal(weights[0][0]), Decimal(score[0])
    return ((weights[0][1], weight), (score[1], points)) if points <= weight else None


def _points(cell: str) -> bool:
    return POINTS_FIGURE.fullmatch(cell) is not None and Decimal(cell) <= 100


def _names(cell: str) -> bool:
    """A level's name: words with no figure (a rule's words hold figures and stops)."""
    return regex.search(r"\p{Han}", cell) is not None and not regex.search(r"[\d，。；,;：:]", cell)
