"""The report's own total score and grade as its text states them: a key (评价得分：95分), a
heading over it, a sentence ranked by how surely its wording names the total (总得分 before 得分),
a grade beside the score or in a table's grade row. Items' scores, full marks, grade bands and
a review's revision are told apart here; metadata.py asks for the two."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import TABLE, Document
from ..numbering import numbering_of
from .place_sections import place_sections
from ..patterns import load_json
from .sentences import SENTENCE_END, sentence_bounds


@lru_cache(maxsize=1)
def vocab() -> dict:
    return load_json("metadata.json")


def compile_key(key: str):
    return regex.compile(vocab()[key])


# a sentence about last year's evaluation (its score is no score of this report's)
_LAST_YEAR = regex.compile(r"上一?年度?|去年|往年")
_THIS_YEAR = regex.compile(r"本年|今年|当年")
_FULL_MARKS = regex.compile(r"满分\s*(\d+(?:\.\d+)?)")
_ITEM_WEIGHT = regex.compile(r"(?:分值|权重)(?:为|是)?[：:]?\s*(\d+(?:\.\d+)?)\s*分")


def report_score(doc: Document, kv: dict) -> tuple:
    for key in vocab()["score_keys"]:
        if key in kv:
            m = regex.search(r"\d+(?:\.\d+)?", kv[key][0])
            if m:
                return _num(m.group(0)), kv[key][1]
    heading = _heading_score(doc)
    if heading is not None:
        return heading
    patterns = [regex.compile(p) for p in vocab()["total_score_patterns"]]
    exclude, final, band = compile_key("score_exclude"), compile_key("score_final"), compile_key("score_band_after")
    full_marks, scale = compile_key("score_full_marks_before"), compile_key("score_scale_after")
    candidates = []  # (pattern rank, block order, the score's reading)
    # (paragraphs each opening with a county's name, 澧阳区：… / （一）沂东区。…, state the counties'
    # scores, none of them the report's)
    places = [b.index for b in doc.blocks if b.kind != TABLE and _OPENS_WITH_PLACE.match(b.text)]
    of_places = set(places) if len(places) >= 2 else set()
    of_places |= set(place_sections(doc))  # (and those under a county's heading: 【龙川区】 … 自评得分：96.5分)
    # the report's paragraphs first; a sheet holds its sentences in cells (本项目自评总分94.5分。)
    for in_cells in (False, True):
        for rank, pattern in enumerate(patterns):  # ordered from most to least specific
            for n, b, text, where in _score_texts(doc, in_cells):
                if b.index in of_places:
                    continue
                for m in pattern.finditer(text):
                    # what the score belongs to is named just before it (满意度综合得分, 该项指标得分)
                    before = regex.split(r"[，,。；;：:]", text[max(0, m.start() - 10):m.start()])[-1] \
                        + m.group(0)[:m.start("num") - m.start()]
                    if exclude.search(before) or not 0 < _num(m.group("num")) <= 100:
                        continue  # (a total score is out of 100: 120分 is some other count)
                    sentence = regex.split(r"[。；;\n]", text[max(0, m.start() - 30):m.start()])[-1]
                    if _LAST_YEAR.search(sentence) and not _THIS_YEAR.search(sentence):
                        continue  # 上年度（2018年）本项目自评得分90分: last year's score, before this year's
                    # (an item's full marks in brackets, 满意度指标得8分（满分10分）, is that item's)
                    sentence = _BRACKETED.sub("", sentence)
                    fulls = _FULL_MARKS.findall(sentence)
                    if ("满分" in sentence and not fulls) or any(_num(w) < 100 for w in fulls + _ITEM_WEIGHT.findall(sentence)):
                        # 效益指标满分25分，复核得分23分; 决策指标：分值20分，自评得分19分: an item's
                        # score after its full marks or weight (满分100分，实得95分 is the report's)
                        continue
                    if _out_of_100(m) and full_marks.search(sentence):
                        continue  # 评价指标体系，总分100分: the scale the scores are out of
                    if band.match(text, m.end()):
                        continue  # 90分（含）以上为优: a grade band's bound, not a score
                    if scale.match(text, m.end()):
                        continue  # 建立了总分100分的指标体系: the framework's scale
                    # (a review's own score: 复核 before it in its words or its sentence, 经评价工作组复核，
                    # 本项目综合得分87分 — not the 自评得分 it revises)
                    revised = bool(final.search(before)) or bool(final.search(sentence)) and "自评" not in before
                    candidates.append((rank, n, m.start(), revised, b, m, where))
        if candidates:
            break
    if not candidates:
        return None, None
    # (总分100分 beside another total is the framework's scale: 四个一级指标，总分100分 … 综合评价得分为90.8分)
    candidates = [c for c in candidates if not _out_of_100(c[5])] or candidates
    candidates = _without_items_scores(candidates)
    if not candidates:
        return None, None
    # a re-evaluation's own score (复核后得分, 调整后得分) over the self-evaluation's it revises
    finals = [c for c in candidates if c[3]]
    chosen = max(finals, key=lambda c: (c[1], c[2])) if finals else min(candidates, key=lambda c: c[:3])
    _, _, _, _, b, m, where = chosen
    source = {"block": b.index, "page": b.page, **where, "start": m.start("num"), "end": m.end("num"),
              "quote": m.group(0)}
    # totals read as surely as this one in its paragraph (自评得分95.5分，评价得分83分): a grade
    # stated beside them may be any one's (not beside a review's own score: that is the report's)
    others = [] if finals else sorted({_num(c[5].group("num")) for c in candidates
                                       if c[0] == chosen[0] and c[4] is b and c[5] is not m} - {_num(m.group("num"))})
    if others:
        source["other_scores"] = others
    if finals:
        source["revised"] = True  # a review's or an adjustment's score (复核后得分)
    return _num(m.group("num")), source


def _out_of_100(m) -> bool:
    """Is a 总分 of 100 what the scores are out of (总分100分, 评价总分100分), by its words?"""
    return "总分" in m.group(0)[:m.start("num") - m.start()] and _num(m.group("num")) == 100


def _without_items_scores(candidates: list) -> list:
    """The candidates but those worded alike three times or more with different scores
    (自评结果：优 自评得分：4分 … 自评得分：5分 after each indicator): each is an item's score, and
    the report's total is stated once, or again with the same score."""
    def wording(c) -> tuple:
        m = c[5]
        return c[0], m.group(0)[:m.start("num") - m.start()].strip()

    said: dict = {}  # wording → the scores it states, as often as it states them
    for c in candidates:
        said.setdefault(wording(c), []).append(_num(c[5].group("num")))
    return [c for c in candidates if len(said[wording(c)]) < _ITEM_REPEATS or len(set(said[wording(c)])) < 2]


