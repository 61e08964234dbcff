"""The review app in a real (headless) Chromium: open a flag, see the highlighted evidence,
confirm it with a note, restart the server, the decision is still there and exported.
Screenshots of the index and a flag page are saved under outputs/screenshots/."""
import csv
import io
import shutil
import threading
import urllib.request

import pytest

from extractor.importer import import_paths
from extractor.review import serve

from conftest import ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="Chromium and chromedriver are not installed "
                                "(scripts/setup installs the Debian packages chromium and chromium-driver)")

HOSTILE = ("某县医保局2020年度项目绩效评价报告\n\n"
           "项目资金<script>document.title='pwned'</script>实际到位2,000,000元，实际支出1,800,000元，"
           "预算执行率为95.00%。<img src=x onerror=alert(1)>\n")


def status_shown(browser) -> str:
    """The flag's status once the page the last click asked for has loaded: a save posts
    and redirects, so the old page's element can go stale between finding and reading it."""
    from selenium.common.exceptions import (NoSuchElementException, StaleElementReferenceException, TimeoutException,
                                            WebDriverException)
    from selenium.webdriver.support.ui import WebDriverWait

    shown = []

    def loaded(driver):
        shown[:] = [driver.find_element("id", "current-status").text]
        return shown[0] != "" and shown[0] != "待处理"

    try:
        # Chromium may also answer "Node with given id does not belong to the document" (a plain
        # WebDriverException) for an element of the page being replaced
        WebDriverWait(browser, 10, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException,
                                                       WebDriverException)).until(loaded)
    except TimeoutException:  # the caller's assertion then shows what the page said
        pass
    return shown[0] if shown else ""


def wait_for(browser, element_id: str):
    """The element of the page a click navigated to (the old page may still be shown for a moment)."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, 10).until(ec.presence_of_element_located(("id", element_id)))


def click_and_wait(browser, element, element_id: str = "total"):
    """Click a link or button that loads a new page, and wait until the old page is gone:
    both pages have the element, so waiting for it alone may read the old one."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    page = browser.find_element("tag name", "html")
    element.click()

    def gone(_):
        # Chromium answers either "stale element" or "Node with given id does not belong
        # to the document" (a plain WebDriverException) for an element of a replaced page
        try:
            page.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(browser, 10).until(gone)
    return wait_for(browser, element_id)


def start(db):
    server = serve(db, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("review")
    src = tmp / "in"
    src.mkdir()
    seed = SEEDS / "000_d88b6baf9eac8299.txt"
    if seed.exists():
        shutil.copy(seed, src)
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = tmp / "store.db"
    import_paths([src], db, jobs=1, progress=False)
    return db


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1600"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_hostile_report_text_is_inert(store, browser):
    server, url = start(store)
    try:
        browser.get(url + "/")
        assert browser.title == "标记审核"
        assert "<script>" in browser.find_element("tag name", "body").text or "script" in browser.page_source
        assert not browser.find_elements("css selector", "img[src=x]")
        # rules show as Chinese phrases, their code in the tooltip
        link = browser.find_element("xpath", "//tr[.//abbr[@title='ratio.stated']]//a")
        assert "比率" in browser.find_element("xpath", "//abbr[@title='ratio.stated']").text
        link.click()
        assert browser.title.endswith("标记审核")  # the script did not run
        passage = browser.find_element("css selector", ".passage").text
        assert "<script>document.title='pwned'</script>" in passage and "<img src=x" in passage
        assert not browser.find_elements("css selector", ".passage img, .passage script")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.skipif(not SEEDS.exists(), reason="seed 000 not found in ../shared/seeds")
def test_confirm_a_flag_and_it_survives_a_restart(store, browser):
    shots = ROOT / "outputs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    server, url = start(store)
    try:
        browser.get(url + "/?rule=repeat.conflict")
        browser.save_screenshot(str(shots / "review-index.png"))
        browser.find_element("xpath", "//tr[contains(., '1199')]//a").click()
        where = browser.find_element("css selector", ".flag").text
        assert "第1个表格 · 第6行" in where and "正文段落" in where and "块" not in where
        assert "通报" in browser.find_element("id", "report-meta").text
        cells = [c.text for c in browser.find_elements("css selector", "td.hit")]
        assert any("1199" in c for c in cells) and any("788" in c for c in cells)  # both cells of the row
        marks = [m.text for m in browser.find_elements("css selector", "mark")]
        assert any("788" in m for m in marks)
        assert "411" in browser.find_element("css selector", ".flag").text
        browser.find_element("id", "status").send_keys("确认")
        browser.find_element("id", "reviewer").clear()  # the name last used is filled in
        browser.find_element("id", "reviewer").send_keys("李审计")
        browser.find_element("id", "note").send_keys("计划1199人，清退411人后实际788人，情况属实")
        browser.find_element("id", "save").click()
        assert status_shown(browser) == "确认"
        browser.save_screenshot(str(shots / "review-flag.png"))
    finally:
        server.shutdown()
        server.server_close()
    server, url = start(store)  # a new server over the same store
    try:
        browser.get(url + "/?rule=repeat.conflict")
        browser.find_element("xpath", "//tr[contains(., '1199')]//a").click()
        assert status_shown(browser) == "确认"
        assert "李审计" in browser.find_element("id", "history").text
        exported = urllib.request.urlopen(url + "/export.csv").read().decode("utf-8-sig")
        rows = [r for r in csv.DictReader(io.StringIO(exported)) if r["审核状态"] == "确认"]  # Chinese headers and words
        assert len(rows) == 1 and rows[0]["审核人"] == "李审计" and "411" in rows[0]["备注"]
        assert rows[0]["规则"] == "同一指标前后数值不一致" and rows[0]["规则代码"] == "repeat.conflict"
        assert rows[0]["陈述值"] == "1199" and rows[0]["计算值"] == "788" and "788人" in rows[0]["原文引用"]
    finally:
        server.shutdown()
        server.server_close()


def test_posts_without_the_csrf_token_are_refused(store):
    server, url = start(store)
    try:
        req = urllib.request.Request(url + "/bulk", data=b"status=confirmed&reviewer=x", method="POST")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req)
        assert e.value.code == 403
    finally:
        server.shutdown()
        server.server_close()


