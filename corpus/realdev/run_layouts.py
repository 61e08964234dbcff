"""Score the extractor on the real development set re-laid out as saving a report as text
leaves it: the same texts and the same gold, with full-width figures, a blank line after every
line, page numbers between the lines, a page flattened to one line, units a space from their
figures, letter-spaced labels, indented paragraphs, prose hard-wrapped at a page's width,
traditional characters; and the tables of its forms in the other shapes tables reach us in
(pipe rows one cell a line, long cells wrapped or not, a space between cells, a whole table on
one line; a row's cells run together with no break; spaced rows one cell a line); and the
forms without their titles. A reading that holds on the texts as collected but not under these is tuned to
their layout, not to reports.

    .venv/bin/python corpus/realdev/run_layouts.py [--split tune|test|all] [--layout NAME ...] [--json]

Prints, per layout, fact precision / recall and false error flags next to the texts as they are;
a layout that changes only some documents (the table shapes) is also scored on those alone,
beside the same documents as collected.
Like run_eval.py it skips, with a message, every document whose text is not in texts/.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import unicodedata
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE))

from extractor.evaluate import evaluate  # noqa: E402
from run_eval import gold_file, present_entries  # noqa: E402

_FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_UNIT = regex.compile(r"(?<=\d)(?=万元|亿元|元|万人|人次|人|户|%)")
_LABEL_LINE = regex.compile(r"\p{Han}{2,12}")
_FIGURE_OR_CHAR = regex.compile(r"[0-9A-Za-z.,%]+|.")


def _lines(text: str) -> list:
    return text.split("\n")


def _page_numbers(text: str, every: int = 25) -> str:
    out = []
    for i, line in enumerate(_lines(text), 1):
        out.append(line)
        if i % every == 0:
            out.append(f"- {i // every} -")
    return "\n".join(out)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _wrapped_prose(text: str, columns: int = 76) -> str:
    """Lines of prose (no table separators, not a sharing site's numbered chunk) broken at
    `columns` display columns, never inside a figure."""
    out = []
    for line in _lines(text):
        if regex.search(r"\t|\||  |\u3000", line) or _width(line) <= columns or regex.match(r"\d{1,3}、", line):
            out.append(line)
            continue
        current = ""
        for token in _FIGURE_OR_CHAR.findall(line):
            if _width(current) + _width(token) > columns and current:
                out.append(current)
                current = ""
            current += token
        out.append(current)
    return "\n".join(out)


def _pipe_cells(line: str) -> list:
    """A pipe row's cells, the empty ones a row closes with dropped (项目名称 | X | ||||)."""
    cells = [c.strip() for c in line.strip().split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


_MARKDOWN_RULE = regex.compile(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")


def _wrapped_cell(cell: str, columns: int = 24) -> list:
    """A cell one a line as a PDF's narrow column prints it: a long cell (a criterion, a
    reason) broken at `columns` display columns, never inside a figure."""
    if _width(cell) <= columns:
        return [cell]
    lines, current = [], ""
    for token in _FIGURE_OR_CHAR.findall(cell):
        if _width(current) + _width(token) > columns and current:
            lines.append(current)
            current = ""
        current += token
    return lines + [current]


def _pipe_tables_as(joined, keep_empty: bool = False) -> callable:
    """Every run of lines with a pipe rewritten by `joined` (its rows' filled cells → lines, or
    all its cells with `keep_empty`): the same table as a web page copied cell by cell, a sheet
    saved with spaces, a page flattened."""
    def relay(text: str) -> str:
        out, run = [], []
        for line in _lines(text) + [None]:
            if line is not None and "|" in line:
                if not _MARKDOWN_RULE.fullmatch(line.strip()):  # (|---|---|: a rule, no cells)
                    run.append([c for c in _pipe_cells(line) if c or keep_empty])
                continue
            if run:
                out.extend(joined([r for r in run if r]))
                run = []
            if line is not None:
                out.append(line)
        return "\n".join(out)
    return relay


def _spaced_rows_as_cells(text: str) -> str:
    """A table's rows, three or more cells a space apart with a figure among them and no
    sentence for a cell (a flattened form's), one cell a line; so is a header of short cells
    right above such a row. (A page flattened to one long line is another shape: such a text
    is left as it is.)"""
    lines = _lines(text)
    cells = [_cells_of(line) for line in lines]
    if any(len(parts) > _MOST_CELLS for parts in cells):
        return text
    is_row = [len(parts) > 2 and "|" not in line and any(_FIGURE_CELL.fullmatch(p) for p in parts)
              and not any(len(p) > 40 or _SENTENCE_MARK.search(p) for p in parts)
              for line, parts in zip(lines, cells)]
    out = []
    for k, (line, parts) in enumerate(zip(lines, cells)):
        header = len(parts) > 2 and "|" not in line and k + 1 < len(lines) and is_row[k + 1] \
            and all(len(p) <= 12 and not _SENTENCE_MARK.search(p) for p in parts)
        out.extend(parts if is_row[k] or header else [line])
    return "\n".join(out)


def _cells_of(line: str) -> list:
    """A spaced row's cells; a lone character is part of the next (合 计, ① 项目支出, ( 2020 年度))."""
    cells = []
    for part in (p for p in line.split(" ") if p):
        if cells and len(cells[-1]) == 1 and not cells[-1].isdigit():
            cells[-1] += " " + part
        else:
            cells.append(part)
    return cells


_MOST_CELLS = 16
_SENTENCE_MARK = regex.compile(r"[，,；;。]")  # (prose whose figures a space sets apart is no row)
_FIGURE_CELL = regex.compile(r"[-+]?\d[\d,]*(?:\.\d+)?[%％]?")


def _without_form_titles(text: str) -> str:
    """The standard forms' titles (项目支出绩效自评表 …) taken out wherever they stand: a page
    that names its form only in its page title, in other words, or an excerpt that starts
    inside the form."""
    templates = json.loads((HERE.parent.parent / "patterns" / "forms.json").read_text(encoding="utf-8"))["templates"]
    titles = sorted({t for template in templates.values() for t in template.get("titles", [])}, key=len, reverse=True)
    return regex.sub("|".join(regex.escape(t) for t in titles), "", text)


_HAN_DIGIT = regex.compile(r"(?<=\p{Han})(?=\d)|(?<=\d)(?=\p{Han})")


def _traditional(text: str) -> str:
    import opencc
    return opencc.OpenCC("s2t").convert(text)


LAYOUTS = {
    "as_collected": lambda t: t,
    "full_width_figures": lambda t: t.translate(_FULL_WIDTH),
    "double_spaced": lambda t: t.replace("\n", "\n\n"),
    "page_numbers": _page_numbers,
    "flattened_to_one_line": lambda t: t.replace("\n", " "),
    "units_spaced": lambda t: _UNIT.sub(" ", t),
    "letter_spaced_labels": lambda t: "\n".join(" ".join(x) if _LABEL_LINE.fullmatch(x) else x for x in _lines(t)),
    # (a paragraph is indented; a table's cell led by a tab is not)
    "indented": lambda t: "\n".join("\u3000\u3000" + x if x.strip() and not x.startswith("\t") else x
                                     for x in _lines(t)),
    "wrapped_prose": _wrapped_prose,
    "traditional": _traditional,
    # the forms' tables in the other shapes they reach us in
    "pipe_as_cells": _pipe_tables_as(lambda rows: [c for r in rows for c in r]),
    "pipe_as_spaced": _pipe_tables_as(lambda rows: [" ".join(r) for r in rows]),
    "pipe_as_one_line": _pipe_tables_as(lambda rows: [" ".join(" ".join(r) for r in rows)]),
    "pipe_as_wrapped_cells": _pipe_tables_as(lambda rows: [w for r in rows for c in r for w in _wrapped_cell(c)]),
    "spaced_as_cells": _spaced_rows_as_cells,
    # (a document-sharing site's text recognition runs a row's cells together: 总额5.005.00100.00%10)
    "pipe_as_glued_rows": _pipe_tables_as(lambda rows: ["".join(r) for r in rows]),
    # (a web page's table copied as text, each cell followed by a space and an empty cell a
    # space of its own: 区级 28       28 0   100)
    "pipe_as_space_runs": _pipe_tables_as(lambda rows: ["".join((c or " ") + " " for c in r) for r in rows],
                                          keep_empty=True),
    # a converter's space at every boundary of Chinese and figures (pdftotext, a sharing site's
    # text layer: 指标 1:居民健康档案 38508 人)
    "han_digit_spaced": lambda t: _HAN_DIGIT.sub(" ", t),
    # a form whose title the text does not hold
    "form_titles_dropped": _without_form_titles,
}


def changed_by(entries: list, texts: Path, layout) -> list:
    """The entries whose text the layout changes."""
    return [e for e in entries if layout(t := (texts / f"{e['id']}.txt").read_text(encoding="utf-8")) != t]


def score(entries: list, texts: Path, layout) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, docs = Path(tmp) / "gold", Path(tmp) / "docs"
        gold_dir.mkdir()
        docs.mkdir()
        for e in entries:
            (gold_dir / f"{e['id']}.json").write_text(json.dumps(gold_file(e), ensure_ascii=False), encoding="utf-8")
            text = (texts / f"{e['id']}.txt").read_text(encoding="utf-8")
            (docs / f"{e['id']}.txt").write_text(layout(text), encoding="utf-8", newline="")
        scores = evaluate(gold_dir, [docs])
    facts = scores["facts"]["all"]
    meta = scores.get("metadata_accuracy") or {}
    return {"precision": facts["precision"], "recall": facts["recall"],
            "false_errors": scores["false_error_flags"]["count"], "files": scores["files"],
            "score": meta.get("score"), "grade": meta.get("grade")}


def _share(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["test", "tune", "all"], default="tune")
    ap.add_argument("--layout", action="append", choices=sorted(LAYOUTS), help="(default: every layout)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--texts", type=Path, default=HERE / "texts")
    args = ap.parse_args(argv)
    present = present_entries(args.split, args.texts)
    if not present:
        return 0
    names = ["as_collected"] + [n for n in (args.layout or LAYOUTS) if n != "as_collected"]
    results = {}
    for name in names:
        results[name] = score(present, args.texts, LAYOUTS[name])
        changed = changed_by(present, args.texts, LAYOUTS[name])
        if 0 < len(changed) < len(present):
            results[name]["changed"] = {"as_collected": score(changed, args.texts, LAYOUTS["as_collected"]),
                                        "laid_out": score(changed, args.texts, LAYOUTS[name])}
        if not args.json:
            r = results[name]
            print(f"{name:24} P {r['precision']:.4f}  R {r['recall']:.4f}  false errors {r['false_errors']}"
                  f"  report score {_share(r['score'])} grade {_share(r['grade'])}  ({r['files']} files)", flush=True)
            if "changed" in r:
                was, now = r["changed"]["as_collected"], r["changed"]["laid_out"]
                print(f"{'':24} on the {now['files']} it changes: R {was['recall']:.4f} -> {now['recall']:.4f},"
                      f" P {was['precision']:.4f} -> {now['precision']:.4f},"
                      f" false errors {was['false_errors']} -> {now['false_errors']}", flush=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
