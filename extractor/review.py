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
Origin header when the browser sends one; nothing is read from disk but the store and, for a
flag's original page, the report's own file (refused unless its sha256 is the imported one)."""
from __future__ import annotations

import csv
import io
import ipaddress
import json
import secrets
import threading
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from . import accounts, originals
from .review_groups import GroupCache
from .render import flag_pages, render, terms, zh
from .store import Store

STATUSES = ["open", "in_review", "confirmed", "false_positive", "explained"]
STATUS_ZH = terms()["statuses"]
FILTERS = ["severity", "confidence", "rule", "region", "year", "status", "format", "q"]  # which flags
MODE = ["each"]  # each=1: every file's flags apart; otherwise a report's renditions raising the same flag are one row
VIEW = ["sort", "dir", "page", "per"]  # how they are shown
PER_PAGE = [50, 100, 200, 500]
FACETS = {  # filters whose options are listed with counts: filter → SQL expression
    "severity": "f.severity", "confidence": "f.confidence", "rule": "f.rule",
    "status": "COALESCE(v.status, 'open')", "format": "r.format",
}
CONFIDENCE_ZH = terms()["confidence"]
# the exports' columns: key → Chinese header (a working paper's columns)
EXPORT_COLUMNS = {
    "report_id": "报告ID", "flag_id": "标记ID", "path": "文件", "format": "格式", "title": "报告标题", "region": "地区",
    "year": "年度", "rule_zh": "规则", "rule": "规则代码", "severity_zh": "级别", "confidence_zh": "证据可信度",
    "message": "说明", "stated": "陈述值", "computed": "计算值", "difference": "差额", "quote": "原文引用",
    "page": "页码", "status_zh": "审核状态", "reviewer": "审核人", "note": "备注", "updated_at": "决定时间（UTC）",
    "copies": "格式副本",  # how many of the report's renditions raise the flag, and which do not
}
_NUMBERS = ("stated", "computed", "difference")
SESSION_COOKIE = "session"
PDF_FORMATS = ("pdf", "pdf-ocr")  # whose pages can be shown
TABLE_RUNS_ON = 2  # pages after its first that a table's cells are looked for on

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


def grouped(state: dict) -> bool:
    """Whether the list shows a report's renditions raising the same flag as one row (the default)."""
    return state.get("each") != "1"


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


URLS = Map([
    Rule("/", endpoint="index", methods=["GET"]),
    Rule("/flag/<rid>/<path:fid>", endpoint="flag", methods=["GET", "POST"]),
    Rule("/bulk", endpoint="bulk", methods=["POST"]),
    Rule("/login", endpoint="login", methods=["GET", "POST"]),
    Rule("/logout", endpoint="logout", methods=["POST"]),
    Rule("/report/<rid>/page/<int:number>.png", endpoint="page", methods=["GET"]),
    Rule("/export.csv", endpoint="export_csv", methods=["GET"]),
    Rule("/export.xlsx", endpoint="export_xlsx", methods=["GET"]),
])

_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
            "Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"}


class FormRequest(Request):
    user = None  # the logged-in reviewer, when the app has accounts
    max_content_length = 16 << 20
    max_form_memory_size = 16 << 20


