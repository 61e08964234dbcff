"""Bare figures whose unit is written with their label rather than after them.

Forms typed into Word and copied out of it write a value's unit once, in its label:
项目资金（万元）：1084.25 on one line, or one cell per line — 计划安排资金 / （万元） / 170.
The figure alone says nothing; its label line does. A bare figure becomes a fact only
where its own line, or the line right before it, ends in such a unit, and lines of a
label and a bare figure right after one (其中：中央补助 668.00) share it, as the lines of a
label and a bare figure right after a line stating the unit (单位：万元) do: a line that is
anything else ends the run. A unit that is not a known written unit (年, 个月 …) makes no
fact.
"""
from __future__ import annotations

from typing import Optional

import regex

from ..model import TABLE, Document
from ..numbering import numbering_of
from .form_vocab import ROW_NUMBER
from .labels import bare_header, label_of_header

_UNIT = r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<unit>万元|亿元|千元|元|万人|人次|人|户|%|％|分)\s*[)）]"
# 项目资金（万元）：1084.25 | 资金合计（万元） 年度预算资金总额：1084.25
_LABEL_UNIT_VALUE = regex.compile(rf"^(?P<label>[^\d\n]{{1,30}}?){_UNIT}[^\d\n]{{0,16}}?[:：]?\s*(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)\s*$")
# a flattened row of such pairs: 计划安排资金（万元） 250 实际到位资金（万元） 240
_PAIR = rf"(?P<label>[^\d\n]{{1,30}}?){_UNIT}\s*[:：]?\s*(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)"
_PAIRS_LINE = regex.compile(rf"^\s*(?:{_PAIR}\s+)+{_PAIR}\s*$")
_ONE_PAIR = regex.compile(_PAIR)
# such pairs run together inside a longer line, as a web page's form flattened to one line
# writes them: 计划投资额(万元)678.44实际到位资金(万元)678.44其中… (the figure right after the
# unit, and words or punctuation right after the figure)
_MONEY_UNIT = r"[（(]\s*(?:单位\s*[:：]\s*)?(?P<unit>万元|亿元|元)\s*[)）]"  # （万元）, （单位：万元）
_GLUED_PAIR = regex.compile(rf"(?P<label>\p{{Han}}{{2,16}}?){_MONEY_UNIT}[:：]?"
                            r"(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)(?=\p{Han}|[\s，。,;；、]|$)")
# such pairs a space apart inside a longer line, as a form one cell a line flattened to one
# line writes them (计划安排资金  (万元)  170  实际到位资金  (万元)  170): read only where a
# line holds two of them or more, the figure no year's or date's and no row's first cell of
# figures (年度资金总额(万元): 1 52.80 52.80: the 1 under 行次)
_SPACED_PAIR = regex.compile(rf"(?<!\p{{Han}})(?P<label>\p{{Han}}{{2,16}})\s*{_MONEY_UNIT}\s*[:：]?\s*"
                             r"(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)(?!\s*[年月日号]|\s+[-+]?\d)(?=\p{Han}|[\s，。,;；、]|$)")
_FEWEST_SPACED_PAIRS = 2
# the sources of the money such pairs state, each run onto its figure after them (其中:中央财政
# 其中:中央财政省财政205.4省财政205.4市县财政473.04…: the columns' 其中 rows flattened)
_SOURCE_WORDS = r"(?:中央|省级?|自治区|市县|市级?|县级?|区级?|乡镇)(?:财政)?(?:资金|补助)?|其他资金|自筹资金"
_SOURCE_PAIR = regex.compile(rf"(?P<label>{_SOURCE_WORDS}|其[他它])\s*(?P<number>\d[\d,]*(?:\.\d+)?)(?!\s*[年月日号])(?=\p{{Han}}|[\s，。,;；、]|$)")
# a line ending in a unit and holding no figure: 计划安排资金（万元） | （万元）
# a line naming where money comes from, one cell a line under a form's money cells
# (计划安排资金 / （万元） / 170 / 其中：中央财政 / 省财政 / 170): its figure on the next line
_SOURCE_LABEL = regex.compile(rf"^\s*(?:其中\s*[:：]\s*)?(?:{_SOURCE_WORDS}|其他|其它)\s*$")
_MONEY = ("万元", "亿元", "千元", "元")
_LABEL_UNIT = regex.compile(rf"^(?P<label>[^\d\n]{{0,30}}?)\s*{_UNIT}\s*[:：]?\s*$")
# a run's next line: 其中：中央补助 668.00 | 本级资金（包括结转结余） 73.25 | 1.奖励扶助资金： 468.00
_LABEL_VALUE = regex.compile(r"^(?P<label>(?:\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）]))?[^\d\n]{1,24}?)[:：]?\s*"
                             r"(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)\s*$")
