"""Plain-text reports.

Besides paragraphs, archived .txt reports carry tables in two flattened shapes:
- one cell per line, each cell starting with a tab, rows separated by blank lines
  (a cell may continue over further lines, even across single blank lines);
- one row per line with the cells separated by tabs.
Both are rebuilt as tables, as are pipe rows (| a | b |), rows spaced into cells
(text_tables.py) and a web page's table one cell a line with no tab (cell_lines.py). Lines
broken mid-sentence (page breaks in the original) are joined back into one paragraph.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import regex

from ..errors import IngestError
from ..model import TABLE, Document
from ..normalize import fold_figure_characters, normalize, total_names_joined, units_joined, unspaced_label
from ..patterns import load_json
from .cell_name_rows import labelled_figures, named_row_under_unit_caption, names_over_figures
from .cell_lines import cell_line_table_at
from .cell_score_tables import cell_score_table_at
from .score_cells import is_criteria
from .converter_spaced_lines import converter_spaces_out
from .csv_rows import csv_rows_at, csv_table
from .pipe_tables import every_cell_kept
from .double_spacing import drop_double_spacing
from .encoding import decode_text
from .flattened_paragraphs import split_flattened_paragraphs
from .flattened_rows import rows_apart
from .wrapped_rows import wrapped_rows_joined
from .hard_wrapped import hard_wrapped_lines_joined
from .han_script import simplified
from .page_numbers import page_breaks_for_numbers
from .inline_tables import inline_tables_apart
from .glued_rows import glued_tables_apart
from .keyed_rows import keyed_rows_as_pipes
from .markdown_rows import markdown_rows_apart
from .preview_chunks import join_preview_chunks
from .rule_lines import rules_inside_tables_dropped
from .spaced_cells import is_figure
from .stacked_headers import stacked_headers_joined
from .tab_stops import tab_stops_collapsed
from .tab_row_breaks import continues_last_cell, level_row_across, row_broken_by_line_breaks, row_width
from .tables import caption_from_previous, is_caption_text
from .text_blocks import (SENTENCE_END, SHORT_LINE, add_text_block, continues_sentence, figure_cell_ends, is_bare_name,
                          is_figure_alone)
from .space_run_cells import space_run_table_at
from .spaced_score_tables import spaced_score_table_at
from .text_tables import (could_be_spaced_row, leading_caption, names_as_header, one_space_table_at, pipe_table_at,
                          score_rows_run_on, spaced_table_at, starts_pipe_table, stated_figure_rows, table_from_rows, tables_between_headings,
                          tables_between_captions)


def read_txt(path: Path, data: bytes | None = None) -> Document:
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise IngestError("file is empty", code="empty")
    decoded = decode_text(data)
    text = decoded.text
    if not text.strip():
        raise IngestError("file has no text", code="empty")
    text, script_warning = simplified(text)
    doc = Document(path=str(path), format="txt", encoding=decoded.encoding, pages=None,
                   decode_errors=decoded.decode_errors(),
                   warnings=decoded.warnings() + ([script_warning] if script_warning else []))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = join_preview_chunks(split_flattened_paragraphs(drop_double_spacing(page_breaks_for_numbers(lines))))
    # (a converter's spaces out after its line breaks are mended: a wrapped line's width is as it wrote it)
    lines, doc.converter_spaced = converter_spaces_out(hard_wrapped_lines_joined(lines))
    lines = rows_apart(wrapped_rows_joined(lines))
    lines = glued_tables_apart(inline_tables_apart(markdown_rows_apart(keyed_rows_as_pipes(lines))))
    lines = stacked_headers_joined(rules_inside_tables_dropped(tab_stops_collapsed(lines)))
    _parse_lines(doc, lines)
    if not doc.blocks:
        raise IngestError("file has no text", code="empty")
    return doc


def _is_cell_line(line: str) -> bool:
    """One-cell-per-line tables: exactly one leading tab, no other tab."""
    return line.startswith("\t") and "\t" not in line[1:]


def _parse_lines(doc: Document, written: list) -> None:
    # tables are found and read in lines whose full-width figures (１２０．５０) are folded,
    # whose units stand by their figures (100 % is one cell) and whose totals' names are written
    # together (合  计), as their cells are normalised anyway; a paragraph keeps its line as
    # written (raw), but for a label's letter-spacing (项 目 名 称)
    written = [unspaced_label(line) for line in written]
    lines = [total_names_joined(units_joined(fold_figure_characters(line))) for line in written]
    i = 0
    paragraph: list = []  # pending lines of a paragraph broken mid-sentence

    def flush():
        if paragraph:
            add_text_block(doc, "".join(paragraph))
            paragraph.clear()

    plain_until = 0  # lines up to here looked like pipe rows but hold no table
    while i < len(lines):
        line = lines[i]
        sheet_rows = csv_rows_at(lines, i)
        if sheet_rows is not None:
            flush()
            rows, i = sheet_rows
            _emit_sheet_tables(doc, rows)
            continue
        found = _text_table_at(lines, i) if i >= plain_until else None
        if found is not None and found.rows:
            flush()
            # rows written out cell by cell: a short row is padded, not read as a spanning header
            _emit_table(doc, found.rows, infer_spans=False, columns_kept=every_cell_kept(lines[i:found.end]))
            i = found.end
            continue
        if found is not None and (unpiped := _cells_closed_by_pipes(lines, i, found.end)) is not None:
            # one cell a line, each closed by a pipe, with no run of pipes to say where rows end:
            # the cells as plain lines, for the readers of tables one cell a line
            lines[i:found.end] = unpiped
            written[i:found.end] = unpiped
            continue
        if found is not None:
            plain_until = found.end
        if line.startswith("\t") and not _tab_region_is_rows(lines, i):
            flush()
            i = _read_cell_table(doc, lines, i)
            continue
        if "\t" in line.strip("\t ") or (line.startswith("\t") and line.count("\t") > 1 and line.strip()):
            # (a line of tabs alone is a sheet's empty row: a blank line, below)
            flush()
            i = _read_row_table(doc, lines, i)
            continue
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        # a table one cell a line: a report's score table (its rows laid out whole), else one
        # whose rows repeat a pattern
        cell_table, whole_rows = cell_score_table_at(lines, i), True
        if cell_table is None:
            cell_table, whole_rows = cell_line_table_at(lines, i), False
        if cell_table is None:  # (the smallest: names over their figures, labels each with one)
            cell_table, whole_rows = (names_over_figures(lines, i, lambda: _text_above(doc)) or labelled_figures(lines, i, lambda: _text_above(doc))
                                      or named_row_under_unit_caption(lines, i, lambda: _text_above(doc))), True
        if cell_table is not None:
            flush()
            rows, i = cell_table
            _emit_table(doc, rows, infer_spans=False, columns_kept=whole_rows)
            continue
        if paragraph and (not continues_sentence(fold_figure_characters(paragraph[-1]), stripped)
                          or _cell_after_a_cell(lines, i, len(paragraph), stripped)):
            flush()
        # (a row run together that ends in a figure right after another's unit, …31.84万人8, then
        # the next row opening with digits, 0-6岁儿童…: the line break kept as a space, lest the
        # two figures read as one 80)
        gap = " " if paragraph and figure_cell_ends(paragraph[-1]) and stripped[:1].isdigit() else ""
        paragraph.append(gap + written[i].strip())
        if SENTENCE_END.search(stripped) or len(stripped) < SHORT_LINE:
            flush()
        i += 1
    flush()


def _cell_after_a_cell(lines: list, i: int, pending: int, line: str) -> bool:
    """Is line i a short bare name (组织实施) after one pending line that itself came right after
    a figure alone on its line (…| 3 | 2所学校资助资金未在规定时间内发放 |)? Cells one a line, a
    row's reason then the next level's name: no sentence broken between them."""
    if pending != 1 or not is_bare_name(line):
        return False
    filled = [k for k in range(i - 1, max(-1, i - 8), -1) if lines[k].strip()]  # (blank lines between, double-spaced)
    return len(filled) >= 2 and is_figure_alone(lines[filled[1]])


_POINTS_HEADERS = frozenset(load_json("text_tables.json")["points_headers"])
_CELL_CLOSED_BY_PIPE = regex.compile(r"[^|｜]*[^|｜\s][^|｜]*[|｜]\s*")


def _cells_closed_by_pipes(lines: list, i: int, end: int):
    """Lines i..end without their closing pipes where each is one cell closed by a pipe (项目名称 |
    / 益阳市…项目 | / 一级指标 | / 分值 |, blank lines between allowed) and they hold a score
    table's header; None otherwise."""
    region = lines[i:end]
    filled = [line for line in region if line.strip()]
    if len(filled) < 4 or not all(_CELL_CLOSED_BY_PIPE.fullmatch(line) for line in filled):
        return None
    cells = [regex.sub(r"\s*[|｜]\s*$", "", line) for line in region]
    # (only a score table's cells: its header says where its rows end, where other cells one a
    # line with no run of pipes closing their rows leave no grid to rebuild)
    if not (any(_LEVEL_HEADER.fullmatch(c.strip()) for c in cells) and any(c.strip() in _POINTS_HEADERS for c in cells)):
        return None
    return cells


