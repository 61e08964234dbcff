"""A web page's furniture copied with its text into a .txt (搜索, • 设为首页|, 您现在的位置：首页 >
…, 索引号：…, a 发布日期 label on a line and its date on the next): no title and no part of the
report. The words are the HTML reader's (patterns/html.json: chrome_phrases, chrome_labels,
breadcrumb_separators, published_labels), so a page read as .html and the same page saved as
text lose the same lines."""
from __future__ import annotations

from functools import lru_cache

import regex

from .model import TABLE
from .patterns import load_json

# bullets, pipes and brackets a copied menu or list keeps around its words
_MARKS = regex.compile(r"[\s|｜丨•·●▪\-–—*【】\[\]]+")
_META_TAG = regex.compile(r"[<〈]meta\s", regex.IGNORECASE)
_DOMAIN = regex.compile(r"(?:https?://)?(?:[A-Za-z0-9-]+\.)+(?:com|cn|net|org)(?:/\S*)?", regex.IGNORECASE)
_CLOSE_MARK = regex.compile(r"[xX×✕]")
_VALUE_CHARS = 40  # a publication block's value (a publisher, a catalogue's name) is short
_LEADING_MARKS = regex.compile(r"^[\s|｜丨•·●▪\-*]+")
# what a publication block's value may be when it stands on a line of its own: a date, a
# time, an index or document number (01525707-9/20230529-00013), a count of views
_VALUE_ONLY = regex.compile(r"[\d\s\-/:：.年月日()（）A-Za-z]+")


@lru_cache(maxsize=1)
def _vocabulary():
    data = load_json("html.json")
    labels = sorted({w for words in data["published_labels"].values() for w in words}, key=len, reverse=True)
    alternatives = "|".join(map(regex.escape, labels))
    seps = "|".join(map(regex.escape, data["breadcrumb_separators"]))
    return {
        "phrases": regex.compile("|".join(map(regex.escape, data["chrome_phrases"]))),
        "labels": frozenset(data["chrome_labels"]),
        "max_chars": data["max_chrome_chars"],
        "published": frozenset(w.replace(" ", "") for w in labels),
        # a line opening with a publication label and its colon (索引号：…, 发布机构: 市地震局)
        "labelled": regex.compile(rf"^(?:{alternatives})\s*[:：]"),
        # or with a space after it, where the label is no common word or a second one follows
        # (索引号 12533025MB0T65759N/… 发布机构 昌宁县供销社; 公开目录 自评报告 发布日期 …)
        "spaced": regex.compile(rf"^(?P<first>{alternatives})\s+\S"),
        "any_label": regex.compile(rf"(?<=\s)(?:{alternatives})(?=\s|[:：]|$)"),
        "weak": frozenset(data["published_weak_labels"]),
        # 首页 > 信息公开 > 正文: three steps at least
        "breadcrumb": regex.compile(rf"首页\s*(?:{seps})+(?:[^{seps}]{{1,20}}(?:{seps})+){{1,}}"),
    }


def is_furniture(text: str, after_label: str | None = None) -> bool:
    """Is this line of a page's text its furniture rather than its content? `after_label`:
    the line before it was a publication label alone (- 发文机构), opened by this mark, whose
    value this line is when it opens with the same mark (- 隆阳区农业农村局) or is a date or
    number (2023-05-29); a title after an empty label (主题词) is no value of it."""
    v = _vocabulary()
    line = text.strip()
    if _META_TAG.match(line):
        return True  # a page's <meta> tags copied as text, however long
    if not line or len(line) > v["max_chars"]:
        return False
    words = [w for w in _MARKS.split(line) if w]
    if not words or _CLOSE_MARK.fullmatch(line) or _DOMAIN.fullmatch(line):
        return True  # a line of pipes or bullets only, a dialog's close button (x), a site's address
    if v["phrases"].search(line) or v["breadcrumb"].search(line):
        return True
    if all(w in v["labels"] or w in v["published"] or _CLOSE_MARK.fullmatch(w) for w in words):
        return True  # a menu (设为首页 | 无障碍浏览), or labels whose values follow on lines of their own
    stripped = _LEADING_MARKS.sub("", line)
    if v["labelled"].match(stripped):
        return True
    spaced = v["spaced"].match(stripped)
    if spaced and (spaced["first"] not in v["weak"] or v["any_label"].search(stripped, spaced.end())):
        return True
    if after_label is None:
        return False
    return _VALUE_ONLY.fullmatch(_MARKS.sub("", line)) is not None or (
        bool(after_label) and line.startswith(after_label) and len(line) <= _VALUE_CHARS)


def label_alone_mark(text: str) -> str | None:
    """The list mark ('- ', or '' for none) of a line that is a publication label with no
    value (- 发文机构), whose value is on the next line; None for any other line."""
    line = text.strip()
    if _MARKS.sub("", line) not in _vocabulary()["published"]:
        return None
    mark = _LEADING_MARKS.match(line)
    return mark[0] if mark else ""


def furniture_blocks(blocks: list) -> set:
    """The indices of the blocks (of one document, in order) that are its page's furniture."""
    out, after_label = set(), None
    for b in blocks:
        if b.kind == TABLE:
            after_label = None
            continue
        if is_furniture(b.text, after_label):
            out.add(b.index)
        after_label = label_alone_mark(b.text)
    return out
