"""Extract: Document → facts, metadata, sections, indicators. Never re-reads the file."""
from __future__ import annotations

from ..model import Document
from .facts import extract_facts
from .indicators import extract_indicators
from .metadata import extract_metadata
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
        "tables": doc.tables,
    }
