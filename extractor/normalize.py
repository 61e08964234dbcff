"""Text normalisation, done once at ingest.

Only what matters for reading numbers is folded: full-width digits, Latin letters and
the few symbols that appear inside or beside numbers (％ ． ＋ － ／ ＝ ＜ ＞ ～, and the
small forms ﹦ ﹤ ﹥ ﹪), stray spaces inside a number ("5, 758" → "5,758"), and what text
recognition misreads in a figure: 元 as 兀 after it, a 10 as IO. Chinese punctuation such as
，（） stays as written, so quotes still read like the report. The block keeps the original as
`raw`.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from .patterns import load_json
from .run_together_spaces import run_together_spaces_out

_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FOLD.update({"％": "%", "．": ".", "＋": "+", "－": "-", "／": "/", "＝": "=",
              "＜": "<", "＞": ">", "～": "~", "\u3000": " ", "\xa0": " ",
              "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "",
              # the small form variants some forms' comparator cells use (﹦ 100, ≥95﹪)
              "\ufe62": "+", "\ufe63": "-", "\ufe64": "<", "\ufe65": ">", "\ufe66": "=", "\ufe6a": "%"})
_TABLE = str.maketrans(_FOLD)
# the folds that keep a line's layout: every one but the spaces (a full-width space
# separates a text table's cells, as two spaces do)
_FIGURE_TABLE = str.maketrans({k: v for k, v in _FOLD.items() if not k.isspace() and v})

# A space between a digit and a thousands separator / decimal point, or right after one.
_SPACE_IN_NUMBER = regex.compile(r"(?<=\d)\s+(?=[.,]\d)|(?<=\d[.,])\s+(?=\d)")
# A space between a figure and its unit, as text layers and sharing sites write them
# (1280.56 万元, 95 %, 38 人): a unit in words a whole word (38 人员 is no 38人); a % sign
# is one whatever follows it (a form run together: 年度资金总额303010100 %其中：…)
_UNITS = r"(?:%|(?:万元|亿元|元|万人次|万人|人次|人|万户|户)(?![\p{Han}A-Za-z]))"
_SPACE_BEFORE_UNIT = regex.compile(rf"(?<=\d)[ \t]+(?={_UNITS})")
_BLANKS_BEFORE_UNIT = regex.compile(rf"(?<=\d) +(?={_UNITS})")  # (in a row of tab-separated cells)
_UNIT_AFTER_FIGURE = regex.compile(rf"\d{_UNITS}")


# a total's name spread over its cell (合    计, 小 计, 总　分), as forms align a short label:
# at a cell's start (the line's, or after a tab or a run of spaces), and whole
_SPREAD_TOTAL = regex.compile(r"(?:^|(?<=\t|\s\s))(\s*[合小总])[ \t]+([计分])(?=[\s（(:：]|$)", regex.MULTILINE)


def total_names_joined(text: str) -> str:
    """`text` with a total's name spread over its cell written together (合计, 小计, 总分)."""
    return _SPREAD_TOTAL.sub(r"\1\2", text) if ("计" in text or "分" in text) and _SPREAD_TOTAL.search(text) else text


# A form's header word wrapped inside its narrow cell, which copying leaves as single spaces
# inside the word (年度 指标值, 实际 完成值, 分 值得 分 for 分值 | 得分): the pieces of a wrap
# are short; a longer piece is a cell of its own (偏差原因分析 及改进措施 may be two)
_HAN_SPACE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_WRAPPED_PIECE = 3
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HEADER_WORD_GROUPS = ("indicator_columns", "fund_columns", "indicator_header", "goal_labels", "meta_cells",
                       "total_rows", "score_cells", "grade_cells")


@lru_cache(maxsize=1)
def header_words() -> frozenset:
    forms = load_json("forms.json")
    words = set()
    for group in _HEADER_WORD_GROUPS:
        value = forms[group]
        for labels in (value.values() if isinstance(value, dict) else [value]):
            words.update(w for w in labels if len(w) >= 2 and regex.fullmatch(r"\p{Han}+", w))
    return frozenset(words)


