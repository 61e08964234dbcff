"""The review list's state and what it shows: which flags (filters and free-text search), in
what order (sort), a page of them, and the counts (rows, and each filter option's count).

The state travels in the query string (FILTERS, MODE, VIEW), so a list can be bookmarked and
every link keeps it (qs). By default a report's renditions raising the same flag are one row
(review_groups); `each=1` lists every file's flags apart. Plain functions over the store's
connection; those that may need the groups take the GroupCache and ask it only in the
grouped mode, so the plain list never builds them."""
from __future__ import annotations

from urllib.parse import urlencode

from .review_groups import GroupCache

FILTERS = ["severity", "confidence", "rule", "region", "year", "status", "format", "q"]  # which flags
MODE = ["each"]  # each=1: every file's flags apart; otherwise a report's renditions raising the same flag are one row
VIEW = ["sort", "dir", "page", "per"]  # how they are shown
PER_PAGE = [50, 100, 200, 500]
DEFAULT_PER_PAGE = 100
FACETS = {  # filters whose options are listed with counts: filter → SQL expression
    "severity": "f.severity", "confidence": "f.confidence", "rule": "f.rule",
    "status": "COALESCE(v.status, 'open')", "format": "r.format",
}

_FILTER_SQL = {  # filter → SQL condition (values are always bound parameters)
    "severity": "f.severity = ?",
    "confidence": "f.confidence = ?",
    "rule": "f.rule = ?",
    "status": "COALESCE(v.status, 'open') = ?",
    "format": "r.format = ?",
    "year": "r.year = ?",
    "region": "(r.province || COALESCE(r.city, '') || COALESCE(r.county, '') || COALESCE(r.admin_code, '')) LIKE ? ESCAPE '\\'",
}
# free text: each word must occur in the message, the report's title or file name, or a quote of the flag's evidence
_SEARCH_SQL = ("(f.message LIKE ?1 ESCAPE '\\' OR r.title LIKE ?1 ESCAPE '\\' OR r.path LIKE ?1 ESCAPE '\\' OR EXISTS ("
               "SELECT 1 FROM facts x WHERE x.report_id = f.report_id AND x.quote LIKE ?1 ESCAPE '\\' "
               "AND instr(' ' || COALESCE(f.evidence, '') || ' ', ' ' || x.fact_id || ' ') > 0))")
_FLAG_ORDER = "r.path, CAST(SUBSTR(f.flag_id, 2) AS INTEGER)"
SORTS = {  # column → SQL order (the flag order breaks ties)
    "flag": _FLAG_ORDER,
    "file": "r.path",
    "format": "r.format",
    "title": "r.title",
    "region": "r.province, r.city, r.county",
    "year": "r.year",
    "rule": "f.rule",
    "severity": "CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 WHEN 'info' THEN 2 ELSE 3 END",
    "confidence": "CASE f.confidence WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END",
    "message": "f.message",
    "status": "CASE COALESCE(v.status, 'open') " + " ".join(
        f"WHEN '{s}' THEN {i}" for i, s in enumerate(["open", "in_review", "confirmed", "false_positive", "explained"])) + " END",
    "updated": "v.updated_at",
}
_FROM = ("FROM flags f JOIN reports r USING (report_id) "
         "LEFT JOIN reviews v ON v.report_id = f.report_id AND v.flag_id = f.flag_id")
_SELECT = ("SELECT f.report_id, f.flag_id, f.rule, f.severity, f.confidence, f.message, f.stated, f.computed, "
           "f.difference, f.evidence, r.path, r.format, r.title, r.province, r.city, r.county, r.year, r.report_type, "
           f"COALESCE(v.status, 'open') AS status, v.reviewer, v.note, v.updated_at {_FROM}")


# ------------------------------------------------------------ the state
def state_of(args) -> dict:
    """The list's state from the query string: its filters (FILTERS) and view (VIEW)."""
    state = {k: args.get(k, "").strip()[:200] for k in FILTERS + MODE + VIEW}
    state["each"] = "1" if state["each"] == "1" else ""
    return state


def qs(state: dict, drop=(), **override) -> str:
    """The query string of a list state, less the keys in `drop`, with `override` applied."""
    merged = {**state, **override}
    return urlencode({k: v for k, v in merged.items() if v not in ("", None) and k not in drop})


def grouped(state: dict) -> bool:
    """Whether the list shows a report's renditions raising the same flag as one row (the default)."""
    return state.get("each") != "1"


