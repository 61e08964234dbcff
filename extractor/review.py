"""`extractor review`: the auditors' review app, a small local web app over the store.

Flags can be filtered (severity, confidence, rule, region, year, status), opened with their evidence in
context, and decided (open → in review → confirmed / false positive / explained) with a
reviewer name and a note, one by one or in bulk for a filtered set. Every change is kept in
an append-only history. Decisions are keyed to stable (report_id, flag_id) pairs, so they
survive a re-import of the same file. Export to CSV or XLSX.

One concept a module:
- review_app: the WSGI app, its routes and the checks every request passes (Host, CSRF, login);
- review_list: the list's state (filters, search, sort, paging) and its rows and counts;
- review_groups: a report's renditions raising the same flag, shown and decided as one;
- review_decisions: storing decisions and their history, and a bulk decision's confirmation;
- review_export: the CSV and XLSX exports;
- review_originals: where the flag's figures are on its original PDF pages;
- review_server: waitress serving the app, bound to loopback unless there are accounts.

This module keeps the names the CLI and the tests import."""
from __future__ import annotations

from .review_app import Refused, ReviewApp, is_loopback
from .review_decisions import STATUSES, Stale
from .review_export import EXPORT_COLUMNS
from .review_list import FILTERS, grouped, qs
from .review_server import NoAccounts, ReviewServer, serve

__all__ = ["EXPORT_COLUMNS", "FILTERS", "STATUSES", "NoAccounts", "Refused", "ReviewApp", "ReviewServer", "Stale",
           "grouped", "is_loopback", "qs", "serve"]
