"""Which tokens of a fund block are rows whose figures run together with no cell breaks, as
text layers and document-sharing sites flatten a form (年度资金总额194.9194.9100% is 194.9,
194.9 and 100%), and the cells they become: one function a token shape (a run after its row's
label, a label and its run in one token, figures a space apart in part, a row with a dash under
分值, a rate written without its %, a 其中 row with no rate, a run no cut reads), each reading
the fund header's columns and the rows cut before it. How one run of figures is cut is
form_fund_run_cut.py's: only where exactly one reading makes the rate the ratio of two of its
figures, or where its decimal points fix every cell. A run is never cut by a guess.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

import regex

from .form_fund_parts import split_part_runs, within_total
from .form_fund_points import RATE as _RATE, bare_rate_cut, points_cut_spaced, pointed_cells
from .form_fund_row_labels import label_then_run, parts_apart
from .form_fund_run_cut import FUND_RUN, amounts_cut, fund_cut, run_cut, total_of
from .form_tokens import Token
from .form_vocab import bare, vocab
from .numbers import weight_then_score_cut


@dataclass
class _Rows:
    """What the tokens read so far tell the next: the tokens out, and of the fund block's header
    and rows what a run after them is cut by."""
    out: list = field(default_factory=list)  # the tokens so far, each run cut into its cells
    # the amounts the last cut row was written with (20 | 20 of 202010100.00%)
    above: list = field(default_factory=list)
    # (how many columns the fund header puts before its 执行率, the last 分值?)
    before_rate: Optional[tuple] = None
    total: Optional[tuple] = None  # (the last total row's largest amount and 分值, which its 其中 rows keep within)
    points: Optional[Decimal] = None  # (the block's points its header states: 预算执行情况（20分）)


def split_fund_runs(tokens: list) -> list:
    """A fund row's figures run together after its label (年度资金总额 194.9194.9100%): cut
    where exactly one reading makes the rate the ratio of two of the figures before it
    (spent ÷ budget, within the digits written), no figure a bare 0 or with a leading 0."""
    tokens = [piece for t in tokens for piece in parts_apart(t)]
    rows = _Rows()
    skip = 0
    for k in range(len(tokens)):
        if skip:
            skip -= 1
            continue
        if (header := _columns_before_rate(tokens, k)) is not None:
            rows.before_rate, rows.total, rows.points = header, None, _header_points(tokens, k)
        skip = _read_token(tokens, k, rows)
    # 其中 rows run together with no rate: cut where they add up to the total, column by column
    return split_part_runs(rows.out, rows.before_rate[0] - rows.before_rate[1] if rows.before_rate else 0)


def _read_token(tokens: list, k: int, rows: _Rows) -> int:
    """Token k onto rows.out, cut by its shape where it is a row's run; how many of the tokens
    after it were taken in with it."""
    t = tokens[k]
    labels = vocab()["fund_row"]
    # (the token before as it was cut: a row's label run on after the figures of the row before,
    # 32.4…97.80%9其中：当年财政拨款, is a token of its own once that run is cut)
    label = bare(rows.out[-1].text) if rows.out else ""
    if t.positional or k == 0 or label not in labels:
        if t.positional or not _label_and_run(t, rows):
            rows.out.append(t)
        return 0
    return _run_after_label(tokens, k, labels[label] == "total", rows)


def _label_and_run(t: Token, rows: _Rows) -> bool:
    """A row's label and its run in one token (年度资金总额55100%20; a 其中 row under a label the
    vocabulary lacks, 其中：中央车购税补助2800.002800.00100.00%; the header's last word before
    the label, 原因总额…; the end of a label a space broke, 当年财政 | 拨款387664.62387664.62——):
    the words apart and the run cut, or read as a rateless row's or marked unread, onto
    rows.out. False, with nothing added, where the token is no such thing or its run does not
    cut (the token is then left whole)."""
    found = label_then_run(t, rows.out[-1] if rows.out else None)
    if found is None:
        return False
    joined, words, run, is_total = found
    m = FUND_RUN.match(run.text)
    cut = run_cut(m, rows.before_rate, None if is_total else rows.total, rows.points) if m else None
    rateless = _rateless_cells(run, rows.above, rows.before_rate, rows.total) if cut is None and not is_total else None
    unread = _unread_run(run, m, rows.before_rate) if cut is None and rateless is None else None
    if cut is None and rateless is None and unread is None:
        return False
    if joined is not None:
        rows.out[-1] = joined
    rows.out.extend(words)
    if cut is None:
        rows.out.extend(rateless or unread)
    else:
        _cut_row(run, m, cut, is_total, rows)
    return True


def _run_after_label(tokens: list, k: int, is_total: bool, rows: _Rows) -> int:
    """Token k, right after a fund row's label, onto rows.out: its run cut where run_cut reads
    it or, its figures a space apart in part, as one run with the tokens after it; else read by
    the first of the other shapes that reads it; else marked unread or left whole. How many of
    the tokens after k were taken in with it."""
    t = tokens[k]
    m = FUND_RUN.match(t.text)
    cut = run_cut(m, rows.before_rate, None if is_total else rows.total, rows.points) if m else None
    taken = 0
    if cut is None and (spaced := _spaced_run_cut(tokens, k, rows.before_rate)) is not None:
        # (the spaced run's match is the one asked below even where it does not cut)
        merged, n, m, cut = spaced
        if cut is not None:
            t, taken = merged, n
    if cut is not None:
        _cut_row(t, m, cut, is_total, rows)
        return taken
    for shape in (_dashed_row, _bare_rate_row, _rateless_row):
        if (cells := shape(t, rows)) is not None:
            rows.out.extend(cells)
            return 0
    rows.out.extend(_unread_run(t, m, rows.before_rate) or [t])
    return 0


def _cut_row(t: Token, m, cut: list, is_total: bool, rows: _Rows) -> None:
    """A run (a FUND_RUN match of token t) onto rows.out as its cut reads it: the amount written
    with its unit before it, its cells, the rate with its %, the 分值 and 得分 run on after it,
    the rest of the token; its amounts kept for the rows after it (rows.above, and rows.total
    where it is a total row)."""
    rows.above = [m["figures"][a:b] for a, b in cut[:-1]]
    if is_total:
        rows.total = total_of(m["figures"], cut, m["lead"], rows.before_rate)
    out = rows.out
    if m["lead"]:
        out.append(t.piece(m.start("lead"), m.start("figures")))
    base = m.start("figures")
    out.extend(t.piece(base + a, base + b) for a, b in cut[:-1])
    out.append(t.piece(base + cut[-1][0], m.end("figures") + 1))  # the rate with its %
    end = m.end("figures") + 1
    pair = _points_pair_at(t.text, end) if not (rows.before_rate and rows.before_rate[1]) else None
    if pair is not None and (not m["score"] or Decimal(m["score"]) > 100):
        # 执行率 | 分值 | 得分 run together after the rate (96.93%109.69: 10 | 9.69)
        out.extend(t.piece(a, b) for a, b in pair)
        end = pair[-1][1]
    elif m["score"]:
        out.append(t.piece(m.start("score"), m.end("score")))
        end = m.end("score")
    if t.text[end:].strip():
        out.append(t.piece(end, len(t.text)))


def _spaced_run_cut(tokens: list, k: int, before_rate: Optional[tuple]) -> Optional[tuple]:
    """(the run as one token, how many tokens after k it took in, its FUND_RUN match, its cut or
    None) for cells a text layer kept apart in part, one run (3416.83682.45 3590.12
    1097.49%9.75: left as the tokens it was unless it cuts); None where token k starts no such
    run or the figures are the header's cells already (_cells_whole)."""
    merged = _spaced_run(tokens, k)
    if merged is None or _cells_whole(tokens[k:k + merged[1] + 1], before_rate):
        return None
    m = FUND_RUN.match(merged[0].text)
    cut = (fund_cut(m["figures"], m["lead"], before_rate) or points_cut_spaced(m["figures"], before_rate)) \
        if m and not m["lead"] else None
    return merged[0], merged[1], m, cut