def test_bulk_decide_on_a_filtered_set(store, browser):
    """The issue's case: a filter on status (and severity) and a decision of another status.
    The filtered set is counted and confirmed before anything changes; every flag gets one
    history row; deciding it again changes nothing and writes no "审核中 → 审核中" row."""
    import sqlite3

    from selenium.webdriver.support.ui import Select

    def history_rows():
        with sqlite3.connect(store) as c:
            return c.execute("SELECT from_status, to_status FROM review_history").fetchall()

    before = len(history_rows())
    server, url = start(store)
    try:
        browser.get(url + "/?severity=error&status=open")
        n = len(browser.find_elements("css selector", "table.list tr input[name=pick]"))
        assert n >= 1
        links = [a.get_attribute("href") for a in browser.find_elements("css selector", "table.list tr td:nth-child(2) a")]
        Select(browser.find_element("css selector", "#bulk select[name=status]")).select_by_visible_text("审核中")
        browser.find_element("id", "reviewer").clear()
        browser.find_element("id", "reviewer").send_keys("王审计")
        browser.find_element("id", "note").send_keys("批量转审核")
        browser.find_element("id", "bulk-apply").click()
        assert wait_for(browser, "bulk-count").text == str(n)  # counted, nothing changed yet
        assert len(history_rows()) == before
        browser.save_screenshot(str(ROOT / "outputs" / "screenshots" / "review-bulk-confirm.png"))
        browser.find_element("id", "confirm").click()
        assert f"已将 {n} 条标记改为「审核中」" in wait_for(browser, "notice").text
        assert not browser.find_elements("css selector", "table.list tr input[name=pick]")  # none left open
        assert history_rows()[before:] == [("open", "in_review")] * n
        browser.get(links[0])
        assert status_shown(browser) == "审核中"
        assert "待处理 → 审核中" in browser.find_element("id", "history").text
        assert "王审计" in browser.find_element("id", "history").text
        # the same decision again on the same set: nothing to change, nothing written
        browser.get(url + "/?severity=error&status=in_review")
        assert browser.find_element("id", "reviewer").get_attribute("value") == "王审计"  # remembered
        Select(browser.find_element("css selector", "#bulk select[name=status]")).select_by_visible_text("审核中")
        browser.find_element("id", "bulk-apply").click()
        assert wait_for(browser, "bulk-count").text == "0"
        assert not browser.find_element("id", "confirm").is_enabled()
        assert len(history_rows()) == before + n
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """60 reports with one stated-rate flag each: 55 on medical insurance (2018–2020), 5 on
    poverty relief; one of them states 4,000,000元."""
    tmp = tmp_path_factory.mktemp("review-big")
    src = tmp / "in"
    src.mkdir()
    for i in range(60):
        office = "扶贫办" if i % 12 == 5 else "医保局"
        funds = ("4,000,000", "3,600,000") if i == 17 else ("2,000,000", "1,800,000")
        (src / f"r{i:02d}.txt").write_text(
            f"某县{office}{2018 + i % 3}年度项目绩效评价报告\n\n编号{i}。项目资金实际到位{funds[0]}元，实际支出{funds[1]}元，"
            "预算执行率为95.00%。\n", encoding="utf-8")
    db = tmp / "store.db"
    import_paths([src], db, jobs=2, progress=False)
    return db


