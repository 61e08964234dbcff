"""Documents a report cites: 海政发〔2017〕161号, with the title quoted beside it
(《…实施方案》（海政发〔2017〕167号）). A number cited twice is one reference with
every place it is cited."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..patterns import load_json

_TITLE_BEFORE = regex.compile(r"《(?P<title>[^《》]{2,80})》\s*$")
_TITLE_AFTER = regex.compile(r"^\s*[)）]?\s*《(?P<title>[^《》]{2,80})》")


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    v = load_json("documents.json")
    words = sorted(v["issuer_boundaries"], key=len, reverse=True)
    return regex.compile(v["reference"]), regex.compile("|".join(map(regex.escape, words))), v["issuer_max_chars"]


def extract_references(texts: list) -> list:
    """texts: (text, source) pairs in document order. Returns one dict per document number."""
    reference, boundaries, max_chars = _patterns()
    found: dict = {}
    for text, where in texts:
        if "号" not in text:  # the pattern's Han run is slow to try at every character
            continue
        for m in reference.finditer(text):
            run = m.group("issuer")
            cut = max((b.end() for b in boundaries.finditer(run)), default=0)
            issuer = run[cut:][-max_chars:]
            if not issuer:
                continue
            start = m.start("issuer") + len(run) - len(issuer)
            number = f"{issuer}〔{m.group('year')}〕{m.group('serial')}号"
            source = {**where, "start": start, "end": m.end(), "quote": text[start:m.end()]}
            ref = found.setdefault(number, {"number": number, "issuer": issuer, "year": int(m.group("year")),
                                            "serial": int(m.group("serial")), "title": None, "sources": []})
            ref["sources"].append(source)
            ref["title"] = ref["title"] or _title_beside(text, start, m.end())
    return [{"id": f"d{i}", **ref} for i, ref in enumerate(found.values(), 1)]


def _title_beside(text: str, start: int, end: int):
    """The 《title》 right before the number (《…》（号）) or right after it (号《…》)."""
    before = _TITLE_BEFORE.search(text[max(0, start - 90):start].rstrip(" (（"))
    if before:
        return before.group("title")
    after = _TITLE_AFTER.match(text[end:end + 90])
    return after.group("title") if after else None