@lru_cache(maxsize=1)
def _header_word_chars() -> frozenset:
    """The characters of the header words: a space between two others is inside none."""
    return frozenset("".join(header_words()))


@lru_cache(maxsize=2)
def _wrapped_header_word(shortest_first: bool = False) -> regex.Pattern:
    """The header words, each matched over spaces; longest first, or shortest first (which
    finds 执行率 where 执行率得分 is also a word)."""
    ordered = sorted(header_words(), key=len, reverse=not shortest_first)
    return regex.compile("|".join(" ?".join(w) for w in ordered))


@lru_cache(maxsize=1)
def _column_words() -> frozenset:
    forms = load_json("forms.json")
    # (and the total rows' names: 得分 合计 is the header's last cell and the 合计 row's name)
    return frozenset(w for group in ("indicator_columns", "fund_columns") for labels in forms[group].values()
                     for w in labels) | frozenset(forms["total_rows"])


_WORD_REACH = 24  # longer than any header word, so every word across a space is in its window


def _windows(spaces) -> list:
    """[lo, hi) spans around the given positions, merged where they overlap."""
    out: list = []
    for p in spaces:
        lo, hi = max(0, p - _WORD_REACH), p + _WORD_REACH + 1
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return out


def header_words_joined(text: str) -> str:
    """`text` with a form's header words whole where a wrapped cell left spaces inside them.
    A word is joined only where it is a cell's: at one end at least a space, a character that
    is no Han, or another header word (年度 指标值实际 完成值 runs on into the next word; the
    header's last word, 得 分决策, into the first row's name), and neither end inside another
    header word written whole (一级指标 分值 holds 指标分值, its 指标 the level's); 符合 计划
    holds 合计 across its space, but inside two other words."""
    chars = _header_word_chars()
    windows = _windows(m.start() for m in _HAN_SPACE.finditer(text)
                       if text[m.start() - 1] in chars and text[m.start() + 1] in chars)
    if not windows:
        return text
    words, shortest = [], []
    for lo, hi in windows:  # (the words around each space only: every line of a text is asked)
        words += _wrapped_header_word().finditer(text, lo, hi, overlapped=True)
        shortest += _wrapped_header_word(True).finditer(text, lo, hi, overlapped=True)
    starts = {m.start() for m in words + shortest}
    ends = {m.end() for m in words + shortest}
    unbroken = [(m.start(), m.end()) for m in words + shortest if " " not in m.group()]

    def whole(m) -> bool:
        if any(a < m.start() < b or a < m.end() < b for a, b in unbroken):
            return False
        return ((m.start() == 0 or not _HAN.match(text[m.start() - 1]) or m.start() in ends)
                or (m.end() == len(text) or not _HAN.match(text[m.end()]) or m.end() in starts))

    def wrapped(m) -> bool:
        """Short pieces, not each a column's or a row's word of its own (执行率 得分 are two
        cells, though 执行率得分 is a word too, and so are 得分 合计, the header's last cell and
        the total row's name; 年度 指标值 is one, 年度 heading no column)."""
        pieces = m.group().split(" ")
        return max(map(len, pieces)) <= _WRAPPED_PIECE and not all(p in _column_words() for p in pieces)

    spaces = {i for m in words if " " in m.group() and wrapped(m) and whole(m)
              for i in range(m.start(), m.end()) if text[i] == " "}
    return "".join(c for i, c in enumerate(text) if i not in spaces) if spaces else text


