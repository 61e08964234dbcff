"""The review app's WSGI application: its routes (the list, a flag, bulk decisions, login,
a PDF page, the exports) and the checks every request passes.

Built from small, well-kept parts: werkzeug's Request/Response and URL map (forms parsed by
werkzeug, not by hand), Jinja2 templates with autoescape in extractor/templates/ (no HTML is
put together from strings here). What a route shows comes from review_list (the list's
state and rows), review_decisions (storing decisions), review_export and review_originals.

Security: report text is untrusted, so everything rendered is escaped; the Host header must
name this server (DNS rebinding); state-changing requests need the per-server CSRF token and a
same-origin Origin header when the browser sends one; nothing is read from disk but the store
and, for a flag's original page, the report's own file (refused unless its sha256 is the
imported one)."""
from __future__ import annotations

import ipaddress
import json
import secrets
import threading
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from . import accounts, originals, review_decisions, review_export, review_list
from .render import render, zh
from .review_decisions import STATUSES, Stale
from .review_groups import GroupCache
from .review_list import grouped, qs
from .review_originals import PDF_FORMATS, original_pages
from .store import Store

SESSION_COOKIE = "session"

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
        """The flags under `filters`, as the list has them (review_list.flags)."""
        return review_list.flags(self.store.db, filters, limit, offset)

    def groups(self):
        """The store's groups of the same flag in a report's several renditions (review_groups)."""
        return self._groups.get(self.store.db)

    def record(self, report_id: str) -> dict | None:
        row = self.store.db.execute("SELECT record_json FROM reports WHERE report_id = ?", (report_id,)).fetchone()
        return json.loads(row[0], parse_float=Decimal, parse_int=Decimal) if row else None

    def decide(self, pairs: list, status: str, reviewer: str, note: str, expected: dict | None = None,
               keep_unchanged: bool = True, changed_pairs: list | None = None) -> tuple:
        """Store a decision on the pairs (review_decisions.decide): (changed, unchanged)."""
        return review_decisions.decide(self.store.db, pairs, status, reviewer, note, expected=expected,
                                       keep_unchanged=keep_unchanged, changed_pairs=changed_pairs)

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
                                   review_decisions.stale_lines(e.args[0]))
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

    # ------------------------------------------------------------ endpoints
    def on_index(self, request):
        state = review_list.state_of(request.args)
        db, cache = self.store.db, self._groups
        total = review_list.count(db, cache, state)
        per, page, pages = review_list.paging(state, total)
        if grouped(state):
            keys = review_list.group_keys(db, cache, state)[(page - 1) * per:page * per]
            flags = review_list.grouped_flags(db, cache, keys)
        else:
            g = self.groups()
            flags = [dict(f, **g.summary(g.of[(f["report_id"], f["flag_id"])]))
                     for f in self.flags(state, limit=per, offset=(page - 1) * per)]
        facets = review_list.facets(db, cache, state)
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
                                 first=(page - 1) * per + 1, per_page=review_list.PER_PAGE, selects=selects, csrf=self.csrf,
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
        state = review_list.state_of(request.args)
        db = self.store.db
        if request.method == "POST":
            self._check_post(request)
            if not review_decisions.flag_exists(db, rid, fid):
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
        listing = review_list.listing(db, self._groups, state)
        prev = nxt = None
        position = None
        g = self.groups()
        siblings = list(review_list.rows_of(db, g.siblings((rid, fid))).values())
        # in the grouped list a group is reached by whichever of its renditions' flags was opened
        here = next((p for p in [(rid, fid), *g.siblings((rid, fid))] if p in listing), None) \
            if grouped(state) else ((rid, fid) if (rid, fid) in listing else None)
        if here is not None:
            i = listing.index(here)
            position = i + 1
            prev = listing[i - 1] if i > 0 else None
            nxt = listing[i + 1] if i + 1 < len(listing) else None
        review = db.execute("SELECT * FROM reviews WHERE report_id=? AND flag_id=?", (rid, fid)).fetchone()
        return self._html(render("flag.html", record=record, flag=flag, pages=original_pages(record, flag, Path(self.path).parent), state=state, qs=qs, prev=prev, next=nxt,
                                 position=position, total=len(listing), review=dict(review) if review else None,
                                 current=review["status"] if review else "open", history=review_decisions.history(db, rid, fid),
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

    def on_bulk(self, request):
        """Decide many flags. The filter travels in the query string, the decision in the
        form, so the two `status` never meet. Ticked flags are decided at once; a whole
        filtered set is first shown as a count to confirm, and the confirmation carries the
        exact flags (and the status each had) that were counted. In the grouped mode a
        grouped flag stands for its every rendition's flag: each is decided (one review row and
        history row each), and both counts are told, as seen and as stored."""
        self._check_post(request)
        status, reviewer, note = self._decision(request)
        state = review_list.state_of(request.args)
        db, cache = self.store.db, self._groups
        g = self.groups()
        changed_pairs: list = []
        if request.form.get("confirm") == "1":
            expected = review_decisions.seen_statuses(request.form.get("pairs", ""))
            changed, unchanged = self.decide(list(expected), status, reviewer, note, expected=expected,
                                             changed_pairs=changed_pairs)
        elif request.form.getlist("pick"):
            pairs = []
            for p in dict.fromkeys(request.form.getlist("pick")):
                rid, _, fid = p.partition("/")
                if not review_decisions.flag_exists(db, rid, fid):
                    raise NotFound()
                pairs.append((rid, fid))
            if grouped(state):
                pairs = g.expand(pairs)
            changed, unchanged = self.decide(pairs, status, reviewer, note, changed_pairs=changed_pairs)
        else:
            if grouped(state):
                rows = review_list.grouped_flags(db, cache, review_list.group_keys(db, cache, state))
                flags = [m for row in rows for m in row["members"]]
            else:
                flags = rows = self.flags(state)
            to_change, rows_to_change = review_decisions.to_change(flags, rows, status)
            return self._remember(self._html(render(
                "confirm.html", rows=rows, flags=flags, grouped=grouped(state),
                to_change=to_change, rows_to_change=rows_to_change,
                status=status, reviewer=reviewer, note=note, csrf=self.csrf, state=state, qs=qs, login=self.login,
                pairs=review_decisions.confirmation_pairs(flags))), reviewer)
        shown = len(g.keys(changed_pairs)) if grouped(state) else changed
        return self._remember(redirect("/?" + qs(state, to=status, changed=changed, unchanged=unchanged,
                                                 groups=shown if shown != changed else ""), 303), reviewer)

    def on_export_csv(self, request):
        return Response(review_export.export_csv(self.store.db, self._groups, review_list.state_of(request.args)),
                        content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": "attachment; filename=flags.csv"})

    def on_export_xlsx(self, request):
        return Response(review_export.export_xlsx(self.store.db, self._groups, review_list.state_of(request.args)),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": "attachment; filename=flags.xlsx"})


class Refused(Exception):
    """A request refused with an HTTP status and a message in Chinese and English."""

    def __init__(self, code: int, zh_text: str, en_text: str = "", detail: list = ()):
        super().__init__(en_text or zh_text)
        self.code, self.zh, self.en, self.detail = code, zh_text, en_text, list(detail)


def _q(part: str) -> str:
    return quote(part, safe="")


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
