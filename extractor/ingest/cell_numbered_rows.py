"""A table one cell a line whose rows are numbered under a 序号 column (序号 | 项目名称 | 预算数 |
执行数 | 执行率 | 自评得分 | 自评等级 | 备注, then 1 | 城乡低保资金 | 5682.30 | …), where the rows do
not all write as many cells: a long name or note wrapped over two lines, an empty note left
out or written as a blank line. No repeated pattern cuts such a run into rows, but its
numbers 1, 2, 3 … do: each row runs from its number to the next one's.

Each row is then its number, the words before its figures (the name, however many lines it
took), its figures and the words after them; the header says how many columns of words follow
the figures (自评等级 | 备注). A row with a figure missing cannot be told apart by column, so a
run that has one is no such table. The 合计 row after the last numbered row sets its figures
under the figures' columns in their order, each under figures written alike, or under the
column it adds up (cell_total_rows.placings)."""
from __future__ import annotations

from collections import Counter
from typing import Callable, Optional

from .cell_label_rows import names_rejoined
from .cell_total_rows import is_column_sum, placings
from .short_total_rows import TOTAL_WORDS
from .spaced_cells import display_width
from .text_rows import NUMBER_HEADERS

_MIN_ROWS = 3
_NARROWEST_WRAP = 12  # display columns: a narrower name's line is no column's width


def numbered_rows(cells: list, kind: Callable[[str], Optional[bool]], cut: bool = False,
                  empties: Optional[list] = None) -> Optional[tuple]:
    """(the header and rows, how many cells they take) of a run of cells read as numbered rows,
    or None. `kind(cell)`: True for a figure, False for words, None for a dash. `cut`: the
    cells are the run's first only, its last row may be cut short (and is then left out).
    `empties`: for each cell, how many empty cells its blank lines say stand before it."""
    first = next((k for k, c in enumerate(cells) if c == "1"), None)
    if first is None or first < 4 or cells[0] not in NUMBER_HEADERS \
            or any(kind(c) is not False for c in cells[:first]):
        return None
    # (a name broken before its unit, 补助对象 | （人）, is one column)
    header = names_rejoined(cells[:first])
    width = len(header)
    if width < 4:
        return None
    segments, starts, k = [], [], first
    while k < len(cells):
        n = len(segments) + 1
        end = _row_end(cells, k, n + 1, kind)
        segments.append(cells[k + 1:end])
        starts.append(k + 1)
        k = end
        if k >= len(cells) or cells[k] != str(n + 1):
            break
    if len(segments) < _MIN_ROWS:
        return None
    # the columns: words before the figures (as few as any row writes), the figures, the rest words
    shapes = [_shape(s, kind) for s in segments]
    if cut and (shapes[-1] is None or k >= len(cells) and len(shapes) > 1 and shapes[-2] is not None
                and (len(shapes[-1][1]), len(shapes[-1][2])) < (len(shapes[-2][1]), len(shapes[-2][2]))):
        shapes = shapes[:-1]  # (cut inside its figures or the words after them, not at a total row)
    if len(shapes) < _MIN_ROWS or any(shape is None for shape in shapes):
        return None
    shapes = _blanks_kept(shapes, starts, empties, kind)
    figures = {len(shape[1]) for shape in shapes}
    if len(figures) == 1:
        # (the header's columns of words before the figures: those its rows write after them
        # left out; a row that writes more has a name wrapped over lines)
        columns = width - 1 - next(iter(figures)) - max(len(shape[2]) for shape in shapes)
        if columns >= 2 and any(len(shape[0]) > columns for shape in shapes):
            shapes = _wrapped_names_joined(shapes, columns)
    leading = min(len(shape[0]) for shape in shapes)
    if len(figures) != 1 or leading < 1:
        return None
    n_figures = figures.pop()
    trailing = width - 1 - leading - n_figures
    if trailing < 0 or n_figures < 1 or any(len(shape[0]) > leading and leading > 1 for shape in shapes) \
            or trailing == 0 and any(shape[2] for shape in shapes):
        return None  # (a longer run of names than one column takes cannot be told apart by column)
    rows = [header]
    for number, (words, figs, after) in enumerate(shapes, 1):
        names = ["".join(words)] if leading == 1 else list(words)
        rows.append([str(number)] + names + list(figs) + _fill(list(after), trailing))
    used = k
    total = _total_row(cells[k:], rows, leading, n_figures, trailing, kind)
    if total is not None:
        rows.append(total[0])
        used += total[1]
    return rows, used


