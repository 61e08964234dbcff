"""Score tables written as running text, whichever way (glued_score_tree.py: cells run
together; flat_score_table.py: cells a space apart; worded_score_table.py: words between 分值
and 得分; paired_score_table.py: rows ending in 分值 and 得分 under bracketed group weights;
rated_score_table.py: rows of 权重, 得分 and 得分率 run together; weighted_score_table.py: criteria weighted in %), as the extractors use them: facts in 分
for their 分值, 得分 and totals, and indicator entries for the score rules. Read once per
document (extract_document) and handed to the readers that need them."""
from __future__ import annotations

from ..model import Document
from .flat_score_table import flat_score_tables
from .glued_score_tree import glued_score_trees
from .last_level_score_table import last_level_score_tables
from .paired_score_table import paired_score_tables
from .rated_score_table import rated_score_tables
from .units_score_table import units_score_tables
from .weighted_score_table import weighted_score_tables
from .worded_score_table import worded_score_tables


def text_score_tables(doc: Document) -> list:
    """The score tables of `doc` written as running text (Trees); a table read both ways is
    the run-together reader's."""
    glued = glued_score_trees(doc)
    glued += [t for t in last_level_score_tables(doc) if not any(g.covering(*piece) for g in glued for piece in t.covers)]
    flat = [t for t in flat_score_tables(doc)
            if not any(g.covering(*piece) for g in glued for piece in t.covers)]
    worded = [t for t in worded_score_tables(doc)
              if not any(g.covering(*piece) for g in glued + flat for piece in t.covers)]
    paired = [t for t in paired_score_tables(doc)
              if not any(g.covering(*piece) for g in glued + flat + worded for piece in t.covers)]
    rated = [t for t in rated_score_tables(doc)
             if not any(g.covering(*piece) for g in glued + flat + worded + paired for piece in t.covers)]
    earlier = glued + flat + worded + paired + rated
    units = [t for t in units_score_tables(doc) if not any(g.covering(*piece) for g in earlier for piece in t.covers)]
    return earlier + units + weighted_score_tables(doc)


def score_table_facts(tables: list, make_fact) -> list:
    """Facts in 分 for every 分值, 得分 and total of `tables`; `make_fact(block, start, end,
    unit, label)` builds one (None for a figure already a fact)."""
    out = []
    for tree in tables:
        for fig in tree.figures:
            fact = make_fact(fig.block, fig.start, fig.end, fig.unit, fig.label)
            if fact is not None:
                fact.subject = fig.path[-1]
                fact.extra["score_tree_path"] = list(fig.path)
                out.append(fact)
    return out


def score_table_indicators(tables: list) -> list:
    """The indicator entries (record["indicators"]) of `tables`."""
    out = []
    for n, tree in enumerate(tables, 1):
        for path, weight, score, source in tree.indicators:
            # (each table its own tree for the score rules: two tables name their rows alike)
            entry = {"path": list(path), "weight": weight, "score": score, "origin": "list", "source": source,
                     "table": f"text{n}"}
            if path == ("合计",):
                entry["total"] = True
            out.append(entry)
    return out
