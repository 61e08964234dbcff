"""Text saved from a document-sharing site's preview: the document flattened to one string and
cut into chunks of one fixed length, each on a line of its own numbered 1、 2、 3、 … The cuts
fall anywhere — inside a cell, a word, a figure (170.|18) — so the chunks are one text again.

Only a run that cannot be a numbered list is joined: the lines numbered 1、 to n、 follow one
another, and all but the last are exactly as long (a list's items never are); of two, the first
does not end as an item does. A PDF of such text lays each chunk out as a paragraph or a few
(preview_block_runs): its chunks are as long as each other within what the page's line breaks
took or left of the spaces."""
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
        out.append("".join(chunk_text(lines[k]) for k in chunks))
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
    lengths = {len(chunk_text(lines[k])) for k in chunks[:-1]}
    if len(chunks) < 2 or len(lengths) != 1:
        return None
    if len(chunks) == 2 and _WHOLE_ITEM_END.search(lines[chunks[0]]):
        return None  # one length says nothing; a cut falls anywhere, an item ends whole
    return chunks


# a PDF of the saved text: the page's wrapped lines drop or keep a space at each break, so
# its chunks are as long as each other to within a few characters; a chunk is at most a few
# paragraphs (a line that ended short of the margin breaks one)
_LENGTH_SLACK = 0.03
_MOST_BLOCKS_A_CHUNK = 4


def preview_block_runs(texts: list) -> list:
    """[(first, last, starts)] of the runs of preview chunks among consecutive paragraphs'
    texts: texts[first:last + 1] are one text again, the chunks starting at `starts`."""
    runs, i = [], 0
    while i < len(texts):
        run = _block_run(texts, i)
        if run is None:
            i += 1
            continue
        runs.append(run)
        i = run[1] + 1
    return runs


def _block_run(texts: list, i: int):
    m = _CHUNK.match(texts[i])
    if m is None or int(m.group(1)) != 1:
        return None
    starts, j = [i], i + 1
    while j < len(texts) and j - starts[-1] <= _MOST_BLOCKS_A_CHUNK:
        n = _CHUNK.match(texts[j])
        if n is not None and int(n.group(1)) == len(starts) + 1:
            starts.append(j)
        j += 1
    if len(starts) < 2:
        return None
    lengths = [sum(len(chunk_text(texts[k])) for k in range(a, b)) for a, b in zip(starts, starts[1:])]
    if min(lengths) < _MIN_CHUNK or max(lengths) > min(lengths) * (1 + _LENGTH_SLACK):
        return None
    if len(starts) == 2 and _WHOLE_ITEM_END.search(texts[starts[1] - 1]):
        return None
    # the last chunk: its paragraphs up to the chunks' length
    last, size = starts[-1], len(chunk_text(texts[starts[-1]]))
    while last + 1 < len(texts) and last + 1 - starts[-1] < _MOST_BLOCKS_A_CHUNK \
            and size + len(texts[last + 1]) <= max(lengths) * (1 + _LENGTH_SLACK) and not _CHUNK.match(texts[last + 1]):
        last += 1
        size += len(texts[last])
    return i, last, starts


def chunk_text(text: str) -> str:
    """A chunk's text without its number."""
    return _CHUNK.sub("", text, count=1)