def _text_above(doc: Document):
    """The text of the document's last block, when it is text (no table)."""
    return doc.blocks[-1].text if doc.blocks and doc.blocks[-1].kind != TABLE else None


def _text_table_at(lines: list, i: int):
    """A pipe table, or a table of rows spaced into cells, starting at line i, its cells'
    names made its header where each cell writes one (分值：20). Lines with tabs are the
    flattened shapes' (below) unless spaces separate cells in them too."""
    table = _table_at(lines, i)
    return names_as_header(table) if table is not None else None


def _table_at(lines: list, i: int):
    line = lines[i]
    if starts_pipe_table(lines, i):
        return pipe_table_at(lines, i)
    if "\t" in line and not could_be_spaced_row(line.replace("\t", "\n")):
        return None  # tabs alone: the shapes below
    if could_be_spaced_row(line):
        return _no_score_table_piece(spaced_table_at(lines, i) or one_space_table_at(lines, i))
    if " " in line.strip() or "\u3000" in line.strip():  # (a full-width space between cells too)
        return spaced_score_table_at(lines, i) or space_run_table_at(lines, i) \
            or _no_score_table_piece(one_space_table_at(lines, i))
    return None


# a score table's header words: 一级指标 | 二级指标 | 三级指标
_LEVEL_HEADER = regex.compile(r"[一二三]级指标")
_FEWEST_SCORE_ROWS = 3


