"""A fund row's figures run together with no cell breaks, as text layers and document-sharing
sites flatten a form: 年度资金总额194.9194.9100% is 194.9, 194.9 and 100%. The run is cut only
where exactly one reading makes the rate the ratio of two of its figures (spent ÷ budget,
within the digits written), with as many cells as the form's header puts before its 执行率
when it says, the cell before the rate a 分值 where the header puts one there; a run no
reading makes consistent is cut only where its decimal points fix every cell (points_cut).
A run is never cut by a guess.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .form_fund_parts import MAX_AMOUNT_CHARS, amount_cells, split_part_runs, within_total
from .form_fund_points import AMOUNT as _AMOUNT, RATE as _RATE, bare_rate_cut, points_cut, points_cut_spaced, points_then_weight_cut, \
    is_set_weight, pointed_cells, repeated_budget_cut, repeated_cut
from .form_fund_row_labels import label_then_run, parts_apart
from .form_fund_short_rows import one_amount_cut, short_row_cut
from .form_tokens import Token
from .form_vocab import bare, vocab
from .numbers import POINTS, POINTS_FIGURE, as_written, parse_arabic, weight_then_score_cut

# a fund row's figures run together up to its execution rate, then maybe its 得分:
# 194.9194.9100% | 202010100.00%10
# (the budget written with its unit and the rest run on: 50万元47.6895.36%)
_FUND_RUN = regex.compile(r"^[:：]?\s*(?:(?P<lead>[1-9]\d*(?:\.\d+)?)(?:万元|元))?"
                          rf"(?P<figures>\d(?:[\d.]| {{1,2}}(?=\d))*)%(?P<score>{POINTS}(?!\d))?")


def split_fund_runs(tokens: list) -> list:
    """A fund row's figures run together after its label (年度资金总额 194.9194.9100%): cut
    where exactly one reading makes the rate the ratio of two of the figures before it
    (spent ÷ budget, within the digits written), no figure a bare 0 or with a leading 0."""
    rows = vocab()["fund_row"]
    tokens = [piece for t in tokens for piece in parts_apart(t)]
    out = []
    above: list = []  # the amounts the last cut row was written with (20 | 20 of 202010100.00%)
    before_rate = None  # (how many columns the fund header puts before its 执行率, the last 分值?)
    total = None  # (the last total row's largest amount and 分值, which its 其中 rows keep within)
    points = None  # (the block's points its header states: 预算执行情况（20分）)
    skip = 0
    for k, t in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        if (header := _columns_before_rate(tokens, k)) is not None:
            before_rate, total, points = header, None, _header_points(tokens, k)
        # (the token before as it was cut: a row's label run on after the figures of the row before,
        # 32.4…97.80%9其中：当年财政拨款, is a token of its own once that run is cut)
        label = bare(out[-1].text) if out else ""
        after_label = not t.positional and k > 0 and label in rows
        is_total = after_label and rows[label] == "total"
        m = _FUND_RUN.match(t.text) if after_label else None
        cut = _run_cut(m, before_rate, None if is_total else total, points) if m else None
        found = label_then_run(t, out[-1] if out else None) if not after_label and not t.positional else None
        if found is not None:
            # a row's label and its run in one token (年度资金总额55100%20; a 其中 row under a
            # label the vocabulary lacks, 其中：中央车购税补助2800.002800.00100.00%; the header's
            # last word before the label, 原因总额…; the end of a label a space broke, 当年财政 |
            # 拨款387664.62387664.62——): the words apart, the run cut, or the token left whole
            # where it does not cut
            joined, words, run, run_total = found
            run_match = _FUND_RUN.match(run.text)
            run_cut = _run_cut(run_match, before_rate, None if run_total else total, points) if run_match else None
            rateless = _rateless_cells(run, above, before_rate, total) if run_cut is None and not run_total else None
            unread = _unread_run(run, run_match, before_rate) if run_cut is None and rateless is None else None
            if run_cut is not None or rateless is not None or unread is not None:
                if joined is not None:
                    out[-1] = joined
                out.extend(words)
                if rateless is not None or unread is not None:
                    out.extend(rateless or unread)
                    continue
                t, m, cut, is_total, after_label = run, run_match, run_cut, run_total, True
        if after_label and cut is None and (merged := _spaced_run(tokens, k)) is not None \
                and not _cells_whole(tokens[k:k + merged[1] + 1], before_rate):
            # 3416.83682.45 3590.12 1097.49%9.75: cells a text layer kept apart in part, one
            # run (left as the tokens it was unless it cuts)
            m = _FUND_RUN.match(merged[0].text)
            cut = (fund_cut(m["figures"], m["lead"], before_rate) or points_cut_spaced(m["figures"], before_rate)) \
                if m and not m["lead"] else None
            if cut is not None:
                t, skip = merged
        dashed = _DASHED_RUN.match(t.text) if after_label and cut is None and before_rate and before_rate[1] else None
        # (amounts no rate reads, 0.000.000.00-0.0%-, are cut where their decimal points fix them)
        # (a dash under 年初预算数 too, —154.55126.62—81.93%—: one amount fewer)
        written = before_rate[0] - 1 - (1 if dashed and dashed["lead"] else 0) if dashed else 0
        amounts = (_amounts_cut(dashed["figures"], written, dashed["rate"])
                   or pointed_cells(dashed["figures"], written)) if dashed and written >= 2 else None
        if amounts is not None:
            # a 其中 row with a dash under 分值 (450456.5443.86—97.23%—): the amounts before
            # the dash, cut where the rate is their ratio
            if dashed["lead"]:
                out.append(t.piece(*dashed.span("lead")))
            base = dashed.start("figures")
            out.extend(t.piece(base + a, base + b) for a, b in amounts)
            out.append(t.piece(*dashed.span("dash")))
            out.append(t.piece(dashed.start("rate"), dashed.end("rate") + 1))
            end = dashed.end()
            if t.text[end:].strip():
                out.append(t.piece(end, len(t.text)))
            continue
        if cut is None and after_label and (opening := _BARE_RUN.match(t.text)) \
                and (cells := _bare_rate_cells(opening.group(), before_rate)) is not None:
            # (a rate written without its %, and the 分值 and 得分 after it: 2419.8492.70109.27)
            out.extend(t.piece(a, b) for a, b in cells)
            if opening.end() < len(t.text):
                out.append(t.piece(opening.end(), len(t.text)))
            continue
        if cut is None:
            like = _like_above(t.text, above) if after_label else None
            if like is None and after_label:
                like = pointed_cells(t.text.strip(), _money_columns(before_rate))
            if like is None:
                out.extend((_unread_run(t, m, before_rate) if after_label else None) or [t])
                continue
            # a 其中 row run together with no rate, written with the row above's figures
            # (2020 under 202010100.00%: 20 | 20)
            lead = len(t.text) - len(t.text.lstrip())
            out.extend(t.piece(lead + a, lead + b) for a, b in like)
            if t.text[lead + like[-1][1]:].strip():
                out.append(t.piece(lead + like[-1][1], len(t.text)))  # (the dashes of its empty cells)
            continue
        above = [m["figures"][a:b] for a, b in cut[:-1]]
        if is_total:
            total = _total_of(m["figures"], cut, m["lead"], before_rate)
        if m["lead"]:
            out.append(t.piece(m.start("lead"), m.start("figures")))
        base = m.start("figures")
        out.extend(t.piece(base + a, base + b) for a, b in cut[:-1])
        out.append(t.piece(base + cut[-1][0], m.end("figures") + 1))  # the rate with its %
        end = m.end("figures") + 1
        pair = _points_pair_at(t.text, end) if not (before_rate and before_rate[1]) else None
        if pair is not None and (not m["score"] or Decimal(m["score"]) > 100):
            # 执行率 | 分值 | 得分 run together after the rate (96.93%109.69: 10 | 9.69)
            out.extend(t.piece(a, b) for a, b in pair)
            end = pair[-1][1]
        elif m["score"]:
            out.append(t.piece(m.start("score"), m.end("score")))
            end = m.end("score")
        if t.text[end:].strip():
            out.append(t.piece(end, len(t.text)))
    # 其中 rows run together with no rate: cut where they add up to the total, column by column
    return split_part_runs(out, before_rate[0] - before_rate[1] if before_rate else 0)


_BARE_RUN = regex.compile(r"\d[\d.]*\d")  # a run of figures a token opens with


def _unread_run(t: Token, m, before_rate: Optional[tuple]) -> Optional[list]:
    """[the run marked unread, the rest of the token] for a fund row's run (a _FUND_RUN match)
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


