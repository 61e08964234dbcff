"""audit.html: static, offline pages for auditors — an index of reports with flag counts
by severity, and one section per report with its metadata and every flag: message,
arithmetic, explanation, and the evidence in its context (the paragraph with the figure
highlighted, or the table with the cells highlighted), with page numbers.

Rendered from the Jinja2 template extractor/templates/audit.html (the flag itself from
_flag.html, which the review app shares); report text is untrusted, and the templates
escape everything they are given."""
from __future__ import annotations

from pathlib import Path

from .render import render


def write_audit_html(records: list, target: Path) -> None:
    reports = []
    for rec in records:
        m = rec["metadata"]
        reports.append({
            "record": rec,
            "region": "".join(filter(None, [m.get("province"), m.get("city"), m.get("county")])),
            "severity_counts": [sum(1 for f in rec["flags"] if f.get("severity") == s) for s in ("error", "warning", "info")],
        })
    Path(target).write_text(render("audit.html", reports=reports), encoding="utf-8")
