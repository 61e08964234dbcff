"""Tables a document-sharing site's text ran together, each row's cells with no break between
them (…补助80.0062.54; 市财政49.34市财政49.34), found line by line and written out as rows with
a tab between cells, so the reader of tab-separated rows reads them as tables: a report's data
tables (glued_data_tables.py), its tables of labelled figures (glued_pairs.py, and one cell a
line with the row breaks lost: repeated_label_rows.py) and its score tables
(glued_score_tables.py). Lines already cut into cells (tabs, pipes, spaces) are left to their
readers, and so is a form's text (titled as one, or holding a fund block's rows): its
run-together rows are the form readers' (extract/form_glued.py)."""
from __future__ import annotations

from .form_signs import names_a_form, text_is_a_form
from .glued_data_tables import glued_data_table_at
from .glued_pairs import glued_pairs_at
from .glued_score_tables import glued_score_table_at
from .repeated_label_rows import repeated_label_rows_at


def glued_tables_apart(lines: list) -> list:
    """`lines` with each run-together table written out as tab-separated rows."""
    if text_is_a_form(lines) or names_a_form(lines):
        return lines
    out, i = [], 0
    while i < len(lines):
        found = glued_data_table_at(lines, i) or glued_pairs_at(lines, i) or glued_score_table_at(lines, i) \
            or repeated_label_rows_at(lines, i)
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        rows, i = found
        out.extend("\t".join(row) for row in rows)
    return out
