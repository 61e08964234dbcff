"""A 其中 list written one item a line: 其中：中央补助 846.00万元 on one line, then 省级资金
215.40万元, 市级资金 68.00万元 … each on a line of its own. The 其中 line's breakdown goes on
over the lines right after it that hold nothing but a short name and one figure of the same
kind and unit; a numbered line, a sentence, a table or a blank line ends it. A 其中 line
that opens its block breaks down the figure that ends the line right before it (1、城乡低保
资金：782.00万元 / 其中：中央补助 520.00万元)."""
from __future__ import annotations

import regex

from ...numbering import numbering_of
from ..labelled_values import OTHER_QUANTITY

_OPENS_WITH_PARTS = regex.compile(r"^\s*其中\s*[:：]?")
_ENDS_WITH_FIGURE = regex.compile(r"[\s:：。，,；;]*$")
_ADDITIVE = ("amount", "headcount", "person_times", "households", "count")
# a line of a name and its figure only: 省级资金 215.40万元, 县级资金：92.00万元
_ITEM_LINE = regex.compile(r"^\s*[^\d\s，。；;,、:：]{2,16}\s*[:：]?\s*[-+]?\d[\d,]*(?:\.\d+)?\s*\S{0,3}\s*$")


def continue_over_lines(relations: list, blocks: list, by_block: dict) -> None:
    """Each one-line 其中 breakdown (`relations`) with the item lines after it among
    `blocks` (the document's text blocks in order; `by_block`: block index → its facts in
    order) taken in as its parts."""
    position = {b.index: n for n, b in enumerate(blocks)}
    ending = {fs[-1].id: position[b] for b, fs in by_block.items() if fs and b in position}  # last fact → its block
    taken = {p for r in relations if r["type"] == "breakdown" for p in r["parts"]} \
        | {r["total"] for r in relations if r["type"] == "breakdown"}
    for r in relations:
        if r["type"] != "breakdown" or r.get("marker") != "其中" or r.get("labelled"):
            continue  # (a breakdown of labelled lines ended where labelled_values.py saw it end)
        n = ending.get(r["parts"][-1])
        if n is None:
            continue
        kind, unit = by_block[blocks[n].index][-1].kind, by_block[blocks[n].index][-1].unit
        for block in blocks[n + 1:]:
            facts = by_block.get(block.index, [])
            if block.index != blocks[n].index + 1 or len(facts) != 1 or not _ITEM_LINE.match(block.text) \
                    or numbering_of(block.text.strip())[0] or "\n" in block.text.strip():
                break
            f = facts[0]
            if (f.kind, f.unit) != (kind, unit) or f.id in taken or OTHER_QUANTITY.search(block.text):
                break  # (实际支出 210.00万元 after the budget's sources is another quantity)
            r["parts"].append(f.id)
            taken.add(f.id)
            n += 1


def lists_under_a_line(blocks: list, by_block: dict, relations: list) -> list:
    """Breakdowns of a 其中 line opening its block whose total is the figure ending the
    block right before it (same kind and unit), where no breakdown of the block has its
    figures already."""
    taken = {p for r in relations if r["type"] == "breakdown" for p in r["parts"]}
    out = []
    for prev, block in zip(blocks, blocks[1:]):
        parts, above = by_block.get(block.index, []), by_block.get(prev.index, [])
        if block.index != prev.index + 1 or not parts or not above or not _OPENS_WITH_PARTS.match(block.text) \
                or any(f.id in taken for f in parts):
            continue
        total = above[-1]
        if total.kind not in _ADDITIVE:
            continue  # (rates a line each — 增减率 9.36% over 其中 …9.39% — add up to nothing)
        if any((f.kind, f.unit) != (total.kind, total.unit) for f in parts) \
                or not _ENDS_WITH_FIGURE.fullmatch(prev.text, total.source["end"]):
            continue
        out.append({"type": "breakdown", "total": total.id, "parts": [f.id for f in parts], "marker": "其中",
                    "complete": False, "source": {"block": block.index, "page": block.page}})
    return out
