"""Validate the hand-written gold files in corpus/gold/ against their reports.

For every corpus/gold/<stem>.json:
  * the JSON follows the gold schema (metadata fields and types, fact kinds and units,
    values as decimal strings, problems / recommendations as lists of titles, flags);
  * the report file named in "file" exists; its text is read the way a reader would see it
    (.txt decoded with the encoding the README states for it, .docx paragraphs and table
    cells with python-docx, .pdf text with pdfplumber, lines joined, a web page's visible
    text with lxml);
  * every fact's `text` occurs in that text, at least as many times as facts use it;
  * a fact whose `text` carries its own unit (元, 万元, 亿元, %, 人, 人次, 户, 分, 元/人)
    has a `value` that agrees with it (万元 × 10 000, 亿元 × 100 000 000);
  * every problem / recommendation title occurs in the text; at least 15 facts.

This script never produces gold; it only checks what was typed by hand.
With --uncovered it also lists the numbers in each report that no fact text covers
(a review aid for finding figures the gold forgot; years, dates and document numbers
show up there too and are expected).

    .venv/bin/python corpus/tools/check_gold.py [--uncovered] [STEM ...]
"""
from __future__ import annotations

import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
GOLD = CORPUS / "gold"

ENCODINGS = {  # how each .txt report is stored; default utf-8 (no BOM)
    "b_department_gbk.txt": "gbk",
    "f_utf16_department.txt": "utf-16",
    "c02_department_gbk.txt": "gbk",
    "c06_department_utf16.txt": "utf-16",
    "h_web_page_gb2312.html": "gb2312",
}
# gold files written earlier by tools/make_corpus.py in an older schema: skipped unless named
OLDER_SCHEMA = {"c01_project_notice", "c02_department_gbk", "c03_flat_tables", "c04_score_table",
                "c05_rendered", "c06_department_utf16"}
UNITS = {"amount": "元", "headcount": "人", "person_times": "人次", "households": "户", "percent": "%",
         "score": "分", "money_rate": "元/人", "count": None}
META = {"title": str, "province": str, "city": (str, type(None)), "county": (str, type(None)),
        "agency": str, "report_type": str, "evaluator": (str, type(None)), "self_evaluation": bool,
        "year": int, "date": (str, type(None)), "score": (int, float, type(None)), "grade": (str, type(None))}
FLAG_RULES = {"sum.table", "sum.breakdown", "ratio.stated", "product.unit", "diff.change", "repeat.conflict",
              "claim.completion", "score.tree", "score.grade", "rule.bracket", "name.variant"}


def read_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        enc = ENCODINGS.get(path.name, "utf-8")
        raw = path.read_bytes()
        if enc == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ValueError(f"{path.name}: expected a UTF-16 BOM")
        if enc == "gbk":
            try:
                raw.decode("utf-8")
                raise ValueError(f"{path.name}: expected GBK bytes, but the file is valid UTF-8")
            except UnicodeDecodeError:
                pass
        return raw.decode(enc)
    if suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for table in d.tables:
            seen = set()
            for row in table.rows:
                for cell in row.cells:
                    if cell._tc in seen:  # a merged cell is returned once per grid slot
                        continue
                    seen.add(cell._tc)  # keep the element itself: ids of dropped proxies are reused
                    parts.append(cell.text)
        return "\n".join(parts)
    if suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            text = "".join((page.extract_text() or "") for page in pdf.pages)
        return re.sub(r"\s*\n\s*", "", text)  # a figure may wrap onto the next line
    if suffix in (".html", ".htm"):
        from lxml import html

        raw = path.read_bytes()
        enc = ENCODINGS.get(path.name, "utf-8")
        if f"charset={enc}".encode() not in raw[:2048]:
            raise ValueError(f"{path.name}: expected the page to declare charset={enc}")
        root = html.document_fromstring(raw.decode(enc))
        for el in root.xpath("//script|//style"):
            el.drop_tree()
        return re.sub(r"\s+", " ", root.body.text_content())  # what a browser shows, site navigation included
    raise ValueError(f"unsupported report format: {path}")


def dec(s) -> Decimal:
    return Decimal(str(s))


NUM = r"[-－−]?\d[\d,]*(?:\.\d+)?"
SELF_UNIT = re.compile(rf"^(?P<num>{NUM})\s*(?P<unit>亿元|万元|元/人|元|万人次|人次|万人|人|名|户|%|分)$")
SCALE = {"亿元": Decimal(10) ** 8, "万元": Decimal(10) ** 4, "万人": Decimal(10) ** 4, "万人次": Decimal(10) ** 4}


def written_value(text: str):
    m = SELF_UNIT.match(text.strip())
    if not m:
        return None, None
    num = m.group("num").replace(",", "").replace("－", "-").replace("−", "-")
    unit = m.group("unit")
    return dec(num) * SCALE.get(unit, 1), unit