def _total_of(figures: str, cut: list, lead: Optional[str], columns: Optional[tuple]) -> Optional[tuple]:
    """(the largest amount, the 分值 or None) of a total row's cut."""
    amounts, weight = _amounts_and_weight(figures, cut, lead, columns)
    return (max(amounts), weight) if amounts else None


def _amounts_and_weight(figures: str, cut: list, lead: Optional[str], columns: Optional[tuple]) -> tuple:
    """([amounts], 分值 or None) of a cut, the cell before its rate its 分值 where the cut has the
    header's shape and the header puts one there (else counted among the amounts: a bound on
    其中 rows is then only looser)."""
    cells = [Decimal(figures[a:b]) for a, b in cut[:-1]] + ([Decimal(lead)] if lead else [])
    weight = cells.pop(len(cut) - 2) if columns and columns[1] and len(cells) == columns[0] else None
    return cells, weight


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


def _run_cut(m, before_rate: Optional[tuple], within: Optional[tuple] = None,
             points: Optional[Decimal] = None) -> Optional[list]:
    """The cut of a fund row's run (a _FUND_RUN match): the one reading that makes its rate,
    unless that reading types the amounts unlike (3412.603 | 298.4510 beside 3286.00) where
    their decimal points fix them alike (3286.00 | 3412.60 | 3298.45, the rate then the form's
    own slip); else where the decimal points fix every cell; else the one reading one cell
    short of the header, or whose rate was cut short, that comes near, or that writes its budget
    and spending as one figure (form_fund_short_rows.py). `within`: the total row's largest
    amount and 分值, for a 其中 row; `points`: the block's points its header states (20分)."""
    figures, lead = m["figures"], m["lead"]
    cut = fund_cut(figures, lead, before_rate, m["score"], within)
    if cut is not None and _typed_alike(figures, cut, before_rate):
        return cut  # (the decimal points are asked only where the rate's reading leaves doubt)
    by_points = points_cut(figures, lead) or (None if lead else points_then_weight_cut(figures, before_rate, m["score"])
                                              or repeated_cut(figures, before_rate, m["score"])
                                              or repeated_budget_cut(figures, before_rate, m["score"]))
    if cut is not None and by_points is not None and not _rate_on_the_side(figures, by_points, before_rate):
        # (278.44 | 4930.00 | 10.77%: the points' reading spends past its budget where the rate
        # says the spending fell short, no slip of the form's; 278.4449 | 30.00 makes the rate)
        return cut
    if by_points or cut or lead:
        return by_points or cut
    return short_row_cut(figures, before_rate, m["score"], within) \
        or one_amount_cut(figures, before_rate, m["score"], points)


