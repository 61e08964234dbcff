"""`extractor review`: the auditors' review app, a small local web app over the store.

Flags can be filtered (severity, confidence, rule, region, year, status), opened with their evidence in
context, and decided (open → in review → confirmed / false positive / explained) with a
reviewer name and a note, one by one or in bulk for a filtered set. Every change is kept in
an append-only history. Decisions are keyed to stable (report_id, flag_id) pairs, so they
survive a re-import of the same file. Export to CSV or XLSX.

Security: report text is untrusted, so everything rendered is escaped; the server binds to
127.0.0.1; state-changing requests need the per-server CSRF token and a same-origin
Origin header when the browser sends one; nothing is read from disk but the store."""
from __future__ import annotations

import csv
import io
import json
import secrets
import time
from decimal import Decimal
from html import escape
from urllib.parse import parse_qs, quote, urlencode

from .audit import STYLE, v
from .store import Store

STATUSES = ["open", "in_review", "confirmed", "false_positive", "explained"]
STATUS_ZH = {"open": "待处理", "in_review": "审核中", "confirmed": "确认", "false_positive": "误报", "explained": "已解释"}
FILTERS = ["severity", "confidence", "rule", "region", "year", "status"]
CONFIDENCE_ZH = {"high": "高", "medium": "中", "low": "低"}
EXPORT_COLUMNS = ["report_id", "path", "flag_id", "rule", "severity", "message", "status", "reviewer", "note", "updated_at"]

_FILTER_SQL = {  # filter → SQL condition (values are always bound parameters)
    "severity": "f.severity = ?",
    "confidence": "f.confidence = ?",
    "rule": "f.rule = ?",
    "status": "COALESCE(v.status, 'open') = ?",
    "year": "r.year = ?",
    "region": "(r.province || COALESCE(r.city, '') || COALESCE(r.county, '') || COALESCE(r.admin_code, '')) LIKE ?",
}

_KEYS = """<script>
document.addEventListener('keydown', function (e) {
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName)) return;
  var a = null;
  if (e.key === 'j' || e.key === 'n') a = document.getElementById('next');
  if (e.key === 'k' || e.key === 'p') a = document.getElementById('prev');
  if (a) { window.location = a.href; }
});
</script>"""


