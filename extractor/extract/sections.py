"""Problems and recommendations: found by their section headings, split into items by
numbering, de-duplicated across repeats (summary and body, notification tables),
categorised from a taxonomy in patterns/, and recommendations linked to problems."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from ..model import HEADING, PARAGRAPH, TABLE, Document
from ..numbering import numbering_of
from ..patterns import load_json

_PUNCT = regex.compile(r"[\s\p{P}（）()“”「」]+")
_FIRST_CLAUSE = regex.compile(r"^[^，,。；;：:]+")


@dataclass
class Item:
    title: str
    text: str
    sources: list = field(default_factory=list)
    numbering: Optional[str] = None


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_json("sections.json")


def _title_of(text: str) -> str:
    label, _ = numbering_of(text)
    return text[len(label):].strip() if label and text.startswith(label) else text.strip()


def section_type(heading_text: str) -> Optional[str]:
    """'problems', 'recommendations', 'both' or None for a heading's text."""
    v = _vocab()
    title = _title_of(heading_text).rstrip("：:")
    if len(title) > v["max_heading_chars"]:
        return None
    p = any(t in title for t in v["problems"])
    r = any(t in title for t in v["recommendations"])
    if p and r:
        return "both"
    if any(t in title for t in v["not_sections"]) and not (p or r):
        return None
    return "problems" if p else "recommendations" if r else None


def _section_end(blocks: list, i: int) -> int:
    """Index after the last block of the section opened by heading blocks[i]."""
    level = blocks[i].level
    for j in range(i + 1, len(blocks)):
        b = blocks[j]
        if b.kind != HEADING:
            continue
        if level is None:
            if b.level is None or b.level == 1:
                return j
        elif b.level is not None and b.level <= level:
            return j
        elif b.level is None and section_type(b.text):
            return j
    return len(blocks)


def find_sections(doc: Document) -> dict:
    """{'problems': [(start, end)], 'recommendations': [...]} as block index ranges, the
    innermost matching section winning (三、问题和建议 › （二）存在的问题)."""
    blocks = doc.blocks
    spans = {"problems": [], "recommendations": []}
    candidates = []
    for i, b in enumerate(blocks):
        if b.kind == HEADING:
            kind = section_type(b.text)
            if kind:
                candidates.append((i, _section_end(blocks, i), kind))
    for i, end, kind in candidates:
        inner = [c for c in candidates if i < c[0] < end]
        kinds = {kind} if kind != "both" else {"problems", "recommendations"}
        for k in kinds:
            if any(c[2] in (k, "both") for c in inner) or (kind == "both" and inner):
                continue  # a more specific heading inside covers it
            if not any(s <= i < e for s, e in spans[k]):
                spans[k].append((i + 1, end))
    return spans


def _items_in(doc: Document, start: int, end: int) -> list:
    """Items are the numbered blocks of the section's top numbering level; an item whose
    own sub-points are headings (（二） › 1. 2. 3.) gives way to those leaves, while
    numbered sentences under an item stay part of its text. Unnumbered sections: one
    item per paragraph."""
    blocks = [b for b in doc.blocks[start:end] if b.kind != TABLE]
    numbered = [b for b in blocks if b.numbering]
    if not numbered:
        return [Item(title=_clause(b.text), text=b.text, sources=[{"block": b.index, "page": b.page}])
                for b in blocks if b.kind == PARAGRAPH]
    top = min(b.level for b in numbered)
    heads = _leaves(numbered, top)
    items = []
    for n, b in enumerate(heads):
        idx = blocks.index(b)
        stop = blocks.index(heads[n + 1]) if n + 1 < len(heads) else len(blocks)
        body = [x for x in blocks[idx + 1:stop] if not (x.kind == HEADING and x.numbering and x.level <= b.level)]
        title = _title_of(b.text) if b.kind == HEADING else _clause(_title_of(b.text))
        items.append(Item(title=title, text="\n".join([b.text] + [x.text for x in body]),
                          sources=[{"block": x.index, "page": x.page} for x in [b] + body], numbering=b.numbering))
    return items


