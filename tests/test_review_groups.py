"""The review list groups a report's renditions: one report written here as .txt, .docx
(python-docx) and .pdf (LibreOffice), whose .docx raises one flag more, and another report as
.txt only. Grouped (the default) the list shows one row per flag of a report, with its
renditions and how many raise it; each=1 shows every file's flags; counts, decisions (one
review and history row per rendition) and exports follow the mode. Driven through werkzeug's
test client."""
import io
import re
import shutil
import sqlite3
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.test import Client

from extractor.importer import import_paths
from extractor.review import ReviewApp

from test_charts import _docx as write_docx  # one paragraph a line

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# Written for these tests. A: a sum that does not add up and a stated rate the figures do not
# give, in all three renditions; the .docx adds a third section with another rate.
REPORT_A = ("河北省阜平县医疗保障局2021年度医疗救助资金项目绩效评价报告\n\n"
            "一、资金情况\n项目总投入1,000,000.00元，其中省级资金600,000.00元、县级资金500,000.00元。\n"
            "实际支出950,000.00元，预算执行率为90.00%。\n"
            "二、评价结论\n经评价，该项目综合得分为91分，评价等级为“优”。\n")
DOCX_ONLY = "三、配套资金\n配套资金实际到位2,000,000元，实际支出1,800,000元，配套资金执行率为95.00%。\n"
REPORT_B = ("江西省于都县医疗保障局2020年度城乡居民医保项目绩效评价报告\n\n"
            "项目资金实际到位3,000,000元，实际支出2,400,000元，预算执行率为90.00%。\n")


