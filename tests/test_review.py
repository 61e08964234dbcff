"""The review app without a browser: the Host check (DNS rebinding), unknown flags, decisions
made on a stale status, no "X → X" history rows, the Chinese vocabulary, and the CLI's one-line
refusals (a port in use, a file that is not a store, an address beyond loopback)."""
import http.client
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import urllib.parse

import pytest

from extractor.importer import import_paths
from extractor.review import ReviewApp, serve

HOSTILE = ("某县医保局2020年度项目绩效评价报告\n\n"
           "项目资金<script>document.title='pwned'</script>实际到位2,000,000元，实际支出1,800,000元，"
           "预算执行率为95.00%。<img src=x onerror=alert(1)>\n")
REPORT = ("某县医保局2019年度项目绩效评价报告\n\n项目总投入1,000,000.00元，其中省级资金600,000.00元、县级资金500,000.00元。"
          "实际支出950,000.00元，执行率90.00%。综合评分为91分，评价等级为“良”。\n")


def cli(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "extractor.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture()
def store(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (src / "report.txt").write_text(REPORT, encoding="utf-8")
    db = tmp_path / "store.db"
    import_paths([src], db, jobs=1, progress=False)
    return db


@pytest.fixture()
def server(store):
    srv = serve(store, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def request(srv, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", srv.server_port, timeout=10)
    headers = dict(headers or {})
    data = urllib.parse.urlencode(body, doseq=True).encode() if body is not None else None
    if data is not None:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    conn.request(method, path, body=data, headers=headers)
    resp = conn.getresponse()
    text = resp.read().decode("utf-8", "replace")
    conn.close()
    return resp.status, text, resp


def csrf(srv) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', request(srv, "GET", "/")[1]).group(1)


def rows(db, sql):
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchall()


def a_flag(db):
    return rows(db, "SELECT report_id, flag_id FROM flags ORDER BY report_id, flag_id")[0]


def test_every_rule_has_a_chinese_name():
    from extractor.check import RULES, forms, rules  # noqa: F401  (registers the rules)
    from extractor.render import terms

    names = terms()["rules"]
    assert set(RULES) | {"unit.slip"} <= set(names)
    assert all(re.search(r"[\u4e00-\u9fff]", n) for n in names.values())
    for kind in ("severities", "statuses", "confidence", "report_types"):
        assert all(re.search(r"[\u4e00-\u9fff]", n) for n in terms()[kind].values())
    assert terms()["report_types"]["form_project"] == "项目支出绩效自评表"


def test_host_header_of_another_name_is_refused(server, store):
    port = server.server_port
    rid, fid = a_flag(store)
    assert request(server, "GET", "/")[0] == 200
    assert request(server, "GET", "/", headers={"Host": f"localhost:{port}"})[0] == 200
    # a page on an attacker's name that resolves to 127.0.0.1 (DNS rebinding): refused, token not shown
    status, text, _ = request(server, "GET", "/", headers={"Host": f"evil.example:{port}"})
    assert status == 400 and "csrf" not in text and "主机" in text
    assert request(server, "GET", "/", headers={"Host": "127.0.0.1:1"})[0] == 400  # another port
    token = csrf(server)
    status, _, _ = request(server, "POST", f"/flag/{rid}/{fid}",
                           {"csrf": token, "status": "confirmed", "reviewer": "x", "note": ""},
                           headers={"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"})
    assert status == 400
    assert rows(store, "SELECT count(*) FROM reviews") == [(0,)]


def test_posts_to_unknown_flags_are_refused_and_store_nothing(server, store):
    token = csrf(server)
    rid, _ = a_flag(store)
    for path in (f"/flag/{rid}/x999", "/flag/nosuchreport/x1"):
        status, text, _ = request(server, "POST", path, {"csrf": token, "status": "confirmed", "reviewer": "x"})
        assert status == 404 and "找不到" in text
    status, _, _ = request(server, "POST", "/bulk", {"csrf": token, "status": "confirmed", "reviewer": "x",
                                                     "pick": [f"{rid}/x999"]})
    assert status == 404
    assert rows(store, "SELECT count(*) FROM reviews") == [(0,)]
    assert rows(store, "SELECT count(*) FROM review_history") == [(0,)]


def test_a_decision_on_a_stale_status_is_refused(server, store):
    """Two reviewers open the same flag; the first saves; the second's save, made on the
    status they saw (待处理), is refused with a message, and the first decision stands."""
    token = csrf(server)
    rid, fid = a_flag(store)
    first = {"csrf": token, "from_status": "open", "status": "confirmed", "reviewer": "甲", "note": "属实"}
    assert request(server, "POST", f"/flag/{rid}/{fid}", first)[0] == 303
    second = dict(first, status="false_positive", reviewer="乙", note="误报")
    status, text, _ = request(server, "POST", f"/flag/{rid}/{fid}", second)
    assert status == 409 and "已被他人修改" in text and "甲" in text
    assert rows(store, "SELECT status, reviewer FROM reviews") == [("confirmed", "甲")]
    assert rows(store, "SELECT from_status, to_status FROM review_history") == [("open", "confirmed")]


def test_unchanged_statuses_write_no_history(store):
    app = ReviewApp(store)
    pairs = [(f["report_id"], f["flag_id"]) for f in app.flags({})]
    assert len(pairs) >= 2
    assert app.decide(pairs[:1], "in_review", "甲", "") == (1, 0)
    assert app.decide(pairs, "in_review", "乙", "批量") == (len(pairs) - 1, 1)
    assert app.decide(pairs, "in_review", "乙", "批量") == (0, len(pairs))
    assert app.decide(pairs, "open", "乙", "") == (len(pairs), 0)
    history = rows(store, "SELECT from_status, to_status FROM review_history")
    assert len(history) == 2 * len(pairs) and all(a != b for a, b in history)
    # one flag's own note, with its status unchanged, is kept as a note update
    assert app.decide(pairs[:1], "open", "乙", "再看", keep_unchanged=False) == (1, 0)
    assert app.decide(pairs[:1], "open", "乙", "再看", keep_unchanged=False) == (0, 1)


def test_bulk_keeps_the_filter_apart_from_the_decision(server, store):
    """The issue's case: a filter on status=open and a decision 审核中 — the filter travels in
    the query string, the decision in the form; the set is counted before anything changes."""
    token = csrf(server)
    n = rows(store, "SELECT count(*) FROM flags")[0][0]
    status, page, _ = request(server, "POST", "/bulk?status=open",
                              {"csrf": token, "status": "in_review", "reviewer": "甲", "note": ""})
    assert status == 200 and f'<b id="bulk-count">{n}</b>' in page
    assert rows(store, "SELECT count(*) FROM reviews") == [(0,)]  # nothing yet
    pairs = re.search(r'name="pairs" value="([^"]*)"', page).group(1).replace("&#10;", "\n")
    status, _, resp = request(server, "POST", "/bulk?status=open", {"csrf": token, "status": "in_review",
                                                                    "reviewer": "甲", "confirm": "1", "pairs": pairs})
    assert status == 303 and f"changed={n}" in resp.getheader("Location")
    assert rows(store, "SELECT DISTINCT status FROM reviews") == [("in_review",)]


def test_cli_refuses_in_one_line(store, tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database", encoding="utf-8")
    empty_sqlite = tmp_path / "other.db"
    sqlite3.connect(empty_sqlite).execute("CREATE TABLE t (x)").connection.close()
    for args in (("review", "--db", bad, "--port", "0"), ("dataset", "--db", bad, "-o", tmp_path / "d.csv"),
                 ("audit", "--db", bad, "-o", tmp_path / "a"), ("review", "--db", empty_sqlite, "--port", "0")):
        r = cli(*args)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "不是 extractor 的数据库" in r.stderr and "Traceback" not in r.stderr
    assert rows(empty_sqlite, "SELECT name FROM sqlite_master") == [("t",)]  # not turned into a store
    assert not (tmp_path / "a").exists()

    r = cli("review", "--db", store, "--host", "0.0.0.0", "--port", "0")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "拒绝" in r.stderr and "users add" in r.stderr and "no accounts" in r.stderr
    add = subprocess.run([sys.executable, "-m", "extractor.cli", "users", "add", "甲", "--db", str(store),
                          "--password-stdin"], input="long enough\n", capture_output=True, text=True, timeout=60)
    assert add.returncode == 0, add.stderr

    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for host_args in ((), ("--host", "0.0.0.0")):  # with an account, 0.0.0.0 gets past the refusal
            r = cli("review", "--db", store, "--port", port, *host_args, timeout=30)
            assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, r.stderr
            assert f"端口 {port}" in r.stderr and "in use" in r.stderr
