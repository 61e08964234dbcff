"""Heading numbering: which outline level a numbering label stands for.

Chinese reports number their outline as 一、 > （一） > 1. > （1） > ① (⑴ is the same level
as （1）). The label is kept as written; the level is what later stages use to build
sections and split problem/recommendation items.
"""
from __future__ import annotations

from typing import Optional

import regex

CN_DIGITS = "一二三四五六七八九十"
_PATTERNS = [
    # (level, pattern) — order matters: the more specific forms first.
    (1, regex.compile(rf"^([{CN_DIGITS}]{{1,3}})\s*[、.．]")),
    (2, regex.compile(rf"^([（(]\s*[{CN_DIGITS}]{{1,3}}\s*[)）])")),
    (4, regex.compile(r"^([（(]\s*\d{1,2}\s*[)）])")),
    (4, regex.compile(r"^([⑴-⒇])")),
    (5, regex.compile(r"^([①-⑳])")),
    (3, regex.compile(r"^(\d{1,2})\s*(?:[、]|[.．](?!\d))")),
    (6, regex.compile(r"^([a-zA-Z])\s*[.．、](?![\d])")),
]
# "第一部分" / "第二章" style.
_CHAPTER = regex.compile(rf"^(第[{CN_DIGITS}\d]{{1,3}}[部章节])")
_MARKDOWN = regex.compile(r"^(#{1,6})\s+")
_ENDS_SENTENCE = regex.compile(r"[。；;！？!?]\s*$")


def numbering_of(text: str) -> tuple[Optional[str], Optional[int]]:
    """The numbering label at the start of `text` and its level, or (None, None)."""
    t = text.lstrip()
    if not t or not _may_open_label(t[0]):
        return None, None  # most lines: one character rules out every pattern below
    m = _CHAPTER.match(t)
    if m:
        return m.group(0), 1
    for level, pattern in _PATTERNS:
        m = pattern.match(t)
        if m:
            return m.group(0).strip(), level
    return None, None


def _may_open_label(c: str) -> bool:
    """Can a numbering label start with this character? (第, a Chinese digit, a bracket,
    a digit (isdigit is wider than \\d), ⑴…⒇, ①…⑳ or a Latin letter)"""
    return (c in _LABEL_FIRST or c.isdigit() or (c.isascii() and c.isalpha()) or "⑴" <= c <= "⒇"
            or "①" <= c <= "⑳")


_LABEL_FIRST = frozenset("第（(" + CN_DIGITS)


def strip_markdown(text: str) -> tuple[str, Optional[int]]:
    """Some archives were converted through Markdown: '## 一、…'. Returns text, depth."""
    m = _MARKDOWN.match(text) if text.startswith("#") else None
    if not m:
        return text, None
    return text[m.end():], len(m.group(1))


def looks_like_heading(text: str, numbering: Optional[str]) -> bool:
    """A numbered line is a heading when it is short and not a full sentence; a numbered
    sentence (1.贯彻执行……。) is a list paragraph."""
    body = text.strip()
    if numbering is None:
        return False
    rest = body[len(numbering):].strip() if body.startswith(numbering) else body
    if not rest:
        return False
    if _ENDS_SENTENCE.search(rest):
        return False
    return len(rest) <= 40 and "，" not in rest[:-1] or len(rest) <= 25