def three_renditions(tmp):
    """A store under `tmp` with report A as .txt, .docx and .pdf and report B as .txt (skips
    without LibreOffice)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is needed to make the report's PDF rendition")
    src, work = tmp / "in", tmp / "work"
    src.mkdir()
    work.mkdir()
    (src / "a.txt").write_text(REPORT_A, encoding="utf-8")
    write_docx(src / "a.docx", REPORT_A + DOCX_ONLY)
    write_docx(work / "a.docx", REPORT_A)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(src), str(work / "a.docx")], capture_output=True, timeout=180, check=True)
    (src / "b.txt").write_text(REPORT_B, encoding="utf-8")
    db = tmp / "store.db"
    import_paths([src], db, jobs=1, progress=False)
    return db


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return three_renditions(tmp_path_factory.mktemp("groups"))


@pytest.fixture()
def app(store):
    with sqlite3.connect(store) as c:  # every test starts undecided
        c.execute("DELETE FROM reviews")
        c.execute("DELETE FROM review_history")
    return ReviewApp(store)


def flags_of(db, fmt, rule, stated=None):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT f.report_id, f.flag_id FROM flags f JOIN reports r USING (report_id) "
                         "WHERE r.format = ? AND f.rule = ? AND (? IS NULL OR f.stated = ?) ORDER BY f.flag_id",
                         (fmt, rule, stated, stated)).fetchall()


def reviews(db):
    with sqlite3.connect(db) as c:
        return (c.execute("SELECT report_id, flag_id, status, reviewer FROM reviews ORDER BY 1, 2").fetchall(),
                c.execute("SELECT report_id, flag_id, from_status, to_status FROM review_history ORDER BY 1, 2").fetchall())


def page(app, url):
    r = Client(app).get(url)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_data(as_text=True)


def total(html) -> int:
    return int(re.search(r'id="total">(\d+)<', html).group(1))


def option_counts(html, name) -> dict:
    select = re.search(rf'<select name="{name}" id="filter-{name}">(.*?)</select>', html, re.S).group(1)
    return {v: int(n) for v, n in re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)', select)}


def test_renditions_are_one_row_and_counts_follow_the_mode(store, app):
    assert [r["source"]["format"] for r in app.store.records()].count("txt") == 2  # a.txt, b.txt
    grouped, each = page(app, "/"), page(app, "/?each=1")
    # A: 2 flags × 3 renditions + 1 of the .docx alone; B: 1 flag
    assert total(grouped) == 4 and total(each) == 8
    assert option_counts(grouped, "format") == {"docx": 3, "pdf": 2, "txt": 3}
    assert option_counts(each, "format") == {"docx": 3, "pdf": 2, "txt": 3}
    assert option_counts(grouped, "rule")["ratio.stated"] == 3 and option_counts(each, "rule")["ratio.stated"] == 5
    assert option_counts(grouped, "status")["open"] == 4 and option_counts(each, "status")["open"] == 8
    # a row lists its renditions, each linked to its own flag page, and how many raise it
    rows = re.findall(r'<td class="formats">(.*?)</td>', grouped, re.S)
    assert len(rows) == 4
    full = [r for r in rows if "3/3" in r]
    assert len(full) == 2 and all(re.findall(r'class="rendition[^"]*"[^>]*>([^<]+)</a>', r) == ["文本", "Word", "PDF"]
                                  for r in full)
    partial = [r for r in rows if "1/3" in r]
    assert len(partial) == 1 and "文本、PDF 未报" in partial[0] and "partial" in partial[0]
    assert sum("1/1" in r for r in rows) == 1
    assert "等 3 个文件" in grouped
    # per file: every rendition its own row, copies still told
    assert each.count('name="pick"') == 8 and "文本、PDF 未报" in each


def test_the_toggle_is_kept_in_paging_sort_filter_and_export_links(app):
    html = page(app, "/?each=1&per=50&sort=rule")
    for link_id in ("export-csv", "export-xlsx"):
        href = re.search(rf'id="{link_id}" href="([^"]+)"', html).group(1)
        assert parse_qs(urlsplit(href.replace("&amp;", "&")).query)["each"] == ["1"]
    sorts = re.findall(r'href="/\?([^"]+)" title="按', html)
    assert sorts and all("each=1" in s for s in sorts)
    assert '<input type="hidden" name="each" value="1">' in html  # the filter form keeps it
    assert re.search(r'id="bulk" method="post" action="/bulk\?[^"]*each=1', html)
    toggle = re.search(r'id="toggle-group" href="/\?([^"]*)"', html).group(1)
    assert "each" not in toggle and "sort=rule" in toggle.replace("&amp;", "&")
    assert "逐个文件显示" in html and "合并同一报告的各格式" in html
    back = page(app, "/?" + toggle.replace("&amp;", "&"))
    assert total(back) == 4 and 'id="toggle-group" href="/?' in back and "each=1" in back


def test_deciding_a_grouped_flag_decides_every_rendition(store, app):
    c = Client(app)
    txt, docx_, pdf = (flags_of(store, f, "sum.breakdown")[0] for f in ("txt", "docx", "pdf"))
    html = page(app, f"/flag/{txt[0]}/{txt[1]}")
    also = re.findall(r'name="also" class="also" value="([^"]+)" checked', html)
    assert sorted(also) == sorted(f"{r}/{f}/open" for r, f in (docx_, pdf))  # ticked in the grouped mode
    assert "3/3 个格式提出此标记" in html
    r = c.post(f"/flag/{txt[0]}/{txt[1]}", data={"csrf": app.csrf, "from_status": "open", "status": "confirmed",
                                               "reviewer": "甲", "note": "分项多计10万元", "also": also})
    assert r.status_code == 303
    rows, history = reviews(store)
    assert sorted(rows) == sorted((*p, "confirmed", "甲") for p in (txt, docx_, pdf))
    assert sorted(history) == sorted((*p, "open", "confirmed") for p in (txt, docx_, pdf))
    # per file the other renditions are offered, not ticked; a flag of another report is refused
    html = page(app, f"/flag/{txt[0]}/{txt[1]}?each=1")
    assert re.findall(r'name="also" class="also" value="[^"]+"( checked)?', html) == ["", ""]
    other = flags_of(store, "txt", "ratio.stated", "90")
    stranger = next(p for p in other if p[0] != txt[0])
    r = c.post(f"/flag/{txt[0]}/{txt[1]}", data={"csrf": app.csrf, "status": "open", "reviewer": "甲",
                                               "also": [f"{stranger[0]}/{stranger[1]}/open"]})
    assert r.status_code == 400 and reviews(store)[0] == rows


def test_a_rendition_decided_alone_shows_as_mixed(store, app):
    pdf = flags_of(store, "pdf", "ratio.stated")[0]
    app.decide([pdf], "false_positive", "乙", "")
    html = page(app, "/?rule=ratio.stated")
    row = next(r for r in html.split("<tr>") if f"/flag/{pdf[0]}/{pdf[1]}" in r)
    assert "不一致" in row and "PDF：误报" in row and "文本：待处理" in row
    counts = option_counts(html, "status")
    assert counts["open"] == 3 and counts["false_positive"] == 1 and total(html) == 3  # the mixed group counts under both


def test_bulk_decide_counts_rows_seen_and_flags_stored(store, app):
    c = Client(app)
    form = {"csrf": app.csrf, "status": "in_review", "reviewer": "丙", "note": ""}
    r = c.post("/bulk?rule=sum.breakdown", data=form)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and '<b id="bulk-count">1</b>' in html and '<b id="bulk-stored">3</b>' in html
    assert "将修改" in html and "（共 <b id=\"bulk-stored\">3</b> 条，含各格式副本）" in html
    assert reviews(store) == ([], [])
    pairs = re.search(r'name="pairs" value="([^"]*)"', html).group(1).replace("&#10;", "\n")
    r = c.post("/bulk?rule=sum.breakdown", data=dict(form, confirm="1", pairs=pairs))
    query = parse_qs(urlsplit(r.headers["Location"]).query)
    assert r.status_code == 303 and query["changed"] == ["3"] and query["groups"] == ["1"]
    notice = page(app, r.headers["Location"])
    assert "已将 1 条标记改为「审核中」（共 3 条，含各格式副本）" in notice
    assert len(reviews(store)[1]) == 3
    # a ticked grouped flag stands for its renditions; per file it is that file's flag only
    report_a = flags_of(store, "txt", "sum.breakdown")[0][0]
    a_txt = next(p for p in flags_of(store, "txt", "ratio.stated", "90") if p[0] == report_a)
    r = c.post("/bulk", data=dict(form, status="explained", pick=f"{a_txt[0]}/{a_txt[1]}"))
    assert parse_qs(urlsplit(r.headers["Location"]).query)["changed"] == ["3"]
    r = c.post("/bulk?each=1", data=dict(form, status="confirmed", pick=f"{a_txt[0]}/{a_txt[1]}"))
    query = parse_qs(urlsplit(r.headers["Location"]).query)
    assert query["changed"] == ["1"] and "groups" not in query and query["each"] == ["1"]


def test_exports_follow_the_mode(store, app):
    from openpyxl import load_workbook

    from extractor.review import EXPORT_COLUMNS

    txt = flags_of(store, "txt", "sum.breakdown")[0]
    app.decide([txt], "confirmed", "甲", "属实")
    for each, n in (("", 4), ("1", 8)):
        r = Client(app).get(f"/export.xlsx?each={each}")
        sheet = list(load_workbook(io.BytesIO(r.data)).active.iter_rows(values_only=True))
        assert sheet[0] == tuple(EXPORT_COLUMNS.values()) and "格式副本" in sheet[0]
        assert len(sheet) == 1 + n
        rows = [dict(zip(EXPORT_COLUMNS, row)) for row in sheet[1:]]
        sums = [row for row in rows if row["rule"] == "sum.breakdown" and "阜平县" in row["title"]]
        if not each:
            [row] = sums
            assert row["format"] == "txt · docx · pdf" and row["copies"] == "3/3"
            assert row["path"].count(" | ") == 2 and row["stated"] == 1000000 and row["computed"] == 1100000
            assert row["status_zh"] == "不一致：确认（txt）；待处理（docx）；待处理（pdf）"
            assert row["reviewer"] == "甲" and row["note"] == "属实"
            assert row["page"] == "1"  # the PDF's page
            [partial] = [row for row in rows if row["copies"].startswith("1/3")]
            assert partial["format"] == "docx" and partial["copies"] == "1/3（文本、PDF 未报）"
        else:
            assert sorted(row["format"] for row in sums) == ["docx", "pdf", "txt"]
            assert all(row["copies"] == "3/3" for row in sums)
    csv_text = Client(app).get("/export.csv").get_data(as_text=True)
    assert "txt · docx · pdf" in csv_text and csv_text.count("\n") == 5


def test_what_counts_as_renditions_of_one_report():
    """Renditions are files of one report in different formats: two .txt files with the same
    generic title are two reports; a rendition that raised no flag is one that did not raise it;
    1000000.00 and 1000000 are the same figure."""
    from extractor.review_groups import build

    title = "2017年度部门整体支出绩效评价报告"
    reports = [("t1", title, None, None, None, 2017, "s1", "txt"), ("t2", title, None, None, None, 2017, "s2", "txt"),
               ("d1", "某县2018年度项目绩效评价报告", "河北省", None, "某县", 2018, "s3", "docx"),
               ("p1", "某县 2018 年度项目绩效评价报告。", "河北省", None, "某县", 2018, "s4", "pdf"),
               ("x1", "某县2018年度项目绩效评价报告", "河北省", None, "某县", 2018, "s5", "txt")]
    flags = [("t1", "x1", "sum.breakdown", "10", "11"), ("t2", "x1", "sum.breakdown", "10", "11"),
             ("d1", "x1", "ratio.stated", "95.00", "90"), ("p1", "x1", "ratio.stated", "95", "90.0"),
             ("d1", "x2", "ratio.stated", "95.00", "90")]  # the same figures twice in one rendition
    g = build(reports, flags)
    assert g.of[("t1", "x1")] != g.of[("t2", "x1")] and g.summary(g.of[("t1", "x1")])["of"] == 1
    assert g.members[g.of[("p1", "x1")]] == [("d1", "x1"), ("p1", "x1")]
    assert g.summary(g.of[("p1", "x1")]) == {"formats": ["docx", "pdf"], "raised": 2, "of": 3, "missing": ["txt"]}
    assert g.members[g.of[("d1", "x2")]] == [("d1", "x2")]  # the second pairs with no other
    assert g.expand([("p1", "x1"), ("t1", "x1")]) == [("d1", "x1"), ("p1", "x1"), ("t1", "x1")]