def _no_score_table_piece(table):
    """The table, unless it is a piece of a score table: fewer rows than any score table has,
    under an indicator header (一级指标 …) or with a scoring rule in a cell (得满分, 每…扣1分),
    where spacing that does not line up cut the table short. The score-table readers read
    those lines by type (extract/text_score_tables.py)."""
    if table is None or len(table.rows) > _FEWEST_SCORE_ROWS:
        return table
    if any(_LEVEL_HEADER.search(cell) for cell in table.rows[0]) \
            or any(is_criteria(cell) for row in table.rows for cell in row):
        return None
    return table


def _tab_region_is_rows(lines: list, start: int) -> bool:
    """Does the tab-led region at `start` hold tab-separated rows (not one cell a line)?"""
    seen = 0
    for line in lines[start:start + 40]:
        if not line.strip():
            continue
        if not line.startswith("\t"):
            if seen >= 3:
                break
            continue
        seen += 1
        if not _is_cell_line(line):
            return True
    return False


def _read_cell_table(doc: Document, lines: list, i: int) -> int:
    rows: list = []  # each row: list of cells; each cell: list of lines
    blanks = 0
    widest = 0
    while i < len(lines):
        line = lines[i]
        if line == "\f":  # a page's break (its number's line): the row goes on after it
            i += 1
            continue
        if not line.strip() and not line.startswith("\t"):
            blanks += 1
            i += 1
            continue
        if line.startswith("\t"):
            if blanks or not rows:
                rows.append([])
            rows[-1].append([line[1:]])
            widest = max(widest, len(rows[-1]))
            blanks = 0
        else:
            row_full = len(rows) >= 2 and len(rows[-1]) >= widest
            if blanks >= 2 or (blanks and row_full):
                break  # the table ended; this line is the next paragraph
            rows[-1][-1].extend([""] * blanks + [line])
            blanks = 0
        i += 1
    _emit_table(doc, [[_join_cell_lines(c) for c in row] for row in rows])
    return i


def _join_cell_lines(lines: list) -> str:
    parts = [l.strip() for l in lines if l.strip()]
    # Headers written one character per line (主/要/问/题) read as one word.
    if len(parts) > 1 and all(len(p) == 1 for p in parts):
        return "".join(parts)
    return "\n".join(parts)


def _read_row_table(doc: Document, lines: list, i: int) -> int:
    rows = []
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            # a blank line inside a table is a page break when more rows follow
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and "\t" in lines[j] and not is_caption_text(" ".join(lines[j].split())):
                i = j  # (not where the next table's caption opens: 表2\t资金支出明细表)
                continue
            break
        width = row_width(rows, lines, i)
        broken = row_broken_by_line_breaks(lines, i, width) if width else None
        if broken:
            row, i = broken
            rows.append(row)
            continue
        if "\t" not in line:
            if width and continues_last_cell(rows[-1], lines, i, width):
                rows[-1][-1] += "\n" + line.strip()
                i += 1
                continue
            if level_row_across(rows, lines, i):
                # 一、决策（15分） alone between the rows under 指标 | 权重 | 得分: the level's own
                # row, its one cell spanning the table
                rows.append([line.strip()] + [""] * (len(rows[0]) - 1))
                i += 1
                continue
            break
        rows.append(line.rstrip("\n").split("\t"))
        i += 1
    if len(rows) > 1 and score_rows_run_on(rows[0], "\t".join(rows[1])):
        for row in rows:  # (no table: its text is flat_score_table.py's, read whole by its sums)
            add_text_block(doc, "\t".join(row))
    elif rows:
        # (a copy that dropped empty cells leaves its short rows no spans to infer: ragged, as pipe rows)
        kept = _empty_cells_kept(rows)
        _emit_table(doc, rows, infer_spans=kept, columns_kept=kept, widths_written=True)
    return i


