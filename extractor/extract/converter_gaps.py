"""Spaces a converter put between Chinese characters and figures (pdftotext, a sharing site's
text layer, Word's spacing of Asian and Latin text printed to PDF): 指标 1:居民健康档案,
38508 人, 孕产妇 7 天访视数. In a text that writes every such boundary with a space, a space
there says nothing about where a form's cell ends, so the cell tokens a space cut apart are
joined again where they can only be one cell:
- a figure and the unit after it (38508 人, 不少于 12 种, 11 月底前): a figure's unit is its
  cell's;
- a numbering word alone and its number (指标 1, 第 3), and the name after a bare number
  (指标 1 工程完工率): an indicator's name opens so;
- a name and a figure with a unit run on into more of the name (孕产妇 7天访视数): a value
  cell is a figure and its unit, never a figure with words after its unit.
The joined token keeps the space in its text, so its quote is the file's. Which texts are
spaced so: ../converter_spaces.py."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..patterns import load_json
from .form_vocab import bare, is_label, spec

_ENDS_IN_FIGURE = regex.compile(r"\d[%％]?$")
_ENDS_IN_HAN = regex.compile(r"\p{Han}$")
_OPENS_HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    """(a unit or a time unit the whole of a cell's rest; a unit opening more of a name; a
    numbering word alone; a number after it) from patterns/forms.json."""
    s = spec()
    units = sorted({u for u in s["indicator_units"] if regex.search(r"\p{Han}", u)}, key=len, reverse=True)
    unit = "(?:" + "|".join(map(regex.escape, units)) + ")"
    numbering = "(?:" + "|".join(map(regex.escape, s["numbering_words"])) + ")"
    # (a time unit after a figure is its cell's, whatever follows: 10 月, 11 月底前, 2 年内)
    time = "(?:" + "|".join(map(regex.escape, sorted(s["cell_units"], key=len, reverse=True))) + ")"
    # (项目过程 after a figure is a row's name: no unit of the figure runs on into it)
    words = "|".join(map(regex.escape, load_json("units.json")["words_opening_with_a_unit"]))
    return (regex.compile(rf"^(?:{unit}(?!\p{{Han}})|{time})"), regex.compile(rf"^(?!{words}){unit}\p{{Han}}"),
            regex.compile(rf"^{numbering}$"), regex.compile(r"^\d{1,2}(?:[:：、.．]|$|(?=\p{Han}))"))


_FIGURE = regex.compile(r"^\d+(?:[-~]\d+)?$")
_FIGURE_OPENS = regex.compile(r"^\d+(?:[-~]\d+)?")


# (the rest of a name after its figure is short and no clause: 天访视数, not 项目预期提供的产品、服务…)
_MOST_NAME_REST = 10
_CLAUSE_MARK = regex.compile(r"[，,。；;、：:]")


def _rest_of_name(words: str, unit_in_name) -> bool:
    """Is `words` a unit running on into the rest of a name (天访视数, 岁儿童健康管理数)?"""
    return bool(unit_in_name.match(words)) and len(words) <= _MOST_NAME_REST and not _CLAUSE_MARK.search(words) \
        and not is_label(bare(words))


def gaps_closed(text: str, pieces: list) -> list:
    """`pieces` ([start, end) spans of `text`) with those one space apart that make one cell
    joined (see above)."""
    unit_alone, unit_in_name, numbering_word, number_first = _patterns()

    def apart(a: tuple, b: tuple) -> bool:
        return b[0] - a[1] == 1 and text[a[1]] == " "

    def name_part(piece: tuple) -> bool:
        return bool(_ENDS_IN_HAN.search(text[piece[0]:piece[1]])) and not is_label(bare(text[piece[0]:piece[1]]))

    out: list = []
    k = 0
    while k < len(pieces):
        piece = pieces[k]
        left = out[-1] if out else None
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        words = text[piece[0]:piece[1]]
        # a name, a figure, and a unit running on into the name: 孕产妇 | 7 | 天访视数
        if left and nxt and apart(left, piece) and apart(piece, nxt) and name_part(left) and _FIGURE.match(words) \
                and _rest_of_name(text[nxt[0]:nxt[1]], unit_in_name):
            out[-1] = (left[0], nxt[1])
            k += 2
            continue
        if left and apart(left, piece):
            before = text[left[0]:left[1]]
            figure_and_unit = _ENDS_IN_FIGURE.search(before) and unit_alone.match(words)
            numbered = numbering_word.search(before) and number_first.match(words)
            # (7天访视数 already one piece after a name: 孕产妇 | 7天访视数)
            in_name = name_part(left) and (m := _FIGURE_OPENS.match(words)) and _rest_of_name(words[m.end():], unit_in_name)
            if figure_and_unit or numbered or in_name:
                out[-1] = (left[0], piece[1])
                k += 1
                # (指标 1 工程完工率: the name after a bare number is the same cell's)
                if numbered and words.isdigit() and nxt and apart(piece, nxt) and _OPENS_HAN.match(text, nxt[0]) \
                        and not is_label(bare(text[nxt[0]:nxt[1]])):
                    out[-1] = (left[0], nxt[1])
                    k += 1
                continue
        out.append(piece)
        k += 1
    return out
