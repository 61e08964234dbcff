"""Text saved from printed pages keeps each page's number on a line of its own (— 3 —,
第3页 共7页), wherever the page broke: between two rows of a table, or in the middle of a
sentence. Such a line says nothing of the report; it becomes a bare page break (a form feed,
which the table readers pass over as a page's furniture and a paragraph as a blank line), so
the table's rows and the sentence's halves meet again (`page_number_line` in
patterns/text_tables.json). A bare number stays: it may be a table's cell."""
from __future__ import annotations

from .text_rows import vocabulary


def page_breaks_for_numbers(lines: list) -> list:
    page_number = vocabulary()["page_number_line"]
    if not any("页" in line or "-" in line or "—" in line or "－" in line or "–" in line for line in lines):
        return lines  # (the cheap test first: most texts have none)
    return ["\f" if page_number.match(line) else line for line in lines]