def _empty_cells_kept(rows: list) -> bool:
    """Did the export keep the empty cells (so a cell's place is its column)? Not where the
    rows have different numbers of cells and not one of them is empty: a copy that dropped
    them (产出指标 | 数量指标 | 名称 … over 名称 | … with the merged level cells left out)."""
    wide = [r for r in rows if len(r) >= 2]
    if len({len(r) for r in wide}) <= 1:
        return True
    return any(not cell.strip() for r in wide for cell in r[:-1])


def _emit_sheet_tables(doc: Document, rows: list) -> None:
    """CSV rows as a spreadsheet's tables: one per sheet or caption the rows name (a workbook
    saved as CSV, its sheets one after another)."""
    _emit_pieces(doc, tables_between_captions(rows),
                 lambda piece, named: csv_table(piece, named or caption_from_previous(doc)))


def _emit_pieces(doc: Document, pieces: list, build) -> None:
    """Each (caption, rows) piece as the table `build(rows, caption)` makes of it, its rows cut
    back to their usual width; a piece of fewer than two rows as paragraphs."""
    for named, piece in pieces:
        if len(piece) < 2:
            _add_row_texts(doc, named, piece)
            continue
        table = build(_without_empty_columns_after(piece), named)
        if table is None:  # (rows whose fields hold nothing a sheet keeps: no table, their words as text)
            _add_row_texts(doc, named, piece)
            continue
        doc.add(TABLE, normalize(table.as_text()), table=table)


def _add_row_texts(doc: Document, caption, rows: list) -> None:
    """A caption and rows too few for a table, as paragraphs (their filled cells a tab apart)."""
    for text in [caption] + ["\t".join(c for c in row if c.strip()) for row in rows]:
        if text:
            add_text_block(doc, text)


def _without_empty_columns_after(rows: list) -> list:
    """Rows wider than most, cut back to them where they are wider only by empty cells: a sheet
    saved as text pads some rows past the table (自评等级 | 优 | … one tab more than the rows
    above), which would otherwise make a 合计 row look one cell short and move its figures right.
    (A column every row leaves empty stays: a form's value cells not filled in.)"""
    usual = Counter(len(row) for row in rows).most_common(1)[0][0] if rows else 0
    # (not past a header of words as wide: a copy whose rows left out the merged cells on
    # their left keeps a row's empty last cells, its cells then counted from the right)
    usual = max(usual, _header_width(rows))
    return [row[:max(usual, _filled_width(row))] if len(row) > usual else row for row in rows]


def _without_empty_first_column(rows: list) -> list:
    """Rows whose first cell is empty in every row, the header's too (a page that opens each
    row with a pipe before its first cell: |  一级指标 | …), without it: no column of the
    table, and the rows' names then stand where a row's name is looked for (小计, 合计)."""
    if len(rows) < 2 or any(row and row[0].strip() for row in rows) or any(len(row) < 2 for row in rows):
        return rows
    return [row[1:] for row in rows]


def _header_width(rows: list) -> int:
    """The width of the widest row of three words or more and no figure: a header's."""
    return max((len(row) for row in rows
                if sum(1 for c in row if c.strip()) >= 3 and not any(is_figure(c) for c in row if c.strip())), default=0)


def _filled_width(row: list) -> int:
    return max((k + 1 for k, cell in enumerate(row) if cell.strip()), default=0)


def _emit_table(doc: Document, rows: list, infer_spans: bool = True, columns_kept: bool = True,
                widths_written: bool = False) -> None:
    """`columns_kept`: tab-separated exports keep every empty cell; pipe and spaced rows
    from web pages often do not."""
    texts, rows = stated_figure_rows(rows)
    for text in texts:
        add_text_block(doc, text)
    if not rows:
        return  # (every row was a figure stated in words)
    rows = _without_empty_first_column(rows)

    def build(piece: list, named):
        caption, piece = (named, piece) if named is not None else leading_caption(piece)
        return table_from_rows(piece, caption if caption is not None else caption_from_previous(doc), infer_spans,
                               columns_kept=columns_kept, widths_written=widths_written)

    # (a workbook dumped as text: each sheet's table under its own name, caption and unit; a
    # page's tables saved as one run of rows: each under its heading)
    pieces = tables_between_captions(rows) if columns_kept else [(None, rows)]
    _emit_pieces(doc, [(sub_caption or (caption if k == 0 else None), sub) for caption, piece in pieces
                       for k, (sub_caption, sub) in enumerate(tables_between_headings(piece))], build)
