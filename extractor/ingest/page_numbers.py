"""Text saved from printed pages keeps each page's number on a line of its own (— 3 —,
第3页 共7页), wherever the page broke: between two rows of a table, or in the middle of a
sentence, and often the running header printed over the next page (the report's title again).
Such lines say nothing of the report; they become a bare page break (a form feed, which the
table readers pass over as a page's furniture and a paragraph as a blank line), so the table's
rows and the sentence's halves meet again (`page_number_line` in patterns/text_tables.json).
A bare number stays: it may be a table's cell. A running header is taken only beside a page's
number, and only when it repeats the document's first lines or a line beside another page's
number."""
from __future__ import annotations

from collections import Counter

import regex

from .text_rows import vocabulary

_NEAR = 3  # lines from a page's number where its running header is printed
_LONGEST_HEADER = 40
_TITLE_LINES = 5


def page_breaks_for_numbers(lines: list) -> list:
    page_number = vocabulary()["page_number_line"]
    if not any("页" in line or "頁" in line or "-" in line or "—" in line or "－" in line or "–" in line
               for line in lines):
        return lines  # (the cheap test first: most texts have none)
    lines = _preview_captions_as_breaks(lines)
    numbers = [k for k, line in enumerate(lines) if page_number.match(line)]
    if not numbers:
        return lines
    beside = {k: _beside(lines, k) for k in numbers}
    # what a running header repeats: the document's first lines (its title), or a line printed
    # beside two pages' numbers or more
    headers = {line.strip() for line in lines[:_TITLE_LINES] if _may_be_header(line)}
    pages_beside = Counter(t for near in beside.values() for t in {lines[j].strip() for j in near})
    headers |= {t for t, pages in pages_beside.items() if pages >= 2 and _may_be_header(t)}
    out = list(lines)
    for k, near in beside.items():
        out[k] = "\f"
        for j in near:
            if lines[j].strip() in headers:
                out[j] = "\f"
    return out


def _preview_captions_as_breaks(lines: list) -> list:
    """A sharing site's page captions (<file name>_第2页) and reading notes become page breaks;
    a caption that opens the text keeps the file's name, the document's title."""
    caption = vocabulary()["preview_caption_line"]
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    out = list(lines)
    for k, line in enumerate(lines):
        m = caption.match(line)
        if m:
            out[k] = m["name"] if k == first and m["name"] else "\f"
    return out


def _beside(lines: list, k: int) -> list:
    """The nearest line with text on each side of line k, within a few lines."""
    found = []
    for step in (1, -1):
        j = k + step
        while 0 <= j < len(lines) and abs(j - k) <= _NEAR:
            if lines[j].strip():
                found.append(j)
                break
            j += step
    return found


def _may_be_header(line: str) -> bool:
    """A title's line: a few words, no sentence (no comma or full stop), no cells."""
    text = line.strip()
    return 8 <= len(text) <= _LONGEST_HEADER and not _SENTENCE_OR_CELLS.search(text)


_SENTENCE_OR_CELLS = regex.compile(r"[。；，,;:：]|\s{2,}|\t")
