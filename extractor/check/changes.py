"""Year-on-year changes (diff.change): this year − last year = the stated change, and the
stated growth rate against the change ÷ last year (or the wrong base, this year)."""
from __future__ import annotations

from decimal import Decimal

from . import rule
from .common import SEVERITY, facts_by_id, make_flag, relations_of, rounded, show, written
from .table_changes import table_change_flags
from .tolerance import interval_of, percentage, verdict


@rule("diff.change")
def check_diff_change(record: dict) -> list:
    """This year − last year = the stated change; change ÷ last year = the stated growth.
    A change that may be said of more than one figure (a 其中 list's total or its last part)
    is flagged only when no reading agrees, and as the reading closest to agreeing."""
    facts = facts_by_id(record)
    flags = []
    for rel in relations_of(record, "change"):
        currents = [rel["current"]] + list(rel.get("current_alternatives") or [])
        # last year's figure may be any of that year's before the change (2019年住院救助31,074
        # 人次、门诊救助43,950人次。2020年住院救助36,582人次，较上年增加5,508人次: not the nearest)
        previous = facts.get(rel["previous"]) if rel["previous"] else None
        previouses = [rel["previous"]] + ([f["id"] for f in _figures_of_year_before(facts[rel["change"]], previous, facts)]
                                          if previous is not None and previous.get("year") else [])
        pairs = [(c, p) for p in previouses for c in currents if c is None or c != p]
        readings = [_change_flags({**rel, "previous": p}, c, facts) for c, p in pairs]
        if all(readings) and previous is not None and any(
                _years_make_change({**rel, "previous": p}, c, facts)
                and not _change_flags({**rel, "previous": p}, c, facts)
                for c in _other_currents(facts[rel["change"]], currents, previouses, facts) for p in previouses):
            # another figure of the paragraph makes the change with last year's (预算9.80万元，
            # 实际支出8.43万元 … 较上年10.25万元减少1.82万元: the spending's change)
            continue
        if all(readings):
            # the reading closest to consistent: fewest flags, then one whose two years make
            # the change stated (“三公”经费8.46万元，其中…6.50万元；上年10.28万元，减少1.82万元,
            # 下降21.5%: the total's rate is what is off, not the nearest part's change)
            flags += min(zip(readings, pairs), key=lambda r: (len(r[0]), not _years_make_change(
                {**rel, "previous": r[1][1]}, r[1][0], facts)))[0]
    return flags + _rate_change_flags(record, facts) + table_change_flags(record)


def _rate_change_flags(record: dict, facts: dict) -> list:
    """A growth rate (or a change in points) stated with both years' figures and no change
    amount against what the two figures make of it."""
    flags = []
    for rel in relations_of(record, "rate_change"):
        rate, prev = facts[rel["rate"]], facts[rel["previous"]]
        readings = [_rate_change_reading(rate, facts[c], prev, Decimal(rel["direction"]))
                    for c in [rel["current"]] + list(rel.get("current_alternatives") or [])]
        readings = [r for r in readings if r is not None]
        if not readings or any(r[0][0] == "ok" for r in readings):
            continue
        (outcome, diff, tol), expected, what, unit, cur = min(readings, key=lambda r: abs(r[0][1]))  # the closest
        flags.append(make_flag(SEVERITY[outcome],
                               f"增减幅度与两年数据不符：文中{written(rate)}，按{what}计算为{rounded(abs(expected.mid), 2)}{unit}",
                               rate["value"], rounded(expected.mid, 4), rounded(diff, 4), rounded(tol, 4), [rate, cur, prev]))
    return flags


def _rate_change_reading(rate: dict, cur: dict, prev: dict, sign: Decimal):
    """(verdict, expected, how, unit, cur) of a rate read as the change from prev to cur."""
    difference = (interval_of(cur) - interval_of(prev)).scaled(sign)
    if rate["kind"] == "percent_point":
        return verdict(rate, difference), difference, f"{written(cur)} − {written(prev)}", "个百分点", cur
    expected = percentage(difference, interval_of(prev))
    if expected is None:
        return None
    return verdict(rate, expected), expected, f"（{written(cur)} − {written(prev)}）÷ {written(prev)}", "%", cur


