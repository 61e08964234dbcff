"""Line-level fuzzing of text reports: what a web page's excerpt or a careless copy does to a
report's lines (cut short anywhere, a run of lines lost, the head lost, lines run together or
broken, blank lines between them, spaces turned into pipes). tests/test_fuzz.py damages
bytes; these mutants keep the text readable, so they reach the table and form readers, where
a region that starts or ends in an odd place once raised (a pipe region opening with a cell's
text, bare pipes without a row width, a fund block cut short). Sources: forms of the tests
(invented figures) in every text shape, and corpus/'s text reports. Seeded: a failing case is
reproduced from its name. EXTRACTOR_FUZZ_LINES=3000 runs more."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from extractor.pipeline import extract_file
from test_form_layouts import _split_target_form
from test_form_variants import DEPARTMENT_DASHES, TRANSFER_WAN, _render

_SHAPES = ["pipe", "single_spaced", "one_line", "cells", "tabs", "pipe_dropped", "wide", "csv_lines"]
_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# web pages saved as text: each cell on a line of its own closed by its pipe (项目名称 |), or
# each row's cells one a line with the row's pipes on a line after them (| or ||||)
_WEB_PIPE_SHAPES = {
    "cell_pipe": lambda rows: "\n".join(f"{c} |" for r in rows for c in r if c) + "\n",
    "bare_pipes": lambda rows: "\n".join("\n".join([c for c in r if c] + ["|" * max(1, len(r) - 1)]) for r in rows) + "\n",
}


def _sources() -> list:
    forms = [("transfer", TRANSFER_WAN), ("department", DEPARTMENT_DASHES), ("split_target", _split_target_form())]
    out = [(f"{name}_{shape}", _render(rows, shape)) for name, rows in forms for shape in _SHAPES]
    out += [(f"{name}_{shape}", render(rows)) for name, rows in forms for shape, render in _WEB_PIPE_SHAPES.items()]
    for path in sorted(_CORPUS.glob("*.txt")):
        raw = path.read_bytes()
        for encoding in ("utf-8", "gb18030", "utf-16"):
            try:
                out.append((path.stem, raw.decode(encoding)))
                break
            except UnicodeDecodeError:
                continue
    return out


def _mutant(text: str, seed: int) -> tuple:
    rng = random.Random(seed)
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    op = rng.choice(["cut", "cut_in_line", "drop_run", "drop_head", "join_run", "split", "blank", "pipes"])
    if op == "cut":
        lines = lines[:i]
    elif op == "cut_in_line":
        lines = lines[:i] + [lines[i][:rng.randrange(len(lines[i]) + 1)]]
    elif op == "drop_run":
        lines = lines[:i] + lines[i + rng.randint(1, 5):]
    elif op == "drop_head":
        lines = lines[i:]
    elif op == "join_run":
        j = i + rng.randint(2, 30)
        lines = lines[:i] + [" ".join(lines[i:j])] + lines[j:]
    elif op == "split":
        out = []
        for line in lines:
            k = rng.randrange(len(line) + 1) if line and rng.random() < 0.2 else None
            out += [line] if k is None else [line[:k], line[k:]]
        lines = out
    elif op == "blank":
        lines = [x for line in lines for x in ((line, "") if rng.random() < 0.3 else (line,))]
    else:
        j = i + rng.randint(1, 30)
        lines = lines[:i] + [line.replace(" ", " | ") for line in lines[i:j]] + lines[j:]
    return op, "\n".join(lines)


_COUNT = int(os.environ.get("EXTRACTOR_FUZZ_LINES", "160"))


@pytest.mark.parametrize("seed", range(_COUNT))
def test_a_text_mutated_line_by_line_is_read_without_error(tmp_path, seed):
    sources = _sources()
    name, text = sources[seed % len(sources)]
    op, mutated = _mutant(text, seed)
    if not mutated.strip():
        return  # (an empty file is the empty-file error's, tested elsewhere)
    record = extract_file(tmp_path / f"{seed}_{op}_{name}.txt", data=mutated.encode("utf-8"))
    assert record["source"]["format"] == "txt"
