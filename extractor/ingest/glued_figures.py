"""A run of figures a copy wrote with no break between a row's cells (80.0062.54 for 80.00 |
62.54; 3,730.003,730.00; 7373) cut into its figures — only where one reading fits.

Where every figure of a table is written with the same number of decimal places, a run that
ends in that many digits after its last point has one reading: a cut right after each point's
digits (80.0062.54 is 80.00 | 62.54). A run of whole numbers (7373) has several (7 | 373,
73 | 73, 737 | 3): it is read only where the columns' totals leave one (column_sums.py). No
figure starts with a 0 it does not need, and thousands' commas stand every three digits.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

# the whole part of a figure: 0, or digits with no leading 0, maybe grouped by thousands' commas
_WHOLE = r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)"
# a run of digits, points and commas that a figure's cells may make (no point or comma at its ends)
RUN = regex.compile(r"\d(?:[\d.,]*\d)?")
# a figure a space stands beside: a row whose cells spaces keep apart (the readers of spaced
# rows'), no row run together
SPACED_FIGURE = regex.compile(r"\d\s|\s\d")


def places_of(run: str) -> Optional[int]:
    """The decimal places of the run's last figure (the digits after its last point), or None
    where it has no point."""
    point = run.rfind(".")
    return None if point < 0 else len(run) - point - 1


@lru_cache(maxsize=16)
def _figure(places: int) -> regex.Pattern:
    return regex.compile(rf"{_WHOLE}\.\d{{{places}}}")


@lru_cache(maxsize=16)
def _figure_or_whole(places: int) -> regex.Pattern:
    return regex.compile(rf"{_WHOLE}(?:\.\d{{{places}}})?" if places else _WHOLE)


def cut_at_places(run: str, places: int) -> Optional[list]:
    """The figures of `run` where each is written with `places` decimals (places ≥ 1), cut
    right after each point's digits; None where the run does not read so."""
    if places < 1:
        return None
    figure = _figure(places)
    out, pos = [], 0
    while pos < len(run):
        m = figure.match(run, pos)
        if m is None:
            return None
        out.append(m.group())
        pos = m.end()
    return out


def readings(run: str, places: int, most: int, limit: int = 64) -> Optional[list]:
    """Every way to read `run` as 1 to `most` figures, each a whole number or written with
    `places` decimals (the table's): [[figure texts]]; None where there are more than `limit`
    (a long run of digits reads too many ways for any total to single one out)."""
    figure = _figure_or_whole(places)
    out: list = []

    def walk(pos: int, cells: tuple) -> bool:
        if pos == len(run):
            out.append(list(cells))
            return len(out) <= limit
        if len(cells) == most:
            return True
        return all(walk(end, cells + (run[pos:end],)) for end in range(pos + 1, len(run) + 1)
                   if figure.fullmatch(run, pos, end))

    return out if walk(0, ()) else None
