"""Spaces a converter put between Chinese characters and figures (pdftotext, a sharing site's
text layer, Word's spacing of Asian and Latin text printed to PDF): 2021 年 4 月, 指标 1:,
38508 人. A text counts as spaced so only where nearly every boundary between a Chinese
character and a digit is a space: a spreadsheet flattened with one space between cells spaces
only the boundaries that are cell breaks (数量指标 100) and writes 2089人 and 指标1 whole.
Used by the reader of text (ingest/converter_spaced_lines.py) and the form reader's cell
tokens (extract/converter_gaps.py)."""
from __future__ import annotations

from typing import Iterable

import regex

# a space between a Chinese character and a digit, either way round
HAN_FIGURE_SPACE = regex.compile(r"(?<=\p{Han}) (?=\d)|(?<=\d) (?=\p{Han})")
_HAN_FIGURE = regex.compile(r"(?<=\p{Han})(?=\d)|(?<=\d)(?=\p{Han})")
_FEWEST_BOUNDARIES = 12
_SPACED_SHARE = 0.9


def spaced_at_figures(texts: Iterable[str]) -> bool:
    """Does the document write (nearly) every boundary between a Chinese character and a
    digit with a space?"""
    spaced = unspaced = 0
    for text in texts:
        if not text:
            continue
        spaced += len(HAN_FIGURE_SPACE.findall(text))
        unspaced += len(_HAN_FIGURE.findall(text))
    total = spaced + unspaced
    return total >= _FEWEST_BOUNDARIES and spaced >= _SPACED_SHARE * total
