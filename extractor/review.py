"""`extractor review`: the auditors' review app, a small local web app over the store.

Flags can be filtered (severity, confidence, rule, region, year, status), opened with their evidence in
context, and decided (open → in review → confirmed / false positive / explained) with a
reviewer name and a note, one by one or in bulk for a filtered set. Every change is kept in
an append-only history. Decisions are keyed to stable (report_id, flag_id) pairs, so they
survive a re-import of the same file. Export to CSV or XLSX.

Built from small, well-kept parts: werkzeug's Request/Response and URL map (forms parsed by
werkzeug, not by hand), Jinja2 templates with autoescape in extractor/templates/ (no HTML is
put together from strings here), served by waitress (a threaded production WSGI server; each
thread has its own SQLite connection).

Security: report text is untrusted, so everything rendered is escaped; the server binds to
127.0.0.1; state-changing requests need the per-server CSRF token and a same-origin
Origin header when the browser sends one; nothing is read from disk but the store."""
from __future__ import annotations

import csv
import io
import json
import secrets
import threading
import time
from decimal import Decimal
from urllib.parse import urlencode

from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from .render import render, terms
from .store import Store

STATUSES = ["open", "in_review", "confirmed", "false_positive", "explained"]
STATUS_ZH = terms()["statuses"]
FILTERS = ["severity", "confidence", "rule", "region", "year", "status"]
CONFIDENCE_ZH = terms()["confidence"]
EXPORT_COLUMNS = ["report_id", "path", "flag_id", "rule", "severity", "message", "status", "reviewer", "note", "updated_at"]

_FILTER_SQL = {  # filter → SQL condition (values are always bound parameters)
    "severity": "f.severity = ?",
    "confidence": "f.confidence = ?",
    "rule": "f.rule = ?",
    "status": "COALESCE(v.status, 'open') = ?",
    "year": "r.year = ?",
    "region": "(r.province || COALESCE(r.city, '') || COALESCE(r.county, '') || COALESCE(r.admin_code, '')) LIKE ?",
}

URLS = Map([
    Rule("/", endpoint="index", methods=["GET"]),
    Rule("/flag/<rid>/<path:fid>", endpoint="flag", methods=["GET", "POST"]),
    Rule("/bulk", endpoint="bulk", methods=["POST"]),
    Rule("/export.csv", endpoint="export_csv", methods=["GET"]),
    Rule("/export.xlsx", endpoint="export_xlsx", methods=["GET"]),
])

_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
            "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"}


class FormRequest(Request):
    max_content_length = 16 << 20
    max_form_memory_size = 16 << 20


