"""Report-level metadata: title, region, agency, year, type, evaluator, date, score, grade.

Each value comes with the place it was read from (`metadata_sources`), like facts do.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..model import HEADING, TABLE, Document
from ..page_furniture import furniture_blocks
from .numbers import parse_chinese_numeral
from .regions import resolve_region
from .report_score import compile_key as _compile, report_grade, report_score, vocab as _vocab


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

    score, score_src = report_score(doc, kv)
    meta["score"] = score
    if score_src:
        sources["score"] = score_src
    grade, grade_src = report_grade(doc, kv, score_src, score)
    meta["grade"] = grade
    if grade_src:
        sources["grade"] = grade_src
    return meta, sources


def key_values(doc: Document) -> dict:
    """Label → (value, source) pairs from form-like tables (被评价单位 | X | 评价年度 | 2017年). A
    label written on several rows of one table (投入 | 20分 | 得分 | 17分 over 过程 | … | 得分 | …)
    heads a column of items' values, no key of the report's."""
    out: dict = {}
    for block in doc.blocks:
        if block.kind != TABLE or block.table.header_rows:
            continue
        pairs: dict = {}
        for r, row in enumerate(block.table.rows):
            for c in range(0, len(row) - 1, 2):
                label, value = row[c].text.replace("\n", ""), row[c + 1].text
                if label and value and len(label) <= 12:
                    pairs.setdefault(label, []).append(
                        (value, {"block": block.index, "page": block.page, "table": block.index,
                                 "row": r, "col": c + 1, "quote": value}))
        for label, found in pairs.items():
            if len(found) == 1 and label not in out:
                out[label] = found[0]
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
    (报告 / 通报 / 通知书 / 自评表 …), e.g. an agency line followed by '2018年度…评价报告'; a
    web page's furniture copied above it (设为首页, 索引号：…) is passed over."""
    ending = _compile("title_ending")
    shared = _compile("shared_document_blurb")
    for b in blocks[:6]:
        m = shared.search(b.text)
        if m:
            return _tidy(m["title"]), [b]
    lead = []
    furniture = furniture_blocks(blocks[:_FURNITURE_REACH])
    content = [b for b in blocks[:_FURNITURE_REACH] if b.index not in furniture] or blocks
    for b in content[:6]:
        if len(b.text) > 120 or (b.numbering and b.kind == HEADING and lead):
            break
        lead.append(b)
        if ending.search(b.text):
            # A separate agency line before the title belongs to the title only when the
            # title line itself names no body (…局2018年度… vs bare 2018年度…); an annex's
            # mark (附件2, 表3) or a labelled line (打印时间：…) before it never does.
            lead = [x for x in lead[:-1] if not _NO_TITLE_PART.search(x.text)] + lead[-1:]
            return _tidy("".join(x.text.replace("\n", "") for x in lead)), lead
    return (_tidy(content[0].text) if content and len(content[0].text) <= 120 else None), content[:1]


# an annex's or table's number (附件3-2, 表3, 附件二)
_ANNEX_NUMBER = r"[\d一二三四五六七八九十]*(?:[-—－]\d+)?"
_NO_TITLE_PART = regex.compile(rf"[:：]|^\s*(?:附\s*[件表]|表)\s*{_ANNEX_NUMBER}\s*$"
                            r"|[〔（(\[]\s*(?:19|20)\d{2}\s*[〕）)\]]\s*\d+\s*号\s*$")  # (a file's number: 昌州财行〔2022〕10号)

# how far down a page's furniture may push the title (a portal's menu and publication block)
_FURNITURE_REACH = 40

_LAYOUT_SPACE = regex.compile(r"(?<=[\p{Han}（）()])\s+|\s+(?=[\p{Han}（）()])")


_FILE_EXTENSION = regex.compile(r"\.(?:docx?|pdf|wps|xlsx?|txt|ofd)$", regex.IGNORECASE)


def _tidy(title: str) -> str:
    """Spaces around Chinese in a title are layout (2020 年度…项目 绩效评价报告 (摘要)); a file's
    extension (…自评表.docx, a sharing site's heading) and an annex's mark before a form's
    name (附件9：…自评表.xls) are no part of it."""
    return _ANNEX_MARK.sub("", _FILE_EXTENSION.sub("", _LAYOUT_SPACE.sub("", title).strip()))


_ANNEX_MARK = regex.compile(rf"^附件\s*{_ANNEX_NUMBER}\s*[:：]\s*(?=\S)")


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
