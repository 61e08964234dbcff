"""Spaces left in a form a text layer ran together. A sharing site's or a PDF's text of a
form often runs its cells into each other and keeps a space only where the page had a wide
gap (…管理率10≥62% 67.4% 10适龄儿童…): such spaces part some cells and not others, so
they say nothing the reader can trust, and they cut figures away from the runs the
run-together form's reader (extract/form_glued.py) cuts whole. Under the indicator header,
up to the total row, they are taken out — only where figures run into the next one more
often than a space parts them (see _MIN_RUNS), so a form whose cells stand apart keeps its
spaces."""
from __future__ import annotations

from functools import lru_cache

import regex

from .patterns import load_json

_UNIT = r"(?:%|人次|人|户|万元|元)"
_COMPARATOR = r"[≥≤><=]"
# two cells' figures run together: a figure with its unit into the next figure (18000人18642人),
# a 分值 into its target (10≥62%); against two figures a space apart (≥62% 67.4%, 10 10).
# (Names run into figures say nothing: prose cells write 得3分, 编制126人.)
_RUN_TOGETHER = regex.compile(rf"{_UNIT}(?={_COMPARATOR}?\d)|\d(?={_COMPARATOR}\d)")
_SPACED = regex.compile(rf"(?:{_UNIT}|\d) (?={_COMPARATOR}?\d)")
# fewer runs together prove no form run together; nor runs fewer than half the figures a
# space parts (a site's text that keeps single spaces between most cells and runs a name
# into its first figure, or a row's 得分 into the next name, is read as cells: form_glued.py)
_MIN_RUNS = 3


@lru_cache(maxsize=1)
def _region_words() -> tuple:
    forms = load_json("forms.json")
    head = regex.compile("|".join(map(regex.escape, forms["indicator_header"])))
    total = regex.compile("|".join(map(regex.escape, sorted(forms["total_rows"], key=len, reverse=True))))
    return head, total


def run_together_spaces_out(text: str) -> str:
    """`text` with the single spaces between its indicator header and its total row taken
    out, where the form there is run together (see above)."""
    if " " not in text or "指标" not in text:
        return text
    head, total = _region_words()
    start = head.search(text)
    if start is None:
        return text
    end = total.search(text, start.end())
    s, e = start.start(), end.start() if end else len(text)
    region = text[s:e]
    runs = len(_RUN_TOGETHER.findall(region))
    if runs < _MIN_RUNS or 2 * runs < len(_SPACED.findall(region)) or "\n" in region:
        return text
    return text[:s] + _STRAY_SPACE.sub("", region) + text[e:]


# every single space but one between two bare figures (10 10: a row's 分值 and 得分, which
# run together could be cut more ways than one); a space before a figure with its unit
# goes (10 100%: the unit ends the run where it is cut)
_STRAY_SPACE = regex.compile(rf"(?<=\S) (?=\S)(?<!\d (?=\d+(?:\.\d+)?(?![\d.]|{_UNIT})))")
