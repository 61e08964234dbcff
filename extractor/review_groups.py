"""The review list's grouping: the same flag raised by several renditions of one report (the
.txt, .docx and .pdf of it) shown and decided as one.

Renditions are recognised as the charts recognise them (renditions.report_key: normalised
title, region and year; one file per format, see renditions.one_file_per_format): a missed
grouping shows copies, a wrong one would hide a report. Within one report, a flag of one rendition is the same as a flag of
another when both have the same rule and the same stated and computed figures; flag ids are
not compared, since one extra flag in one rendition shifts every later id. Two flags of one
rendition with the same rule and figures pair up in order (the first with the first).
Messages are not compared either: they quote the figures as each text wrote them.

A group lists its members in the order of renditions.FORMAT_PREFERENCE; the first (the most
directly read rendition) stands for the group. The store does not keep groups: they are
worked out from the flags and reports tables and recomputed when an import changed them."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .renditions import FORMAT_PREFERENCE, one_file_per_format, report_key


def _figure(text):
    """A figure as compared across renditions: 1000000.00 and 1000000 are the same number."""
    try:
        return Decimal(text).normalize()
    except (InvalidOperation, TypeError, ValueError):
        return text


def _rank(fmt: str) -> int:
    return FORMAT_PREFERENCE.index(fmt) if fmt in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)


@dataclass
class Groups:
    of: dict = field(default_factory=dict)  # (report_id, flag_id) → group key
    members: dict = field(default_factory=dict)  # group key → [(report_id, flag_id)], most direct format first
    formats: dict = field(default_factory=dict)  # report_id → format
    renditions: dict = field(default_factory=dict)  # group key → formats of all the report's renditions

    def siblings(self, pair: tuple) -> list:
        """The other renditions' flags of the group `pair` belongs to."""
        return [p for p in self.members.get(self.of.get(pair), []) if p != pair]

    def expand(self, pairs) -> list:
        """`pairs` with every other member of their groups, each once, in order."""
        out: dict = {}
        for pair in pairs:
            for p in self.members.get(self.of.get(pair), [pair]):
                out[p] = None
        return list(out)

    def keys(self, pairs) -> list:
        """The groups of `pairs`, each once, in the order their first member comes."""
        return list(dict.fromkeys(self.of[p] for p in pairs if p in self.of))

    def summary(self, key) -> dict:
        """How many of the report's renditions raise the flag, and which do not."""
        raised = [self.formats[rid] for rid, _ in self.members[key]]
        every = self.renditions[key]
        missing = list(every)
        for fmt in raised:
            if fmt in missing:
                missing.remove(fmt)
        return {"formats": raised, "raised": len(raised), "of": len(every), "missing": missing}


def build(reports, flags) -> Groups:
    """Groups from the reports, rows of (report_id, title, province, city, county, year,
    sha256, format) — all of them, since a rendition that raised no flag still counts as one
    that did not raise it — and the flags, rows of (report_id, flag_id, rule, stated,
    computed) in their report's order."""
    g = Groups()
    report_of: dict = {}  # report_id → report key
    by_report: dict = {}  # report key → {report_id: format}
    for rid, title, province, city, county, year, sha256, fmt in reports:
        report_of[rid] = report_key({"metadata": {"title": title, "province": province, "city": city,
                                                  "county": county, "year": year},
                                     "source": {"sha256": sha256}, "report_id": rid})
        by_report.setdefault(report_of[rid], {})[rid] = fmt or ""
        g.formats[rid] = fmt or ""
    by_report = one_file_per_format(by_report)
    report_of.update({rid: key for key, files in by_report.items() for rid in files})
    seen: dict = {}  # (report_id, rule, stated, computed) → how many so far
    for rid, fid, rule, stated, computed in flags:
        same = (rid, rule, _figure(stated), _figure(computed))
        seen[same] = seen.get(same, 0) + 1
        key = (report_of[rid], *same[1:], seen[same])
        g.of[(rid, fid)] = key
        g.members.setdefault(key, []).append((rid, fid))
    for key, members in g.members.items():
        members.sort(key=lambda p: (_rank(g.formats[p[0]]), p[0]))
        g.renditions[key] = sorted(by_report[key[0]].values(), key=_rank)
    return g


_REPORTS = "SELECT report_id, title, province, city, county, year, sha256, format FROM reports"
_FLAGS = ("SELECT report_id, flag_id, rule, stated, computed FROM flags "
          "ORDER BY report_id, CAST(SUBSTR(flag_id, 2) AS INTEGER), flag_id")
# changes whenever an import adds, replaces (a new row, so a higher rowid) or removes a report,
# not when a review is written; read from indexes only (a scan of reports would read every record)
_FINGERPRINT = "SELECT (SELECT count(*) FROM flags), count(*), max(rowid) FROM reports"


class GroupCache:
    """The store's groups, recomputed only when the reports or flags changed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._print = None
        self._groups = Groups()

    def get(self, db) -> Groups:
        now = tuple(db.execute(_FINGERPRINT).fetchone())
        with self._lock:
            if now != self._print:
                self._groups = build(db.execute(_REPORTS), db.execute(_FLAGS))
                self._print = now
            return self._groups