def _rate_on_the_side(figures: str, cut: list, columns: Optional[tuple]) -> bool:
    """Does the cut's rate fall on the side of 100% its last amount and the one before it say
    (spent over budget: a rate under 100% for a spending below its budget, over it above)?"""
    amounts, _ = _amounts_and_weight(figures, cut, None, columns)
    if len(amounts) < 2:
        return True
    rate = parse_arabic(figures[slice(*cut[-1])])[0]
    budget, spent = amounts[-2:]
    return (rate <= 100 or spent >= budget) and (rate >= 100 or spent <= budget)


def _typed_alike(figures: str, cut: list, columns: Optional[tuple]) -> bool:
    """Are the cut's amounts written alike: their numbers of decimals at most one apart (a
    trailing 0 left off, 412.6 beside 421.36; not 3286.00 beside 3412.603 and 298.4510), the
    分值 the header puts before the rate left out?"""
    amounts = cut[:-2] if columns and columns[1] else cut[:-1]
    places = {parse_arabic(figures[a:b])[1] for a, b in amounts}
    return not places or max(places) - min(places) <= 1


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


def _amounts_cut(figures: str, n: int, rate: str) -> Optional[list]:
    """[(start, end)] cutting the figures into n amounts two of which make the rate, when
    exactly one cut does."""
    if n < 2 or not _RATE.fullmatch(rate) or len(figures) > n * MAX_AMOUNT_CHARS:
        return None
    run, rate_cell = figures + rate, (len(figures), len(figures) + len(rate))
    fits = [cut for cut in amount_cells(figures, 0, n) if _rate_fits(run, cut + [rate_cell])]
    if len(fits) > 1:
        fits = _written_alike(figures, fits, len(fits[0]))
    return fits[0] if len(fits) == 1 else None


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


