"""Which place a block of a report stands under: a county-by-county report writes each
county's name once, as a heading or a line of its own (（二）溪口县, 【龙川区】), above the
paragraphs of its figures; those figures, and a score stated there, are that county's."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..model import HEADING, TABLE, Document
from ..numbering import numbering_of
from ..patterns import load_json

_BRACKETS = regex.compile(r"^[【\[［〔]\s*(.*?)\s*[】\]］〕]$")


@lru_cache(maxsize=1)
def _place_line() -> "regex.Pattern":
    return regex.compile(load_json("subjects.json")["heading_place"])


def place_named(text: str) -> Optional[tuple]:
    """(name, outline level) when a heading or a line is only a place's name; else None."""
    text = text.strip()
    label, level = numbering_of(text)
    name = text[len(label):].strip() if label else text
    name = _BRACKETS.sub(r"\1", name)
    return (name.rstrip("：:。"), level) if _place_line().match(name) else None


def place_sections(doc: Document) -> dict:
    """Block index → the place named by the heading or line the block stands under, for the
    text blocks under one. A place's section ends at the next place, or at a heading of its
    level or above (1.资金使用 under （一）南屏区 stays in it; 三、存在问题 ends it)."""
    out, place = {}, None
    for block in doc.blocks:
        if block.kind == TABLE:
            continue
        named = place_named(block.text)
        if named is not None:
            place = named
            continue
        if block.kind == HEADING:
            level = numbering_of(block.text.strip())[1]
            if place is None or level is None or place[1] is None or level <= place[1]:
                place = None
                continue
        if place is not None:
            out[block.index] = place[0]
    return out
