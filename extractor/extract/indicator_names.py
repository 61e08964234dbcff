"""An indicator's name as a report writes it and the weight written in brackets with it
(决策（15分，得12分）: 决策, 15), and the numbers of the levels headers name (一级指标 … 六级指标):
what the score tables' reader (table_indicators.py) and the text's (text_indicators.py) share."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

# a weight in brackets, maybe with the score awarded against it (决策（15分，得12分）, 投入（满分15分，实得14分）)
BRACKETED_WEIGHT = regex.compile(r"[（(]\s*(?:满分|分值)?\s*(\d+(?:\.\d+)?)\s*分"
                                 r"\s*(?:[，,、；;]\s*(?:得分|得|实得)\s*(\d+(?:\.\d+)?)\s*分\s*)?[)）]")

_QUOTES_SPACE = regex.compile(r"[\s“”\"「」]+")
LEVEL_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def clean_name(name: str) -> str:
    """The name without its bracketed weight, quotes and spaces, or a colon after it."""
    name = BRACKETED_WEIGHT.sub("", name)
    return _QUOTES_SPACE.sub("", name).rstrip("：:")


def bracketed_weight(text: str) -> Optional[Decimal]:
    """The first weight the text writes in brackets (（8分）, （满分15分，得12分）: 15), or None."""
    m = BRACKETED_WEIGHT.search(text)
    return Decimal(m.group(1)) if m else None
