"""Reviewer accounts (issue 16, item 4) without a browser: `extractor users add/list/remove`
(scrypt hashes, nothing in clear), the login the app requires beyond loopback (or with
--login), its HttpOnly SameSite=Strict session cookie whose token the store keeps only as a
hash, and decisions recorded under the logged-in account whatever the form says."""
import hashlib
import re
import sqlite3
import subprocess
import sys
import threading

import pytest

from extractor import accounts
from extractor.review import NoAccounts, serve

from conftest import ROOT
from test_review import REPORT, a_flag, request, rows
from test_review_browser import CHROMEDRIVER, CHROMIUM, browser, status_shown, wait_for  # noqa: F401  (a fixture)

SHOTS = ROOT / "outputs" / "screenshots"


def users_cli(*args, password=None):
    return subprocess.run([sys.executable, "-m", "extractor.cli", "users", *map(str, args)],
                          input=password, capture_output=True, text=True, timeout=60)


@pytest.fixture()
def store(tmp_path):
    from extractor.importer import import_paths

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.txt").write_text(REPORT, encoding="utf-8")
    import_paths([tmp_path / "in"], tmp_path / "store.db", jobs=1, progress=False)
    return tmp_path / "store.db"


@pytest.fixture()
def server(store):
    for name in ("甲", "乙"):
        assert users_cli("add", name, "--db", store, "--password-stdin", password=f"{name}的密码1234\n").returncode == 0
    srv = serve(store, "127.0.0.1", 0, login=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()


def log_in(srv, name, password):
    page = request(srv, "GET", "/login")[1]
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    status, text, resp = request(srv, "POST", "/login", {"csrf": token, "name": name, "password": password, "next": "/"})
    return status, text, resp, token


def test_users_cli_keeps_only_hashes(store):
    assert users_cli("add", "王审计", "--db", store, "--password-stdin", password="correct horse\n").returncode == 0
    r = users_cli("list", "--db", store)
    assert r.returncode == 0 and "王审计" in r.stdout
    stored = rows(store, "SELECT name, password FROM users")
    assert stored[0][0] == "王审计" and stored[0][1].startswith("scrypt$16384$8$1$") and "correct horse" not in stored[0][1]
    with sqlite3.connect(store) as c:
        assert accounts.verify_password("correct horse", stored[0][1])
        assert not accounts.verify_password("correct horsf", stored[0][1])
        assert accounts.login(c, "王审计", "wrong") is None and accounts.login(c, "无人", "correct horse") is None
    r = users_cli("add", "王审计", "--db", store, "--password-stdin", password="another one\n")
    assert r.returncode == 2 and "已存在" in r.stderr
    assert users_cli("remove", "王审计", "--db", store).returncode == 0
    assert rows(store, "SELECT count(*) FROM users") == [(0,)]


def test_no_accounts_no_server_beyond_loopback(store):
    with pytest.raises(NoAccounts):
        serve(store, "127.0.0.1", 0, login=True)


def test_login_cookie_and_decisions_under_the_account(server, store):
    status, _, resp = request(server, "GET", "/?rule=sum.breakdown")
    assert status == 303 and resp.getheader("Location") == "/login?next=%2F%3Frule%3Dsum.breakdown"
    rid, fid = a_flag(store)
    assert request(server, "GET", f"/report/{rid}/page/1.png")[0] == 303  # pages too
    status, text, resp, token = log_in(server, "甲", "wrong password")
    assert status == 401 and "账号或密码不对" in text and resp.getheader("Set-Cookie") is None
    status, _, resp, token = log_in(server, "甲", "甲的密码1234")
    assert status == 303
    cookie = resp.getheader("Set-Cookie")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    session = re.match(r"session=([^;]+)", cookie).group(1)
    assert rows(store, "SELECT name, token_hash FROM sessions") == [("甲", hashlib.sha256(session.encode()).hexdigest())]
    headers = {"Cookie": f"session={session}"}
    page = request(server, "GET", f"/flag/{rid}/{fid}", headers=headers)[1]
    assert 'id="account">甲<' in page and "readonly" in page
    # the form names someone else: the decision is still 甲's
    status, _, _ = request(server, "POST", f"/flag/{rid}/{fid}", {"csrf": token, "from_status": "open",
                                                                  "status": "confirmed", "reviewer": "乙", "note": ""},
                           headers=headers)
    assert status == 303
    assert rows(store, "SELECT reviewer FROM reviews") == [("甲",)] and rows(store, "SELECT reviewer FROM review_history") == [("甲",)]
    # without the session a post is refused; after logout the session is gone
    assert request(server, "POST", f"/flag/{rid}/{fid}", {"csrf": token, "status": "open"})[0] == 401
    assert request(server, "POST", "/logout", {"csrf": token}, headers=headers)[0] == 303
    assert rows(store, "SELECT count(*) FROM sessions") == [(0,)]
    assert request(server, "GET", "/", headers=headers)[0] == 303


def test_login_goes_only_to_pages_of_this_app(server):
    page = request(server, "GET", "/login")[1]
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    for target in ("//evil.example/", "http://evil.example/", "/\\evil.example"):
        _, _, resp = request(server, "POST", "/login", {"csrf": token, "name": "乙", "password": "乙的密码1234",
                                                        "next": target})
        assert resp.getheader("Location") == "/"


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="Chromium and chromedriver are not installed")
def test_two_reviewers_in_two_browsers(server, store, browser):
    """Login required (the app in its accounts mode on 127.0.0.1, as beyond loopback), then two
    reviewers logged in in two browsers open the same flag; 甲 saves first; 乙's save, made on
    the status 乙 saw, is refused with who changed it, and 甲's decision stands."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import Select

    url = f"http://127.0.0.1:{server.server_port}"
    rid, fid = a_flag(store)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(arg)
    second = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        for driver, name in ((browser, "甲"), (second, "乙")):
            driver.delete_all_cookies()
            driver.get(f"{url}/flag/{rid}/{fid}")
            assert "/login" in driver.current_url and wait_for(driver, "login-button")
            if name == "甲":  # a wrong password first
                driver.find_element("id", "name").send_keys(name)
                driver.find_element("id", "password").send_keys("not it")
                driver.find_element("id", "login-button").click()
                assert "账号或密码不对" in wait_for(driver, "login-error").text
                driver.find_element("id", "name").clear()
            driver.find_element("id", "name").send_keys(name)
            driver.find_element("id", "password").send_keys(f"{name}的密码1234")
            driver.find_element("id", "login-button").click()
            assert wait_for(driver, "account").text == name  # back on the flag, logged in
            assert driver.find_element("id", "reviewer").get_attribute("readonly")
        Select(browser.find_element("id", "status")).select_by_visible_text("确认")
        browser.find_element("id", "save").click()
        assert status_shown(browser) == "确认"
        Select(second.find_element("id", "status")).select_by_visible_text("误报")
        second.find_element("id", "note").send_keys("不成立")
        second.find_element("id", "save").click()
        error = wait_for(second, "error").text
        assert "已被他人修改" in error and "甲" in error and "确认" in error
        SHOTS.mkdir(parents=True, exist_ok=True)
        second.save_screenshot(str(SHOTS / "review-stale-refused.png"))
        assert rows(store, "SELECT status, reviewer FROM reviews") == [("confirmed", "甲")]
        assert rows(store, "SELECT reviewer, to_status FROM review_history") == [("甲", "confirmed")]
    finally:
        second.quit()
