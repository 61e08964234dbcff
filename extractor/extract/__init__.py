"""Extract: Document → facts, metadata, sections, indicators. Never re-reads the file."""
from __future__ import annotations

from ..model import Document
from .facts import extract_facts
from .indicators import extract_indicators
from .metadata import extract_metadata
from .regions import place_mentions
from .relations import extract_relations
from .sections import extract_sections


def extract_document(doc: Document) -> dict:
    metadata, metadata_sources = extract_metadata(doc)
    problems, recommendations = extract_sections(doc)
    facts = extract_facts(doc)
    return {
        "relations": extract_relations(doc, facts, metadata.get("year")),
        "problems": problems,
        "recommendations": recommendations,
        "metadata": metadata,
        "metadata_sources": metadata_sources,
        "facts": facts,
        "indicators": extract_indicators(doc),
        "places": place_mentions(_texts(doc), metadata.get("admin_code")),
        "tables": doc.tables,
    }


def _texts(doc: Document) -> list:
    """(text, source) for every paragraph and table cell."""
    out = []
    for b in doc.blocks:
        if b.table is None:
            out.append((b.text, {"page": b.page, "block": b.index}))
            continue
        for row in b.table.rows:
            for cell in row:
                if cell.merged_from is None and cell.text:
                    out.append((cell.text, {"page": b.page, "block": b.index, "table": b.index, "row": cell.row,
                                            "col": cell.col}))
    return out
