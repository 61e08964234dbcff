"""The checker rules, one module per concept; importing this module registers them all
(see DESIGN.md for the list). The import order is the order the rules run in, and so the
order of the flags' ids: keep it.

The shared helpers are re-exported here so that `from .rules import make_flag` keeps working."""
from __future__ import annotations

from . import sums, table_sums, ratios, changes, products, repeats, claims, scores, names, row_sums  # noqa: F401  (registers)
from .common import (SEVERITY, TOTAL_ROW, check_settings, facts_by_id, make_flag, relation_vocab,  # noqa: F401
                     relations_of, rounded, show, sum_of, table_cells)