@lru_cache(maxsize=1024)
def fund_cut(figures: str, lead: Optional[str] = None, columns: Optional[tuple] = None,
             score: Optional[str] = None, within: Optional[tuple] = None) -> Optional[list]:
    """Of the readings that fit, those with as many cells as the header has `columns` before
    its rate ((count, whether the last is 分值)) when it says (450 | 486.5 | 473.86 | 10 under
    年初 | 全年 | 执行 | 分值, not 473.8610), else those with the fewest cells (4.9 | 19 | 4.9
    fits as well as 194.9, but no form splits a figure so), then those whose amounts have one
    number of decimals; taken when there is one. `lead` is an amount of the row written apart
    before the run (its budget, with its unit); the rate may be a ratio with it. `within`: the
    total row's largest amount and 分值, which a 其中 row's reading keeps within."""
    if " " in figures:
        return _cut_with_spaces(figures, lead, columns)
    if len(figures) > 4 * MAX_AMOUNT_CHARS + 6:
        return None  # longer than four amounts and a rate: digits of something else
    readings = [r for r in _fund_readings(figures, 0, (), 1 if lead else 0) if _rate_fits(figures, r, lead)]
    if within is not None:
        readings = [r for r in readings if _keeps_within(figures, r, lead, columns, within)]
    readings = _as_header(readings, figures, lead, columns)
    if score and columns and columns[1] and len(readings) > 1:
        # (the 得分 after the rate, where the form scores 分值 × 执行率: 10 | 96% | 9.6, not 9 | 6%)
        readings = [r for r in readings if _scores_as_written(figures, r, score)] or readings
    fewest = min(map(len, readings), default=0)
    readings = [r for r in readings if len(r) == fewest]
    if len(readings) > 1:  # a row's amounts are typed alike (64.8 | 64.8 | 64.8, not 64.8 | 64.86 | 4.8)
        # (the 分值 the header puts before the rate is no amount: 25806.15 ×3 | 10 | 100.0%)
        readings = _written_alike(figures, readings, -2 if columns and columns[1] else -1)
    return readings[0] if len(readings) == 1 else None


def _keeps_within(figures: str, cut: list, lead: Optional[str], columns: Optional[tuple], within: tuple) -> bool:
    """Does a 其中 row's reading keep within its total's (form_fund_parts.within_total), the cell
    before its rate its 分值 where the reading has the header's shape?"""
    return within_total(*_amounts_and_weight(figures, cut, lead, columns), within)


def _written_alike(figures: str, readings: list, amounts_end: int) -> list:
    """Of readings that all fit, those whose amounts (cells before `amounts_end`) have one
    number of decimals; failing that, those that write two amounts side by side the same,
    as a budget left as it was or spent whole (43.2 | 43.2 | 37.24, where 43.24 | 3.2 | 37.24
    fits the rate too; 320 | 298.6 | 298.6)."""
    def repeats(cells: list) -> bool:
        return any(x == y for x, y in zip(cells, cells[1:]))

    cells = [[figures[a:b] for a, b in r[:amounts_end]] for r in readings]
    return [r for r, c in zip(readings, cells) if len({parse_arabic(x)[1] for x in c}) == 1] \
        or [r for r, c in zip(readings, cells) if repeats(c)]


