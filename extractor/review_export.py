"""The review list exported for a working paper, as CSV (UTF-8 with a BOM, so Excel reads it)
or XLSX: the flags under the list's filters, one row each — or in the grouped mode one row per
grouped flag — with Chinese headers and words for the codes, the figures, the evidence's
quotes and pages, and the decision."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

from . import review_list
from .render import zh
from .review_groups import GroupCache

# the exports' columns: key → Chinese header (a working paper's columns)
EXPORT_COLUMNS = {
    "report_id": "报告ID", "flag_id": "标记ID", "path": "文件", "format": "格式", "title": "报告标题", "region": "地区",
    "year": "年度", "rule_zh": "规则", "rule": "规则代码", "severity_zh": "级别", "confidence_zh": "证据可信度",
    "message": "说明", "stated": "陈述值", "computed": "计算值", "difference": "差额", "quote": "原文引用",
    "page": "页码", "status_zh": "审核状态", "reviewer": "审核人", "note": "备注", "updated_at": "决定时间（UTC）",
    "copies": "格式副本",  # how many of the report's renditions raise the flag, and which do not
}
_NUMBERS = ("stated", "computed", "difference")  # written to XLSX as numbers, not text


def export_rows(db, cache: GroupCache, filters: dict) -> list:
    """The flags under `filters`, as rows for a working paper: Chinese words for the codes,
    the figures, and each flag's evidence quotes and pages (from the facts it rests on).
    In the grouped mode one row per grouped flag (see _merge)."""
    g = cache.get(db)
    keys = review_list.group_keys(db, cache, filters) if review_list.grouped(filters) else None
    flags = ([m for row in review_list.grouped_flags(db, cache, keys) for m in row["members"]] if keys is not None
             else review_list.flags(db, filters))
    facts: dict = {}
    report_ids = sorted({f["report_id"] for f in flags})
    for i in range(0, len(report_ids), 500):
        chunk = report_ids[i:i + 500]
        for row in db.execute(f"SELECT report_id, fact_id, page, quote FROM facts WHERE report_id IN "
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


def export_csv(db, cache: GroupCache, filters: dict | None = None) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so Excel reads it as UTF-8
    w = csv.writer(out)
    w.writerow(EXPORT_COLUMNS.values())
    for row in export_rows(db, cache, filters or {}):
        w.writerow(["" if v is None else v for v in row.values()])
    return out.getvalue()


def export_xlsx(db, cache: GroupCache, filters: dict | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "审核标记"
    ws.append(list(EXPORT_COLUMNS.values()))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in export_rows(db, cache, filters or {}):
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