def paging(state: dict, total: int) -> tuple:
    """(rows a page, this page, pages) for `total` rows: the state's page size if it is one of
    PER_PAGE, and its page kept within the pages there are. Sets the state's page to the one
    shown (empty for the first), so links carry it."""
    per = int(state["per"]) if state["per"].isdigit() and int(state["per"]) in PER_PAGE else DEFAULT_PER_PAGE
    pages = max(1, -(-total // per))
    page = min(max(int(state["page"]) if state["page"].isdigit() else 1, 1), pages)
    state["page"] = str(page) if page > 1 else ""
    return per, page, pages


# ------------------------------------------------------------ SQL
def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def where(filters: dict, skip: str = "") -> tuple:
    """The SQL condition and its bound arguments for `filters` (less the one named `skip`)."""
    clauses, args = [], []
    for name, clause in _FILTER_SQL.items():
        value = (filters.get(name) or "").strip()
        if value and name != skip:
            clauses.append(clause)
            args.append(_like(value) if name == "region" else value)
    for word in (filters.get("q") or "").split():
        clauses.append(_SEARCH_SQL.replace("?1", "?"))
        args += [_like(word)] * 4
    return (" AND ".join(clauses) or "1=1"), args


def order(filters: dict) -> str:
    column = filters.get("sort") or "flag"
    if column not in SORTS:
        column = "flag"
    direction = " DESC" if filters.get("dir") == "desc" else ""
    return ", ".join(part + direction for part in SORTS[column].split(", ")) + (
        ", " + _FLAG_ORDER if column != "flag" else "")


# ------------------------------------------------------------ the rows
def flags(db, filters: dict, limit: int | None = None, offset: int = 0) -> list:
    """The flags under `filters` (FILTERS), in the order of its sort/dir, a page of them
    when `limit` is given."""
    cond, args = where(filters)
    sql = f"{_SELECT} WHERE {cond} ORDER BY {order(filters)}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args = args + [limit, offset]
    return [dict(r) for r in db.execute(sql, args)]


def pairs(db, filters: dict) -> list:
    """(report_id, flag_id) of every flag under `filters`, in order."""
    cond, args = where(filters)
    return [tuple(r) for r in db.execute(
        f"SELECT f.report_id, f.flag_id {_FROM} WHERE {cond} ORDER BY {order(filters)}", args)]


def rows_of(db, flag_pairs: list) -> dict:
    """(report_id, flag_id) → the flag's row (as flags() gives it), for the pairs that exist."""
    out = {}
    for i in range(0, len(flag_pairs), 400):
        chunk = flag_pairs[i:i + 400]
        values = ",".join(["(?, ?)"] * len(chunk))
        for r in db.execute(f"{_SELECT} WHERE (f.report_id, f.flag_id) IN (VALUES {values})",
                            [x for p in chunk for x in p]):
            out[(r["report_id"], r["flag_id"])] = dict(r)
    return out


def group_keys(db, cache: GroupCache, filters: dict) -> list:
    """The groups with a flag under `filters`, in the order of their first such flag."""
    return cache.get(db).keys(pairs(db, filters))


def grouped_flags(db, cache: GroupCache, keys: list) -> list:
    """One row per group: the fields of the flag standing for it, its members (every
    rendition's flag, with its own status), which renditions raise it and which do not,
    and its status ("mixed" when the members' statuses differ)."""
    g = cache.get(db)
    rows = rows_of(db, [p for k in keys for p in g.members[k]])
    out = []
    for key in keys:
        members = [rows[p] for p in g.members[key] if p in rows]
        if not members:
            continue
        row = dict(members[0], members=members, **g.summary(key))
        statuses = {m["status"] for m in members}
        row["status"] = members[0]["status"] if len(statuses) == 1 else "mixed"
        out.append(row)
    return out


def listing(db, cache: GroupCache, filters: dict) -> list:
    """The flags the list shows, in order (for previous / next): in the grouped mode the
    flag standing for each group."""
    if grouped(filters):
        members = cache.get(db).members
        return [members[k][0] for k in group_keys(db, cache, filters)]
    return pairs(db, filters)


# ------------------------------------------------------------ the counts
def count(db, cache: GroupCache, filters: dict) -> int:
    """How many rows the list shows: flags, or in the grouped mode grouped flags."""
    if grouped(filters):
        return len(group_keys(db, cache, filters))
    cond, args = where(filters)
    return db.execute(f"SELECT count(*) {_FROM} WHERE {cond}", args).fetchone()[0]


def facets(db, cache: GroupCache, filters: dict) -> dict:
    """For each listed filter, its options with the number of rows each would show under
    the other filters in force (flags, or in the grouped mode grouped flags: a group counts
    under every option one of its renditions' flags has)."""
    out = {}
    for name, expr in FACETS.items():
        cond, args = where(filters, skip=name)
        if not grouped(filters):
            out[name] = {value: n for value, n in db.execute(
                f"SELECT {expr}, count(*) {_FROM} WHERE {cond} GROUP BY 1 ORDER BY 1", args) if value is not None}
            continue
        of = cache.get(db).of
        seen: dict = {}
        for value, rid, fid in db.execute(f"SELECT {expr}, f.report_id, f.flag_id {_FROM} WHERE {cond}", args):
            if value is not None:
                seen.setdefault(value, set()).add(of.get((rid, fid), (rid, fid)))
        out[name] = {value: len(keys) for value, keys in sorted(seen.items())}
    return out
