"""The upper header name each column of a table stands under, where a name over sub-columns
is written as one cell followed by empty ones (预算安排（万元） |  |  over 中央 | 地方 | 小计), as
tabs, pipes or spaces keep a merged cell. Shared by what reads a table's columns
(extract/table_facts.py: their names and units) and what checks its sub-columns
(check/row_sums.py: a 小计 against its group)."""
from __future__ import annotations

# the units a column's name states in brackets (金额（万元）, 人数（人）, 占比（%）): what a table's
# reader and its checker take as the column's own unit
NAMED_UNITS = "亿元|万元|千元|元|万人次|万人|人次|人|万户|户|%|％"


def names_above(upper: list, lower: list) -> list:
    """For each column, the name of the `upper` header row it stands under: its own cell's,
    or for an empty cell over a sub-column named in `lower` the name before it in the row,
    while every column from that name on is named below; "" else. Only where `lower` leaves
    some column unnamed (a column named over both rows): a lower row naming every column is
    a header row of its own, under a row of the form's head."""
    names = list(upper)
    if all(str(name).strip() for name in lower):
        return names
    for c in range(1, len(names)):
        if not str(names[c]).strip() and str(lower[c]).strip() \
                and str(names[c - 1]).strip() and str(lower[c - 1]).strip():
            names[c] = names[c - 1]
    return names
