"""audit.html: a static, offline page listing every report and its flags with evidence.
All report text is escaped: reports are untrusted input."""
from __future__ import annotations

from html import escape
from pathlib import Path

from .record import decimal_text

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
.error{background:#fde2e2}.warning{background:#fff4d6}.info{background:#e8f1fd}
mark{background:#ffe066}.quote{color:#555}h2{margin-top:2em;border-bottom:1px solid #ddd}
"""


def _v(value) -> str:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return decimal_text(value)
    return "" if value is None else escape(str(value))


def write_audit_html(records: list, target: Path) -> None:
    parts = ["<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>审核 · extractor</title>",
             f"<style>{_STYLE}</style></head><body><h1>报告与标记</h1>",
             "<table><tr><th>报告</th><th>地区</th><th>年度</th><th>得分</th><th>等级</th>"
             "<th>错误</th><th>警告</th><th>提示</th></tr>"]
    for rec in records:
        m = rec["metadata"]
        sev = [sum(1 for f in rec["flags"] if f.get("severity") == s) for s in ("error", "warning", "info")]
        region = "".join(filter(None, [m.get("province"), m.get("city"), m.get("county")]))
        parts.append(f"<tr><td><a href='#{escape(rec['report_id'])}'>{_v(m.get('title') or rec['source']['path'])}</a></td>"
                     f"<td>{_v(region)}</td><td>{_v(m.get('year'))}</td><td>{_v(m.get('score'))}</td>"
                     f"<td>{_v(m.get('grade'))}</td><td>{sev[0]}</td><td>{sev[1]}</td><td>{sev[2]}</td></tr>")
    parts.append("</table>")
    for rec in records:
        parts.append(_report_section(rec))
    parts.append("</body></html>")
    target.write_text("\n".join(parts), encoding="utf-8")


def _report_section(rec: dict) -> str:
    facts = {f["id"]: f for f in rec["facts"]}
    out = [f"<h2 id='{escape(rec['report_id'])}'>{_v(rec['metadata'].get('title'))}</h2>",
           f"<p>{_v(rec['source']['path'])} · sha256 {_v(rec['source']['sha256'][:12])}…</p>"]
    if not rec["flags"]:
        out.append("<p>没有标记。</p>")
        return "\n".join(out)
    out.append("<table><tr><th>规则</th><th>级别</th><th>说明</th><th>陈述值</th><th>计算值</th><th>差额</th>"
               "<th>容差</th><th>解释</th><th>证据</th></tr>")
    for fl in rec["flags"]:
        evidence = []
        for fid in fl.get("evidence", []):
            f = facts.get(fid)
            if f:
                s = f["source"]
                where = f"第{s.get('page')}页 " if s.get("page") else ""
                where += f"块{s.get('block')}" + (f" 表格行{s['row']}列{s['col']}" if s.get("table") is not None else "")
                evidence.append(f"<div class='quote'>{escape(where)}：<mark>{_v(s.get('quote'))}</mark></div>")
        out.append(f"<tr class='{escape(str(fl.get('severity')))}'><td>{_v(fl.get('rule'))}</td><td>{_v(fl.get('severity'))}</td>"
                   f"<td>{_v(fl.get('message'))}</td><td>{_v(fl.get('stated'))}</td><td>{_v(fl.get('computed'))}</td>"
                   f"<td>{_v(fl.get('difference'))}</td><td>{_v(fl.get('tolerance'))}</td>"
                   f"<td>{_v(fl.get('explanation'))}</td><td>{''.join(evidence)}</td></tr>")
    out.append("</table>")
    return "\n".join(out)
