"""Turning a run of text into heading/paragraph blocks, the same way for every format."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Optional

from ..model import HEADING, PARAGRAPH, Document
from ..normalize import normalize
from ..numbering import looks_like_heading, numbering_of, strip_markdown
from ..patterns import load_json


@lru_cache(maxsize=1)
def _section_titles() -> frozenset:
    return frozenset(load_json("section_titles.json")["unnumbered_headings"])


def add_text_block(doc: Document, text: str, page: Optional[int] = None, bbox=None, style_level: Optional[int] = None):
    """Classify one paragraph of text and append it to `doc`. `style_level` is a heading
    level the format itself declares (Word heading styles, Markdown '#')."""
    raw = text
    body, md_depth = strip_markdown(normalize(text).strip())
    body = body.strip()
    if not body:
        return None
    numbering, level = numbering_of(body)
    declared = style_level or md_depth
    is_heading = looks_like_heading(body, numbering)
    if not is_heading and numbering is None:
        bare = body.rstrip("：:")
        is_heading = (bool(declared) and len(body) <= 40) or (bare in _section_titles())
    kind = HEADING if is_heading else PARAGRAPH
    return doc.add(kind, body, page=page, raw=raw, level=level if numbering else (declared if is_heading else None),
                   numbering=numbering, bbox=bbox)