_ITEM_REPEATS = 3
_BRACKETED = regex.compile(r"[（(][^（）()]*[）)]")
_OPENS_WITH_PLACE = regex.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.、．])?\s*\p{Han}{1,6}(?:县|区|市|旗)\s*[：:。．]")
_SCORE_OPENS = regex.compile(r"^\s*(?P<num>\d+(?:\.\d+)?)\s*分(?:[。；;，,]|$)")


def _heading_score(doc: Document) -> Optional[tuple]:
    """(score, source) where a heading names the report's score (（一）自评得分) and the next
    paragraph opens with it (100分。); None otherwise."""
    words = set(vocab()["score_headings"])
    blocks = [b for b in doc.blocks if b.kind != TABLE]
    for b, after in zip(blocks, blocks[1:]):
        label, _ = numbering_of(b.text)
        name = regex.sub(r"\s+", "", b.text.lstrip()[len(label or ""):]).rstrip("：:")
        m = _SCORE_OPENS.match(after.text) if name in words else None
        if m and 0 < _num(m["num"]) <= 100:
            return _num(m["num"]), {"block": after.index, "page": after.page, "start": m.start("num"),
                                    "end": m.end("num"), "quote": m.group(0).strip()}
    return None


def _score_texts(doc: Document, in_cells: bool):
    """(block order, block, text, where in the block) of the paragraphs, or of the table cells
    that hold sentences."""
    for n, b in enumerate(doc.blocks):
        if b.kind != TABLE:
            if not in_cells:
                yield n, b, b.text, {}
        elif in_cells:
            for cell in _sentence_cells(b):
                yield n, b, cell.text, {"table": b.index, "row": cell.row, "col": cell.col}


def _sentence_cells(table_block):
    """The cells of a table block long enough to hold a sentence (a sheet's 经自评，…为优。)."""
    return (c for row in table_block.table.rows for c in row if c.merged_from is None and len(c.text) >= 8)


