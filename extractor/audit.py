"""audit.html: static, offline pages for auditors — an index of reports with flag counts
by severity, and one section per report with its metadata and every flag: message,
arithmetic, explanation, and the evidence in its context (the paragraph with the figure
highlighted, or the table with the cells highlighted), with page numbers.

Rendered from the Jinja2 templates extractor/templates/audit.html (the page) and
_audit.html (a report's index row and section; the flag itself from _flag.html, which the
review app shares); report text is untrusted, and the templates escape everything they
are given. AuditWriter renders each report as it comes and keeps only the HTML, in files,
so the page of a batch of any size is written without holding its records."""
from __future__ import annotations

from pathlib import Path

from .render import environment
from .spool import write_all


def write_audit_html(records, target: Path) -> None:
    write_all(AuditWriter, records, target)


class AuditWriter:
    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self._parts = {name: open(self.workdir / f"audit.{name}.html", "w", encoding="utf-8")
                       for name in ("index_rows", "sections")}
        self._macros = environment().get_template("_audit.html").module

    def add(self, record: dict) -> None:
        m = record["metadata"]
        rec = {
            "record": record,
            "region": "".join(filter(None, [m.get("province"), m.get("city"), m.get("county")])),
            "severity_counts": [sum(1 for f in record["flags"] if f.get("severity") == s)
                                for s in ("error", "warning", "info")],
        }
        self._parts["index_rows"].write(self._macros.index_row(rec))
        self._parts["sections"].write(self._macros.report_section(rec))

    def write(self, target) -> None:
        for f in self._parts.values():
            f.close()
        parts = {name: self._read(name) for name in self._parts}
        with open(target, "w", encoding="utf-8") as out:
            for chunk in environment().get_template("audit.html").generate(**parts):
                out.write(chunk)

    def _read(self, name: str):
        from markupsafe import Markup

        with open(self.workdir / f"audit.{name}.html", encoding="utf-8") as f:
            while chunk := f.read(1 << 20):
                yield Markup(chunk)  # HTML the templates wrote, escaped there
