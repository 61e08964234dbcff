"""Turning a run of text into heading/paragraph blocks, the same way for every format."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..document_caches import document_cache
from ..model import HEADING, PARAGRAPH, Document
from ..normalize import normalize
from ..numbering import looks_like_heading, numbering_of, strip_markdown
from ..page_furniture import is_furniture
from ..patterns import load_json
from .cell_rows import ends_in_figure_cell, is_cell_row, is_form_cell

# (an ellipsis ends a line a preview cut off: nothing that follows continues it)
SENTENCE_END = regex.compile(r"[。；;！？!?：:”」』）)…⋯]\s*$")
# Lines shorter than this are titles or headings, never the first half of a broken sentence.
SHORT_LINE = 18
# A line ending like a title or an organisation's name is complete even when short; so is a
# file's name (…自评表.docx, a sharing site's heading).
_TITLE_END = regex.compile(r"(?:报告|通报|通知书?|报告书|局|所|中心|院|办|会|厅|[（(]摘要[)）]|(?:自评|评价|评分|情况|统计|明细|汇总|一览|目标|报告|数据|指标|分析|考核|打分|申报|调查)表"
                           r"|\.(?:docx?|pdf|wps|xlsx?|txt|ofd))\s*$", regex.IGNORECASE)


# a line of a label and the figure it labels, nothing after the figure
_LABEL_FIGURE_LINE = regex.compile(r"^[^\d，。；、,;]{2,14}?[:：]?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*$")
@lru_cache(maxsize=1)
def _unit_first() -> regex.Pattern:
    """A line that opens with digits or the unit of a figure the line before ended in (a
    figure cut from its unit, or its digits cut in two, goes on with the sentence): the
    units of patterns/units.json and of the forms' indicators, their magnitudes, and the
    calendar's and a multiple's words."""
    units = set(load_json("units.json")["units"]) | set(load_json("units.json")["magnitudes"])
    units |= {u for u in load_json("forms.json")["indicator_units"] if regex.match(r"\p{Han}", u)}
    units |= {"百", "倍", "年", "月", "日", "篇"}
    units -= {"本", "位", "起", "间"}  # words open with them (本项目, 位于, 起草, 间隔) more often than units
    # (nor a word a unit's character opens: 项目过程, 人员经费 — a row's name after a row ending in its figure)
    words = "|".join(map(regex.escape, load_json("units.json")["words_opening_with_a_unit"]))
    return regex.compile(rf"^\s*(?!{words})(?:[\d.,%％]|" + "|".join(map(regex.escape, sorted(units, key=len, reverse=True))) + ")")


# a figure right after another figure's unit at the end of a line (…31.84万人8, …90.6%6)
_FIGURE_AFTER_UNIT_ENDS = regex.compile(r"\d(?:[%％‰]|万?人次|万?人|万?户|万?元|分)[-+]?\d+(?:\.\d+)?\s*$")
_FIGURE_ALONE = regex.compile(r"^\s*[-+]?\d[\d,]*(?:\.\d+)?\s*[%％分]?\s*$")
_ENDS_IN_FIGURE = regex.compile(r"\d\s*(?:[%％分元人户个项次]|万元|万人|人次)?\s*$")
_BARE_NAME = regex.compile(r"\p{Han}{2,8}")


def figure_cell_ends(line: str) -> bool:
    """Does the line end in a figure run on from another figure's unit (…31.84万人8)? Prose
    puts a word or a mark between a unit and the next figure: that last figure is a cell of
    its own, which a line opening with digits does not go on."""
    return _FIGURE_AFTER_UNIT_ENDS.search(line) is not None


def is_figure_alone(line: str) -> bool:
    """Is the line a figure alone (a table's cell one a line: 12, 93.5%, 4分)?"""
    return _FIGURE_ALONE.match(line) is not None


def is_bare_name(line: str) -> bool:
    """Is the line a short name and nothing else (产出质量, 组织实施): a row's or a level's cell?"""
    return _BARE_NAME.fullmatch(line.strip()) is not None


def continues_sentence(previous: str, line: str) -> bool:
    """Was `line` cut off from `previous` (a page or column break mid-sentence)? Shared by
    the .txt and .pdf readers so both formats join broken lines alike. A row of cells is
    complete as it is."""
    if (SENTENCE_END.search(previous) or len(previous) < SHORT_LINE or "   " in previous
            or _TITLE_END.search(previous) or is_cell_row(previous) or is_cell_row(line) or is_form_cell(line)):
        return False  # (a form's label on a line of its own opens a cell: 质量指标)
    if ends_in_figure_cell(previous) and not _unit_first().match(line):
        return False  # a row of cells ending in its last figure (… 得满分 4), the next row after it
    if _ENDS_IN_FIGURE.search(previous) and is_bare_name(line) and not _unit_first().match(line):
        # a table's cell one a line ending in a figure (…，完成率92.40%; a reason's …，扣0.5分), then
        # a row's or a level's short name (产出质量): a sentence broken there goes on with more
        # than a bare name
        return False
    if _opens_numbered(line) or is_figure_alone(line):
        return False  # (a figure alone on its line is a cell: a sentence goes on with words)
    if _LIST_ITEM.match(previous) or _LIST_ITEM.match(line) or is_furniture(previous) or is_furniture(line):
        # a web page's furniture (发布时间：… | 信息来源：…, 当前位置：首页 > …) and list items
        # (- 索引号 | - 01525707-9/…) stand apart from the title and the text, a line each
        return False
    if _LABEL_COLON_LINE.match(previous) and (_LABEL_COLON_LINE.match(line) or _SHORT_COLON_END.fullmatch(line)
                                              or _FIELD_AFTER_GAP.search(previous)):
        # a cover's lines (评价机构：… | 报告文号：… | 某县财政局：), each a line of its own, and a
        # form head's line of fields set apart by spaces (自评总分：98.43分　　自评等级：优)
        return False
    if (_LABEL_FIGURE_LINE.match(previous) or _LABEL_FIGURE_LINE.match(line)) and not _unit_first().match(line):
        return False  # a form's label-and-figure lines (其中：中央补助 668.00) each stand alone
    # A numbered or Markdown heading line is complete however long it is, unless its
    # heading runs in to a paragraph ((一)资金来源。2016年…资金共 2,367 万 | 元,其中…).
    return not _opens_numbered(previous) or _RUN_IN_HEADING.search(previous) is not None


# a line a web page's bulleted list item opens (- 发文机构, • 设为首页|), not a negative figure
_LIST_ITEM = regex.compile(r"^\s*(?:[-*]\s+(?![\d.]+\s*-?\s*$)|[•·●▪]\s*)\S")

# a label, its colon and what it labels, on a line (评价机构：某会计师事务所); a short line ending
# in a colon (a letter's salutation: 某县财政局：)
_LABEL_COLON_LINE = regex.compile(r"\p{Han}{2,8}[：:]\s*\S")
_SHORT_COLON_END = regex.compile(r"\s*\S{2,20}[：:]\s*")
_FIELD_AFTER_GAP = regex.compile(r"\S\s{2,}\p{Han}{2,8}[：:]\s*\S")

# a heading that a paragraph's text follows on its line, after its full stop or colon
_RUN_IN_HEADING = regex.compile(r"^\s*\S{1,24}?[。：:]\s*\S.{8,}")


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
