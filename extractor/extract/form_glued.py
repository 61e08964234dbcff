"""A form row's figures run together with no cell breaks, as text layers and
document-sharing sites flatten a form: 安装水标尺10≥266米≥266米10 is 分值 10, target ≥266米,
result ≥266米, 得分 10 (a fund row's runs: form_fund_runs.py).

The columns come in the order of the form's own indicator header (glued_column_order.py);
each run is cut by glued_cuts.py only where exactly one reading fits, never by a guess. This
module finds the runs, and reads the rows' shapes around them: a 得分 standing apart or
opening the next row's name, a name run into its target; rows in words are
glued_worded_rows.py's, rows of bare figures glued_bare.py's, a task block glued_tasks.py's. A
run holding a whole row's figures that no cut reads is never read as one figure
(glued_unread.py).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .form_fund_points import is_set_weight
from .form_fund_runs import split_fund_runs
from .form_tokens import Token
from .form_vocab import bare, is_label, is_level_word, value_type
from .glued_bare import (ROW_END, after_name, bare_pair_run, bare_result_after_target, give_units,
                         points_after_result, split_name_units, unit_column_before_target)
from .glued_column_order import header_order, indicator_header_at, is_complete_order, weights_as_shares
from .glued_cuts import cut_result_and_points, cut_run, cut_target_then_bare, grammar, runs, unit_of
from .glued_tasks import split_task_runs
from .glued_unread import holds_cells, impossible_figure, tail_points_cut, unread_run
from .glued_worded_rows import UNWEIGHTED_ORDER, points_before_reason, repeated_result_row, split_repeated
from .numbers import POINTS, POINTS_FIGURE, weight_then_score_cut

_MIN_RUN = 6  # shorter runs are one figure with its unit, not cells
_MAX_RUN = 60  # a row's four cells are shorter; a longer run is digits of something else


def split_glued_rows(tokens: list) -> list:
    """Tokens with every fund row's, task row's and indicator row's run-together figures cut
    into cells."""
    tokens = split_fund_runs(tokens)
    tokens = split_task_runs(tokens, indicator_header_at(tokens))
    # bare figures are read as a row's cells only under the indicator header: a fund row's
    # amounts left uncut above it (当年财政拨款43.243.237.24) are no target and result
    bare_from = indicator_header_at(tokens)
    order = header_order(tokens)
    if order is None:
        if bare_from == len(tokens):
            return tokens
        # a header whose words a text layer scrambled: target before result is all the
        # provinces' forms agree on, so only runs of those two are cut
        order = ["target", "actual"]
    out = []
    shares = weights_as_shares(tokens)
    repeated = repeated_result_row(order)
    units, follows = {}, set()
    if unit_column_before_target(tokens):
        tokens, units, follows = split_name_units(tokens, bare_from)
    score_ahead = None  # the 得分 the run before ended without, opening this token
    for k, t in enumerate(tokens):
        if score_ahead is None and _weight_just_before(out, t):
            score_ahead = _score_before_name(t.text).end(1)
        if score_ahead is not None:
            out.append(t.piece(0, score_ahead))
            t = t.piece(score_ahead, len(t.text))
            score_ahead = None
        if order[0] == "target" and (named := _named_target(t, tokens[k + 1:k + 3])) is not None:
            out.extend(named)  # 危房改造竣工率100% | 96.5% | 15: the name and its target run together
            continue
        if order[:4] == ["weight", "target", "actual", "score"] and (named := _named_weight(t, tokens[k + 1:k + 4])):
            out.extend(named)  # 补贴资金发放准确率10 | 100% | 100% | 10: the name and its 分值 run together
            continue
        if k > bare_from and (cells := bare_result_after_target(out, t, order)) is not None:
            out.extend(cells)
            continue
        if t.positional or len(t.text) < _MIN_RUN or _one_figure_before_cells(t, tokens[k + 1:k + 3]):
            out.append(t)
            continue
        # the 得分 standing apart right after (…≥36期33期10 | 8), or opening the next row's
        # name (…2634人次10 | 10发放一次性创业补贴人数…): the run ends with the 分值
        after = tokens[k + 1].text if k + 1 < len(tokens) and not tokens[k + 1].positional else ""
        head = _score_before_name(after)
        scored_after = POINTS_FIGURE.fullmatch(after.strip()) is not None or head is not None
        # (the row's figures all in the token: no figure cell after it on its row)
        whole_row = k + 1 >= len(tokens) or tokens[k + 1].positional or not value_type(tokens[k + 1].text)
        # (a run standing alone after its name is the row's cells only where no cell follows it:
        # a figure a line before the next cell's is a cell of its own)
        # (and only under a header whose columns are known: a scrambled one names target and
        # result only, and 1084.25 alone after its label is no 10 | 84.25)
        follows_name = id(t) in follows or k > bare_from and whole_row and is_complete_order(order) \
            and _alone_after_name(tokens, k)
        pieces, score_apart = _split_token(t, order, scored_after, shares, k > bare_from, follows_name, whole_row)
        if score_apart and head is not None:
            score_ahead = head.end(1)
        paired = order[-2:] == ["weight", "score"]
        if (paired or order == UNWEIGHTED_ORDER) and pieces and not (repeated and repeated.match(pieces[0].text)):
            # (the words before a row cut already may be a row of their own, its points run
            # into the next row's name: 群众候车条件明显改善已改善1010通客车… | 100 | 100 | 10 | 10)
            row_ends = pieces == [t] and k + 1 < len(tokens) and is_label(bare(tokens[k + 1].text))
            pieces = points_before_reason(pieces[0], row_ends, paired) + pieces[1:]
        for piece in pieces:
            out.extend(split_repeated(piece, repeated) if repeated else [piece])
    give_units(out, units)
    return out


@lru_cache(maxsize=1)
def _one_figure() -> regex.Pattern:
    """One figure after any comparator of the vocabulary (≥37200, >=2000, 不低于95)."""
    cmp, _, _ = grammar()
    return regex.compile(rf"\s*(?:{cmp.pattern})?\s*\d+(?:\.\d+)?\s*")


def _one_figure_before_cells(t: Token, after: list) -> bool:
    """Is the token one figure (≥37200) with the row's next two cells standing apart after it
    (37790 | 10)? Then it is a cell of its own, not cells run together (≥3 | 7 | 20 | 0)."""
    return _one_figure().fullmatch(t.text) is not None and len(after) == 2 \
        and all(value_type(a.text) for a in after)


@lru_cache(maxsize=1)
def _named_target_patterns() -> tuple:
    """(a name run into a figure with its unit, a figure alone with its unit)."""
    cmp, unit, _ = grammar()
    return (regex.compile(rf"^(?P<name>.*\p{{Han}})(?P<target>{cmp.pattern}?\d[\d.]*(?:{unit.pattern}))$"),
            regex.compile(rf"(?:{cmp.pattern})?\d[\d.]*(?:{unit.pattern})"))


def _named_target(t: Token, after: list) -> Optional[list]:
    """[name, target] of a row's name run into its target written with its unit (…竣工率100%,
    …开工户数≥560户), where the next token is the result in the same unit and the one after
    it points; None otherwise."""
    if t.positional or len(after) < 2 or any(u.positional for u in after) or not _is_points(after[1]):
        return None  # (the points after the result: a cheap test first)
    cmp, _, _ = grammar()
    named, figure = _named_target_patterns()
    m = named.match(t.text)
    if m is None:
        return None
    target_unit = unit_of(m["target"])
    result = figure.fullmatch(after[0].text.strip())
    if target_unit is None or result is None or unit_of(result.group()) != target_unit:
        return None  # (the result a figure alone in the target's unit: 提高5% | 提高5% is words)
    cut = m.end("name")
    worded = regex.search(rf"(?:{cmp.pattern})$", m["name"])  # (不少于800篇: the comparator is the target's)
    if worded is not None:
        cut = worded.start()
    if not regex.search(r"\p{Han}", t.text[:cut]):
        return None  # the token is a target alone
    return [t.piece(0, cut), t.piece(cut, len(t.text))]


# points opening a token, run into the next row's words (10发放一次性创业补贴人数); not a
# figure going on in words of its own (200余人, 10万, 3月, 5至10)
_SCORE_BEFORE_NAME = regex.compile(rf"^({POINTS})(?=\p{{Han}})(?![余多左以万亿千百至到年月日号])")


def _score_before_name(text: str):
    """The match of points opening the text before words that are no unit of theirs (not
    3亩, 12头), else None."""
    m = _SCORE_BEFORE_NAME.match(text)
    return m if m is not None and grammar()[1].match(text, m.end()) is None else None


_NAME_THEN_POINTS = regex.compile(rf"^(?P<name>.*\p{{Han}})(?P<weight>{POINTS})$")


def _named_weight(t: Token, after: list) -> Optional[list]:
    """[name, 分值] of a row's name run into its 分值 (…发放准确率10), where the next three tokens
    are the row's target and result, written with a unit or a sign, and its 得分 (no more than
    the 分值); None otherwise."""
    if t.positional or len(after) < 3 or any(u.positional for u in after):
        return None
    m = _NAME_THEN_POINTS.match(t.text.rstrip())
    if m is None or not _is_points(after[2]) or value_type(after[2].text) != "num":
        return None
    target, result = after[0].text.strip(), after[1].text.strip()
    if unit_of(target) is None and grammar()[0].match(target) is None or not value_type(result):
        return None  # (bare figures after it: the digits may be the name's own, 指标1)
    weight = Decimal(m["weight"])
    if not 0 < Decimal(after[2].text.strip()) <= weight <= 100 or not is_set_weight(m["weight"]):
        return None
    return [t.piece(0, m.end("name")), t.piece(*m.span("weight"))]


def _is_points(t: Token) -> bool:
    return not t.positional and POINTS_FIGURE.fullmatch(t.text.strip()) is not None


def _alone_after_name(tokens: list, k: int) -> bool:
    """Is the token at k a run of bare figures standing alone right after a row's name (words
    that are no label of the form's but a level's, 满意度(%) | 9010011.1), the row's figures in
    one token of their own?"""
    t, before = tokens[k], tokens[k - 1] if k else None
    if before is None or before.positional or not _BARE_FIGURES.fullmatch(t.text.strip()):
        return False
    key = bare(before.text)
    return value_type(before.text) is None and regex.search(r"\p{Han}", key) is not None \
        and (not is_label(key) or is_level_word(key))


_BARE_FIGURES = regex.compile(r"\d[\d.]*")


def _weight_just_before(out: list, t: Token) -> bool:
    """Does the token open with a row's 得分 run into the next row's words, its 分值 the
    bare figure right before it (5.1% | 10 | 10可持续影响指标…)? Not where two figures stand
    before it (those are the row's 分值 and 得分 already), nor a score above its 分值."""
    head = _score_before_name(t.text) if not t.positional else None
    if head is None or not out or not _is_points(out[-1]) or len(out) > 1 and _is_points(out[-2]):
        return False
    return Decimal(head.group(1)) <= Decimal(out[-1].text.strip())


def _split_token(t: Token, order: list, scored_after: bool = False, shares: bool = False, bare_ok: bool = False,
                 follows_name: bool = False, whole_row: bool = False) -> tuple:
    """(the token's pieces, whether its last run ended at the 分值, its 得分 the next token's).
    `bare_ok`: the token stands under the indicator header, where a row's target and result
    may be bare figures; `follows_name`: the token is the figures after a row's name (and
    its 计量单位 cell); `whole_row`: no figure cell of the row follows the token, so a run
    ending it holds all the row's figures."""
    pieces, pos = [], 0
    score_apart = False
    points = points_after_result(order)
    for m in runs(t.text):
        if m.start() < pos or m.end() - m.start() > _MAX_RUN:
            continue  # (a run cut already, read the other way)
        # a run right after the row's name, in a header that puts the target first, starts at
        # the target (道路验收合格率100%92%1212: no words cell before it to start inside)
        named = after_name(t.text, m.start()) or m.start() == 0 and follows_name
        if m.end() - m.start() < _MIN_RUN:
            # (a short run is one figure with its unit, unless a row's name stands right before
            # it and its result repeats its target: 新建候车亭(≥**座)24244)
            if bare_ok and named and (cut := bare_pair_run(t.text, m, order)) is not None:
                if t.text[pos:m.start()].strip():
                    pieces.append(t.piece(pos, m.start()))
                pieces.extend(t.piece(m.start() + a, m.start() + b) for a, b in cut)
                pos = m.end()
            continue
        slots = order
        cut = None
        dated = _dated_cuts(t.text, m, order, named)
        if len(dated) > 1:
            continue  # (1012月: 10 | 1 and 2月, or 1 | 0 and 12月)
        if not dated and _COUNTED_AFTER.match(t.text, m.end()):
            continue  # (≥90%76.9%6313个项目中…: 6 | 3 and 13个, or 63 | 13; which, the run does not say)
        if dated:
            # the words after the run open with a month or a day: its last digits are theirs
            # (≥95%91.5%1087月下旬: 10 | 8, then 7月), whether or not the whole run cuts
            k, cut = dated[0]
            m = grammar()[2].fullmatch(t.text, m.start(), m.end() - k)
        elif scored_after and m.end() == len(t.text) and order[-1] == "score":
            slots = order[:-1]  # (its 得分 the next token)
            cut = cut_run(m.group(0), slots, named, shares)
            score_apart = cut is not None
        if cut is None:
            slots = order
            cut = cut_run(m.group(0), slots, named, shares) if is_complete_order(slots) else None
        if cut is None and bare_ok and named:
            slots = order
            cut = bare_pair_run(t.text, m, order)
        if cut is None and bare_ok and points is not None and order[0] == "target":
            slots = ["target", "actual", *points]
            cut = cut_target_then_bare(m.group(0), points)
        if cut is None and m.end() == len(t.text):
            # 分值 and 得分 in tokens of their own: the run is the target and the result
            # (a PDF text layer drops the space between a name and its target, not more)
            slots = _figure_pair(order)
            cut = cut_run(m.group(0), slots)
        if cut is None and m.start() == 0:
            # the target in a token of its own, the result run into the points after it
            # (≥18500人 | 19132人1010/): cut where the result's unit ends it
            slots = _result_and_points(order)
            cut = cut_result_and_points(m.group(0), slots)
        if cut is None:
            if bare_ok and named and (unread := _unread_row_run(t, m, order, whole_row)):
                if t.text[pos:m.start()].strip():
                    pieces.append(t.piece(pos, m.start()))
                pieces.extend(unread)
                pos = m.end()
            continue
        if t.text[pos:m.start()].strip():
            pieces.append(t.piece(pos, m.start()))
        cells = dict(zip(slots, (t.piece(m.start() + a, m.start() + b) for a, b in cut)))
        target_unit = unit_of(cells["target"].text) if "target" in cells else None
        if target_unit is not None and unit_of(cells["actual"].text) is None:
            cells["actual"].unit = target_unit  # the result written bare in the target's unit (≥50个 | 50)
        pieces.extend(cells[slot] for slot in slots)
        pos = m.end()
    if not pieces:
        return [t], False
    if t.text[pos:].strip():
        pieces.append(t.piece(pos, len(t.text)))
    return pieces, score_apart


# a counter after a row's run that opens a sentence counting things (13个项目中3个未按期完工):
# the run's last digits may be that count's, so the run is left unread (not before 个别, 个人,
# 项目: words of their own, nor 家, 所, 处, which open a row's name as often: 家庭经济困难…)
_COUNTED_AFTER = regex.compile(r"个(?![别人体性])|项(?!目)")


def _unread_row_run(t: Token, m, order: list, whole_row: bool) -> list:
    """A bare run right after a row's name that holds all the row's figures and that no cut
    read, as tokens: its 分值 and 得分 where its tail cuts one way only, the rest a run of cells
    no figure is read from (glued_unread.py); [] where the run may be one figure."""
    run = m.group(0)
    ends_row = ROW_END.match(t.text, m.end()) is not None and (m.end() < len(t.text) or whole_row)
    if not ends_row or not is_complete_order(order) or not (holds_cells(run, order) or impossible_figure(run)):
        return []
    cut = tail_points_cut(run, order)
    if cut is None:
        return [unread_run(t, m.start(), m.end())]
    at = m.start()
    points = [t.piece(at + cut[0], at + cut[1]), t.piece(at + cut[1], m.end())]
    for p in points:
        p.unit = "分"  # (points: no bare result read into the row's other columns)
    return [unread_run(t, at, at + cut[0])] + points


def _dated_cuts(text: str, m, order: list, named: bool) -> list:
    """[(k, cut)] for each k of the run's last digits (one or two) that make a month or a day
    with the 月 or 日 right after the run, where the rest of the run cuts in the header's order."""
    after = text[m.end():m.end() + 1]
    if after not in ("月", "日") or not is_complete_order(order):
        return []
    run, out = m.group(0), []
    for k in (1, 2):
        tail = run[len(run) - k:]
        if (len(run) - k >= _MIN_RUN and tail.isdigit() and tail[0] != "0" and run[len(run) - k - 1].isdigit()
                and 1 <= int(tail) <= (12 if after == "月" else 31)
                and (cut := cut_run(run[:len(run) - k], order, named)) is not None):
            out.append((k, cut))
    return out


def _figure_pair(order: list) -> list:
    """target and result in the header's order, when no other column stands between them."""
    i, j = sorted((order.index("target"), order.index("actual")))
    return order[i:j + 1] if j == i + 1 else []


def _result_and_points(order: list) -> list:
    """result, 分值 and 得分 where the header ends with them in that order, else []."""
    return order[-3:] if order[-3:] == ["actual", "weight", "score"] else []



# figures then words that are no unit or counter of them (合计12个项目 is no score)
_LEADING_FIGURES = regex.compile(r"^\s*(\d+(?:\.\d+)?)(?=[^\d.%个人元万亿项次户分件家所名位天年月日号批期笔]|$)")


def leading_scores(t: Token) -> list:
    """The 分值 and 得分 (or 得分 alone) a total's label is followed by, run into the words
    after them (100100注：… is 100 and 100; 97.6部门联系人 is 97.6): tokens for them, [] when
    the figures cut more than one way (得分 ≤ 分值 ≤ 100, no leading 0)."""
    m = _LEADING_FIGURES.match(t.text)
    if m is None or t.positional:
        return []
    a, b = m.span(1)
    if POINTS_FIGURE.fullmatch(t.text, a, b) and Decimal(t.text[a:b]) <= 100:
        return [t.piece(a, b)]
    k = weight_then_score_cut(t.text, a, b)
    return [t.piece(a, k), t.piece(k, b)] if k is not None else []