def check(gold_path: Path, uncovered: bool) -> list[str]:
    errs = []
    try:
        g = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        return [f"invalid JSON: {e}"]
    for key in ("file", "metadata", "facts", "problems", "recommendations", "flags"):
        if key not in g:
            errs.append(f"missing key {key!r}")
    if errs:
        return errs
    if Path(g["file"]).stem != gold_path.stem:
        errs.append(f"file {g['file']!r} does not match gold name {gold_path.name}")
    md = g["metadata"]
    for k, typ in META.items():
        if k not in md:
            errs.append(f"metadata.{k} missing")
        elif not isinstance(md[k], typ) or (typ is int and isinstance(md[k], bool)):
            errs.append(f"metadata.{k} has type {type(md[k]).__name__}")
    if md.get("report_type") not in ("project", "department", "notice"):
        errs.append(f"metadata.report_type {md.get('report_type')!r}")
    if md.get("date") is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", md["date"]):
        errs.append(f"metadata.date {md['date']!r} is not YYYY-MM-DD")
    report = CORPUS / g["file"]
    if not report.exists():
        return errs + [f"report {g['file']} not found"]
    text = read_text(report)
    if md.get("title") and re.sub(r"\s", "", md["title"]) not in re.sub(r"\s", "", text):
        errs.append("metadata.title not found in the report")
    facts = g["facts"]
    if len(facts) < 15:
        errs.append(f"only {len(facts)} facts")
    uses: dict[str, int] = {}
    for i, f in enumerate(facts):
        where = f"fact {i} «{f.get('text')}»"
        for k in ("kind", "value", "unit", "text", "label"):
            if not isinstance(f.get(k), str) or not f.get(k):
                errs.append(f"{where}: field {k!r} missing or not a non-empty string")
        if errs and errs[-1].startswith(where):
            continue
        if f["kind"] not in UNITS:
            errs.append(f"{where}: unknown kind {f['kind']}")
        elif UNITS[f["kind"]] and f["unit"] != UNITS[f["kind"]]:
            errs.append(f"{where}: unit {f['unit']} for kind {f['kind']}")
        try:
            value = dec(f["value"])
        except InvalidOperation:
            errs.append(f"{where}: value {f['value']!r} is not a decimal string")
            continue
        if f.get("where") not in (None, "text", "table"):
            errs.append(f"{where}: where={f.get('where')!r}")
        wv, wunit = written_value(f["text"])
        if wv is not None:
            if wv != value:
                errs.append(f"{where}: value {f['value']} but the text says {wv}")
            kind_of_unit = {"元": "amount", "万元": "amount", "亿元": "amount", "元/人": "money_rate",
                            "人": "headcount", "名": "headcount", "万人": "headcount", "人次": "person_times",
                            "万人次": "person_times", "户": "households", "%": "percent", "分": "score"}[wunit]
            if kind_of_unit != f["kind"]:
                errs.append(f"{where}: written unit {wunit} but kind {f['kind']}")
        uses[f["text"]] = uses.get(f["text"], 0) + 1
    for t, n in uses.items():
        have = text.count(t)
        if have < n:
            errs.append(f"«{t}» used by {n} facts, found {have} times in the report")
    for name in ("problems", "recommendations"):
        if not isinstance(g[name], list) or not all(isinstance(x, str) for x in g[name]):
            errs.append(f"{name} must be a list of strings")
            continue
        for title in g[name]:
            if title not in text:
                errs.append(f"{name[:-1]} title «{title}» not in the report")
    for fl in g["flags"]:
        if fl.get("rule") not in FLAG_RULES:
            errs.append(f"flag rule {fl.get('rule')!r} unknown")
        if not isinstance(fl.get("values"), list) or not all(isinstance(v, str) for v in fl["values"]):
            errs.append(f"flag {fl.get('rule')}: values must be a list of strings")
    if uncovered:
        for t, n in uses.items():  # standalone occurrences (not part of a longer number) vs facts using the text
            tail = r"(?![\d.,万亿元%分人户])" if t[-1].isdigit() else ""
            alone = len(re.findall(rf"(?<![\d.,]){re.escape(t)}{tail}", text))
            if alone != n:
                print(f"    note «{t}»: {alone} standalone occurrences, {n} facts")
        covered = [False] * len(text)
        for t in uses:
            start = 0
            while (j := text.find(t, start)) >= 0:
                covered[j:j + len(t)] = [True] * len(t)
                start = j + 1
        for m in re.finditer(r"\d[\d,.]*", text):
            if not any(covered[m.start():m.end()]):
                ctx = text[max(0, m.start() - 8):m.end() + 6].replace("\n", "⏎").replace("\t", "→")
                print(f"    uncovered {m.group()!r:>14}  …{ctx}…")
    return errs


def main(argv: list[str]) -> int:
    uncovered = "--uncovered" in argv
    stems = [a for a in argv if not a.startswith("--")]
    golds = sorted(GOLD.glob("*.json"))
    if stems:
        golds = [p for p in golds if p.stem in stems]
    bad = 0
    for p in golds:
        if p.stem in OLDER_SCHEMA and not stems:
            print(f"skip {p.name}: written by make_corpus.py in the older gold schema (no agency/self_evaluation)")
            continue
        g = json.loads(p.read_text(encoding="utf-8"))
        errs = check(p, uncovered)
        n = len(g.get("facts", []))
        print(f"{'ok  ' if not errs else 'FAIL'} {p.name}: {n} facts, {len(g.get('flags', []))} flags")
        for e in errs:
            print(f"     - {e}")
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
