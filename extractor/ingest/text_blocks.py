"""Turning a run of text into heading/paragraph blocks, the same way for every format."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..document_caches import document_cache
from ..model import HEADING, PARAGRAPH, Document
from ..normalize import normalize
from ..numbering import looks_like_heading, numbering_of, strip_markdown
from ..patterns import load_json

SENTENCE_END = regex.compile(r"[。；;！？!?：:”」』）)]\s*$")
# Lines shorter than this are titles or headings, never the first half of a broken sentence.
SHORT_LINE = 18
# A line ending like a title or an organisation's name is complete even when short.
_TITLE_END = regex.compile(r"(?:报告|通报|通知书?|报告书|局|所|中心|院|办|会|厅|[（(]摘要[)）])\s*$")


# a row of a form written with one space between its cells (a spreadsheet saved as text):
# figures side by side (100 120 110 — 91.67%), short words side by side with no punctuation
# of a sentence in the line (一级指标 二级指标 三级指标), or both (数量指标 救助人数 ≥800人 812)
_CELL_FIGURE = regex.compile(r"^(?:[≥≤<>=＞＜]?[-+]?\d[\d,.]*(?:%|万元?|亿元?|元|人次?|户|分)?|[—–\-/／]+)$")
_CELL_WORD = regex.compile(r"^[\p{Han}（）()]{2,16}$")
_SENTENCE_MARKS = regex.compile(r"[，。；、,;]")
# a line of a label and the figure it labels, nothing after the figure
_LABEL_FIGURE_LINE = regex.compile(r"^[^\d，。；、,;]{2,24}?[:：]?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*$")
# a line that opens with the unit of a figure the line before ended in
_UNIT_FIRST = regex.compile(r"^\s*(?:%|％|[万亿]|元|人|户|个|次|项|分|倍|年|月|日|天|名|亩|吨|公里)")
_HAN_GAP = regex.compile(r"\p{Han}[ \t]+(?=\p{Han})")


def is_cell_row(line: str) -> bool:
    pieces = line.split()
    if len(pieces) < 3:
        return False
    words_count = not _SENTENCE_MARKS.search(line)
    kinds = ["fig" if _CELL_FIGURE.match(p) else "word" if words_count and _CELL_WORD.match(p) else None
             for p in pieces]
    if sum(1 for a, b in zip(kinds, kinds[1:]) if a is not None and a == b) >= 2:
        return True
    # a form's labels and their figures in turn (预算数 6.84 到位数 6.84 执行数 6.84)
    if sum(1 for a, b in zip(pieces, pieces[1:])
           if _CELL_FIGURE.match(a) and _form_label(b) or _form_label(a) and _CELL_FIGURE.match(b)) >= 3:
        return True
    # a long run of cells of any kind (指标1：居民健康档案 38508人 指标2：…): spaces between
    # Chinese characters, which prose has none of
    return words_count and len(pieces) >= 5 and len(_HAN_GAP.findall(line)) >= 2


@lru_cache(maxsize=1)
def _form_labels() -> frozenset:
    """The fixed labels of the self-evaluation forms' fund blocks and heads (patterns/forms.json)."""
    spec = load_json("forms.json")
    words = {w for group in (spec["fund_columns"], spec["meta_cells"]) for labels in group.values() for w in labels}
    words |= {w for row in spec["fund_rows"].values() for w in row["labels"]} | set(spec["money_labels"])
    return frozenset(words)


_LABEL_PREFIX = regex.compile(r"^(?:其中[:：]?|按\p{Han}{2,5}分[:：]?)+")


def _form_label(piece: str) -> bool:
    return _LABEL_PREFIX.sub("", piece).rstrip(":：") in _form_labels()


def continues_sentence(previous: str, line: str) -> bool:
    """Was `line` cut off from `previous` (a page or column break mid-sentence)? Shared by
    the .txt and .pdf readers so both formats join broken lines alike. A row of cells is
    complete as it is."""
    if (SENTENCE_END.search(previous) or len(previous) < SHORT_LINE or "   " in previous
            or _TITLE_END.search(previous) or is_cell_row(previous) or is_cell_row(line)):
        return False
    if _opens_numbered(line):
        return False
    if (_LABEL_FIGURE_LINE.match(previous) or _LABEL_FIGURE_LINE.match(line)) and not _UNIT_FIRST.match(line):
        return False  # a form's label-and-figure lines (其中：中央补助 668.00) each stand alone
    # A numbered or Markdown heading line is complete however long it is.
    return not _opens_numbered(previous)


@document_cache(maxsize=512)
def _opens_numbered(line: str) -> bool:
    """Does the line open with Markdown heading marks or a numbering label? Each line is
    asked twice, as the line and then as the previous one."""
    body, md = strip_markdown(normalize(line))
    return bool(md or numbering_of(body)[0])


@lru_cache(maxsize=1)
def _section_titles() -> frozenset:
    return frozenset(load_json("section_titles.json")["unnumbered_headings"])


def add_text_block(doc: Document, text: str, page: Optional[int] = None, bbox=None, style_level: Optional[int] = None):
    """Classify one paragraph of text and append it to `doc`. `style_level` is a heading
    level the format itself declares (Word heading styles, Markdown '#')."""
    raw = text
    body, md_depth = strip_markdown(normalize(text).strip())
    body = body.strip()
    if not body:
        return None
    numbering, level = numbering_of(body)
    declared = style_level or md_depth
    is_heading = looks_like_heading(body, numbering)
    if not is_heading and numbering is None:
        bare = body.rstrip("：:")
        is_heading = (bool(declared) and len(body) <= 40) or (bare in _section_titles())
    kind = HEADING if is_heading else PARAGRAPH
    return doc.add(kind, body, page=page, raw=raw, level=level if numbering else (declared if is_heading else None),
                   numbering=numbering, bbox=bbox)