# where a line ends: a line break, or a 其中 breakdown run onto the line of its total
# (text readers join lines they take for one wrapped line)
_LINE_BREAK = regex.compile(r"(?<=\n)|(?<=\d)(?=\s*其中\s*[:：])", regex.V1)
# labels of numbers that are codes, dates or positions, never quantities
_NOT_A_QUANTITY = regex.compile(r"电话|手机|传真|邮\s*编|邮政|编码|代码|编号|号码|序号|日期|时间|文号|账号|^\s*(?:年度|年份|年)\s*$")
# a form with a column of row numbers (行次 / 栏次 / 列次)
_ROW_NUMBER_HEADER = regex.compile(r"行\s*次|栏\s*次|列\s*次")
_BARE_VALUE = regex.compile(r"^\s*(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)\s*$")
# a line that states the unit of the lines after it: 单位：万元, （金额单位：万元）
_UNIT_LINE = regex.compile(r"^\s*[（(]?\s*(?:金额|资金)?单位\s*[:：]\s*(?P<unit>万元|亿元|千元|元)\s*[)）]?\s*$")


def labelled_values(doc: Document, make_fact) -> list:
    """New facts for the bare figures of `doc`'s text whose unit their label gives.
    `make_fact(block, start, end, written_unit, label)` builds one (None when it cannot);
    figures already facts are left to them."""
    out = []
    pending: Optional[tuple] = None  # (unit, label) of the line before, when it ends in a unit
    run: Optional[str] = None  # the unit a run of label-and-figure lines shares
    previous = ""  # the line before, for a line that is only a unit
    last = None  # the fact of the line before, if it made one
    breakdown = _Breakdown()
    sources_unit = None  # the money unit of the last line's glued label（万元）figure pairs
    # one cell a line: the money unit of the figures just before a run of source lines, and
    # the source named on the line before
    source_run: Optional[str] = None
    source_label: Optional[str] = None
    numbered_rows = any(_ROW_NUMBER_HEADER.search(b.text) for b in doc.blocks if b.kind != TABLE)
    for block, offset, line in _lines(doc):
        if block is None:  # a table between: nothing carries over
            pending = run = last = sources_unit = source_run = source_label = None
            previous = ""
            breakdown.close()
            # (but the money unit of a table of names over their figures, each name stating it,
            # for the sources written one cell a line after it: 计划安排资金（万元） | 实际到位资金
            # （万元） over 1580 | 1580, then 其中：中央财政 / 省财政 / 1125 / 省财政 / 1125 …)
            source_run = line or None
            continue
        found = None
        if m := _UNIT_LINE.match(line):
            # the label-and-figure lines after it are in its unit (年度预算资金总额： 2148.60)
            run, pending, last, previous = m["unit"], None, None, ""
            breakdown.close()
            continue
        if _PAIRS_LINE.match(line):
            out.extend(_pair_facts(block, offset, line, make_fact))
            pending = run = last = None
            breakdown.close()
            previous = ""
            continue
        if m := _LABEL_UNIT_VALUE.match(line):
            found, run = (m, m["unit"], m["label"]), m["unit"]
        elif (run or pending) and (m := _LABEL_VALUE.match(line)):
            found, run = (m, run or pending[0], m["label"]), run or pending[0]
        elif pending and (m := _BARE_VALUE.match(line)):
            found, run = (m, *pending), None
        elif source_run and source_label and (m := _BARE_VALUE.match(line)):
            found, run = (m, source_run, source_label), None
        else:
            run = None
        if found and _NOT_A_QUANTITY.search(found[2]):
            found = run = None  # 联系电话 8328726 after a run of amounts is no amount
        if found and numbered_rows and ROW_NUMBER.fullmatch(found[0]["number"]):
            found = None  # a form that numbers its rows (行次 1, 2, 3): the label's figure is its row's number
        fact = None
        if found:
            m, unit, label = found
            start = offset + m.start("number")
            fact = make_fact(block, start, offset + m.end("number"), "%" if unit == "％" else unit, _label(label))
            if fact is not None:
                out.append(fact)
            pending = None
        elif m := _LABEL_UNIT.match(line):
            pending = (m["unit"], m["label"].strip() or previous)
        else:
            pending = None
            glued = _pair_facts(block, offset, line, make_fact, _GLUED_PAIR)
            if not glued and len(_SPACED_PAIR.findall(line)) >= _FEWEST_SPACED_PAIRS:
                glued = _pair_facts(block, offset, line, make_fact, _SPACED_PAIR)
            out.extend(glued)
            # (the sources run on after the pairs, on their line or on the 其中 line cut from it)
            if glued:
                sources_unit, after = _money_unit(glued), max(f.source["end"] for f in glued) - offset
            elif not _BREAKDOWN.match(line):
                sources_unit = None
            if sources_unit:
                out.extend(_source_facts(block, offset, line, make_fact, sources_unit, after if glued else 0))
        if found and found[1] in _MONEY:  # (a figure some other reader made a fact of too)
            source_run = found[1]
        elif not found and not (source_run and _SOURCE_LABEL.match(line)):
            source_run = None  # the sources' run ends at any line that is neither a source nor its figure
        source_label = line.strip() if source_run and _SOURCE_LABEL.match(line) else None
        breakdown.line(fact, line, last)
        last = fact
        previous = line.strip()
    breakdown.close()
    return out


