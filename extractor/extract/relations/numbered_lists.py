"""A total announcing the list that follows it (…共发现问题资金合计83.53万元，具体如下：), broken
down by the numbered paragraphs right after it (1. 超范围发放… 23.18万元 / 2. 重复享受…), each
naming exactly one figure of the total's kind and unit — in the numbered paragraph itself, or
in the one paragraph under a numbered heading ((一)死亡冒领养老金 / …32,600元). The list ends at
the first paragraph that is not its next item; a paragraph naming two such figures, or none,
leaves the list unread (what is a part is then not known)."""
from __future__ import annotations

from typing import Optional

import regex

from ...numbering import numbering_of
from .wording import per_unit

# the words after the total, to the end of its paragraph: it announces a list
_ANNOUNCES = regex.compile(r"[，,]?\s*(?:具体|详细|分项|分类)?(?:情况)?(?:如下|列示如下)\s*[:：]\s*$")
# the total's own clause says it is the whole (共, 合计): the items then add up to it
_WHOLE = regex.compile(r"共计|合计|总计|累计|共")
_CLAUSE_BREAK = regex.compile(r"[，。；;：:、\n]")
_FEWEST_ITEMS = 2


def numbered_lists(blocks: list, by_block: dict, relations: list) -> list:
    """Breakdowns of the totals whose paragraph announces a list (see the module) among
    `blocks` (text blocks in order; `by_block`: block index → its facts in order), where no
    breakdown has the figures already."""
    taken = {p for r in relations if r["type"] == "breakdown" for p in r["parts"] + [r["total"]]}
    out = []
    for n, block in enumerate(blocks):
        facts = by_block.get(block.index, [])
        if not facts:
            continue
        total = facts[-1]
        clause = _CLAUSE_BREAK.split(total.context or "")[-1]
        if total.kind != "amount" or total.id in taken or not _ANNOUNCES.match(block.text, total.source["end"]) \
                or not _WHOLE.search(clause):
            continue
        parts = _items(blocks, n + 1, by_block, total)
        if parts is None or any(p.id in taken for p in parts):
            continue
        out.append({"type": "breakdown", "total": total.id, "parts": [p.id for p in parts], "marker": "如下",
                    "complete": True, "source": {"block": block.index, "page": block.page}})
    return out


def _items(blocks: list, k: int, by_block: dict, total) -> Optional[list]:
    """The one figure of each numbered item from blocks[k] on, or None where an item holds
    none or several, or fewer than two items follow."""
    parts, level, expected = [], None, blocks[k - 1].index + 1
    while k < len(blocks) and blocks[k].index == expected:
        label, depth = numbering_of(blocks[k].text)
        if label is None or (level is not None and depth != level):
            break
        level = depth
        own = _alike(by_block.get(blocks[k].index, []), total)
        if not own and k + 1 < len(blocks) and blocks[k + 1].index == expected + 1 \
                and numbering_of(blocks[k + 1].text)[0] is None:
            k += 1  # a numbered heading: its figure stands in the paragraph under it
            own = _alike(by_block.get(blocks[k].index, []), total)
        if len(own) != 1:
            return None
        parts.append(own[0])
        expected = blocks[k].index + 1
        k += 1
    return parts if len(parts) >= _FEWEST_ITEMS else None


def _alike(facts: list, total) -> list:
    """The figures of `facts` that may be a part of `total`: its kind and unit, none per head."""
    return [f for f in facts if (f.kind, f.unit) == (total.kind, total.unit) and not per_unit(f)]
