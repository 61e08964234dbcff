"""audit.html: static, offline pages for auditors — an index of reports with flag counts
by severity, and one section per report with its metadata and every flag: message,
arithmetic, explanation, and the evidence in its context (the paragraph with the figure
highlighted, or the table with the cells highlighted), with page numbers.

Report text is untrusted input: everything rendered goes through html.escape."""
from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path

from .record import decimal_text

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;max-width:70em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
.sev-error{border-left:6px solid #c0392b}.sev-warning{border-left:6px solid #e6a700}.sev-info{border-left:6px solid #2f80ed}
.flag{margin:1em 0;padding:.5em 1em;background:#fafafa}.arith td{border:none;padding:.1em .8em .1em 0}
mark{background:#ffe066;padding:0 .1em}td.hit{background:#ffe066}.passage{background:#fff;border:1px solid #eee;padding:.5em;margin:.3em 0}
.where{color:#666;font-size:.9em}h2{margin-top:2em;border-bottom:1px solid #ddd}.meta td{border:none;padding:.1em 1em .1em 0}
"""


def v(value) -> str:
    if isinstance(value, Decimal):
        return decimal_text(value)
    return "" if value is None else escape(str(value))


def highlight(text: str, spans: list) -> str:
    """`text` escaped, with the (start, end) spans wrapped in <mark>."""
    out, pos = [], 0
    # records read back from JSON carry numbers as Decimal
    for start, end in sorted((int(a), int(b)) for a, b in spans if a is not None and b is not None):
        if start < pos:
            continue
        out += [escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def render_table(table: dict, cells: set) -> str:
    grid = table["header"] + table["rows"]
    rows = []
    for r, row in enumerate(grid):
        tag = "th" if r < table["header_rows"] else "td"
        rows.append("<tr>" + "".join(f"<{tag}{' class=hit' if (r, c) in cells else ''}>{escape(text)}</{tag}>"
                                     for c, text in enumerate(row)) + "</tr>")
    caption = f"<caption>{escape(table['caption'])}</caption>" if table.get("caption") else ""
    return f"<table>{caption}{''.join(rows)}</table>"


def render_evidence(record: dict, flag: dict) -> str:
    """Each passage or table the flag's evidence points into, once, figures highlighted."""
    tables = {t["source"]["block"]: t for t in record.get("tables", [])}
    passages = record.get("passages", {})
    by_block: dict = {}
    for q in flag.get("evidence_quotes", []):
        if q.get("block") is not None:
            by_block.setdefault(q["block"], []).append(q)
    parts = []
    for block, quotes in by_block.items():
        page = quotes[0].get("page")
        where = (f"第{page}页 · " if page else "") + f"块 {block}"
        if quotes[0].get("table") is not None and block in tables:
            cells = {(q["row"], q["col"]) for q in quotes}
            parts.append(f"<div class='where'>{escape(where)} · 表格</div>{render_table(tables[block], cells)}")
        elif str(block) in passages:
            text = passages[str(block)]["text"]
            parts.append(f"<div class='where'>{escape(where)}</div><div class='passage'>"
                         f"{highlight(text, [(q.get('start'), q.get('end')) for q in quotes])}</div>")
        else:
            parts.append(f"<div class='where'>{escape(where)}</div><div class='passage'><mark>"
                         + "</mark> … <mark>".join(escape(str(q.get("quote") or "")) for q in quotes) + "</mark></div>")
    return "".join(parts)


def render_flag(record: dict, flag: dict) -> str:
    arith = "".join(f"<tr><td>{label}</td><td>{v(flag.get(key))}</td></tr>"
                    for label, key in (("陈述值", "stated"), ("计算值", "computed"), ("差额", "difference"),
                                       ("容差", "tolerance")) if flag.get(key) is not None)
    explanation = f"<p>解释：{v(flag['explanation'])}</p>" if flag.get("explanation") else ""
    return (f"<div class='flag sev-{escape(str(flag.get('severity')))}' id='{escape(record['report_id'])}-{escape(flag['id'])}'>"
            f"<b>[{v(flag.get('severity'))}] {v(flag.get('rule'))}</b> {v(flag.get('message'))}"
            f"<table class='arith'>{arith}</table>{explanation}{render_evidence(record, flag)}</div>")


def write_audit_html(records: list, target: Path) -> None:
    parts = ["<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>审核 · extractor</title>",
             f"<style>{STYLE}</style></head><body><h1>报告与标记</h1>",
             "<table><tr><th>报告</th><th>地区</th><th>年度</th><th>得分</th><th>等级</th>"
             "<th>错误</th><th>警告</th><th>提示</th></tr>"]
    for rec in records:
        m = rec["metadata"]
        sev = [sum(1 for f in rec["flags"] if f.get("severity") == s) for s in ("error", "warning", "info")]
        region = "".join(filter(None, [m.get("province"), m.get("city"), m.get("county")]))
        parts.append(f"<tr><td><a href='#{escape(rec['report_id'])}'>{v(m.get('title') or rec['source']['path'])}</a></td>"
                     f"<td>{v(region)}</td><td>{v(m.get('year'))}</td><td>{v(m.get('score'))}</td>"
                     f"<td>{v(m.get('grade'))}</td><td>{sev[0]}</td><td>{sev[1]}</td><td>{sev[2]}</td></tr>")
    parts.append("</table>")
    for rec in records:
        m = rec["metadata"]
        meta = "".join(f"<tr><td>{label}</td><td>{v(m.get(key))}</td></tr>" for label, key in (
            ("地区代码", "admin_code"), ("被评价单位", "agency"), ("评价机构", "evaluator"), ("类型", "report_type"),
            ("日期", "date")))
        parts.append(f"<h2 id='{escape(rec['report_id'])}'>{v(m.get('title'))}</h2>"
                     f"<p class='where'>{v(rec['source']['path'])} · sha256 {v(rec['source']['sha256'][:12])}…</p>"
                     f"<table class='meta'>{meta}</table>")
        parts += [render_flag(rec, f) for f in rec["flags"]] or ["<p>没有标记。</p>"]
    parts.append("</body></html>")
    target.write_text("\n".join(parts), encoding="utf-8")
