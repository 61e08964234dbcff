"""Decisions on flags: a status (open → in review → confirmed / false positive / explained),
a reviewer and a note, kept in `reviews` with every change in the append-only
`review_history`. Decisions are keyed to stable (report_id, flag_id) pairs, so they survive a
re-import of the same file.

A bulk decision over a filtered set is confirmed in two steps: the count is shown first, and
the confirmation carries the exact flags counted with the status each had then (one
"rid/fid/status" a line, written by confirmation_pairs and read back by seen_statuses), so a
flag someone else decided meanwhile makes the whole decision stale rather than overwritten."""
from __future__ import annotations

import time

from .render import terms

STATUSES = ["open", "in_review", "confirmed", "false_positive", "explained"]
STATUS_ZH = terms()["statuses"]


class Stale(Exception):
    """Some flags' statuses changed since the reviewer saw them: [(rid, fid, current review row)]."""


def decide(db, pairs: list, status: str, reviewer: str, note: str, expected: dict | None = None,
           keep_unchanged: bool = True, changed_pairs: list | None = None) -> tuple:
    """Set the status of (report_id, flag_id) pairs in one write transaction; every change
    goes to the history. A flag already at `status` is left alone (no "X → X" row) —
    unless it is a single decision whose note changed (keep_unchanged=False), which is
    kept as a note update. `expected` maps a pair to the status the reviewer saw: if any
    has changed since, nothing is stored and Stale is raised. Returns (changed, unchanged);
    the pairs changed are appended to `changed_pairs` when given."""
    if status not in STATUSES:
        raise ValueError(f"未知状态 unknown status {status!r}")
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    db.execute("BEGIN IMMEDIATE")  # read the current statuses and write under one lock
    try:
        changed = unchanged = 0
        stale = []
        for rid, fid in pairs:
            row = db.execute("SELECT status, reviewer, note, updated_at FROM reviews WHERE report_id=? AND flag_id=?",
                             (rid, fid)).fetchone()
            before = row["status"] if row else "open"
            if expected and (rid, fid) in expected and expected[(rid, fid)] != before:
                stale.append((rid, fid, dict(row) if row else {"status": before}))
                continue
            if before == status and (keep_unchanged or (row and (row["note"] or "") == note) or (not row and not note)):
                unchanged += 1
                continue
            db.execute("INSERT OR REPLACE INTO reviews VALUES (?,?,?,?,?,?)", (rid, fid, status, reviewer, note, now))
            db.execute("INSERT INTO review_history (report_id, flag_id, from_status, to_status, reviewer, note, at) "
                       "VALUES (?,?,?,?,?,?,?)", (rid, fid, before, status, reviewer, note, now))
            changed += 1
            if changed_pairs is not None:
                changed_pairs.append((rid, fid))
        if stale:
            raise Stale(stale)
        db.commit()
    except BaseException:
        db.rollback()
        raise
    return changed, unchanged


def stale_lines(stale: list) -> list:
    """What the reviewer is told of each flag decided meanwhile: its status now, and by whom and when."""
    return [f"{rid} {fid}：现为「{STATUS_ZH.get(now['status'], now['status'])}」"
            + (f"（{now.get('reviewer') or ''}，{now.get('updated_at') or ''}）" if now.get("reviewer") else "")
            for rid, fid, now in stale]


def history(db, report_id: str, flag_id: str) -> list:
    """A flag's every change, oldest first."""
    return [dict(r) for r in db.execute(
        "SELECT * FROM review_history WHERE report_id = ? AND flag_id = ? ORDER BY id", (report_id, flag_id))]


def flag_exists(db, rid: str, fid: str) -> bool:
    return db.execute("SELECT 1 FROM flags WHERE report_id=? AND flag_id=?", (rid, fid)).fetchone() is not None


# ------------------------------------------------------------ bulk confirmation
def confirmation_pairs(flags: list) -> str:
    """The flags a bulk decision was counted on, with the status each had: "rid/fid/status" a line."""
    return "\n".join(f"{f['report_id']}/{f['flag_id']}/{f['status']}" for f in flags)


def seen_statuses(text: str) -> dict:
    """(report_id, flag_id) → the status seen, from confirmation_pairs' text (lines that are
    not such a line are passed over)."""
    expected = {}
    for line in text.splitlines():
        rid, _, rest = line.partition("/")
        fid, _, seen = rest.rpartition("/")
        if rid and fid and seen in STATUSES:
            expected[(rid, fid)] = seen
    return expected


def to_change(flags: list, rows: list, status: str) -> tuple:
    """How many flags, and how many rows of the list (a grouped row counts when any of its
    members would change), a bulk decision to `status` would change."""
    return (sum(1 for f in flags if f["status"] != status),
            sum(1 for r in rows if any(m["status"] != status for m in r.get("members", [r]))))