def report_grade(doc: Document, kv: dict, score_src: Optional[dict], score=None) -> tuple:
    grade_word = vocab()["grade_words"]
    for key in vocab()["grade_keys"]:
        if key in kv:
            value = kv[key][0].strip("“”\" ")
            if value in grade_word:
                return value, kv[key][1]
    cell = _grade_cell(doc, grade_word)
    if cell is not None:
        return cell
    # (a self-evaluation's own grade, 自评结果为优, only where no other is stated)
    for key in ("grade_pattern", "grade_pattern_word_after", "grade_pattern_review", "grade_pattern_self"):
        found = _stated_grade(doc, regex.compile(vocab()[key].replace("{grade}", vocab()["grade_word"])), score_src, score)
        if found is not None:
            return found
    return None, None


def _stated_grade(doc: Document, pattern, score_src: Optional[dict], score=None) -> Optional[tuple]:
    blocks = [b for b in doc.blocks if b.kind != TABLE]
    if score_src and "block" in score_src:
        # The grade is stated with the total score; look there first, and in the score's own
        # block after it first (自评95分，等级为优；复核88分，等级为良: the 复核 score's grade)
        near = [b for b in blocks if 0 <= b.index - score_src["block"] <= 2]
        blocks = near + [b for b in blocks if b not in near]
    for b in blocks:
        after = score_src.get("start", 0) if score_src and b.index == score_src.get("block") else 0
        m = (after and pattern.search(b.text, after)) or pattern.search(b.text)
        if m and _of_another_score(b, m, score, score_src):
            continue  # 复核76.5分…复核等级为“中”: another project's score's grade, not the report score's
        if m:
            return _grade(m), {"block": b.index, "page": b.page, "start": m.start("grade"),
                               "end": m.end("grade"), "quote": m.group(0)}
    # a sheet holds its report's sentences in cells (经自评，…自评等级为优。): one grade stated so
    found = {}
    for b in doc.blocks:
        if b.kind != TABLE:
            continue
        for cell in _sentence_cells(b):
            m = pattern.search(cell.text)
            if m:
                found.setdefault(_grade(m), {"block": b.index, "page": b.page, "table": b.index, "row": cell.row,
                                                    "col": cell.col, "start": m.start("grade"), "end": m.end("grade"),
                                                    "quote": m.group(0)})
    if len(found) == 1:
        return next(iter(found.items()))
    return None


# a score stated in the grade's sentence before it (复核76.5分，调减16.5分，复核等级为“中”)
_SCORE_BEFORE = regex.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*分")


def _of_another_score(block, m, score, score_src: Optional[dict]) -> bool:
    """Is the grade at m stated in a sentence, away from the report's score, whose own scores
    (before the grade) are all other than the report's? It is then their grade."""
    if score is None or score_src is None or block.index == score_src.get("block"):
        return False
    start = sentence_bounds(block.text, m.start(), SENTENCE_END)[0]
    stated = [Decimal(x) for x in _SCORE_BEFORE.findall(block.text, start, m.start())]
    return bool(stated) and Decimal(str(score)) not in stated


def _grade_cell(doc: Document, grade_words: list) -> Optional[tuple]:
    """A grade row of any table (a score table's last row: 评价等级 | 优), when the document
    has exactly one: the label cell, then the grade word in the row's last filled cell, and
    no other grade word in the row (等级 | 优 | 良 | 中 | 差 lists a band table's grades)."""
    keys = set(vocab()["grade_keys"])
    found = []
    for block in doc.blocks:
        if block.kind != TABLE:
            continue
        for r, row in enumerate(block.table.rows):
            filled = [t for t in (c.text.replace("\n", "").strip() for c in row if c.merged_from is None) if t]
            if len(filled) < 2 or sum(1 for t in filled if t in grade_words) != 1:
                continue
            if filled[-2] in keys and filled[-1] in grade_words:
                found.append((filled[-1], {"block": block.index, "page": block.page, "table": block.index,
                                           "row": r, "quote": filled[-1]}))
    return found[0] if len(found) == 1 else None


def _grade(m) -> str:
    return regex.sub(r"\s+", "", m.group("grade"))  # (优 秀: a line break inside the word)


def _num(text: str) -> Decimal:
    return Decimal(text)