def units_joined(text: str) -> str:
    """`text` with the spaces between its figures and their units taken out, where it writes
    every unit so: a text that also writes units next to their figures has its units a space
    apart for a reason (a form's unit column: 目标 95 | % | 实际 100 | 100.00%), and so has a
    unit of money per head after two figures (a row's target and result before its unit
    cell: = 5 5 元/生·天). In a row of tab-separated cells a tab is a cell's end: a unit after
    one is its own cell (指标值 260 | 度量单位 人)."""
    if " " not in text and "\t" not in text:
        return text  # (the cheap test first: every line of a text is asked)
    spaced = _BLANKS_BEFORE_UNIT if text.count("\t") >= 2 else _SPACE_BEFORE_UNIT
    if not spaced.search(text) or _UNIT_AFTER_FIGURE.search(text):
        return text
    return spaced.sub(lambda m: m.group() if _RATE_UNIT.match(text, m.end())
                      and _TWO_FIGURES_BEFORE.search(text, 0, m.start()) else "", text)


_RATE_UNIT = regex.compile(r"元\s*/")
_TWO_FIGURES_BEFORE = regex.compile(r"(?<![\d.,])\d[\d.,]*[ \t]+\d[\d.,]*$")


# A space as a thousands separator (1 286.16万元, 12 805 600元), as printed reports set figures
# and text recognition reads them: groups of three digits after a word, with the figure's
# decimals or its unit right after (a row's cells, 序号 1 286.16, have a space before the 1);
# not a percentage (准确率10 100%: a row's 分值 and its target; no share is written in thousands)
# (not a row's figures, a space between each: 省级资金420 466.5 455.22 or 300 300 286.40—— are
# three cells; a figure grouped in thousands ends its cell with its unit or a mark)
_SPACE_THOUSANDS = regex.compile(r"(?<=[\p{Han}：:（(])(\d{1,3})((?: \d{3})+)"
                                 r"(?=\.\d+(?:[ \t]*[万亿元]|\p{Han}|[，。；、,;）)\]]|$)|\p{Han})")
# A date's parts a space from their 年, 月, 日 (2015 年 9 月, as text layers write them): a year
# is no figure, however it is spaced
_SPACED_DATE = regex.compile(r"(?<![\d.])((?:19|20)\d{2})[ \t]+(?=年)|(?<=年[ \t]*)(\d{1,2})[ \t]+(?=月)"
                             r"|(?<=月[ \t]*)(\d{1,2})[ \t]+(?=日)")
# A full-width comma used as a thousands separator: 5，758，200
_FW_THOUSANDS = regex.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
# a comma before one or two digits that end the figure (1421,56 | 96,5%) groups no thousands:
# text recognition read the decimal point as a comma (a list of figures, 1,2,3, is left alone)
_DECIMAL_COMMA = regex.compile(r"(?<![,.]\d*)(?<=\d),(?=\d{1,2}(?![\d,]))")


# str.translate looks every character up in a Python dict; most lines have nothing to fold.
# The standard library's re scans for a plain character class about ten times faster
# than the regex module does (and the class is only literal characters: both read it alike).
_NEEDS_FOLD = re.compile("[" + "".join(map(re.escape, _FOLD)) + "]")
# re's \s is regex's \s and \x1c-\x1f: a test for _SPACE_IN_NUMBER that never misses
_ANY_SPACE = re.compile(r"\s")


# 元 read as 兀 by the text recognition of scans and document-sharing sites' previews
# (3,159.00万兀): after a figure 兀 (突兀, 兀自) is never meant, and one character for one
# keeps every offset
_YUAN_READ_AS_WU = regex.compile(r"(?<=\d\s?[万亿]?)兀")


