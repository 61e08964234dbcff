"""The store: records in SQLite (WAL), one transaction per report, versioned schema.

Idempotent and resumable: a file whose sha256 is stored with the current extractor
version is skipped; killed at any moment, a re-run finishes the rest and the store is
consistent, because a report, its facts, flags and its manifest row commit together.
Money and other decimals are stored as exact decimal text, never REAL."""
from __future__ import annotations

import json
import sqlite3
import time
from decimal import Decimal
from pathlib import Path

from . import __version__
from .record import decimal_text, dumps

MIGRATIONS = [
    # 1: the first schema
    """
    CREATE TABLE inputs (path TEXT PRIMARY KEY, sha256 TEXT, status TEXT NOT NULL, error_code TEXT, error TEXT,
                         report_id TEXT, updated_at TEXT NOT NULL);
    CREATE TABLE reports (report_id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, extractor_version TEXT NOT NULL,
                          path TEXT, format TEXT, title TEXT, province TEXT, city TEXT, county TEXT, admin_code TEXT,
                          year INTEGER, report_type TEXT, agency TEXT, evaluator TEXT, self_evaluation INTEGER,
                          date TEXT, score TEXT, grade TEXT, record_json TEXT NOT NULL, imported_at TEXT NOT NULL);
    CREATE TABLE facts (report_id TEXT NOT NULL REFERENCES reports ON DELETE CASCADE, fact_id TEXT NOT NULL,
                        kind TEXT, value TEXT, unit TEXT, text TEXT, label TEXT, subject TEXT, year INTEGER,
                        page INTEGER, block INTEGER, tbl INTEGER, row INTEGER, col INTEGER, quote TEXT,
                        PRIMARY KEY (report_id, fact_id));
    CREATE TABLE flags (report_id TEXT NOT NULL REFERENCES reports ON DELETE CASCADE, flag_id TEXT NOT NULL,
                        rule TEXT, severity TEXT, message TEXT, stated TEXT, computed TEXT, difference TEXT,
                        tolerance TEXT, evidence TEXT, explanation TEXT, PRIMARY KEY (report_id, flag_id));
    CREATE TABLE items (report_id TEXT NOT NULL REFERENCES reports ON DELETE CASCADE, item_id TEXT NOT NULL,
                        kind TEXT NOT NULL, title TEXT, category TEXT, text TEXT, PRIMARY KEY (report_id, item_id));
    CREATE TABLE indicators (report_id TEXT NOT NULL REFERENCES reports ON DELETE CASCADE, n INTEGER NOT NULL,
                             path TEXT, weight TEXT, score TEXT, note TEXT, PRIMARY KEY (report_id, n));
    CREATE TABLE reviews (report_id TEXT NOT NULL, flag_id TEXT NOT NULL, status TEXT NOT NULL, reviewer TEXT,
                          note TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (report_id, flag_id));
    CREATE TABLE review_history (id INTEGER PRIMARY KEY AUTOINCREMENT, report_id TEXT NOT NULL, flag_id TEXT NOT NULL,
                                 from_status TEXT, to_status TEXT NOT NULL, reviewer TEXT, note TEXT, at TEXT NOT NULL);
    CREATE INDEX facts_label ON facts(label);
    CREATE INDEX flags_rule ON flags(rule, severity);
    CREATE INDEX reports_region ON reports(admin_code, year);
    """,
    # 2: how firmly a flag's evidence was read (high / medium / low), for the review filter
    """
    ALTER TABLE flags ADD COLUMN confidence TEXT;
    """,
    # 3: reviewer accounts (scrypt hashes) and login sessions (sha256 of the cookie's token), for
    # the review app served beyond loopback (extractor/accounts.py)
    """
    CREATE TABLE users (name TEXT PRIMARY KEY, password TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, name TEXT NOT NULL REFERENCES users ON DELETE CASCADE,
                           created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
    """,
]


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())


def _text(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return decimal_text(value)
    return str(value)


class NotAStore(Exception):
    """The file given as a store is not one (not SQLite, or SQLite without the store's tables)."""


def check_store(path) -> None:
    """Raise NotAStore unless `path` is an existing store this extractor can read; opened
    read-only, so a file that is not a store is never written to."""
    path = Path(path)
    try:
        with sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True) as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as e:
        raise NotAStore(f"{path} is not an SQLite store ({e})") from None
    if version < 1 or not {"reports", "flags", "reviews"} <= tables:
        raise NotAStore(f"{path} is an SQLite file without the extractor's tables")
    if version > len(MIGRATIONS):
        raise NotAStore(f"{path} was written by a newer extractor (schema {version}, this one reads up to {len(MIGRATIONS)})")


