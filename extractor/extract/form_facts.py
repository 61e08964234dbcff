"""Facts for the values in a form's slots.

A slot's value may already be a fact (a figure with its own unit in text, or a table cell
under a header the table reader understood): then it is relabelled with its slot, and
retyped when the form says what the bare number is (a number under 年初预算数 in a block
headed 项目资金（万元） is an amount in 万元). Otherwise a new fact is made, pointing at
the exact characters of the cell. Dashes, slashes and 无 are "not applicable", never 0.
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Optional

import regex

from .facts import Fact, written_unit_spec
from .form_vocab import is_na
from .form_targets import compared_bare
from .numbers import beyond_any_rate, find_quantities, parse_arabic

_BARE_NUMBER = regex.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_UNIT_NAMED = regex.compile(r"[（(]\s*(?:万元|亿元|元|人|人次|户)\s*[)）]$")


def _column_of_figures(table, col) -> bool:
    """Does column `col` of a table rebuilt from rows of different lengths hold a figure in
    every row, under a name that states their unit (支出内容 | 实际支出数（万元） | 会计凭证号 | 备注
    over rows that left out their empty 备注)? Those figures stand where their column says."""
    if col is None or table.header_rows != 1 or col >= table.n_cols \
            or not _UNIT_NAMED.search(table.rows[0][col].text.strip()):
        return False
    body = table.rows[1:]
    return len(body) >= 2 and all(_BARE_NUMBER.fullmatch(row[col].text.strip()) for row in body)
_FIGURE = regex.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*%?")
_MAGNITUDE = {"万": 10000, "亿": 100000000}
# a rate written as a share of one (0.9568, 1.0016) in a rate column (执行率) with no %
_SHARE_OF_ONE = regex.compile(r"(?:0|1)\.\d{2,}")


def value_of(text: str) -> Decimal:
    m = _FIGURE.search(text)
    return parse_arabic(m.group(0).rstrip("% ").lstrip("+-"))[0] if m else Decimal(0)


class FactIndex:
    """The document's facts by where they are, so a slot finds the fact already read
    from its cell; new facts get ids after the existing ones."""

    def __init__(self, facts: list):
        self.facts = facts
        self.by_place = defaultdict(list)
        for f in facts:
            self.by_place[self._place(f.source)].append(f)
        self.claimed: set = set()  # ids of facts a slot read
        self.dropped: set = set()  # ids of facts a form showed to be no figure

    @staticmethod
    def _place(source: dict) -> tuple:
        return source.get("block"), source.get("row"), source.get("col")

    def _existing(self, source: dict) -> Optional[Fact]:
        for f in self.by_place.get(self._place(source), ()):
            if f.source["start"] < source["end"] and source["start"] < f.source["end"]:
                return f
        return None

    def fact_for(self, token, written_unit: Optional[str], label: str, subject: Optional[str], extra: dict):
        """The fact for a slot's cell. `written_unit`: the unit the form gives a bare
        number (万元 in the fund block, 分 for 分值/得分); None when only a figure with its
        own unit (≥95%, 1200人) makes a fact."""
        text = token.text
        m = _FIGURE.search(text)
        if m is None:
            return None
        figure = m.group(0).rstrip()
        has_percent = figure.endswith("%")
        # ≥3.2万 | 人: a figure in 万, alone or after its comparator, whose unit is its row's cell
        magnitude = text[m.end():].strip()
        if magnitude not in _MAGNITUDE or written_unit is None or has_percent \
                or (text[:m.start()].strip() and not compared_bare(text[:m.end()])):
            magnitude = ""
        bare_number = (text.strip() == figure.strip() or text.strip() == figure.strip() + "%" or magnitude
                       or written_unit is not None and compared_bare(text))  # ≥ 5200 | 户 (计量单位)
        if bare_number and written_unit is not None or has_percent:
            unit = "%" if has_percent else written_unit
            number = figure.rstrip("%").rstrip()
            negative = number.startswith("-")
            value, decimals = parse_arabic(number.lstrip("+-"))
            if unit == "%" and not has_percent and label == "执行率" and beyond_any_rate(value):
                return None  # 213722.82 in the 执行率 slot: the row's cells stand off their columns
            kind, base, mult = written_unit_spec(unit)
            mult *= _MAGNITUDE.get(magnitude, 1)
            share = unit == "%" and not has_percent and _SHARE_OF_ONE.fullmatch(number) is not None
            if share:
                mult *= 100  # (0.9568 is 95.68%: a percentage is compared with percentages)
            source = token.source(m.start(), m.start() + len(figure) + len(magnitude))
            return self._put(source, kind, (-value if negative else value) * mult, base, decimals, mult, label,
                             subject, {**extra, "written_unit": "×100%" if share else magnitude + unit})
        quantities = find_quantities(text)
        if not quantities:
            return None
        q = quantities[0]
        source = token.source(q.start, q.end)
        return self._put(source, q.kind, q.value, q.unit, q.decimals, q.scale, label, subject,
                         {**extra, "written_unit": q.written_unit}, approx=q.approx)

    def has_fact(self, token) -> bool:
        """Has a reader before the form's made a fact of the token's text?"""
        return self._existing(token.source()) is not None

    def not_applicable(self, token) -> None:
        """A form's dash (—) is "not applicable": the table reader's 0 for it goes. So does
        the table reader's typing of any cell the form reads as no fact (a bare result
        beside its target is no 分 of a 分值 column further up)."""
        fact = self._existing(token.source())
        if fact is not None and fact.id not in self.claimed:
            self.dropped.add(fact.id)

    def drop_within(self, token) -> None:
        """Every fact no slot read inside the token's characters goes (figures run together that
        no cut reads: 864.2100% is no rate, whichever reader took it whole)."""
        where = token.source()
        for f in self.by_place.get(self._place(where), ()):
            if f.id not in self.claimed and where["start"] <= f.source["start"] and f.source["end"] <= where["end"]:
                self.dropped.add(f.id)

    def drop_unclaimed_cells(self, block) -> None:
        """Cells of a form's table that no slot read: a dash is "not applicable" (the table
        reader's 0 for it goes); in a table rebuilt from text rows of different lengths a bare
        number is no fact either, as the table reader typed it by a column the text did not
        keep — unless its own label right before it gave its unit (项目总预算（万元） | 1,280)."""
        numbers_too = block.table.written_as_text and block.table.ragged
        for (b, row, col), facts in self.by_place.items():
            if b != block.index or row is None:
                continue
            for f in facts:
                text = f.text.strip()
                by_column = numbers_too and _BARE_NUMBER.fullmatch(text) and not f.extra.get("unit_of_label") \
                    and not _column_of_figures(block.table, col)
                if f.id not in self.claimed and (is_na(text) or by_column):
                    self.dropped.add(f.id)

    def by_id(self, fact_id: str) -> Optional[Fact]:
        return next((f for f in self.facts if f.id == fact_id), None)

    def remaining(self) -> list:
        return [f for f in self.facts if f.id not in self.dropped]

    def _put(self, source, kind, value, unit, decimals, scale, label, subject, extra, approx=False) -> Fact:
        fact = self._existing(source)
        if fact is not None:
            self.claimed.add(fact.id)
            self.dropped.discard(fact.id)
            if fact.kind != kind or fact.value != value:
                fact.kind, fact.value, fact.unit, fact.scale, fact.decimals = kind, value, unit, scale, decimals
            if (fact.source["start"], fact.source["end"]) != (source["start"], source["end"]):
                # the text reader took figures run together as one (1020万元 for 分值 10 and
                # 20万元, or 13.20 -17.80% for a range): the fact is the cell's figure alone,
                # quoted where the cell is
                fact.source, fact.text, fact.range_high = {**fact.source, **source}, source["quote"], None
            fact.label = label
            fact.subject = subject
            fact.extra.update(extra)
            return fact
        fact = Fact(kind=kind, value=value, unit=unit, text=source["quote"], decimals=decimals, approx=approx,
                    source=source, label=label, subject=subject, scale=scale, extra=dict(extra))
        self.facts.append(fact)
        self.by_place[self._place(source)].append(fact)
        fact.id = f"f{len(self.facts)}"
        self.claimed.add(fact.id)
        return fact
