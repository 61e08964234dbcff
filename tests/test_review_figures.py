"""The arithmetic of a flag as a reader checks it (issue 16, item 5): stated, computed,
difference and tolerance in the unit the report wrote, with thousands separators and the
difference as the message gives it; the items of a sum with their quotes; a repeat.conflict
as its two statements side by side. Checked in audit.html and on the review app's flag page."""
import re

import pytest
from werkzeug.test import Client

from extractor.importer import import_paths
from extractor.review import ReviewApp

SUM = ("某县医保局2019年度项目绩效评价报告\n\n"
       "项目总投入1,000.00万元，其中省级资金600.00万元、县级资金500.00万元。实际支出950.00万元。\n")
REPEAT = ("某县医保局2019年度项目绩效评价报告\n\n一、项目概况\n2019年全县城乡居民医疗保险参保人数为12,000人。\n\n"
          "二、绩效分析\n经核实，2019年全县城乡居民医疗保险参保人数为11,500人。\n")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("figures")
    (tmp / "in").mkdir()
    (tmp / "in" / "sum.txt").write_text(SUM, encoding="utf-8")
    (tmp / "in" / "repeat.txt").write_text(REPEAT, encoding="utf-8")
    import_paths([tmp / "in"], tmp / "store.db", jobs=1, progress=False)
    return tmp / "store.db"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def flag_page(store, rule: str) -> str:
    app = ReviewApp(store)
    flag = app.flags({"rule": rule})[0]
    page = Client(app).get(f"/flag/{flag['report_id']}/{flag['flag_id']}", headers={"Host": "localhost"})
    assert page.status_code == 200
    return page.get_data(as_text=True)


def audit_page(store, tmp_path) -> str:
    from extractor.audit import write_audit_html
    from extractor.store import Store

    with Store(store, create=False) as s:
        write_audit_html(s.records(), tmp_path / "audit.html")
    return (tmp_path / "audit.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["flag", "audit"])
def test_a_sum_in_the_written_unit_with_its_items(store, tmp_path, where):
    html = flag_page(store, "sum.breakdown") if where == "flag" else audit_page(store, tmp_path)
    text = text_of(html)
    assert "差100.00万元" in text  # the message
    # base units were 10000000, 11000000, -1000000 and 150: now as the message writes them
    assert "陈述值 1,000.00万元" in text and "计算值 1,100.00万元" in text
    assert "差额 100.00万元（陈述值比计算值少）" in text and "容差 ±0.015万元" in text
    assert "-1000000" not in text and "11000000" not in text
    items = re.search(r'<table class="items">.*?</table>', html, re.S).group(0)
    rows = [text_of(r).strip() for r in re.findall(r"<tr>(.*?)</tr>", items, re.S)[1:]]
    assert rows == ["其中省级资金 600.00万元 600.00万元", "县级资金 500.00万元 500.00万元", "各项合计 1,100.00万元"]


@pytest.mark.parametrize("where", ["flag", "audit"])
def test_a_repeat_conflict_shows_both_statements(store, tmp_path, where):
    html = flag_page(store, "repeat.conflict") if where == "flag" else audit_page(store, tmp_path)
    sides = re.search(r'<table class="sides">.*?</table>', html, re.S).group(0)
    assert "第一处" in sides and "第二处" in sides
    assert [text_of(c).strip() for c in re.findall(r'<td class="side-value">(.*?)</td>', sides)] == ["12,000人", "11,500人"]
    assert [text_of(c).strip() for c in re.findall(r'<td class="side-quote">(.*?)</td>', sides)] == ["12,000人", "11,500人"]
    card = html[html.index('<table class="sides">'):]
    arith = re.search(r'<table class="arith">.*?</table>', card, re.S).group(0)
    assert "计算值" not in arith and "两处相差 500人" in text_of(arith)


def test_written_units_and_separators():
    from decimal import Decimal

    from extractor.arithmetic import written

    wan = {"unit": "元", "scale": Decimal(10000), "decimals": 2}
    assert written(Decimal("16066500"), wan) == "1,606.65万元"
    assert written(Decimal("350"), wan) == "0.035万元"  # every digit the value has
    assert written(Decimal("1234567.891"), {"unit": "元", "decimals": 0}) == "1,234,567.891元"
    assert written(Decimal("95.5"), {"unit": "%", "decimals": 2}) == "95.50%"
    assert written(Decimal("3"), None) == "3"
