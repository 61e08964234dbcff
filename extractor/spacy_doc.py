"""Our facts as spaCy documents, for teams that train models on them or run spaCy
pipelines after us (pip install "extractor[spacy]").

spaCy is not in the extraction path (measured: a pipeline costs more than a whole
report's extraction); it is imported only here, when asked for.

The Doc's text is the report as the extractor read it: blocks joined by a newline, a
table as its rows (cells joined by a tab). The text is tokenised by the given pipeline
(default spacy.blank("zh")) but always also cut at each fact's edges, so every fact is an
entity whose text is exactly its quote. Problems and recommendations are span groups
(doc.spans["problems"], ["recommendations"]) over their blocks; each flag's evidence is a
span in doc.spans["flag_evidence"] labelled with the flag's rule.
"""
from __future__ import annotations

from pathlib import Path

from .errors import ExtractorError
from .model import TABLE

SPAN_EXTENSIONS = ("fact_id", "fact_value", "fact_unit", "fact_label")


class SourceChanged(ExtractorError):
    """The record's file is missing or no longer has the bytes the record was made from."""

    code = "source_changed"


def document_text(document) -> tuple:
    """(text, where): the report's text, and for every block (and table cell) where it starts
    in that text: where[(block, None, None)] for a paragraph, where[(block, row, col)] for a cell."""
    parts, where, pos = [], {}, 0
    for block in document.blocks:
        if parts:
            parts.append("\n")
            pos += 1
        if block.kind == TABLE:
            where[(block.index, None, None)] = pos
            for r, row in enumerate(block.table.rows):
                if r:
                    parts.append("\n")
                    pos += 1
                for c, cell in enumerate(row):
                    if c:
                        parts.append("\t")
                        pos += 1
                    where[(block.index, r, c)] = pos
                    parts.append(cell.text)
                    pos += len(cell.text)
        else:
            where[(block.index, None, None)] = pos
            parts.append(block.text)
            pos += len(block.text)
    return "".join(parts), where


def _int(value):
    return None if value is None else int(value)  # records read back from JSON hold Decimals


def _fact_offsets(fact: dict, where: dict):
    src = fact["source"]
    block, row, col = _int(src.get("block")), _int(src.get("row")), _int(src.get("col"))
    key = (block, row, col) if src.get("table") is not None else (block, None, None)
    if key not in where or src.get("start") is None:
        return None
    return where[key] + int(src["start"]), where[key] + int(src["end"])


def _register_extensions() -> None:
    from spacy.tokens import Span

    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def _tokens(nlp, text: str, cuts: list):
    """Words and trailing spaces of `text`, tokenised by `nlp` between the cuts."""
    words, spaces = [], []
    bounds = sorted({0, len(text), *cuts})
    for a, b in zip(bounds, bounds[1:]):
        for token in nlp.make_doc(text[a:b]):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
    return words, spaces


def _load_document(record: dict):
    from .ingest import load_document, read_input
    from .record import sha256_of

    path = Path(record["source"]["path"])
    try:
        data = read_input(path)
    except ExtractorError as exc:
        raise SourceChanged(f"{path}: the report's file cannot be read ({exc})") from exc
    if sha256_of(data) != record["source"]["sha256"]:
        raise SourceChanged(f"{path}: the file has changed since the record was made")
    return load_document(path, data)


def to_spacy(record: dict, nlp=None, document=None):
    """A spacy.tokens.Doc of the report with every fact as an entity (label = its kind in
    capitals: AMOUNT, HEADCOUNT, PERSON_TIMES, PERCENT, SCORE …; the fact id, value, unit
    and label in span._.fact_id / fact_value / fact_unit / fact_label). `document`: the
    report's Document when the caller has it; otherwise its file is read again (and must
    still have the record's bytes)."""
    import spacy
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans

    _register_extensions()
    nlp = nlp or spacy.blank("zh")
    document = document or _load_document(record)
    text, where = document_text(document)
    located = [(f, _fact_offsets(f, where)) for f in record["facts"]]
    located = [(f, se) for f, se in located if se is not None]
    blocks = _block_bounds(document, where, len(text))
    cuts = [x for _, se in located for x in se] + [x for se in blocks.values() for x in se]
    words, spaces = _tokens(nlp, text, cuts)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    assert doc.text == text, "tokens must give back the text"
    by_id = {}
    for fact, (start, end) in located:
        span = doc.char_span(start, end, label=fact["kind"].upper())
        span._.fact_id, span._.fact_value, span._.fact_unit, span._.fact_label = (
            fact["id"], str(fact["value"]), fact["unit"], fact.get("label"))
        by_id[fact["id"]] = span
    doc.ents = filter_spans(list(by_id.values()))
    for group in ("problems", "recommendations"):
        doc.spans[group] = [
            Span(doc, *_token_range(doc, *blocks[_int(s["block"])]), label=item.get("category") or group)
            for item in record.get(group, []) for s in item.get("sources", []) if _int(s.get("block")) in blocks]
    doc.spans["flag_evidence"] = [
        Span(doc, by_id[e].start, by_id[e].end, label=flag["rule"])
        for flag in record.get("flags", []) for e in flag.get("evidence", []) if e in by_id]
    doc.user_data["report_id"] = record["report_id"]
    return doc


def _block_bounds(document, where: dict, length: int) -> dict:
    starts = sorted((where[(b.index, None, None)], b.index) for b in document.blocks)
    bounds = {}
    for k, (start, index) in enumerate(starts):
        end = starts[k + 1][0] - 1 if k + 1 < len(starts) else length
        bounds[index] = (start, end)
    return bounds


def _token_range(doc, start: int, end: int) -> tuple:
    span = doc.char_span(start, end)
    return span.start, span.end


def write_docbin(records, out: Path, nlp=None) -> int:
    """Every record as a Doc in one DocBin file; returns how many."""
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True)
    n = 0
    for record in records:
        docbin.add(to_spacy(record, nlp))
        n += 1
    docbin.to_disk(out)
    return n