def rows_shown(browser) -> list:
    return browser.find_elements("css selector", "#flags tr:has(input[name=pick])")


def column(browser, n: int) -> list:
    return [td.text for td in browser.find_elements("css selector", f"#flags tr td:nth-child({n})")]


def test_paging_sort_search_and_a_filtered_export(big_store, browser):
    from openpyxl import load_workbook

    from extractor.review import EXPORT_COLUMNS, ReviewApp

    app = ReviewApp(big_store)
    poverty = [f for f in app.flags({}) if "扶贫办" in (f["title"] or "")]
    assert len(poverty) == 5
    app.decide([(poverty[0]["report_id"], poverty[0]["flag_id"])], "confirmed", "赵审计", "执行率计算有误")
    server, url = start(big_store)
    try:
        # paging
        browser.get(url + "/?per=50")
        assert browser.find_element("id", "total").text == "60" and len(rows_shown(browser)) == 50
        click_and_wait(browser, browser.find_element("css selector", ".pager .next-page"))
        assert "第 2 / 2 页" in browser.find_element("css selector", ".pager").text
        assert len(rows_shown(browser)) == 10
        # sort by year, then the other way
        browser.get(url + "/")
        click_and_wait(browser, browser.find_element("css selector", "th a[data-sort=year]"))
        years = column(browser, 7)
        assert years == sorted(years) and years[0] == "2018"
        click_and_wait(browser, browser.find_element("css selector", "th a[data-sort=year]"))
        assert "▼" in browser.find_element("css selector", "th a[data-sort=year]").text
        years = column(browser, 7)
        assert years == sorted(years, reverse=True) and years[0] == "2020"
        # counts beside the filter options
        status_options = [o.text for o in browser.find_elements("css selector", "#filter-status option")]
        assert "待处理 (59)" in status_options and "确认 (1)" in status_options
        # free-text search: a title word, then a figure quoted in the evidence only
        browser.find_element("id", "q").send_keys("扶贫")
        click_and_wait(browser, browser.find_element("id", "apply-filters"))
        assert browser.find_element("id", "total").text == "5"
        assert all("扶贫办" in t for t in column(browser, 5))
        browser.save_screenshot(str(ROOT / "outputs" / "screenshots" / "review-search.png"))
        href = browser.find_element("id", "export-xlsx").get_attribute("href")
        assert "q=" in href
        browser.get(url + "/?q=4%2C000%2C000")
        assert browser.find_element("id", "total").text == "1"
        # the export of the filtered set, opened back and read cell by cell
        data = urllib.request.urlopen(href).read()
    finally:
        server.shutdown()
        server.server_close()
    path = ROOT / "outputs" / "screenshots" / "review-export.xlsx"
    path.write_bytes(data)
    sheet = load_workbook(path).active
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == list(EXPORT_COLUMNS.values())
    assert cells[0][:8] == ("报告ID", "标记ID", "文件", "格式", "报告标题", "地区", "年度", "规则")
    assert len(cells) == 6  # the header and the 5 flags found, not all 60
    by_id = {(row[0], row[1]): dict(zip(EXPORT_COLUMNS, row)) for row in cells[1:]}
    assert set(by_id) == {(f["report_id"], f["flag_id"]) for f in poverty}
    for f in poverty:
        row = by_id[(f["report_id"], f["flag_id"])]
        assert row["title"] == f["title"] and "扶贫办" in row["title"]
        assert row["path"] == f["path"] and row["format"] == "txt" and row["year"] == f["year"]
        assert row["rule_zh"] == "比率与分子分母不符" and row["rule"] == "ratio.stated"
        assert row["severity_zh"] == {"error": "错误", "warning": "警告", "info": "提示"}[f["severity"]]
        assert row["message"] == f["message"]
        assert row["stated"] == 95 and row["computed"] == 90 and row["difference"] == 5  # numbers, not text
        funds = ("4,000,000元", "3,600,000元") if "r17" in row["path"] else ("2,000,000元", "1,800,000元")
        assert set(row["quote"].split(" | ")) == {"95.00%", *funds}
        assert row["page"] is None  # a .txt has no pages
    decided = by_id[(poverty[0]["report_id"], poverty[0]["flag_id"])]
    assert decided["status_zh"] == "确认" and decided["reviewer"] == "赵审计" and decided["note"] == "执行率计算有误"
    assert decided["updated_at"]
    others = [r for k, r in by_id.items() if k != (poverty[0]["report_id"], poverty[0]["flag_id"])]
    assert all(r["status_zh"] == "待处理" and r["reviewer"] is None for r in others)