class ReviewApp:
    def __init__(self, db):
        self.store = Store(db)
        self.csrf = secrets.token_urlsafe(24)

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
        with self.store.db:
            for rid, fid in pairs:
                row = self.store.db.execute("SELECT status FROM reviews WHERE report_id=? AND flag_id=?", (rid, fid)).fetchone()
                before = row[0] if row else "open"
                self.store.db.execute("INSERT OR REPLACE INTO reviews VALUES (?,?,?,?,?,?)", (rid, fid, status, reviewer, note, now))
                self.store.db.execute("INSERT INTO review_history (report_id, flag_id, from_status, to_status, reviewer, note, at) "
                                      "VALUES (?,?,?,?,?,?,?)", (rid, fid, before, status, reviewer, note, now))
        return len(pairs)

    # ------------------------------------------------------------ WSGI
    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "/")
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            if method == "POST":
                form = self._form(environ)
                if not self._trusted(environ, form):
                    return self._send(start_response, "403 Forbidden", "text/plain", "CSRF check failed")
                return self._post(path, form, query, start_response)
            if path == "/":
                return self._send(start_response, "200 OK", "text/html", self.index_page(query))
            if path.startswith("/flag/"):
                _, _, rid, fid = path.split("/", 3)
                page = self.flag_page(rid, fid, query)
                if page is None:
                    return self._send(start_response, "404 Not Found", "text/plain", "no such flag")
                return self._send(start_response, "200 OK", "text/html", page)
            if path == "/export.csv":
                return self._send(start_response, "200 OK", "text/csv; charset=utf-8", self.export_csv(),
                                  [("Content-Disposition", "attachment; filename=decisions.csv")])
            if path == "/export.xlsx":
                return self._send(start_response, "200 OK",
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  self.export_xlsx(), [("Content-Disposition", "attachment; filename=decisions.xlsx")])
            return self._send(start_response, "404 Not Found", "text/plain", "not found")
        except ValueError as e:
            return self._send(start_response, "400 Bad Request", "text/plain", str(e))

    def _form(self, environ) -> dict:
        size = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(min(size, 1 << 20)).decode("utf-8", "replace")
        return {k: v for k, v in parse_qs(body, keep_blank_values=True).items()}

    def _trusted(self, environ, form) -> bool:
        origin = environ.get("HTTP_ORIGIN")
        host = environ.get("HTTP_HOST", "")
        if origin and origin not in (f"http://{host}",):
            return False
        return secrets.compare_digest((form.get("csrf") or [""])[0], self.csrf)

    def _post(self, path, form, query, start_response):
        reviewer = (form.get("reviewer") or [""])[0].strip()[:100]
        note = (form.get("note") or [""])[0][:4000]
        status = (form.get("status") or [""])[0]
        if not reviewer:
            raise ValueError("a reviewer name is required")
        if path.startswith("/flag/"):
            _, _, rid, fid = path.split("/", 3)
            self.decide([(rid, fid)], status, reviewer, note)
            back = f"/flag/{quote(rid)}/{quote(fid)}?{urlencode(query)}"
        elif path == "/bulk":
            filters = {k: (form.get(k) or [""])[0] for k in FILTERS}
            chosen = form.get("pick") or []
            pairs = [tuple(p.split("/", 1)) for p in chosen] if chosen else \
                [(f["report_id"], f["flag_id"]) for f in self.flags(filters)]
            self.decide(pairs, status, reviewer, note)
            back = "/?" + urlencode({k: v for k, v in filters.items() if v})
        else:
            return self._send(start_response, "404 Not Found", "text/plain", "not found")
        start_response("303 See Other", [("Location", back)])
        return [b""]

    def _send(self, start_response, status, ctype, body, headers=()):
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        if ctype == "text/html":
            ctype = "text/html; charset=utf-8"
        start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(data))),
                                ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                                ("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; "
                                 "style-src 'unsafe-inline'"), *headers])
        return [data]

    # ------------------------------------------------------------ pages
    def _page(self, title: str, body: str) -> str:
        return (f"<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>{escape(title)}</title>"
                f"<style>{STYLE}.st{{font-weight:bold}}</style></head><body>{body}{_KEYS}</body></html>")

    def index_page(self, query: dict) -> str:
        filters = {k: query.get(k, "") for k in FILTERS}
        flags = self.flags(filters)
        rules = [r[0] for r in self.store.db.execute("SELECT DISTINCT rule FROM flags ORDER BY rule")]
        qs = urlencode({k: v for k, v in filters.items() if v})

        def select(name, options, labels=None):
            opts = "<option value=''>全部</option>" + "".join(
                f"<option value='{escape(o)}'{' selected' if filters[name] == o else ''}>{escape((labels or {}).get(o, o))}</option>"
                for o in options)
            return f"<label>{name} <select name='{name}'>{opts}</select></label> "

        form = ("<form method='get' action='/'>" + select("severity", ["error", "warning", "info"])
                + select("confidence", list(CONFIDENCE_ZH), CONFIDENCE_ZH) + select("rule", rules)
                + select("status", STATUSES, STATUS_ZH)
                + f"<label>region <input name='region' value='{escape(filters['region'])}' size=8></label> "
                + f"<label>year <input name='year' value='{escape(filters['year'])}' size=5></label> "
                + "<button>筛选</button></form>")
        rows = "".join(
            f"<tr><td><input type=checkbox name=pick value='{escape(f['report_id'])}/{escape(f['flag_id'])}' form=bulk></td>"
            f"<td><a href='/flag/{quote(f['report_id'])}/{quote(f['flag_id'])}?{qs}'>{escape(f['flag_id'])}</a></td>"
            f"<td>{v(f['title'] or f['path'])}</td><td>{v((f['county'] or f['city'] or f['province'] or ''))}</td>"
            f"<td>{v(f['year'])}</td><td>{v(f['rule'])}</td><td>{v(f['severity'])}</td>"
            f"<td>{escape(CONFIDENCE_ZH.get(f['confidence'] or '', ''))}</td><td>{v(f['message'])}</td>"
            f"<td class=st>{escape(STATUS_ZH.get(f['status'], f['status']))}</td></tr>" for f in flags)
        bulk = (f"<form id=bulk method='post' action='/bulk'><input type=hidden name=csrf value='{self.csrf}'>"
                + "".join(f"<input type=hidden name='{k}' value='{escape(val)}'>" for k, val in filters.items())
                + self._decision_fields() + "<button>应用到所选（未选则应用到全部筛选结果）</button></form>")
        return self._page("标记审核", f"<h1>标记审核</h1><p>{len(flags)} 条标记 · <a href='/export.csv'>导出 CSV</a> · "
                          f"<a href='/export.xlsx'>导出 XLSX</a></p>{form}<table><tr><th></th><th>标记</th><th>报告</th>"
                          f"<th>地区</th><th>年度</th><th>规则</th><th>级别</th><th>可信度</th><th>说明</th><th>状态</th></tr>{rows}</table>{bulk}")

    def _decision_fields(self, current: str = "") -> str:
        opts = "".join(f"<option value='{s}'{' selected' if s == current else ''}>{STATUS_ZH[s]}</option>" for s in STATUSES)
        return (f"<label>状态 <select name=status id=status>{opts}</select></label> "
                "<label>审核人 <input name=reviewer id=reviewer required></label> "
                "<label>备注 <input name=note id=note size=40></label> ")

    def flag_page(self, rid: str, fid: str, query: dict) -> str | None:
        record = self.record(rid)
        flag = next((f for f in (record or {}).get("flags", []) if f["id"] == fid), None)
        if flag is None:
            return None
        filters = {k: query.get(k, "") for k in FILTERS}
        listing = [(f["report_id"], f["flag_id"]) for f in self.flags(filters)]
        qs = urlencode({k: val for k, val in filters.items() if val})
        nav = ""
        if (rid, fid) in listing:
            i = listing.index((rid, fid))
            if i > 0:
                nav += f"<a id=prev href='/flag/{quote(listing[i - 1][0])}/{quote(listing[i - 1][1])}?{qs}'>← 上一条 (k)</a> "
            if i + 1 < len(listing):
                nav += f"<a id=next href='/flag/{quote(listing[i + 1][0])}/{quote(listing[i + 1][1])}?{qs}'>下一条 (j) →</a>"
        review = self.store.db.execute("SELECT * FROM reviews WHERE report_id=? AND flag_id=?", (rid, fid)).fetchone()
        status = review["status"] if review else "open"
        history = "".join(f"<li>{v(h['at'])} {v(h['reviewer'])}：{escape(STATUS_ZH.get(h['from_status'] or '', h['from_status'] or ''))}"
                          f" → {escape(STATUS_ZH.get(h['to_status'], h['to_status']))} {v(h['note'])}</li>"
                          for h in self.history(rid, fid))
        from .audit import render_flag

        m = record["metadata"]
        body = (f"<p><a href='/?{qs}'>← 返回列表</a> {nav}</p><h1>{v(m.get('title'))}</h1>"
                f"<p class=where>{v(record['source']['path'])}</p>{render_flag(record, flag)}"
                f"<p>当前状态：<span class=st id=current-status>{escape(STATUS_ZH.get(status, status))}</span>"
                + (f"（{v(review['reviewer'])}，{v(review['note'])}）" if review else "") + "</p>"
                f"<form method=post action='/flag/{quote(rid)}/{quote(fid)}?{qs}'><input type=hidden name=csrf value='{self.csrf}'>"
                f"{self._decision_fields(status)}<button id=save>保存</button></form>"
                f"<h3>历史</h3><ul id=history>{history}</ul>")
        return self._page(f"{fid} · 标记审核", body)

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


def serve(db, host: str = "127.0.0.1", port: int = 8765):
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    app = ReviewApp(db)
    return make_server(host, port, app, handler_class=QuietHandler)
