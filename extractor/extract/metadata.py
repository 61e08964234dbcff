"""Report-level metadata: title, region, agency, year, type, evaluator, date, score, grade.

Each value comes with the place it was read from (`metadata_sources`), like facts do.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import HEADING, TABLE, Document
from ..numbering import numbering_of
from ..patterns import load_json
from .numbers import parse_chinese_numeral
from .regions import resolve_region


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_json("metadata.json")


def _compile(key: str):
    return regex.compile(_vocab()[key])


def extract_metadata(doc: Document) -> tuple[dict, dict]:
    meta: dict = {}
    sources: dict = {}
    text_blocks = [b for b in doc.blocks if b.kind != TABLE]
    kv = key_values(doc)

    title, title_blocks = _title(text_blocks)
    meta["title"] = title
    if title_blocks:
        sources["title"] = {"block": title_blocks[0].index, "page": title_blocks[0].page}

    lines = line_key_values(text_blocks[:8])
    kv = {**lines, **kv}  # a form table's cell wins over a line of the same label
    agency = _agency(text_blocks, title, kv)
    addressee = _addressee(text_blocks[:4]) if _is_notice(title or "") else None
    if addressee:
        agency = addressee  # a notice goes to the unit it evaluated; its issuer is the evaluator
    meta["agency"] = agency
    heading_zone = " ".join(filter(None, [title, agency] + [b.text for b in text_blocks[:4]]))
    body = "\n".join(b.text for b in text_blocks)
    meta.update(resolve_region(heading_zone, body))

    meta["report_type"] = _report_type(title or "", body)
    meta["year"] = _year(title or "", kv, body)
    self_eval = bool(_compile("self_evaluation").search((title or "") + body))
    meta["self_evaluation"] = self_eval
    meta["evaluator"] = _evaluator(kv, body, agency if self_eval else None) or (
        _title_issuer(title) if addressee else None)
    meta["date"] = _date(text_blocks)

    score, score_src = _score(doc, kv)
    meta["score"] = score
    if score_src:
        sources["score"] = score_src
    grade, grade_src = _grade(doc, kv, score_src)
    meta["grade"] = grade
    if grade_src:
        sources["grade"] = grade_src
    return meta, sources


def key_values(doc: Document) -> dict:
    """Label → (value, source) pairs from form-like tables (被评价单位 | X | 评价年度 | 2017年)."""
    out = {}
    for block in doc.blocks:
        if block.kind != TABLE or block.table.header_rows:
            continue
        for r, row in enumerate(block.table.rows):
            for c in range(0, len(row) - 1, 2):
                label, value = row[c].text.replace("\n", ""), row[c + 1].text
                if label and value and len(label) <= 12 and label not in out:
                    out[label] = (value, {"block": block.index, "page": block.page, "table": block.index,
                                          "row": r, "col": c + 1, "quote": value})
    return out


def line_key_values(blocks: list) -> dict:
    """Label → (value, source) from short `label：value` lines at the head of a report
    (评价机构：X / 被评价单位：Y / 委托单位：Z), which name who evaluated whom."""
    line = _compile("key_value_line")
    out = {}
    for b in blocks:
        m = line.fullmatch(b.text.strip())
        if m and m.group("key") not in out:
            out[m.group("key")] = (m.group("value"), {"block": b.index, "page": b.page, "quote": b.text.strip()})
    return out


def _is_notice(title: str) -> bool:
    return any(kind == "notice" and regex.search(pattern, title) for kind, pattern in _vocab()["report_types"])


def _addressee(blocks: list) -> Optional[str]:
    """The unit a notice is addressed to: a short organisation line ending in ：."""
    org = _compile("organisation")
    for b in blocks:
        text = b.text.strip()
        if text.endswith(("：", ":")) and len(text) <= 31 and org.fullmatch(text[:-1]):
            return text[:-1]
    return None


def _title_issuer(title: Optional[str]) -> Optional[str]:
    """The body that issues a notice, named at the head of its title (X局关于…的通报)."""
    m = regex.match(_vocab()["title_agency"], title or "")
    return m.group("agency") if m and _compile("organisation").search(m.group("agency")) else None


def _title(blocks: list) -> tuple[Optional[str], list]:
    """The title: the leading short lines up to the first that ends like a title
    (报告 / 通报 / 通知书 …), e.g. an agency line followed by '2018年度…评价报告'."""
    ending = _compile("title_ending")
    lead = []
    for b in blocks[:6]:
        if len(b.text) > 120 or (b.numbering and b.kind == HEADING and lead):
            break
        lead.append(b)
        if ending.search(b.text):
            # A separate agency line before the title belongs to the title only when the
            # title line itself names no body (…局2018年度… vs bare 2018年度…).
            return _tidy("".join(x.text.replace("\n", "") for x in lead)), lead
    return (_tidy(blocks[0].text) if blocks and len(blocks[0].text) <= 120 else None), blocks[:1]


_LAYOUT_SPACE = regex.compile(r"(?<=[\p{Han}（）()])\s+|\s+(?=[\p{Han}（）()])")


def _tidy(title: str) -> str:
    """Spaces around Chinese in a title are layout (2020 年度…项目 绩效评价报告 (摘要))."""
    return _LAYOUT_SPACE.sub("", title).strip()


def _agency(blocks: list, title: Optional[str], kv: dict) -> Optional[str]:
    for key in _vocab()["agency_keys"]:
        if key in kv:
            return kv[key][0]
    org = _compile("organisation")
    if title:
        m = regex.match(_vocab()["title_agency"], title)
        if m and org.search(m.group("agency")):
            return m.group("agency")
    labelled = _compile("key_value_line")
    for b in blocks[:6]:
        text = b.text.strip()
        # a form's cell and its label on one line, without a colon (部门名称 某县市场监督管理局)
        key, _, value = text.partition(" ")
        if key in _vocab()["agency_keys"] and org.fullmatch(value.strip()):
            return value.strip()
        # a labelled line (评价机构：X, 委托单位：X) names some other party than the one evaluated
        if len(text) <= 30 and org.fullmatch(text) and not labelled.search(text) and key == text:
            return text
    return None


def _report_type(title: str, body: str) -> str:
    for report_type, pattern in _vocab()["report_types"]:
        if regex.search(pattern, title):
            return report_type
    return "project"


def _year(title: str, kv: dict, body: str) -> Optional[int]:
    for key in ("评价年度", "年度"):
        if key in kv:
            m = regex.search(r"(?:19|20)\d{2}", kv[key][0])
            if m:
                return int(m.group(0))
    m = regex.search(r"((?:19|20)\d{2})\s*年", title)
    if m:
        return int(m.group(1))
    m = regex.search(r"((?:19|20)\d{2})\s*年度", body)
    return int(m.group(1)) if m else None


def _evaluator(kv: dict, body: str, self_agency: Optional[str]) -> Optional[str]:
    for key in _vocab()["evaluator_keys"]:
        if key in kv:
            return kv[key][0]
    for pattern in _vocab()["evaluator_patterns"]:
        m = _search_by_tail(pattern, body)
        if m:
            return m.group("evaluator")
    return self_agency


# (?P<name>[^…]{a,b}?(?:W1|W2…))TAIL: a run of a to b characters up to a word, then TAIL
_LAZY_RUN = regex.compile(r"^\(\?P<\w+>\[\^[^\]]*\]\{(\d+),(\d+)\}\?\(\?:([^()\[\]\\]*)\)\)([^<^\\]*|\(\?:[^()^\\]*\))$")


@lru_cache(maxsize=16)
def _tail_plan(pattern: str):
    """For a pattern of the _LAZY_RUN shape: the compiled pattern, the pattern of its
    words and tail, and how far before them a match can start. None for other shapes."""
    shape = _LAZY_RUN.match(pattern)
    if not shape:
        return None
    least, most, words, tail = shape.groups()
    return regex.compile(pattern), regex.compile(f"(?:{words}){tail}"), int(least), int(most)


def _search_by_tail(pattern: str, text: str):
    """regex.search(pattern, text). A pattern that opens with a lazy run of up to 30
    characters is tried at every position of the whole body, which is slow; every match
    ends in its fixed words and tail, so only the starts a few characters before those
    are tried, in order: the first that matches is the match search finds."""
    plan = _tail_plan(pattern)
    if plan is None:
        return regex.search(pattern, text)
    compiled, tail, least, most = plan
    starts = sorted({s for m in tail.finditer(text, overlapped=True)
                     for s in range(max(0, m.start() - most), m.start() - least + 1)})
    for start in starts:
        m = compiled.match(text, start)
        if m:
            return m
    return None


_DATE = regex.compile(
    r"(?P<y>(?:19|20)\d{2}|[二〇○零一三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")


def _date(blocks: list) -> Optional[str]:
    """The signing date: a date standing (almost) alone on a line near the end."""
    for b in reversed(blocks[-15:]):
        for m in _DATE.finditer(b.text):
            rest = (b.text[:m.start()] + b.text[m.end():]).strip()
            if len(rest) > 20 and not rest.endswith("印发"):
                continue
            y, mo, d = (_int(m.group(k)) for k in ("y", "m", "d"))
            if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _int(text: str) -> Optional[int]:
    if text.isdigit():
        return int(text)
    v = parse_chinese_numeral(text)
    return int(v) if v is not None else None


_ITEM_WEIGHT = regex.compile(r"(?:分值|权重)(?:为|是)?[：:]?\s*(\d+(?:\.\d+)?)\s*分")


def _score(doc: Document, kv: dict) -> tuple:
    for key in _vocab()["score_keys"]:
        if key in kv:
            m = regex.search(r"\d+(?:\.\d+)?", kv[key][0])
            if m:
                return _num(m.group(0)), kv[key][1]
    heading = _heading_score(doc)
    if heading is not None:
        return heading
    patterns = [regex.compile(p) for p in _vocab()["total_score_patterns"]]
    exclude, final, band = _compile("score_exclude"), _compile("score_final"), _compile("score_band_after")
    full_marks = _compile("score_full_marks_before")
    candidates = []  # (pattern rank, block order, the score's reading)
    # the report's paragraphs first; a sheet holds its sentences in cells (本项目自评总分94.5分。)
    for in_cells in (False, True):
        for rank, pattern in enumerate(patterns):  # ordered from most to least specific
            for n, b, text, where in _score_texts(doc, in_cells):
                for m in pattern.finditer(text):
                    # what the score belongs to is named just before it (满意度综合得分, 该项指标得分)
                    before = regex.split(r"[，,。；;：:]", text[max(0, m.start() - 10):m.start()])[-1] \
                        + m.group(0)[:m.start("num") - m.start()]
                    if exclude.search(before) or not 0 < _num(m.group("num")) <= 100:
                        continue  # (a total score is out of 100: 120分 is some other count)
                    sentence = regex.split(r"[。；;\n]", text[max(0, m.start() - 30):m.start()])[-1]
                    # (an item's full marks in brackets, 满意度指标得8分（满分10分）, is that item's)
                    sentence = _BRACKETED.sub("", sentence)
                    if "满分" in sentence or any(_num(w) < 100 for w in _ITEM_WEIGHT.findall(sentence)):
                        # 效益指标满分25分，复核得分23分; 决策指标：分值20分，自评得分19分: an item's
                        # score after its full marks or weight
                        continue
                    if m.group(0).startswith("总分") and _num(m.group("num")) == 100 and full_marks.search(sentence):
                        continue  # 评价指标体系，总分100分: the scale the scores are out of
                    if band.match(text, m.end()):
                        continue  # 90分（含）以上为优: a grade band's bound, not a score
                    candidates.append((rank, n, m.start(), bool(final.search(before)), b, m, where))
        if candidates:
            break
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


_BRACKETED = regex.compile(r"[（(][^（）()]*[）)]")
_SCORE_OPENS = regex.compile(r"^\s*(?P<num>\d+(?:\.\d+)?)\s*分(?:[。；;，,]|$)")


def _heading_score(doc: Document) -> Optional[tuple]:
    """(score, source) where a heading names the report's score (（一）自评得分) and the next
    paragraph opens with it (100分。); None otherwise."""
    words = set(_vocab()["score_headings"])
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


def _grade(doc: Document, kv: dict, score_src: Optional[dict]) -> tuple:
    grade_word = _vocab()["grade_words"]
    for key in _vocab()["grade_keys"]:
        if key in kv:
            value = kv[key][0].strip("“”\" ")
            if value in grade_word:
                return value, kv[key][1]
    cell = _grade_cell(doc, grade_word)
    if cell is not None:
        return cell
    pattern = _compile("grade_pattern")
    blocks = [b for b in doc.blocks if b.kind != TABLE]
    if score_src and "block" in score_src:
        # The grade is stated with the total score; look there first, and in the score's own
        # block after it first (自评95分，等级为优；复核88分，等级为良: the 复核 score's grade)
        near = [b for b in blocks if 0 <= b.index - score_src["block"] <= 2]
        blocks = near + [b for b in blocks if b not in near]
    for b in blocks:
        after = score_src.get("start", 0) if score_src and b.index == score_src.get("block") else 0
        m = (after and pattern.search(b.text, after)) or pattern.search(b.text)
        if m:
            return m.group("grade"), {"block": b.index, "page": b.page, "start": m.start("grade"),
                                      "end": m.end("grade"), "quote": m.group(0)}
    # a sheet holds its report's sentences in cells (经自评，…自评等级为优。): one grade stated so
    found = {}
    for b in doc.blocks:
        if b.kind != TABLE:
            continue
        for cell in _sentence_cells(b):
            m = pattern.search(cell.text)
            if m:
                found.setdefault(m.group("grade"), {"block": b.index, "page": b.page, "table": b.index, "row": cell.row,
                                                    "col": cell.col, "start": m.start("grade"), "end": m.end("grade"),
                                                    "quote": m.group(0)})
    if len(found) == 1:
        return next(iter(found.items()))
    return None, None


def _grade_cell(doc: Document, grade_words: list) -> Optional[tuple]:
    """A grade row of any table (a score table's last row: 评价等级 | 优), when the document
    has exactly one: the label cell, then the grade word in the row's last filled cell, and
    no other grade word in the row (等级 | 优 | 良 | 中 | 差 lists a band table's grades)."""
    keys = set(_vocab()["grade_keys"])
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


def _num(text: str) -> Decimal:
    return Decimal(text)
