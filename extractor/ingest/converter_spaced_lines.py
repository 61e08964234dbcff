"""Lines of a converter-spaced text (../converter_spaces.py) whose only spaces are the
converter's: a row whose cells a sharing site ran together (定量指标 100%92%100%22 否…,
计划投资额(万元)678.44 实际到位资金(万元)678.44) or a sentence (全县 2020 年种植 57.54 万亩),
every space of it between a Chinese character and a digit. Such a line is read as written
without those spaces, so the readers of rows run together and of sentences see it as the
converter found it (its facts quote it so, without those spaces: 678.44, 计划投资额(万元)678.44).
A line with any other space (2.33 2.33, 指标 权重), a tab or a pipe keeps its spaces: they may be
its cells' breaks."""
from __future__ import annotations

import regex

from ..converter_spaces import HAN_FIGURE_SPACE, spaced_at_figures

_OTHER_BREAK = regex.compile(r"[\t|｜\u3000]|  ")
_FEWEST_SPACES = 2
_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")


def converter_spaces_out(lines: list) -> tuple:
    """(the lines, each whose only spaces are the converter's without them; is the text
    converter-spaced?)"""
    if not spaced_at_figures(lines):
        return lines, False
    return [_unspaced(line) for line in lines], True


def _unspaced(line: str) -> str:
    stripped = line.strip()
    if _OTHER_BREAK.search(stripped):
        return line
    spaces = stripped.count(" ")
    if spaces < _FEWEST_SPACES or len(HAN_FIGURE_SPACE.findall(stripped)) != spaces:
        return line
    # (pieces each all words or all figures may be cells a space apart: 其中:财政资金 6.84 其中:…;
    # a piece that runs words into figures, 投资额(万元)678.44 or 变动率%100%22, shows the cells
    # run together, the spaces the converter's)
    if not any(_HAN.search(piece) and _DIGIT.search(piece) for piece in stripped.split(" ")):
        return line
    return HAN_FIGURE_SPACE.sub("", line)