class Store:
    def __init__(self, path, create: bool = True):
        """Open the store at `path`, creating it (and migrating it) as needed; with
        create=False a file that is not already a store raises NotAStore."""
        self.path = Path(path)
        if not create:
            check_store(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # timeout: the busy timeout, so writers from several threads or processes wait for each other;
        # the review server opens one connection per thread
        self.db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    def close(self):
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        for version, script in enumerate(MIGRATIONS, 1):
            if self.schema_version < version:
                with self.db:
                    self.db.executescript("BEGIN;" + script + f"PRAGMA user_version={version};COMMIT;")

    # -- reading
    def stored_version(self, sha256: str):
        row = self.db.execute("SELECT report_id, extractor_version, path FROM reports WHERE sha256=?", (sha256,)).fetchone()
        return row

    def stored_hashes(self, extractor_version: str) -> dict:
        """sha256 → (path, report_id) of the reports stored by that extractor version."""
        return {sha: (path, rid) for sha, path, rid in self.db.execute(
            "SELECT sha256, path, report_id FROM reports WHERE extractor_version=?", (extractor_version,))}

    def records(self) -> list:
        return [json.loads(r[0], parse_float=Decimal, parse_int=Decimal)
                for r in self.db.execute("SELECT record_json FROM reports ORDER BY path")]

    # -- writing
    def record_input(self, path: str, sha256: str, status: str, error_code: str = "", error: str = "",
                     report_id: str = "") -> None:
        with self.db:
            self._input(path, sha256, status, error_code, error, report_id)

    def _input(self, path, sha256, status, error_code, error, report_id):
        self.db.execute("INSERT OR REPLACE INTO inputs VALUES (?,?,?,?,?,?,?)",
                        (path, sha256, status, error_code, error, report_id, _now()))

    def save(self, path: str, record: dict) -> None:
        """Store one report and its manifest row in one transaction."""
        rid = record["report_id"]
        m = record["metadata"]
        with self.db:
            self.db.execute("DELETE FROM reports WHERE report_id=? OR sha256=?", (rid, record["source"]["sha256"]))
            self.db.execute(
                "INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rid, record["source"]["sha256"], record.get("extractor_version", __version__), path,
                 record["source"]["format"], m.get("title"), m.get("province"), m.get("city"), m.get("county"),
                 m.get("admin_code"), m.get("year"), m.get("report_type"), m.get("agency"), m.get("evaluator"),
                 int(bool(m.get("self_evaluation"))), m.get("date"), _text(m.get("score")), m.get("grade"),
                 dumps(record, indent=None), _now()))
            self.db.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                (rid, f["id"], f["kind"], _text(f["value"]), f["unit"], f["text"], f.get("label"), f.get("subject"),
                 f.get("year"), f["source"].get("page"), f["source"].get("block"), f["source"].get("table"),
                 f["source"].get("row"), f["source"].get("col"), f["source"].get("quote")) for f in record["facts"]])
            self.db.executemany("INSERT INTO flags (report_id, flag_id, rule, severity, message, stated, computed, "
                                "difference, tolerance, evidence, explanation, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
                (rid, f["id"], f["rule"], f["severity"], f["message"], _text(f.get("stated")), _text(f.get("computed")),
                 _text(f.get("difference")), _text(f.get("tolerance")), " ".join(f.get("evidence", [])),
                 f.get("explanation"), f.get("confidence")) for f in record["flags"]])
            self.db.executemany("INSERT INTO items VALUES (?,?,?,?,?,?)", [
                (rid, i["id"], kind, i["title"], i.get("category"), i.get("text"))
                for kind, key in (("problem", "problems"), ("recommendation", "recommendations"))
                for i in record.get(key, [])])
            self.db.executemany("INSERT INTO indicators VALUES (?,?,?,?,?,?)", [
                (rid, n, "›".join(i["path"]), _text(i.get("weight")), _text(i.get("score")), i.get("note"))
                for n, i in enumerate(record.get("indicators", []))])
            self._input(path, record["source"]["sha256"], "ok", "", "", rid)