# digits read as letters (IO for 10, l5 for 15): a figure of two or three characters, a 1
# read as I or l at its start only, a 0 read as O after it, no Latin letter or digit beside
# it (II, III stay numerals of classes; 5l stays litres)
_DIGITS_READ_AS_LETTERS = regex.compile(r"(?<![A-Za-z0-9.])[Il1-9][O0-9]{1,2}(?![A-Za-z0-9.%])")
_LETTER_DIGITS = str.maketrans("IlO", "110")
_LETTER_IN_FIGURE = re.compile(r"[Il][O\d]|\d[OIl]")  # the cheap test first (re: see _NEEDS_FOLD)
# a cell's figure read with letters for some of its digits (过程 25 2l, 3l5.00, 734.l2,
# 120.0O): a token standing alone, opening with a digit, digits and I, l, O only — no word
# is written so; alone in its text, letters only at its end are a unit's (5l, 10l stay)
_LETTERED_CELL = regex.compile(r"(?<!\S)\d[\dIlO]*(?:\.[\dIlO]+)?(?!\S)")
_UNIT_LETTERS_AFTER = regex.compile(r"\d+[IlO]+")
# a figure read with letters for digits right before its unit (98.4l%, 5 528.9l万元)
_LETTERED_BEFORE_UNIT = regex.compile(r"(?<![A-Za-z\d.])\d[\d.]*[IlO][\dIlO.]*(?=%|万|亿|元)")


# 目 read as Fl by the same previews' text recognition (项Fl名称, 项Fl资金): two Latin letters
# between Chinese characters are never meant
_MU_READ_AS_FL = regex.compile(r"(?<=\p{Han})Fl(?=\p{Han})")


def _lettered_cell(m) -> str:
    token = m.group()
    if m.start() == 0 and m.end() == len(m.string) and _UNIT_LETTERS_AFTER.fullmatch(token):
        return token
    return token.translate(_LETTER_DIGITS)


def _digits_for_letters(m) -> str:
    return m.group().translate(_LETTER_DIGITS)


def normalize(text: str) -> str:
    if _NEEDS_FOLD.search(text):
        text = text.translate(_TABLE)
    if "，" in text:
        text = _FW_THOUSANDS.sub(",", text)
    if "," in text:
        text = _DECIMAL_COMMA.sub(".", text)
    if "兀" in text:
        text = _YUAN_READ_AS_WU.sub("元", text)
    if "Fl" in text:
        text = _MU_READ_AS_FL.sub("目", text)
    if _LETTER_IN_FIGURE.search(text):
        text = _LETTERED_CELL.sub(_lettered_cell, _DIGITS_READ_AS_LETTERS.sub(_digits_for_letters, text))
        text = _LETTERED_BEFORE_UNIT.sub(_digits_for_letters, text)
    if not _ANY_SPACE.search(text):
        return text
    text = header_words_joined(total_names_joined(_SPACE_THOUSANDS.sub(_thousands_joined, text)))
    if "年" in text or "月" in text:
        text = _SPACED_DATE.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
    return run_together_spaces_out(units_joined(_SPACE_IN_NUMBER.sub("", text)))


def _thousands_joined(m) -> str:
    return m.group(1) + m.group(2).replace(" ", "")


def fold_figure_characters(text: str) -> str:
    """Full-width digits, letters and number symbols as ASCII, one character for one, spaces
    left as they are: what finds a text table's rows before its cells are normalised."""
    return text.translate(_FIGURE_TABLE) if _NEEDS_FOLD.search(text) else text


# a label letter-spaced across its cell (项 目 实 施 单 位, 地 址): a line of two or more CJK
# characters each a space apart, after a heading's number maybe (一、项 目 基 本 情 况), the
# last with the rest of the label after it (资 金 总 额(万元), 其 中：), and nothing else
_LETTER_SPACED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])?"
                            r"[\u4e00-\u9fff](?: [\u4e00-\u9fff])+\S*\s*$")


def unspaced_label(line: str) -> str:
    """A line that is one label or heading letter-spaced across its width, without its
    spaces (a form's cells and a report's headings are matched by their words); any other
    line as it is. Such a line holds no figure, so no quote of a fact loses a space."""
    return line.replace(" ", "") if " " in line and _LETTER_SPACED.match(line) else line


def clean_cell(text: str) -> str:
    """Cell text: normalised, with layout whitespace at the ends removed."""
    return normalize(text).strip()
