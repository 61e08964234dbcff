"""Text saved from a document-sharing site's preview: the document flattened to one string and
cut into chunks of one fixed length, each on a line of its own numbered 1、 2、 3、 … The cuts
fall anywhere — inside a cell, a word, a figure (170.|18) — so the chunks are one text again.

Only a run that cannot be a numbered list is joined: the lines numbered 1、 to n、 follow one
another, and all but the last are exactly as long (a list's items never are); of two, the first
does not end as an item does."""
from __future__ import annotations

import regex

_CHUNK = regex.compile(r"^\s*(\d{1,3})、")  # (a saved page may indent each chunk)
_MIN_CHUNK = 100  # the sites cut a few hundred characters a chunk; list items are shorter
# how a list item or a table row ends (a sentence's end, a cell's pipe), where a chunk is cut
# at its length wherever that falls
_WHOLE_ITEM_END = regex.compile(r"[。；;！!？?|｜│]\s*$")


def join_preview_chunks(lines: list) -> list:
    """`lines` with each run of preview chunks joined into one line, their numbers dropped
    (and the blank lines some saved pages put between them)."""
    out, i = [], 0
    while i < len(lines):
        chunks = _chunk_run(lines, i)
        if chunks is None:
            out.append(lines[i])
            i += 1
            continue
        out.append("".join(_CHUNK.sub("", lines[k], count=1) for k in chunks))
        i = chunks[-1] + 1
    return out


def _chunk_run(lines: list, i: int):
    """The line numbers of a run of chunks starting at line i, or None when none starts there."""
    m = _CHUNK.match(lines[i])
    # int() reads a full-width numeral (１、) as the site's 1、
    if m is None or int(m.group(1)) != 1 or len(lines[i]) - m.end() < _MIN_CHUNK:
        return None
    chunks = [i]
    j = i + 1
    while j < len(lines):
        if not lines[j].strip():
            j += 1
            continue
        n = _CHUNK.match(lines[j])
        if n is None or int(n.group(1)) != len(chunks) + 1:
            break
        chunks.append(j)
        j += 1
    # every chunk but the last is cut at the site's length
    lengths = {len(_CHUNK.sub("", lines[k], count=1)) for k in chunks[:-1]}
    if len(chunks) < 2 or len(lengths) != 1:
        return None
    if len(chunks) == 2 and _WHOLE_ITEM_END.search(lines[chunks[0]]):
        return None  # one length says nothing; a cut falls anywhere, an item ends whole
    return chunks