def _dashed_row(t: Token, rows: _Rows) -> Optional[list]:
    """A 其中 row with a dash under 分值 (450456.5443.86—97.23%—): the amounts before the dash,
    cut where the rate is their ratio (amounts no rate reads, 0.000.000.00-0.0%-, where their
    decimal points fix them), then the dash, the rate and the rest of the token; None where the
    header puts no 分值 before its rate or the token is no such row."""
    before_rate = rows.before_rate
    dashed = _DASHED_RUN.match(t.text) if before_rate and before_rate[1] else None
    # (a dash under 年初预算数 too, —154.55126.62—81.93%—: one amount fewer)
    written = before_rate[0] - 1 - (1 if dashed and dashed["lead"] else 0) if dashed else 0
    amounts = (amounts_cut(dashed["figures"], written, dashed["rate"])
               or pointed_cells(dashed["figures"], written)) if dashed and written >= 2 else None
    if amounts is None:
        return None
    cells = [t.piece(*dashed.span("lead"))] if dashed["lead"] else []
    base = dashed.start("figures")
    cells.extend(t.piece(base + a, base + b) for a, b in amounts)
    cells.append(t.piece(*dashed.span("dash")))
    cells.append(t.piece(dashed.start("rate"), dashed.end("rate") + 1))
    end = dashed.end()
    if t.text[end:].strip():
        cells.append(t.piece(end, len(t.text)))
    return cells