class ReviewApp:
    def __init__(self, db):
        self.path = db
        self._local = threading.local()
        self.store  # opens (and migrates) the store once, in the caller's thread
        self.csrf = secrets.token_urlsafe(24)

    @property
    def store(self) -> Store:
        """This thread's connection to the store (waitress serves from several threads)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.path)
        return store

    # ------------------------------------------------------------ data
    def flags(self, filters: dict) -> list:
        sql = ("SELECT f.report_id, f.flag_id, f.rule, f.severity, f.confidence, f.message, r.path, r.title, r.province, r.city, "
               "r.county, r.year, COALESCE(v.status, 'open') AS status, v.reviewer, v.note, v.updated_at "
               "FROM flags f JOIN reports r USING (report_id) "
               "LEFT JOIN reviews v ON v.report_id = f.report_id AND v.flag_id = f.flag_id WHERE 1=1")
        args = []
        for name, clause in _FILTER_SQL.items():
            if filters.get(name):
                sql += f" AND {clause}"
                args.append(f"%{filters[name]}%" if name == "region" else filters[name])
        sql += " ORDER BY r.path, CAST(SUBSTR(f.flag_id, 2) AS INTEGER)"
        return [dict(r) for r in self.store.db.execute(sql, args)]

    def record(self, report_id: str) -> dict | None:
        row = self.store.db.execute("SELECT record_json FROM reports WHERE report_id = ?", (report_id,)).fetchone()
        return json.loads(row[0], parse_float=Decimal, parse_int=Decimal) if row else None

    def history(self, report_id: str, flag_id: str) -> list:
        return [dict(r) for r in self.store.db.execute(
            "SELECT * FROM review_history WHERE report_id = ? AND flag_id = ? ORDER BY id", (report_id, flag_id))]

    def decide(self, pairs: list, status: str, reviewer: str, note: str) -> int:
        """Set the status of (report_id, flag_id) pairs; every change goes to the history."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
        db = self.store.db
        with db:
            for rid, fid in pairs:
                row = db.execute("SELECT status FROM reviews WHERE report_id=? AND flag_id=?", (rid, fid)).fetchone()
                before = row[0] if row else "open"
                db.execute("INSERT OR REPLACE INTO reviews VALUES (?,?,?,?,?,?)", (rid, fid, status, reviewer, note, now))
                db.execute("INSERT INTO review_history (report_id, flag_id, from_status, to_status, reviewer, note, at) "
                           "VALUES (?,?,?,?,?,?,?)", (rid, fid, before, status, reviewer, note, now))
        return len(pairs)

    # ------------------------------------------------------------ WSGI
    def __call__(self, environ, start_response):
        request = FormRequest(environ)
        try:
            endpoint, args = URLS.bind_to_environ(environ).match()
            response = getattr(self, "on_" + endpoint)(request, **args)
        except HTTPException as e:
            response = self._text(e.description or e.name, e.code)
        except ValueError as e:
            response = self._text(str(e), 400)
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        return response(environ, start_response)

    @staticmethod
    def _text(message: str, code: int) -> Response:
        return Response(message, code, content_type="text/plain; charset=utf-8")

    @staticmethod
    def _html(page: str) -> Response:
        return Response(page, content_type="text/html; charset=utf-8")

    def _trusted(self, request) -> bool:
        origin = request.headers.get("Origin")
        host = request.headers.get("Host", "")
        if origin and origin != f"http://{host}":
            return False
        return secrets.compare_digest(request.form.get("csrf", ""), self.csrf)

    def _check_post(self, request):
        if not self._trusted(request):
            raise _Refused("CSRF check failed", 403)

    def _decision(self, request) -> tuple:
        reviewer = request.form.get("reviewer", "").strip()[:100]
        note = request.form.get("note", "")[:4000]
        status = request.form.get("status", "")
        if not reviewer:
            raise ValueError("a reviewer name is required")
        return status, reviewer, note

    # ------------------------------------------------------------ endpoints
    def on_index(self, request):
        filters = {k: request.args.get(k, "") for k in FILTERS}
        flags = self.flags(filters)
        rules = [r[0] for r in self.store.db.execute("SELECT DISTINCT rule FROM flags ORDER BY rule")]
        qs = urlencode({k: v for k, v in filters.items() if v})
        return self._html(render("index.html", flags=flags, filters=filters, qs=qs, csrf=self.csrf, statuses=STATUSES,
                                 rule_options=[(r, terms()["rules"].get(r, r)) for r in rules],
                                 status_options=[(s, STATUS_ZH[s]) for s in STATUSES]))

    def on_flag(self, request, rid, fid):
        filters = {k: request.args.get(k, "") for k in FILTERS}
        qs = urlencode({k: v for k, v in filters.items() if v})
        if request.method == "POST":
            self._check_post(request)
            status, reviewer, note = self._decision(request)
            self.decide([(rid, fid)], status, reviewer, note)
            return redirect(f"/flag/{_q(rid)}/{_q(fid)}?{qs}", 303)
        record = self.record(rid)
        flag = next((f for f in (record or {}).get("flags", []) if f["id"] == fid), None)
        if flag is None:
            raise NotFound("no such flag")
        listing = [(f["report_id"], f["flag_id"]) for f in self.flags(filters)]
        prev = nxt = None
        if (rid, fid) in listing:
            i = listing.index((rid, fid))
            prev = listing[i - 1] if i > 0 else None
            nxt = listing[i + 1] if i + 1 < len(listing) else None
        review = self.store.db.execute("SELECT * FROM reviews WHERE report_id=? AND flag_id=?", (rid, fid)).fetchone()
        return self._html(render("flag.html", record=record, flag=flag, qs=qs, prev=prev, next=nxt,
                                 review=dict(review) if review else None,
                                 current=review["status"] if review else "open", history=self.history(rid, fid),
                                 csrf=self.csrf, statuses=STATUSES, rid=rid, fid=fid))

    def on_bulk(self, request):
        self._check_post(request)
        status, reviewer, note = self._decision(request)
        filters = {k: request.form.get(k, "") for k in FILTERS}
        chosen = request.form.getlist("pick")
        pairs = [tuple(p.split("/", 1)) for p in chosen] if chosen else \
            [(f["report_id"], f["flag_id"]) for f in self.flags(filters)]
        self.decide(pairs, status, reviewer, note)
        return redirect("/?" + urlencode({k: v for k, v in filters.items() if v}), 303)

    def on_export_csv(self, request):
        return Response(self.export_csv(), content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=decisions.csv"})

    def on_export_xlsx(self, request):
        return Response(self.export_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": "attachment; filename=decisions.xlsx"})

    # ------------------------------------------------------------ exports
    def export_csv(self) -> str:
        out = io.StringIO()
        out.write("\ufeff")
        w = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for row in self.flags({}):
            w.writerow(row)
        return out.getvalue()

    def export_xlsx(self) -> bytes:
        import pandas as pd

        buf = io.BytesIO()
        pd.DataFrame(self.flags({}), columns=EXPORT_COLUMNS).to_excel(buf, index=False, sheet_name="审核决定")
        return buf.getvalue()


class _Refused(HTTPException):
    def __init__(self, description: str, code: int):
        super().__init__(description)
        self.code = code


def _q(part: str) -> str:
    from urllib.parse import quote

    return quote(part, safe="")


class ReviewServer:
    """waitress serving the app, with the start/stop calls of the standard library's servers
    (serve_forever, shutdown, server_close, server_port) so a test or the CLI can run it in a
    thread and stop it."""

    def __init__(self, app: ReviewApp, host: str, port: int, threads: int = 4):
        from waitress.server import create_server

        self.app = app
        self._server = create_server(app, host=host, port=port, threads=threads, ident="extractor-review",
                                     clear_untrusted_proxy_headers=True)
        self.server_port = self._server.effective_port
        self._stopped = threading.Event()
        self._running = False

    def serve_forever(self):
        self._running = True
        try:
            self._server.run()
        finally:
            self._stopped.set()

    def shutdown(self):
        from waitress import wasyncore

        self._server.task_dispatcher.shutdown(timeout=5)
        wasyncore.close_all(self._server._map)
        if self._running:
            self._stopped.wait(10)

    def server_close(self):
        pass


def serve(db, host: str = "127.0.0.1", port: int = 8765) -> ReviewServer:
    return ReviewServer(ReviewApp(db), host, port)