def _leaves(numbered: list, top: int) -> list:
    out = []
    for k, b in enumerate(numbered):
        if b.level != top and b.kind != HEADING:
            continue  # a numbered sentence under an item is part of that item
        later = numbered[k + 1:]
        nxt = next((x for x in later if x.kind == HEADING), None)
        if b.kind == HEADING and nxt is not None and nxt.level > b.level and not any(
                x.level <= b.level for x in later[:later.index(nxt)]):
            continue  # it has heading sub-items: those are the items
        out.append(b)
    return out


def _clause(text: str) -> str:
    m = _FIRST_CLAUSE.match(text)
    return (m.group(0) if m else text)[:60]


def _items_in_table_cells(doc: Document, cell_labels: list) -> list:
    """Form tables (附件 notices) that repeat problems/recommendations in one cell."""
    items = []
    for b in doc.blocks:
        if b.kind != TABLE:
            continue
        for r, row in enumerate(b.table.rows):
            if len(row) < 2 or row[0].text.replace("\n", "") not in cell_labels:
                continue
            cell = row[1]
            current = None
            for line in cell.text.split("\n"):
                line = line.strip()
                if not line:
                    continue
                label, _ = numbering_of(line)
                if label:
                    current = Item(title=_clause(_title_of(line)), text=line, numbering=label,
                                   sources=[{"block": b.index, "page": b.page, "table": b.index, "row": r, "col": 1}])
                    items.append(current)
                elif current is not None:
                    current.text += "\n" + line
    return items


def _key(title: str) -> str:
    return _PUNCT.sub("", title)


def _dedupe(items: list) -> list:
    out: list = []
    keys: list = []  # _key of each kept item's title (titles are not changed by merging)
    for item in items:
        k = _key(item.title)
        same = next((o for o, ok in zip(out, keys) if k and (k == ok or (len(k) >= 6 and (k in ok or ok in k)))), None)
        if same is None:
            out.append(item)
            keys.append(k)
        else:
            same.sources.extend(item.sources)
            if len(item.text) > len(same.text):
                same.text = item.text
    return out


@lru_cache(maxsize=1)
def _taxonomy() -> dict:
    return load_json("problem_taxonomy.json")["categories"]


def categorise(title: str, text: str) -> Optional[str]:
    best, best_score = None, 0
    for category, words in _taxonomy().items():
        score = sum(2 * title.count(w) + text.count(w) for w in words)
        if score > best_score:
            best, best_score = category, score
    return best


def _bigrams(s: str) -> set:
    s = _key(s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def _link(problems: list, recs: list) -> None:
    """A recommendation addresses the problem whose title shares most wording with it;
    with equal counts and no wording signal, the problem of the same position."""
    for n, r in enumerate(recs):
        rb = _bigrams(r["title"] + r["text"][:80])
        scored = []
        for p in problems:
            pb = _bigrams(p["title"])
            overlap = len(rb & pb) / len(pb) if pb else 0
            scored.append((overlap, p["id"]))
        scored.sort(reverse=True)
        if scored and scored[0][0] >= 0.3:
            r["addresses"] = [scored[0][1]]
        elif len(problems) == len(recs):
            r["addresses"] = [problems[n]["id"]]
        else:
            r["addresses"] = []


def extract_sections(doc: Document) -> tuple[list, list]:
    spans = find_sections(doc)
    v = _vocab()
    result = {}
    for kind, cell_labels in (("problems", v["problem_table_cells"]), ("recommendations", v["recommendation_table_cells"])):
        items = [it for s, e in spans[kind] for it in _items_in(doc, s, e)]
        items += _items_in_table_cells(doc, cell_labels)
        prefix = "p" if kind == "problems" else "r"
        result[kind] = [{"id": f"{prefix}{i}", "title": it.title, "text": it.text, "category": categorise(it.title, it.text),
                         "numbering": it.numbering, "sources": it.sources}
                        for i, it in enumerate(_dedupe(items), 1)]
    _link(result["problems"], result["recommendations"])
    return result["problems"], result["recommendations"]
