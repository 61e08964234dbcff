"""HTML for people: the Jinja2 templates in extractor/templates/ (autoescaped — report text is
untrusted), the Chinese words for the record's codes (patterns/rule_names.json,
patterns/review_terms.json), and the evidence of a flag prepared as data for the templates
(passages split into highlighted and plain segments, tables as cells marked hit or not), so
no HTML is ever put together from strings in Python."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from .arithmetic import arithmetic
from .patterns import load_json
from .record import decimal_text


@lru_cache(maxsize=None)
def terms() -> dict:
    vocab = dict(load_json("review_terms.json"))
    vocab["rules"] = load_json("rule_names.json")["rules"]
    return vocab


def zh(kind: str, code) -> str:
    """The Chinese word for a code of one kind (rules, severities, statuses, confidence,
    report_types, formats, block_kinds); the code itself when the vocabulary has none."""
    if code is None or code == "":
        return ""
    return terms()[kind].get(str(code), str(code))


def num(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, float):
        return decimal_text(Decimal(str(value)))
    return str(value)


def segments(text: str, spans: list) -> list:
    """`text` cut into (piece, highlighted) pairs at the (start, end) spans."""
    out, pos = [], 0
    # records read back from JSON carry offsets as Decimal
    for start, end in sorted((int(a), int(b)) for a, b in spans if a is not None and b is not None):
        if start < pos:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _rows_text(rows: list) -> str:
    return "、".join(str(r + 1) for r in rows)


def evidence_parts(record: dict, flag: dict) -> list:
    """Each passage or table the flag's evidence points into, once, with a Chinese
    description of where it is (第2页 · 第1个表格 · 第6行) and the figures marked."""
    tables = {t["source"]["block"]: (n, t) for n, t in enumerate(record.get("tables", []), 1)}
    passages = record.get("passages", {})
    by_block: dict = {}
    for q in flag.get("evidence_quotes", []):
        if q.get("block") is not None:
            by_block.setdefault(int(q["block"]), []).append(q)
    parts = []
    for block, quotes in by_block.items():
        page = quotes[0].get("page")
        where = [f"第{page}页"] if page else []
        part = {"block": block, "page": page}
        if quotes[0].get("table") is not None and block in tables:
            n, table = tables[block]
            cells = {(int(q["row"]), int(q["col"])) for q in quotes if q.get("row") is not None}
            where += [f"第{n}个表格", f"第{_rows_text(sorted({r for r, _ in cells}))}行"] if cells else [f"第{n}个表格"]
            grid = table["header"] + table["rows"]
            part.update(kind="table", caption=table.get("caption"), rows=[
                [{"text": text, "hit": (r, c) in cells, "header": r < table["header_rows"]} for c, text in enumerate(row)]
                for r, row in enumerate(grid)])
        elif str(block) in passages:
            passage = passages[str(block)]
            where.append(zh("block_kinds", passage.get("kind") or "paragraph"))
            part.update(kind="passage", segments=segments(passage["text"], [(q.get("start"), q.get("end")) for q in quotes]))
        else:
            where.append("原文摘录")
            part.update(kind="quotes", quotes=[str(q.get("quote") or "") for q in quotes])
        part["where"] = " · ".join(where)
        parts.append(part)
    return parts


def flag_pages(flag: dict) -> list:
    return sorted({int(q["page"]) for q in flag.get("evidence_quotes", []) if q.get("page") is not None})


@lru_cache(maxsize=None)
def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("extractor", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(num=num, zh=zh)
    env.globals.update(zh=zh, evidence_parts=evidence_parts, terms=terms, arithmetic=arithmetic)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