class ReviewApp:
    def __init__(self, db, host: str = "127.0.0.1", port: int | None = None, page_cache=None, login: bool = False):
        self.path = db
        # accounts: every page needs a login and decisions are made under the account's name
        # (always beyond loopback, see serve()); otherwise the reviewer types a name
        self.login = login
        # rendered pages are kept next to the store (store.db.pages/), one PNG per sha256, page and scale
        self.page_cache = Path(page_cache) if page_cache else Path(str(db) + ".pages")
        self._groups = GroupCache()
        self._local = threading.local()
        self.store  # opens the store once, in the caller's thread (NotAStore for a file that is not one)
        self.csrf = secrets.token_urlsafe(24)
        self.bind(host, port)

    def bind(self, host: str, port: int | None) -> None:
        """The names the Host header may carry: loopback names when bound to loopback, the
        bound address, and any IP literal when bound to all addresses (0.0.0.0, ::)."""
        host = host.strip("[]").lower()
        self.port = port
        self.any_address = host in ("0.0.0.0", "::", "")
        self.names = {host}
        if is_loopback(host) or self.any_address:
            self.names |= {"localhost", "127.0.0.1", "::1"}

    @property
    def store(self) -> Store:
        """This thread's connection to the store (waitress serves from several threads)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.path, create=False)
        return store

    # ------------------------------------------------------------ data
    def flags(self, filters: dict, limit: int | None = None, offset: int = 0) -> list:
        """The flags under `filters` (FILTERS), in the order of its sort/dir, a page of them
        when `limit` is given."""
        cond, args = where(filters)
        sql = f"{_SELECT} WHERE {cond} ORDER BY {order(filters)}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args = args + [limit, offset]
        return [dict(r) for r in self.store.db.execute(sql, args)]

    def count(self, filters: dict) -> int:
        """How many rows the list shows: flags, or in the grouped mode grouped flags."""
        if grouped(filters):
            return len(self.group_keys(filters))
        cond, args = where(filters)
        return self.store.db.execute(f"SELECT count(*) {_FROM} WHERE {cond}", args).fetchone()[0]

    def pairs(self, filters: dict) -> list:
        """(report_id, flag_id) of every flag under `filters`, in order."""
        cond, args = where(filters)
        return [tuple(r) for r in self.store.db.execute(
            f"SELECT f.report_id, f.flag_id {_FROM} WHERE {cond} ORDER BY {order(filters)}", args)]

    def listing(self, filters: dict) -> list:
        """The flags the list shows, in order (for previous / next): in the grouped mode the
        flag standing for each group."""
        if grouped(filters):
            members = self.groups().members
            return [members[k][0] for k in self.group_keys(filters)]
        return self.pairs(filters)

    def groups(self):
        """The store's groups of the same flag in a report's several renditions (review_groups)."""
        return self._groups.get(self.store.db)

    def group_keys(self, filters: dict) -> list:
        """The groups with a flag under `filters`, in the order of their first such flag."""
        return self.groups().keys(self.pairs(filters))

    def grouped_flags(self, keys: list) -> list:
        """One row per group: the fields of the flag standing for it, its members (every
        rendition's flag, with its own status), which renditions raise it and which do not,
        and its status ("mixed" when the members' statuses differ)."""
        g = self.groups()
        rows = self.rows_of([p for k in keys for p in g.members[k]])
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

    def rows_of(self, pairs: list) -> dict:
        """(report_id, flag_id) → the flag's row (as flags() gives it), for the pairs that exist."""
        out = {}
        for i in range(0, len(pairs), 400):
            chunk = pairs[i:i + 400]
            values = ",".join(["(?, ?)"] * len(chunk))
            for r in self.store.db.execute(f"{_SELECT} WHERE (f.report_id, f.flag_id) IN (VALUES {values})",
                                           [x for p in chunk for x in p]):
                out[(r["report_id"], r["flag_id"])] = dict(r)
        return out

    def facets(self, filters: dict) -> dict:
        """For each listed filter, its options with the number of rows each would show under
        the other filters in force (flags, or in the grouped mode grouped flags: a group counts
        under every option one of its renditions' flags has)."""
        out = {}
        for name, expr in FACETS.items():
            cond, args = where(filters, skip=name)
            if not grouped(filters):
                out[name] = {value: n for value, n in self.store.db.execute(
                    f"SELECT {expr}, count(*) {_FROM} WHERE {cond} GROUP BY 1 ORDER BY 1", args) if value is not None}
                continue
            of = self.groups().of
            seen: dict = {}
            for value, rid, fid in self.store.db.execute(f"SELECT {expr}, f.report_id, f.flag_id {_FROM} WHERE {cond}", args):
                if value is not None:
                    seen.setdefault(value, set()).add(of.get((rid, fid), (rid, fid)))
            out[name] = {value: len(keys) for value, keys in sorted(seen.items())}
        return out

    def record(self, report_id: str) -> dict | None:
        row = self.store.db.execute("SELECT record_json FROM reports WHERE report_id = ?", (report_id,)).fetchone()
        return json.loads(row[0], parse_float=Decimal, parse_int=Decimal) if row else None

    def history(self, report_id: str, flag_id: str) -> list:
        return [dict(r) for r in self.store.db.execute(
            "SELECT * FROM review_history WHERE report_id = ? AND flag_id = ? ORDER BY id", (report_id, flag_id))]

    def decide(self, pairs: list, status: str, reviewer: str, note: str, expected: dict | None = None,
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
        db = self.store.db
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

    def flag_exists(self, rid: str, fid: str) -> bool:
        return self.store.db.execute("SELECT 1 FROM flags WHERE report_id=? AND flag_id=?", (rid, fid)).fetchone() is not None

    # ------------------------------------------------------------ WSGI
    def __call__(self, environ, start_response):
        request = FormRequest(environ)
        try:
            if not self.host_allowed(request.headers.get("Host", "")):
                raise Refused(400, "请求的主机名不被接受（只接受本服务器绑定的地址）。",
                              "Host not accepted: only the address this server is bound to is.")
            endpoint, args = URLS.bind_to_environ(environ).match()
            if self.login and endpoint not in ("login", "logout"):
                request.user = accounts.session_user(self.store.db, request.cookies.get(SESSION_COOKIE, ""))
                if request.user is None:
                    if request.method != "GET":
                        raise Refused(401, "请先登录。", "log in first")
                    return redirect("/login?" + urlencode({"next": request.full_path.rstrip("?")}), 303)(
                        environ, start_response)
            response = getattr(self, "on_" + endpoint)(request, **args)
        except Refused as e:
            response = self._error(e.code, e.zh, e.en, e.detail)
        except NotFound:
            response = self._error(404, "找不到这个页面或标记。", "Not found.")
        except MethodNotAllowed:
            response = self._error(405, "不支持这种请求方式。", "Method not allowed.")
        except HTTPException as e:
            response = self._error(e.code or 400, "请求无法处理。", e.description or e.name)
        except Stale as e:
            response = self._error(409, "在你做出决定之前，下列标记的状态已被他人修改，所以这次没有保存任何改动。"
                                   "请刷新查看后再决定。", "Changed by someone else meanwhile; nothing was stored.",
                                   [f"{rid} {fid}：现为「{STATUS_ZH.get(now['status'], now['status'])}」"
                                    + (f"（{now.get('reviewer') or ''}，{now.get('updated_at') or ''}）" if now.get("reviewer") else "")
                                    for rid, fid, now in e.args[0]])
        except ValueError as e:
            response = self._error(400, "请求有误。", str(e))
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
        return response(environ, start_response)

    def host_allowed(self, host: str) -> bool:
        """The Host header names this server: a loopback name, or the bound address (an IP
        literal when bound to all addresses), with the server's port — so a page on another
        name that resolves here (DNS rebinding) is refused."""
        name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if not name:
            name, port = host, ""
        name = name.strip("[]").rstrip(".").lower()
        if not name or (self.port is not None and port != str(self.port)):
            return False
        if name in self.names:
            return True
        if self.any_address:
            try:
                ipaddress.ip_address(name)
                return True
            except ValueError:
                return False
        return False

    def _error(self, code: int, zh_text: str, en_text: str = "", detail: list = ()) -> Response:
        return Response(render("message.html", code=code, zh_text=zh_text, en_text=en_text, detail=list(detail)), code,
                        content_type="text/html; charset=utf-8")

    @staticmethod
    def _html(page: str) -> Response:
        return Response(page, content_type="text/html; charset=utf-8")

    def _check_post(self, request):
        origin = request.headers.get("Origin")
        if (origin and origin != f"http://{request.headers.get('Host', '')}") or \
                not secrets.compare_digest(request.form.get("csrf", ""), self.csrf):
            raise Refused(403, "安全校验未通过（CSRF）：请从审核页面提交。", "CSRF check failed")

    def _decision(self, request) -> tuple:
        # with accounts the decision is the logged-in reviewer's, whatever the form says
        reviewer = request.user if self.login else request.form.get("reviewer", "").strip()[:100]
        note = request.form.get("note", "")[:4000]
        status = request.form.get("status", "")
        if status not in STATUSES:
            raise Refused(400, f"未知的状态：{status!r}。", f"unknown status {status!r}")
        if not reviewer:
            raise Refused(400, "请填写审核人姓名。", "a reviewer name is required")
        return status, reviewer, note

    @staticmethod
    def _state(args) -> dict:
        """The list's state from the query string: its filters (FILTERS) and view (VIEW)."""
        state = {k: args.get(k, "").strip()[:200] for k in FILTERS + MODE + VIEW}
        state["each"] = "1" if state["each"] == "1" else ""
        return state

    # ------------------------------------------------------------ endpoints
    def on_index(self, request):
        state = self._state(request.args)
        total = self.count(state)
        per = int(state["per"]) if state["per"].isdigit() and int(state["per"]) in PER_PAGE else 100
        pages = max(1, -(-total // per))
        page = min(max(int(state["page"]) if state["page"].isdigit() else 1, 1), pages)
        state["page"] = str(page) if page > 1 else ""
        if grouped(state):
            flags = self.grouped_flags(self.group_keys(state)[(page - 1) * per:page * per])
        else:
            g = self.groups()
            flags = [dict(f, **g.summary(g.of[(f["report_id"], f["flag_id"])]))
                     for f in self.flags(state, limit=per, offset=(page - 1) * per)]
        facets = self.facets(state)
        done = None
        if request.args.get("to") in STATUSES:
            done = {"to": request.args["to"], "changed": request.args.get("changed", "0"),
                    "unchanged": request.args.get("unchanged", "0"), "groups": request.args.get("groups", "")}
        options = {
            "severity": ["error", "warning", "info"], "confidence": ["high", "medium", "low"], "status": STATUSES,
            "rule": sorted(set(facets["rule"]) | {state["rule"]} - {""}), "format": sorted(set(facets["format"]) | {state["format"]} - {""}),
        }
        words = {"severity": "severities", "confidence": "confidence", "status": "statuses", "rule": "rules", "format": "formats"}
        selects = {name: [(value, zh(words[name], value), facets[name].get(value, 0)) for value in values]
                   for name, values in options.items()}
        return self._html(render("index.html", flags=flags, state=state, total=total, page=page, pages=pages, per=per,
                                 first=(page - 1) * per + 1, per_page=PER_PAGE, selects=selects, csrf=self.csrf,
                                 statuses=STATUSES, done=done, reviewer=self._reviewer(request), qs=qs, login=self.login,
                                 grouped=grouped(state)))

    def _reviewer(self, request) -> str:
        if self.login:
            return request.user
        return unquote(request.cookies.get("reviewer", ""))[:100]

    def _remember(self, response, reviewer: str):
        if not self.login:
            response.set_cookie("reviewer", quote(reviewer, safe=""), max_age=365 * 86400, samesite="Strict", httponly=True)
        return response

    def on_login(self, request):
        """The login form; a right name and password start a session (a random token in an
        HttpOnly, SameSite=Strict cookie; the store keeps its hash) and go on to `next`."""
        target = request.values.get("next", "/")
        if not target.startswith("/") or target.startswith("//") or "\\" in target:
            target = "/"  # only a page of this app, never another site
        if not self.login:
            return redirect(target, 303)
        error = ""
        name = ""
        if request.method == "POST":
            self._check_post(request)
            name = request.form.get("name", "").strip()[:50]
            token = accounts.login(self.store.db, name, request.form.get("password", ""))
            if token:
                response = redirect(target, 303)
                response.set_cookie(SESSION_COOKIE, token, max_age=accounts.SESSION_HOURS * 3600, httponly=True,
                                    samesite="Strict", path="/")
                return response
            error = "账号或密码不对。"
        return Response(render("login.html", csrf=self.csrf, next=target, name=name, error=error),
                        401 if error else 200, content_type="text/html; charset=utf-8")

    def on_logout(self, request):
        self._check_post(request)
        if self.login:
            accounts.logout(self.store.db, request.cookies.get(SESSION_COOKIE, ""))
        response = redirect("/login" if self.login else "/", 303)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="Strict")
        return response

    def on_flag(self, request, rid, fid):
        state = self._state(request.args)
        if request.method == "POST":
            self._check_post(request)
            if not self.flag_exists(rid, fid):
                raise NotFound()
            status, reviewer, note = self._decision(request)
            seen = request.form.get("from_status")
            expected = {(rid, fid): seen} if seen else {}
            # the same flag in the report's other renditions, ticked on the page ("rid/fid/status seen")
            siblings = set(self.groups().siblings((rid, fid)))
            for value in request.form.getlist("also"):
                other, _, was = value.rpartition("/")
                pair = tuple(other.split("/", 1))
                if pair not in siblings or was not in STATUSES:
                    raise Refused(400, "只能同时决定同一报告其他格式中的同一标记。",
                                  "only the same flag in the report's other renditions can be decided with it")
                expected[pair] = was
            self.decide([(rid, fid), *[p for p in expected if p != (rid, fid)]], status, reviewer, note,
                        expected=expected or None, keep_unchanged=False)
            return self._remember(redirect(f"/flag/{_q(rid)}/{_q(fid)}?{qs(state)}", 303), reviewer)
        record = self.record(rid)
        flag = next((f for f in (record or {}).get("flags", []) if f["id"] == fid), None)
        if flag is None:
            raise NotFound()
        listing = self.listing(state)
        prev = nxt = None
        position = None
        g = self.groups()
        siblings = list(self.rows_of(g.siblings((rid, fid))).values())
        # in the grouped list a group is reached by whichever of its renditions' flags was opened
        here = next((p for p in [(rid, fid), *g.siblings((rid, fid))] if p in listing), None) \
            if grouped(state) else ((rid, fid) if (rid, fid) in listing else None)
        if here is not None:
            i = listing.index(here)
            position = i + 1
            prev = listing[i - 1] if i > 0 else None
            nxt = listing[i + 1] if i + 1 < len(listing) else None
        review = self.store.db.execute("SELECT * FROM reviews WHERE report_id=? AND flag_id=?", (rid, fid)).fetchone()
        return self._html(render("flag.html", record=record, flag=flag, pages=self.original_pages(record, flag), state=state, qs=qs, prev=prev, next=nxt,
                                 position=position, total=len(listing), review=dict(review) if review else None,
                                 current=review["status"] if review else "open", history=self.history(rid, fid),
                                 csrf=self.csrf, statuses=STATUSES, rid=rid, fid=fid, reviewer=self._reviewer(request),
                                 login=self.login, siblings=siblings, grouped=grouped(state),
                                 copies=g.summary(g.of[(rid, fid)]) if (rid, fid) in g.of else None))

    def on_page(self, request, rid, number):
        """A page of the report's original PDF as PNG (?scale=1|2|3), rendered on demand and
        cached; refused when the file is missing or its bytes changed since import."""
        record = self.record(rid)
        if record is None:
            raise NotFound()
        if record["source"].get("format") not in PDF_FORMATS:
            raise Refused(404, "这份报告不是 PDF，没有可显示的原页。", "not a PDF: no pages to show")
        scale = request.args.get("scale", str(originals.DEFAULT_SCALE))
        if not scale.isdigit() or int(scale) not in originals.SCALES:
            raise Refused(400, f"缩放倍数只能是 {'、'.join(map(str, originals.SCALES))}。", f"scale must be one of {originals.SCALES}")
        try:
            path = originals.locate(record["source"]["path"], record["source"]["sha256"], Path(self.path).parent)
            png = originals.page_png(path, record["source"]["sha256"], number, int(scale), self.page_cache)
        except originals.OriginalUnavailable as e:
            raise Refused(409 if "sha256" in e.zh else 404, e.zh, e.en) from None
        return Response(png, content_type="image/png", headers={"Cache-Control": "private, max-age=3600"})

    def original_pages(self, record: dict, flag: dict) -> list:
        """For each page the flag's evidence cites: the page's image URL and the figures'
        boxes as percentages of the page (drawn over the image), or why it cannot be shown."""
        if record["source"].get("format") not in PDF_FORMATS:
            return []
        source = record["source"]
        facts = {f["id"]: f for f in record.get("facts", [])}
        tables = {t["source"]["block"]: t["header"] + t["rows"] for t in record.get("tables", [])}
        try:
            path = originals.locate(source["path"], source["sha256"], Path(self.path).parent)
        except originals.OriginalUnavailable as e:
            return [{"number": n, "error": e.zh} for n in flag_pages(flag)]
        wanted: dict = {}  # page → [(fact id, fact, quote, row anchor)]
        for q in flag.get("evidence_quotes", []):
            if q.get("page") is not None and q.get("fact") in facts:
                wanted.setdefault(int(q["page"]), []).append(
                    (q["fact"], facts[q["fact"]], q.get("quote") or "", _row_anchor(tables, q)))
        found_on: dict = {}
        missing = []
        for number in sorted(wanted):
            look = list(wanted[number])
            # a table cites the page it starts on: its later rows are looked for on the next pages
            for n in range(number, number + (1 + TABLE_RUNS_ON if any(w[1]["source"].get("table") is not None
                                                                    for w in look) else 1)):
                if not look:
                    break
                try:
                    found = originals.figure_boxes(path, n, look)
                except originals.OriginalUnavailable as e:
                    if n == number:  # past the last page, a table simply ends
                        found_on.setdefault(n, {"error": e.zh})
                    break
                page = found_on.setdefault(n, dict(found, boxes=[]))
                page["boxes"] += found["boxes"]
                done = {b["fact"] for b in found["boxes"]}
                look = [w for w in look if w[0] not in done and (n == number or w[1]["source"].get("table") is not None)]
            missing += [w[0] for w in look]
        out = []
        for number, found in sorted(found_on.items()):
            if "error" in found:
                out.append({"number": number, "error": found["error"]})
                continue
            if not found["boxes"] and number not in wanted:
                continue
            w, h = found["width"], found["height"]
            boxes = []
            for b in found["boxes"]:
                fact = facts[b["fact"]]
                for x0, top, x1, bottom in b["rects"]:
                    pad = 1.5  # points around the characters, so the box does not hide them
                    boxes.append({"fact": b["fact"], "text": fact.get("text") or "", "how": b["how"], "count": b["count"],
                                  "left": round(100 * (x0 - pad) / w, 3), "top": round(100 * (top - pad) / h, 3),
                                  "width": round(100 * (x1 - x0 + 2 * pad) / w, 3),
                                  "height": round(100 * (bottom - top + 2 * pad) / h, 3),
                                  # the region read by OCR, enlarged (2 px per point, as the page image)
                                  "crop": [round(2 * v) for v in (x0 - 6, top - 6, x1 - x0 + 12, bottom - top + 12)],
                                  "low": bool((fact.get("source") or {}).get("low_confidence")),
                                  "confidence": (fact.get("source") or {}).get("ocr_confidence")})
            out.append({"number": number, "scan": found["scan"], "boxes": boxes, "page_px": [round(2 * w), round(2 * h)],
                        "missing": [f for f in missing if f in {w[0] for w in wanted.get(number, [])}]})
        return [p for p in out if p.get("error") or p["boxes"] or p["missing"]]

    def on_bulk(self, request):
        """Decide many flags. The filter travels in the query string, the decision in the
        form, so the two `status` never meet. Ticked flags are decided at once; a whole
        filtered set is first shown as a count to confirm, and the confirmation carries the
        exact flags (and the status each had) that were counted. In the grouped mode a
        grouped flag stands for its every rendition's flag: each is decided (one review row and
        history row each), and both counts are told, as seen and as stored."""
        self._check_post(request)
        status, reviewer, note = self._decision(request)
        state = self._state(request.args)
        g = self.groups()
        changed_pairs: list = []
        if request.form.get("confirm") == "1":
            expected = {}
            for line in request.form.get("pairs", "").splitlines():
                rid, _, rest = line.partition("/")
                fid, _, seen = rest.rpartition("/")
                if rid and fid and seen in STATUSES:
                    expected[(rid, fid)] = seen
            changed, unchanged = self.decide(list(expected), status, reviewer, note, expected=expected,
                                             changed_pairs=changed_pairs)
        elif request.form.getlist("pick"):
            pairs = []
            for p in dict.fromkeys(request.form.getlist("pick")):
                rid, _, fid = p.partition("/")
                if not self.flag_exists(rid, fid):
                    raise NotFound()
                pairs.append((rid, fid))
            if grouped(state):
                pairs = g.expand(pairs)
            changed, unchanged = self.decide(pairs, status, reviewer, note, changed_pairs=changed_pairs)
        else:
            if grouped(state):
                rows = self.grouped_flags(self.group_keys(state))
                flags = [m for row in rows for m in row["members"]]
            else:
                flags = rows = self.flags(state)
            return self._remember(self._html(render(
                "confirm.html", rows=rows, flags=flags, grouped=grouped(state),
                to_change=sum(1 for f in flags if f["status"] != status),
                rows_to_change=sum(1 for r in rows if any(m["status"] != status for m in r.get("members", [r]))),
                status=status, reviewer=reviewer, note=note, csrf=self.csrf, state=state, qs=qs, login=self.login,
                pairs="\n".join(f"{f['report_id']}/{f['flag_id']}/{f['status']}" for f in flags))), reviewer)
        shown = len(g.keys(changed_pairs)) if grouped(state) else changed
        return self._remember(redirect("/?" + qs(state, to=status, changed=changed, unchanged=unchanged,
                                                 groups=shown if shown != changed else ""), 303), reviewer)

    def on_export_csv(self, request):
        return Response(self.export_csv(self._state(request.args)), content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=flags.csv"})

    def on_export_xlsx(self, request):
        return Response(self.export_xlsx(self._state(request.args)),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": "attachment; filename=flags.xlsx"})

    # ------------------------------------------------------------ exports
    def export_rows(self, filters: dict) -> list:
        """The flags under `filters`, as rows for a working paper: Chinese words for the codes,
        the figures, and each flag's evidence quotes and pages (from the facts it rests on).
        In the grouped mode one row per grouped flag (see _merge)."""
        g = self.groups()
        keys = self.group_keys(filters) if grouped(filters) else None
        flags = [m for row in self.grouped_flags(keys) for m in row["members"]] if keys is not None else self.flags(filters)
        facts: dict = {}
        report_ids = sorted({f["report_id"] for f in flags})
        for i in range(0, len(report_ids), 500):
            chunk = report_ids[i:i + 500]
            for row in self.store.db.execute(f"SELECT report_id, fact_id, page, quote FROM facts WHERE report_id IN "
                                             f"({','.join('?' * len(chunk))})", chunk):
                facts[(row[0], row[1])] = (row[2], row[3])
        out = []
        for f in flags:
            evidence = [facts[(f["report_id"], e)] for e in (f["evidence"] or "").split() if (f["report_id"], e) in facts]
            row = dict(f)
            row.update(
                region="".join(filter(None, (f["province"], f["city"], f["county"]))),
                rule_zh=zh("rules", f["rule"]), severity_zh=zh("severities", f["severity"]),
                confidence_zh=zh("confidence", f["confidence"]), status_zh=zh("statuses", f["status"]),
                quote=" | ".join(dict.fromkeys(q for _, q in evidence if q)),
                page="、".join(str(p) for p in sorted({p for p, _ in evidence if p is not None})),
                copies=_copies(g.summary(g.of[(f["report_id"], f["flag_id"])])))
            out.append({key: row.get(key) for key in EXPORT_COLUMNS})
        if keys is None:
            return out
        by_group: dict = {}
        for f, row in zip(flags, out):
            by_group.setdefault(g.of[(f["report_id"], f["flag_id"])], []).append(row)
        return [_merge(rows) for rows in by_group.values()]

    def export_csv(self, filters: dict | None = None) -> str:
        out = io.StringIO()
        out.write("\ufeff")  # so Excel reads it as UTF-8
        w = csv.writer(out)
        w.writerow(EXPORT_COLUMNS.values())
        for row in self.export_rows(filters or {}):
            w.writerow(["" if v is None else v for v in row.values()])
        return out.getvalue()

    def export_xlsx(self, filters: dict | None = None) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = "审核标记"
        ws.append(list(EXPORT_COLUMNS.values()))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in self.export_rows(filters or {}):
            ws.append([Decimal(v) if k in _NUMBERS and v not in (None, "") else v for k, v in row.items()])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        widths = {"title": 40, "message": 50, "quote": 30, "note": 30, "path": 30, "rule_zh": 22}
        for i, key in enumerate(EXPORT_COLUMNS, 1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = widths.get(key, 12)
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()


def _copies(summary: dict) -> str:
    """"3/3", or "2/3（PDF 未报）" when some renditions do not raise the flag."""
    text = f"{summary['raised']}/{summary['of']}"
    if summary["missing"]:
        text += "（" + "、".join(zh("formats", f) for f in summary["missing"]) + " 未报）"
    return text


def _merge(rows: list) -> dict:
    """One export row for a grouped flag from its renditions' rows (the most direct first):
    its figures and quote from the first, every file and format, the pages any gives, and the
    decision — told per format when the renditions were decided differently."""
    row = dict(rows[0])
    formats = [r["format"] for r in rows]
    row["path"] = " | ".join(r["path"] or "" for r in rows)
    row["format"] = " · ".join(formats)
    row["page"] = "、".join(dict.fromkeys(p for r in rows for p in (r["page"] or "").split("、") if p))
    if len({r["status_zh"] for r in rows}) > 1:
        row["status_zh"] = "不一致：" + "；".join(f"{r['status_zh']}（{r['format']}）" for r in rows)
    for key in ("reviewer", "note"):
        row[key] = "；".join(dict.fromkeys(r[key] for r in rows if r[key])) or None
    row["updated_at"] = max((r["updated_at"] for r in rows if r["updated_at"]), default=None)
    return row


class Refused(Exception):
    """A request refused with an HTTP status and a message in Chinese and English."""

    def __init__(self, code: int, zh_text: str, en_text: str = "", detail: list = ()):
        super().__init__(en_text or zh_text)
        self.code, self.zh, self.en, self.detail = code, zh_text, en_text, list(detail)


class Stale(Exception):
    """Some flags' statuses changed since the reviewer saw them: [(rid, fid, current review row)]."""


def qs(state: dict, drop=(), **override) -> str:
    """The query string of a list state, less the keys in `drop`, with `override` applied."""
    merged = {**state, **override}
    return urlencode({k: v for k, v in merged.items() if v not in ("", None) and k not in drop})


def _row_anchor(tables: dict, quote: dict):
    """A table cell's row, by its longest other cell: tells apart the same figure in several
    rows of a page."""
    grid = tables.get(quote.get("table"))
    if grid is None or quote.get("row") is None or not 0 <= int(quote["row"]) < len(grid):
        return None
    others = [c for i, c in enumerate(grid[int(quote["row"])]) if c and c.strip() and i != quote.get("col")]
    return max(others, key=len) if others else None


def _q(part: str) -> str:
    return quote(part, safe="")


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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
        app.bind(host, self.server_port)
        self._stop = threading.Event()
        self._stopped = threading.Event()
        self._running = False

    def serve_forever(self):
        """Serve until shutdown(); the sockets are closed by this thread, never under a select."""
        from waitress import wasyncore

        self._running = True
        try:
            while not self._stop.is_set():
                wasyncore.loop(timeout=0.5, map=self._server._map, count=1)
        finally:
            self._close()
            self._stopped.set()

    def shutdown(self):
        self._stop.set()
        if self._running:
            self._server.pull_trigger()  # wakes the loop's select at once
            self._stopped.wait(10)
        else:
            self._close()

    def _close(self):
        from waitress import wasyncore

        self._server.task_dispatcher.shutdown(timeout=5)
        wasyncore.close_all(self._server._map)

    def server_close(self):
        pass


class NoAccounts(Exception):
    """Accounts are required (beyond loopback, or asked for) but the store has none."""


def serve(db, host: str = "127.0.0.1", port: int = 8765, login: bool = False) -> ReviewServer:
    """The review server, bound (raises OSError when the port is taken, NotAStore when `db`
    is not a store, NoAccounts when logins are needed and there is no account); call
    serve_forever() to serve. Beyond loopback logins are always needed."""
    login = login or not is_loopback(host)
    app = ReviewApp(db, host, login=login)
    if login and not accounts.has_users(app.store.db):
        raise NoAccounts(db)
    return ReviewServer(app, host, port)