def _bare_rate_row(t: Token, rows: _Rows) -> Optional[list]:
    """A row whose rate is written without its %, and the 分值 and 得分 after it
    (2419.8492.70109.27): the cells of the figures the token opens with, then the rest of the
    token; None where they do not cut (_bare_rate_cells)."""
    opening = _BARE_RUN.match(t.text)
    if not opening or (cells := _bare_rate_cells(opening.group(), rows.before_rate)) is None:
        return None
    pieces = [t.piece(a, b) for a, b in cells]
    if opening.end() < len(t.text):
        pieces.append(t.piece(opening.end(), len(t.text)))
    return pieces


def _rateless_row(t: Token, rows: _Rows) -> Optional[list]:
    """A 其中 row run together with no rate, written with the row above's figures (2020 under
    202010100.00%: 20 | 20), or whose decimal points fix its amounts: its cells, then the
    dashes of its empty cells; None otherwise. (Such a run in one token with its label:
    _rateless_cells.)"""
    like = _like_above(t.text, rows.above)
    if like is None:
        like = pointed_cells(t.text.strip(), _money_columns(rows.before_rate))
    if like is None:
        return None
    lead = len(t.text) - len(t.text.lstrip())
    cells = [t.piece(lead + a, lead + b) for a, b in like]
    if t.text[lead + like[-1][1]:].strip():
        cells.append(t.piece(lead + like[-1][1], len(t.text)))  # (the dashes of its empty cells)
    return cells


_BARE_RUN = regex.compile(r"\d[\d.]*\d")  # a run of figures a token opens with


def _unread_run(t: Token, m, before_rate: Optional[tuple]) -> Optional[list]:
    """[the run marked unread, the rest of the token] for a fund row's run (a FUND_RUN match)
    that no cut reads, under a header that says how many cells stand before its rate, where the
    figures before its % are more than a rate (864.2100%, 55100%): read whole they would be one
    false figure. None otherwise (a rate alone, 96.5%, is a cell of its own)."""
    if m is None or before_rate is None or " " in m["figures"] or _RATE.fullmatch(m["figures"]):
        return None
    run = t.piece(0, m.end())
    run.unread_run = True
    return [run] + ([t.piece(m.end(), len(t.text))] if t.text[m.end():].strip() else [])


_RATELESS_RUN = regex.compile(r"(?P<figures>\d[\d.]*\d)(?P<dashes>[—－–-]*)(?=\p{Han}|$)")


def _rateless_cells(run: Token, above: list, before_rate: Optional[tuple], total: Optional[tuple]) -> Optional[list]:
    """The cells of a 其中 row's run with no rate (its amounts, then the dashes of the cells it
    leaves empty, then maybe the next row's label): the row above's first amounts run together
    (_like_above), or amounts its decimal points fix (pointed_cells) that keep within the total's
    (`total`, form_fund_parts.within_total); None otherwise. (Not a total row's: its rate and
    points may be run on unmarked, 650 | 94 | 2.9 with no rate written, where 650940.1 | 2.9 has
    the decimals of two amounts.)"""
    m = _RATELESS_RUN.match(run.text)
    if m is None:
        return None
    figures = m["figures"]
    cells = _like_above(figures, above) or pointed_cells(figures, _money_columns(before_rate))
    if cells is None or not within_total([Decimal(figures[a:b]) for a, b in cells], None, total):
        return None
    pieces = [run.piece(a, b) for a, b in cells]
    if m["dashes"]:
        pieces.append(run.piece(*m.span("dashes")))
    if m.end() < len(run.text):
        pieces.append(run.piece(m.end(), len(run.text)))
    return pieces


_FIGURES_AT = regex.compile(r"\d+(?:\.\d+)?(?![\d.%])")


def _points_pair_at(text: str, pos: int) -> Optional[list]:
    """[(a, k), (k, b)] for a 分值 and a 得分 run together at pos (109.69 is 10 | 9.69), where
    exactly one cut makes them points of a 100-point form, 得分 no more than 分值; else None."""
    m = _FIGURES_AT.match(text, pos)
    if m is None:
        return None
    a, b = m.span()
    k = weight_then_score_cut(text, a, b)
    return [(a, k), (k, b)] if k is not None else None


_FIGURES_ONLY = regex.compile(r"\d[\d.]*")
_FIGURES_TO_RATE = regex.compile(r"\d[\d.]*%(?:\d[\d.]*)?")