def test_grouped_list_and_deciding_a_grouped_flag(tmp_path, browser):
    """A report as .txt, .docx and .pdf: its flag is one row listing the three renditions;
    deciding it on the flag page decides it in every rendition (each with its history). The
    grouped export's first rows are shown as a table page and screenshotted."""
    import sqlite3

    from jinja2 import Environment
    from openpyxl import load_workbook
    from selenium.webdriver.support.ui import Select

    from test_review_groups import three_renditions

    db = three_renditions(tmp_path)
    shots = ROOT / "outputs" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    server, url = start(db)
    try:
        browser.get(url + "/")
        assert browser.find_element("id", "total").text == "4"
        row = browser.find_element("xpath", "//tr[.//abbr[@title='sum.breakdown']]")
        formats = row.find_element("css selector", "td.formats")
        assert [a.text for a in formats.find_elements("css selector", "a.rendition")] == ["文本", "Word", "PDF"]
        assert "3/3" in formats.text
        partial = browser.find_element("css selector", ".copies.partial")
        assert partial.text == "1/3 · 文本、PDF 未报"
        browser.save_screenshot(str(shots / "review-grouped-list.png"))
        click_and_wait(browser, row.find_element("css selector", "td:nth-child(2) a"), "current-status")
        also = browser.find_elements("css selector", "#renditions input.also")
        assert len(also) == 2 and all(box.is_selected() for box in also)
        Select(browser.find_element("id", "status")).select_by_visible_text("确认")
        browser.find_element("id", "reviewer").clear()
        browser.find_element("id", "reviewer").send_keys("李审计")
        browser.find_element("id", "note").send_keys("三个格式同一问题")
        browser.find_element("id", "save").click()
        assert status_shown(browser) == "确认"
        with sqlite3.connect(db) as c:
            decided = c.execute("SELECT r.format, v.status, v.reviewer FROM reviews v JOIN reports r USING (report_id) "
                                "ORDER BY r.format").fetchall()
            history = c.execute("SELECT from_status, to_status FROM review_history").fetchall()
        assert decided == [(f, "confirmed", "李审计") for f in ("docx", "pdf", "txt")]
        assert history == [("open", "confirmed")] * 3
        # the PDF rendition's own page says so too, with its history
        browser.get(url + "/")
        row = browser.find_element("xpath", "//tr[.//abbr[@title='sum.breakdown']]")
        assert row.find_element("css selector", "td.st").text == "确认"
        click_and_wait(browser, row.find_element("xpath", ".//a[contains(@class, 'rendition') and text()='PDF']"), "current-status")
        assert status_shown(browser) == "确认" and "李审计" in browser.find_element("id", "history").text
        data = urllib.request.urlopen(url + "/export.xlsx").read()
    finally:
        server.shutdown()
        server.server_close()
    (shots / "review-export-grouped.xlsx").write_bytes(data)
    cells = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert len(cells) == 5 and "txt · docx · pdf" in [row[3] for row in cells]
    # the export's first rows as a page (autoescaped: report text is untrusted), screenshotted
    page = Environment(autoescape=True).from_string(
        "<!doctype html><meta charset=utf-8><title>导出（合并格式）</title>"
        "<style>body{font-family:'Noto Sans CJK SC',sans-serif;font-size:12px}td,th{border:1px solid #ccc;"
        "padding:2px 4px;vertical-align:top;min-width:2.5em;max-width:18em;word-break:break-all}table{border-collapse:collapse}th{background:#eee}</style>"
        "<p>flags.xlsx（合并同一报告的各格式）前 {{ rows | length - 1 }} 行</p><table>"
        "{% for row in rows %}{% set cell = 'th' if loop.first else 'td' %}<tr>{% for v in row %}"
        "<{{ cell }}>{{ '' if v is none else v }}</{{ cell }}>{% endfor %}</tr>{% endfor %}</table>").render(rows=cells[:6])
    html = tmp_path / "export.html"
    html.write_text(page, encoding="utf-8")
    browser.set_window_size(1920, 900)
    try:
        browser.get(html.as_uri())
        assert "txt · docx · pdf" in browser.find_element("tag name", "table").text
        browser.save_screenshot(str(shots / "review-export-grouped.png"))
    finally:
        browser.set_window_size(1280, 1600)