def _blanks_kept(shapes: list, starts: list, empties: Optional[list], kind) -> list:
    """The shapes with a row's empty word cell put back where its blank line stood before its
    figures (农贸市场改造 | 区商务局 | (blank) | 1,500,000.00 under 项目名称 | 预算单位 | 资金性质 |
    预算金额), and a row's dashes after as many figures as the others write moved to its words
    after them (… | 0.00% | 无 | 无: no score, no grade)."""
    usual = Counter(len(shape[1]) for shape in shapes).most_common(1)[0][0]
    words = Counter(len(shape[0]) for shape in shapes).most_common(1)[0][0]

    def blanks(k: int) -> int:
        return empties[k] if empties is not None and k < len(empties) else 0

    kept = []
    for (before, figs, after), start in zip(shapes, starts):
        if len(figs) > usual and all(kind(c) is None for c in figs[usual:]):
            figs, after = figs[:usual], figs[usual:] + after
        first_figure = start + len(before)
        if len(figs) < usual and len(figs) + sum(blanks(first_figure + j) for j in range(1, len(figs) + 1)) == usual:
            # (a figure's cell left blank among them: 445.00 | 216.80 | (blank) | — under 执行率)
            figs = [c for j, f in enumerate(figs) for c in ([""] * (blanks(first_figure + j) if j else 0) + [f])]
            figs += [""] * (usual - len(figs))
        if len(before) < words and len(before) + blanks(first_figure) == words:
            before = before + [""] * blanks(first_figure)
        kept.append((before, figs, after))
    return kept


def _wrapped_names_joined(shapes: list, columns: int) -> list:
    """The shapes with words a converter wrapped over lines at the table's width joined again
    where a row writes more words before its figures than the header has columns for them
    (江北区科学技术局援企业稳 | 岗补贴专项资金项目 | 区科技局 | 区科技局 under 名称 | 主管部门 |
    实施单位): a line as wide as the widest line of words goes on in the next one. Rows it does
    not bring to the header's count are left as they were."""
    widest = max(display_width(w) for shape in shapes for w in shape[0])
    if widest < _NARROWEST_WRAP:
        return shapes
    out = []
    for before, figs, after in shapes:
        joined = [before[0]]
        for k, words in enumerate(before[1:], 1):
            if len(joined) + len(before) - k > columns and display_width(before[k - 1]) >= widest - 1:
                joined[-1] += words
            else:
                joined.append(words)
        out.append((joined, figs, after) if len(joined) == columns else (before, figs, after))
    return out


def _row_end(cells: list, k: int, next_number: int, kind) -> int:
    """Where the row opened by its number at cell k ends: at the next row's number after a
    figure of its own, else at a total row's label, else at the run's end."""
    seen_figure = False
    for j in range(k + 1, len(cells)):
        if seen_figure and (cells[j] == str(next_number) or cells[j] in TOTAL_WORDS):
            return j
        seen_figure = seen_figure or kind(cells[j]) is True
    return len(cells)


def _shape(segment: list, kind) -> Optional[tuple]:
    """(words before, figures, words after) of a row's cells after its number, or None where
    its cells are not so (figures after words after figures, no words before them)."""
    k = 0
    while k < len(segment) and kind(segment[k]) is False:
        k += 1
    j = k
    while j < len(segment) and kind(segment[j]) is not False:
        j += 1
    # (a dash or 无 among the words after them is a note left empty: 88 | 良 | 无)
    if k == 0 or j == k or any(kind(c) is True for c in segment[j:]):
        return None
    return segment[:k], segment[k:j], segment[j:]


def _fill(words: list, columns: int) -> list:
    """The words after a row's figures in its `columns` columns of words: one a column, the
    last one taking what more the row wrote (a note wrapped over lines), empty ones left so."""
    if len(words) > columns:
        words = words[:columns - 1] + ["".join(words[columns - 1:])]
    return words + [""] * (columns - len(words))


def _total_row(rest: list, rows: list, leading: int, n_figures: int, trailing: int, kind) -> Optional[tuple]:
    """(the total row filled out to the table's width, cells it takes) where the run goes on
    with a total's label and its figures. Its figures stand in the figures' columns in their
    order, empty cells left out between them: each under figures written alike (a rate under
    rates, 255.45 under 46.80 rather than under 1500), and where that leaves more than one
    way, the one that makes the most of them their column's sum (1703 under 312 | 268 | …,
    not under 1500 | 1500 | …). None where no one way is best."""
    if not rest or rest[0] not in TOTAL_WORDS:
        return None
    j = 1
    while j < len(rest) and kind(rest[j]) is not False and j <= n_figures:
        j += 1
    figs = rest[1:j]
    if not figs or len(figs) > n_figures:
        return None
    first_figure = 1 + leading
    columns = [[row[first_figure + c] for row in rows[1:]] for c in range(n_figures)]
    ways = placings(figs, columns, lambda f, column: kind(f) is not True or _written_alike(f, column))
    sums = {w: sum(is_column_sum(f, columns[c]) for f, c in zip(figs, w)) for w in ways}
    best = [w for w in ways if sums[w] == max(sums.values())]
    if len(best) != 1:
        return None
    figures = [""] * n_figures
    for f, c in zip(figs, best[0]):
        figures[c] = f
    return [rest[0]] + [""] * leading + figures + [""] * trailing, j


def _written_alike(figure: str, column: list) -> bool:
    """Is a figure written as the column's figures are: a rate where they are rates, and with
    as many decimals where they all write the same number of them?"""
    if any(("%" in figure) != ("%" in c) for c in column if c):
        return False
    places = {_decimals(c) for c in column if c}
    return len(places) != 1 or _decimals(figure) in places


def _decimals(figure: str) -> int:
    number = figure.rstrip("%％ ")
    return len(number.split(".")[1]) if "." in number else 0