def _change_flags(rel: dict, current_id, facts: dict) -> list:
    """The flags of one change relation read as said of the figure `current_id`."""
    change = facts[rel["change"]]
    cur = facts.get(current_id) if current_id else None
    prev = facts.get(rel["previous"]) if rel["previous"] else None
    rate = facts.get(rel["rate"]) if rel["rate"] else None
    sign = Decimal(rel["direction"])
    flags = []
    if cur and prev:
        computed, (outcome, diff, tol) = _years_change(change, cur, prev, sign)
        if outcome != "ok":
            flags.append(make_flag(
                SEVERITY[outcome],
                f"增减额与两年数据不符：文中{written(change)}，{written(cur)} − {written(prev)} = {show(abs(computed.mid), change)}",
                change["value"], computed.mid, diff, tol, [change, cur, prev]))
        base = interval_of(prev)
    elif cur and not Decimal(cur["value"]):
        # nothing this year (因公出国（境）费0万元，较上年减少3.18万元，下降12.45%): a change
        # and rate other than all of it are said of something else (the list's total)
        return flags
    elif cur:
        base = interval_of(cur) - interval_of(change).scaled(sign)
        if base.high <= 0:
            return flags  # a change larger than the figure it is read of is said of something else
    elif prev:
        base = interval_of(prev)  # last year's figure stated, this year's not
    else:
        return flags
    if rate is None:
        return flags
    expected = percentage(interval_of(change), base)
    if expected is None:
        return flags
    outcome, diff, tol = verdict(rate, expected)
    if outcome == "ok":
        return flags
    if cur and prev and verdict(rate, ((interval_of(cur) - interval_of(prev)) / base).scaled(sign * 100))[0] == "ok":
        return flags  # the rate is the two years' own: the change stated is what is off (flagged above)
    over_current = percentage(interval_of(change), interval_of(cur)) if cur is not None else None
    wrong_base = over_current is not None and verdict(rate, over_current)[0] == "ok"
    if not wrong_base and any(_rate_of_base(rate, change, facts[b], sign)
                              for b in rel.get("base_alternatives") or [] if b in facts):
        return flags  # the rate is of another figure of the paragraph, as last year's or as this year's
    if not wrong_base and not prev and cur and cur["source"].get("block") != change["source"].get("block") and any(
            _rate_of_base(rate, change, f, sign) for f in _figures_just_before(change, facts)):
        # this year's figure was looked for outside the change's paragraph: the table right
        # above it (上年决算 | 合计 1977.97) may hold the two years' own figures
        return flags
    message = (f"增减率与增减额不符：文中{written(rate)}，按{written(change)}÷上年数计算为{rounded(expected.mid, 2)}%")
    if wrong_base:
        message += f"；文中比率等于{written(change)}÷本年数{written(cur)}，分母用错（应以上年数为基数）"
    flags.append(make_flag(SEVERITY[outcome], message, rate["value"], rounded(expected.mid, 4), rounded(diff, 4), rounded(tol, 4),
                           [rate, change] + ([cur] if cur else []) + ([prev] if prev else []),
                           wrong_base=wrong_base))
    return flags


def _rate_of_base(rate: dict, change: dict, figure: dict, sign: Decimal) -> bool:
    """Does the change make the stated rate of `figure`, read as last year's figure or as this
    year's (last year's = it − the change, + for a decrease)?"""
    for base in (interval_of(figure), interval_of(figure) - interval_of(change).scaled(sign)):
        expected = percentage(interval_of(change), base) if base.low > 0 else None
        if expected is not None and verdict(rate, expected)[0] == "ok":
            return True
    return False


def _other_currents(change: dict, currents: list, previouses: list, facts: dict) -> list:
    """The figures of the change's kind and unit in its paragraph and the one before it, not
    of another year than this one's, that the change was not read of: a budget and its spending
    both stated, the change may be of either."""
    block, start = change["source"].get("block"), change["source"].get("start") or 0
    if block is None:
        return []
    taken = set(currents) | set(previouses)
    years = {None} | {facts[c].get("year") for c in currents if c in facts}
    return [f["id"] for f in facts.values() if f["id"] not in taken and f is not change
            and f["kind"] == change["kind"] and f["unit"] == change["unit"] and f["source"].get("table") is None
            and f["source"].get("block") is not None and block - 1 <= f["source"]["block"] <= block
            and (f["source"]["block"] < block or (f["source"].get("start") or 0) < start)
            and f.get("year") in years]


def _figures_of_year_before(change: dict, previous: dict, facts: dict) -> list:
    """The other figures of last year's figure's kind, unit and year in the change's paragraph
    before it."""
    block, start = change["source"].get("block"), change["source"].get("start") or 0
    return [f for f in facts.values() if f is not previous and f["source"].get("block") == block
            and f["source"].get("table") is None and (f["source"].get("start") or 0) < start
            and (f["kind"], f["unit"], f.get("year")) == (previous["kind"], previous["unit"], previous["year"])]


def _years_make_change(rel: dict, current_id, facts: dict) -> bool:
    cur = facts.get(current_id) if current_id else None
    prev = facts.get(rel["previous"]) if rel["previous"] else None
    if not (cur and prev):
        return False
    return _years_change(facts[rel["change"]], cur, prev, Decimal(rel["direction"]))[1][0] == "ok"


def _years_change(change: dict, cur: dict, prev: dict, sign: Decimal) -> tuple:
    """(this year − last year, signed as the change is, and its verdict against the change)."""
    computed = (interval_of(cur) - interval_of(prev)).scaled(sign)
    return computed, verdict(change, computed)


def _figures_just_before(change: dict, facts: dict) -> list:
    """Figures of the change's kind and unit in its paragraph and the two blocks before it
    (a table of both years' figures, then the sentence that states their change)."""
    block = change["source"].get("block")
    if block is None:
        return []
    return [f for f in facts.values() if f is not change and f["kind"] == change["kind"] and f["unit"] == change["unit"]
            and f["source"].get("block") is not None and block - 2 <= f["source"]["block"] <= block]