def _fund_readings(figures: str, pos: int, cells: tuple, lead: int = 0, walls: frozenset = frozenset()):
    """Every cut of the figures into 2 to 4 amounts (分值 among them; `lead` of them written
    before the run) and a rate last, no cell across one of the `walls` (where a space stood)."""
    for end in range(pos + 1, min(len(figures), pos + MAX_AMOUNT_CHARS) + 1):
        if end - 1 in walls and end - 1 > pos:
            break  # the cell would run across a space
        if _RATE.fullmatch(figures, pos, end) and end == len(figures) and len(cells) + lead >= 2:
            yield list(cells) + [(pos, end)]
        if len(cells) + lead < 4 and end < len(figures) and _AMOUNT.fullmatch(figures, pos, end):
            yield from _fund_readings(figures, end, cells + ((pos, end),), lead, walls)


def _as_header(readings: list, figures: str, lead: Optional[str], columns: Optional[tuple]) -> list:
    """The readings with as many cells as the header's `columns` before its rate, the cell
    before the rate a 分值 (≤ 100) where the header puts one there; all of them when none
    has or the header does not say."""
    if not columns:
        return readings
    n, weighted = columns
    # (the rate is the ratio of the amounts, never of the 分值 before it: 9 | 6% of 150 … is no reading)
    return [r for r in readings if len(r) - 1 + bool(lead) == n
            and (not weighted or POINTS_FIGURE.fullmatch(figures, *r[-2]) and Decimal(figures[slice(*r[-2])]) <= 100
                 and is_set_weight(figures[slice(*r[-2])]) and _rate_fits(figures, r[:-2] + r[-1:], lead))] \
        or [r for r in readings if len(r) - 1 + bool(lead) != n]  # (one of the header's shape it turned down stays out)


def _cut_with_spaces(figures: str, lead: Optional[str], columns: Optional[tuple]) -> Optional[list]:
    """fund_cut of figures some of whose cells a space keeps apart: the cut of the figures
    run together whose cells end at every space, in the places of the spaced text."""
    pieces = [m.span() for m in regex.finditer(r"\d[\d.]*", figures)]
    run = "".join(figures[a:b] for a, b in pieces)
    forced, to_spaced, as_spaced, at = set(), [], [], 0
    for a, b in pieces:
        to_spaced += range(a, b)
        as_spaced.append((at, at + b - a))  # the piece's cell in the run
        at += b - a
        forced.add(at)
    to_spaced.append(len(figures))
    if len(as_spaced) >= 3 and all(_AMOUNT.fullmatch(run, a, b) for a, b in as_spaced[:-1]) \
            and _RATE.fullmatch(run, *as_spaced[-1]) and _rate_fits(run, as_spaced, lead):
        # the spaces keep every cell apart and the rate reads them (54.00 54.00 100.00% of a
        # 其中 row that leaves 年初预算数 and 分值 empty): no cell is cut in two
        return pieces
    readings = [r for r in _fund_readings(run, 0, (), 1 if lead else 0, frozenset(forced)) if _rate_fits(run, r, lead)
                and forced <= {end for _, end in r}]
    readings = _as_header(readings, run, lead, columns)
    if len(readings) != 1:
        return None
    return [(to_spaced[a], to_spaced[b - 1] + 1) for a, b in readings[0]]


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


def _scores_as_written(figures: str, cut: list, score: str) -> bool:
    """Is the 得分 written after the run the reading's 分值 × 执行率?"""
    weight = Decimal(figures[slice(*cut[-2])])
    rate = parse_arabic(figures[slice(*cut[-1])])[0]
    value, decimals = parse_arabic(score)
    return as_written(weight * rate / 100, value, decimals)


def _rate_fits(figures: str, cut: list, lead: Optional[str] = None) -> bool:
    amounts = ([Decimal(lead)] if lead else []) + [Decimal(figures[a:b]) for a, b in cut[:-1]]
    rate, decimals = parse_arabic(figures[slice(*cut[-1])])
    if not rate:
        return False  # 0%: any small figure over a large one rounds to it
    return any(as_written(amounts[j] / amounts[i] * 100, rate, decimals)
               for i in range(len(amounts)) for j in range(i + 1, len(amounts)) if amounts[i])