def _pair_facts(block, offset: int, line: str, make_fact, pair=_ONE_PAIR) -> list:
    out = []
    for m in pair.finditer(line):
        if _NOT_A_QUANTITY.search(m["label"]):
            continue
        unit = "%" if m["unit"] == "％" else m["unit"]
        fact = make_fact(block, offset + m.start("number"), offset + m.end("number"), unit, _label(m["label"]))
        if fact is not None:
            out.append(fact)
    return out


def _money_unit(glued: list) -> Optional[str]:
    """The one money unit in 万 or 亿 a line's glued pairs share, if they do."""
    units = {f.extra.get("written_unit") for f in glued}
    return units.pop() if len(units) == 1 and units <= {"万元", "亿元"} else None


def _source_facts(block, offset: int, line: str, make_fact, unit: str, after: int) -> list:
    """Facts for the money sources run onto their figures after a line's label（万元）figure
    pairs (from `after` on), in the pairs' unit."""
    out = []
    for m in _SOURCE_PAIR.finditer(line, after):
        fact = make_fact(block, offset + m.start("number"), offset + m.end("number"), unit, _label(m["label"]))
        if fact is not None:
            out.append(fact)
    return out


# a line of another quantity than the breakdown's parts (spending after the budget's sources)
OTHER_QUANTITY = regex.compile(r"支出|执行|到位|结余|余额|决算|完成")
_BREAKDOWN = regex.compile(r"^\s*其中\s*[:：]?")


class _Breakdown:
    """A total line and the 其中 lines after it (其中：中央补助 668.00 / 市级资金 343.00 /
    本级资金 73.25): each fact is marked with its breakdown and role, from which
    extract/relations makes a breakdown relation. The list ends at any line that is not a part:
    a line of words, another 其中, another quantity (实际支出 …)."""

    def __init__(self):
        self.count = 0
        self.total = None
        self.parts: list = []

    def line(self, fact, line: str, last) -> None:
        opens = _BREAKDOWN.match(line) is not None
        if fact is not None and opens and last is not None and last.kind == fact.kind and self.total is not last:
            self.close()
            self.total, self.parts = last, [fact]
        elif (fact is not None and self.total is not None and not opens and fact.kind == self.total.kind
              and not OTHER_QUANTITY.search(bare_header(line)) and numbering_of(line.strip())[0] is None):
            # (a numbered line is the next item's total: 1.奖励扶助资金： 468.00)
            self.parts.append(fact)
        else:
            self.close()

    def close(self) -> None:
        members = [self.total] + self.parts
        if any("label_breakdown" in f.extra for f in members if f is not None):
            self.parts = []  # a figure of another breakdown already: no telling which holds
        if self.total is not None and len(self.parts) >= 2:
            self.count += 1
            for role, f in [("total", self.total)] + [("part", p) for p in self.parts]:
                f.extra["label_breakdown"] = {"id": self.count, "role": role}
        self.total, self.parts = None, []


def _lines(doc: Document):
    """(block, offset, line) of each line of text; (None, 0, the money unit every name of its
    header states, or "") for a table."""
    for block in doc.blocks:
        if block.kind == TABLE:
            yield None, 0, _header_money_unit(block.table)
            continue
        offset = 0
        for part in _LINE_BREAK.split(block.text):
            if part.strip():
                yield block, offset, part
            offset += len(part)


_NAMED_MONEY_UNIT = regex.compile(r"[（(]\s*(万元|亿元|元)\s*[)）]$")


def _header_money_unit(table) -> str:
    """The money unit each of a table's header names states in brackets (计划安排资金（万元）),
    where every one states the same; else ""."""
    if not table.rows or table.header_rows != 1:
        return ""
    units = {m.group(1) if (m := _NAMED_MONEY_UNIT.search(cell.text.strip())) else None
             for cell in table.rows[0] if cell.text.strip()}
    return units.pop() if len(units) == 1 and None not in units else ""


def _label(text: str) -> Optional[str]:
    text = _BREAKDOWN.sub("", text.strip()).strip(" :：")
    return label_of_header([text]) if text else None

