"""Typed facts (amounts, headcounts, rates, scores …) from a Document's text and tables.
The text is read here; a table's cells are read in table_facts.py.

Every fact points at its block (and table cell) with char offsets into that block's (or
cell's) text and the exact quote, so a reviewer can find it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import HEADING, TABLE, Document
from ..patterns import load_json
from ..subjects import subject_names
from .glued_points import glued_point_facts
from .glued_rates import glued_rate_facts
from .text_score_tables import score_table_facts, text_score_tables
from .labelled_values import labelled_values
from .level_weights import level_weights
from .labels import clause_before, formula_name, label_for, name_list_items, year_for
from .numbers import find_quantities, parse_cell_number
from .place_sections import place_sections
from .sentences import CLAUSE_GROUP_END, sentence_index, sentence_spans


@dataclass(slots=True)
class Fact:
    kind: str
    value: Decimal
    unit: str
    text: str
    decimals: int
    approx: bool
    source: dict
    label: Optional[str] = None
    subject: Optional[str] = None
    year: Optional[int] = None
    range_high: Optional[Decimal] = None
    # The words of the figure's clause before it: what relation finding and the
    # checker compare to decide whether two figures state the same quantity.
    context: str = ""
    scale: Decimal = Decimal(1)  # base units per written unit: tolerances come from the written digits
    id: str = ""
    extra: dict = field(default_factory=dict)


LOW_OCR_CONFIDENCE = 60


@lru_cache(maxsize=1)
def _units() -> dict:
    return load_json("units.json")


# a form's head line stating the unit of its tables at its end (购买主体：…民政局    金额单位：元)
_UNIT_AT_LINE_END = regex.compile(r"\S\s{2,}[（(]?\s*(?:金额|资金)?单位\s*[:：]\s*(?P<unit>万元|亿元|千元|元)\s*[)）]?\s*$")


def _is_caption_line(block) -> bool:
    """Is the block a short line of words naming the table below it (财政供养人员情况), between
    the table and the line stating its unit?"""
    return block.kind != TABLE and len(block.text) <= 20 and not regex.search(r"\d", block.text)


_MOST_CAPTION_LINES = 4


# a table's numbered caption (表1 …, 附表2 …), which a Word document may set under its table, or
# a line stating its unit alone (（单位：万元）)
_CAPTION_BELOW = regex.compile(r"\s*附?表\s*[\d一二三四五六七八九十]{1,3}(?![\d年])|\s*[（(]?\s*(?:金额)?单位\s*[:：][^。；;]{1,12}$")


def _unit_over_captions(blocks: list, n: int, unit_line_above) -> Optional[str]:
    """The unit a line states above the short lines of words between it and the table at
    `n`: a caption (财政供养人员情况), or the header's names a table written one cell a line
    left above its rows (年度收入情况（万元） over 机构名称, 收入合计, 其中：, then the rows)."""
    k = n - 1
    while k > 0 and n - k <= _MOST_CAPTION_LINES and _is_caption_line(blocks[k]):
        if unit := unit_line_above(blocks[k - 1]):
            return unit
        k -= 1
    return None


def extract_facts(doc: Document, score_tables: Optional[list] = None) -> list:
    """`score_tables`: the score tables written as running text (text_score_tables), read
    here when not given."""
    # imported here, not at the top: table_facts builds on this module (Fact, the text facts
    # it reads a cell of words with), so a top-level import either way would be a cycle
    from .table_facts import _table_facts
    from .table_units import _unit_line_above, listed_units_above

    facts = []
    places = place_sections(doc)
    stated = None  # the unit a line above the last table stated for it
    form_unit = None  # the unit a form's head line states at its end (购买主体：…    金额单位：元)
    for n, block in enumerate(doc.blocks):
        if block.kind == TABLE:
            above = doc.blocks[n - 1] if n else None
            # (tables back to back are one form's parts, 单位：万元 over the first stating it for
            # all: 人员情况 | 经费控制情况 | 预算执行情况; the first's caption may stand between)
            stated = _unit_line_above(above) or (stated if above is not None and above.kind == TABLE else None) \
                or _unit_over_captions(doc.blocks, n, _unit_line_above)
            listed = listed_units_above(above)
            below = doc.blocks[n + 1] if n + 1 < len(doc.blocks) else None
            after = doc.blocks[n + 2] if n + 2 < len(doc.blocks) else None
            if not (stated or form_unit or listed) and below is not None and _CAPTION_BELOW.match(below.text) \
                    and (after is None or after.kind != TABLE):
                # (the table's caption under it, as a Word document sets it: 表1 …（单位：户、人、万元）;
                # not a caption over the next table)
                stated, listed = _unit_line_above(below), listed_units_above(below)
            facts.extend(_table_facts(block, stated or form_unit, listed))
        else:
            if block.kind == HEADING:
                form_unit = None
            elif m := _UNIT_AT_LINE_END.search(block.text.split("\n")[-1]):
                form_unit = m["unit"]
            where = {"page": block.page, "block": block.index, "table": None, "row": None, "col": None}
            if block.confidence is not None:
                where.update(_ocr_source(block.bbox, block.confidence))
            block_facts = _text_facts(block.text, where)
            if block.numbering and block.kind != HEADING:
                for fact in block_facts:  # 1、… 2、…: the items of a list are parallel things
                    fact.extra["item"] = block.numbering
            if block.index in places:
                for fact in block_facts:  # （二）溪口县 above the paragraph: its figures are the county's
                    fact.extra["section_place"] = places[block.index]
            facts.extend(block_facts)
    # a score table's figures are its own: its arithmetic says what they are (培训人数20≥800人
    # in a row run together is the row's 分值, not a count its label would make it)
    tables = text_score_tables(doc) if score_tables is None else score_tables
    in_tables = {(fig.block.index, fig.start) for tree in tables for fig in tree.figures}
    runs = [run for tree in tables for run in tree.runs]
    facts = [f for f in facts if f.source.get("row") is not None
             or ((f.source["block"], f.source["start"]) not in in_tables
                 or f.kind == "score" or not regex.fullmatch(r"[\d.]+", f.text))
             and not any(b == f.source["block"] and s < f.source["end"] and f.source["start"] < e for b, s, e in runs)]
    # figures the text readers above left bare, read by what stands around them; a figure
    # already a fact is left to it
    taken = {(f.source["block"], f.source["start"]) for f in facts if f.source.get("row") is None}

    def new_fact(block, start: int, end: int, written_unit: str, label: Optional[str]) -> Optional[Fact]:
        fact = None if (block.index, start) in taken else _labelled_fact(block, start, end, written_unit, label)
        if fact is not None:
            taken.add((block.index, start))
        return fact

    facts.extend(score_table_facts(tables, new_fact))
    for find in (labelled_values, glued_rate_facts, glued_point_facts, level_weights):
        facts.extend(find(doc, new_fact))
    for i, fact in enumerate(facts, 1):
        fact.id = f"f{i}"
    return facts


def _labelled_fact(block, start: int, end: int, written_unit: str, label: Optional[str]) -> Optional[Fact]:
    """A bare figure in a block's text whose unit its label gives (labelled_values.py), or a rate
    cut from a run of figures (glued_rates.py, glued_points.py)."""
    quote = block.text[start:end]
    parsed = parse_cell_number(quote)
    if parsed is None:
        return None
    value, decimals, _ = parsed
    kind, base, mult = written_unit_spec(written_unit)
    where = {"page": block.page, "block": block.index, "table": None, "row": None, "col": None}
    if block.confidence is not None:
        where.update(_ocr_source(block.bbox, block.confidence))
    return Fact(kind=kind, value=value * mult, unit=base, text=quote, decimals=decimals, approx=False, label=label,
                scale=mult, source={**where, "start": start, "end": end, "quote": quote},
                extra={"written_unit": written_unit, "unit_from_label": True})


def _ocr_source(box, confidence: float) -> dict:
    """OCR: where the figure is on the page, and how sure the engine was."""
    return {"box": box, "ocr_confidence": confidence, "low_confidence": confidence < LOW_OCR_CONFIDENCE}


@lru_cache(maxsize=1)
def _reason_words() -> regex.Pattern:
    return regex.compile("|".join(map(regex.escape, load_json("relations.json")["explanation_words"])))


def _reason(text: str, sentence: tuple) -> Optional[str]:
    """A word in the figure's sentence (clause group) that gives a reason for a change
    (清退, 核减 …): such a figure can explain a gap between two others."""
    m = _reason_words().search(text, *sentence)
    return m.group(0) if m else None


def _named_subject(text: str, sentence_start: int, start: int) -> Optional[str]:
    """Whom a figure in the text is about: the last county, town, group or village its
    sentence names before it (青禾镇…参保12.3万人 → 青禾镇), if any."""
    names = subject_names(text, sentence_start, start)
    return names[-1].text if names else None


def _text_facts(text: str, where: dict, subject: Optional[str] = None) -> list:
    out = []
    quantities = find_quantities(text)
    if not quantities:
        return out
    spans = tuple((q.start, q.end, q.kind) for q in quantities)
    own = [label_for(text, q.start, q.kind, q.end, spans) for q in quantities]
    labels = name_list_items(text, [(q.start, q.end, q.kind, label) for q, label in zip(quantities, own)])
    # sentences found once per text, not counted from its start for every figure
    sentences = sentence_spans(text, CLAUSE_GROUP_END)
    full_sentences = sentence_spans(text)  # a subject named before a ； still holds after it
    for q, label in zip(quantities, labels):
        sentence = sentence_index(sentences, q.start)
        reason = _reason(text, sentences[sentence])
        sentence_start = full_sentences[sentence_index(full_sentences, q.start)][0]
        occasion = _occasion(text, sentences[sentence][0], q.start)
        # the name a formula gives its result (预算完成率＝…×100%＝97.39%): its clause is only "×100%＝"
        formula = formula_name(text, q.start) if q.kind == "percent" else None
        out.append(Fact(
            kind=q.kind, value=q.value, unit=q.unit, text=q.text, decimals=q.decimals, approx=q.approx,
            label=label, subject=subject or _named_subject(text, sentence_start, q.start),
            year=year_for(text, q.start), range_high=q.range_high,
            source={**where, "start": q.start, "end": q.end, "quote": q.text, "sentence": sentence},
            context=clause_before(text, q.start), scale=q.scale,
            extra={**({"reason": reason} if reason else {}), **({"occasion": occasion} if occasion else {}),
                   **({"formula": formula} if formula else {})},
        ))
    return out


# A full date or a document number before a figure in its sentence says on which occasion
# it was stated (下达…预算463142万元 by one notice, 163455万元 by the next): two allocations.
# (a converter may write a space beside each figure: 2021 年 4 月 21 日, 〔2021〕28 号)
_OCCASION = regex.compile(r"(?:19|20)\d{2} ?年 ?\d{1,2} ?月 ?\d{1,2} ?日|[〔\[【（(](?:19|20)\d{2}[〕\]】）)] ?\d+ ?号")


def _occasion(text: str, sentence_start: int, start: int) -> Optional[str]:
    found = _OCCASION.findall(text, sentence_start, start)
    return found[-1].replace(" ", "") if found else None


def written_unit_spec(written: str) -> tuple:
    """(kind, base unit, base units per written unit) of a written unit: 万元 → amount, 元, 10000."""
    spec = _units()
    units = spec["units"]
    if written in units:
        kind, base, mult = units[written]
        return kind, base, Decimal(mult)
    for mag, factor in spec["magnitudes"].items():
        if written.startswith(mag) and written[len(mag):] in units:
            kind, base, mult = units[written[len(mag):]]
            return kind, base, Decimal(mult) * Decimal(factor)
    raise KeyError(written)