def _spaced_run(tokens: list, k: int) -> Optional[tuple]:
    """(one token from token k to the first token holding the rate, how many tokens it took
    in besides k) where they are figures only on one line of one block, a space or two apart;
    else None."""
    t = tokens[k]
    if not _FIGURES_ONLY.fullmatch(t.text.strip()):
        return None
    for n in range(1, 5):
        if k + n >= len(tokens):
            return None
        u = tokens[k + n]
        if u.block is not t.block or u.line != t.line or u.row is not None or u.start - tokens[k + n - 1].end > 2:
            return None
        if _FIGURES_TO_RATE.match(u.text.strip()):
            text = t.block.text[t.start:u.end]
            return Token(text, t.block, t.start, u.end, t.line, t.col, False), n
        if not _FIGURES_ONLY.fullmatch(u.text.strip()):
            return None
    return None


_ONE_FIGURE = regex.compile(r"\d[\d,]*(?:\.\d+)?")
_ONE_RATE = regex.compile(r"\d+(?:\.\d+)?%")


def _cells_whole(cells: list, before_rate: Optional[tuple]) -> bool:
    """Are figures a space apart already the fund header's cells: one figure under each column
    before the 执行率, then the rate alone (128.60 | 119.32 | 95.78% under 预算数 | 执行数 |
    执行率)? Then nothing ran together, and no cut is looked for (a rate the figures do not
    make is the form's to flag, not a sign of cells run together)."""
    return before_rate is not None and len(cells) - 1 == before_rate[0] \
        and all(_ONE_FIGURE.fullmatch(c.text.strip()) for c in cells[:-1]) and bool(_ONE_RATE.fullmatch(cells[-1].text.strip()))


_DASHED_RUN = regex.compile(r"^[:：]?\s*(?P<lead>[—－/\-–]\s*)?(?P<figures>\d[\d.]*)(?P<dash>[—－/\-–])(?P<rate>\d[\d.]*)%(?:[—－/\-–](?!\d))?")


def _columns_before_rate(tokens: list, k: int) -> Optional[tuple]:
    """Where token k is a fund header's 执行率 (maybe run into the 得分 after it), how many of
    the header's money and 分值 columns stand right before it and whether the last is 分值
    (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率: (4, True))."""
    if "执行率" not in tokens[k].text:
        return None  # (asked of every token: the word first)
    columns = vocab()["fund_col"]
    if columns.get(bare(tokens[k].text)) != "执行率" and not bare(tokens[k].text).startswith("执行率"):
        return None
    if any(columns.get(bare(t.text)) == "执行率" for t in tokens[max(0, k - 2):k]):
        return None  # (执行率 | 执行率权重 | 执行率得分: the rate is named already, these are its points)
    names = []
    for t in reversed(tokens[max(0, k - 6):k]):
        if columns.get(bare(t.text)) not in _AMOUNT_COLUMNS:
            break
        names.append(columns[bare(t.text)])
    return (len(names), names[0] == "分值") if names else None


_AMOUNT_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值")
# the points a fund block's header states in brackets (预算执行情况（20分）, 得分（20分*执行率）)
_BRACKETED_POINTS = regex.compile(r"[（(]\s*(\d{1,3}(?:\.\d{1,2})?)\s*分\s*(?:[)）]|[*×])")
_POINTS_NEAR_HEADER = 8  # tokens before the header's 执行率 (its caption, its columns) and 3 after (its 得分's)


def _header_points(tokens: list, k: int) -> Optional[Decimal]:
    """The block's points its header states in brackets near its 执行率 at k, where it states one
    figure; None otherwise."""
    near = tokens[max(0, k - _POINTS_NEAR_HEADER):k + 4]
    found = {Decimal(m[1]) for t in near for m in _BRACKETED_POINTS.finditer(t.text)}
    return found.pop() if len(found) == 1 else None


def _like_above(text: str, above: list) -> Optional[list]:
    """[(start, end)] cutting a run of bare figures into the first two or more amounts of the
    row above, when it is exactly those run together (maybe with dashes after them for the
    cells it leaves empty: 43.243.237.24———); else None."""
    m = regex.fullmatch(r"(\d[\d.]*)[—－–-]*", text.strip())
    if m is None:
        return None
    text = m[1]
    for n in range(len(above), 1, -1):
        if "".join(above[:n]) == text:
            bounds, pos = [], 0
            for cell in above[:n]:
                bounds.append((pos, pos + len(cell)))
                pos += len(cell)
            return bounds
    return None


def _bare_rate_cells(figures: str, before_rate: Optional[tuple]) -> Optional[list]:
    """bare_rate_cut under the header's money columns, else under the usual three or two (a
    header whose 执行率得分 was split after its 分值 counts none before that 执行率)."""
    for n in dict.fromkeys([_money_columns(before_rate), 3, 2]):
        if n >= 2 and (cells := bare_rate_cut(figures, n)) is not None:
            return cells
    return None


def _money_columns(before_rate: Optional[tuple]) -> int:
    """How many money columns the fund header puts before its rate (3 where it does not say)."""
    return before_rate[0] - before_rate[1] if before_rate else 3
