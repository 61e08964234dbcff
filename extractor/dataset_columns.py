"""Which figure is the report's own total for a dataset column (budget, funds in place,
spent, execution rate, people covered).

A report states many figures under the same label: the department's 年初预算 and the
三公经费's, a total and its 其中 parts, a county's figure and each district's. The column
takes the report's own total:

- from a self-evaluation form, the 年度资金总额 row's cells (its 其中 rows are parts);
- otherwise from the facts, leaving out: parts of a 其中 / 包括 breakdown of the same
  quantity, or of a sub-item; sub-items named in the words before the figure, its subject,
  its table column or its formula (三公经费, 公用经费, 政府采购 … — `sub_items` in
  patterns/dataset.json; in a department report also a single project); figures about a
  place below the report's own region (one district of a city-wide report); a figure
  listed after one of those in the same sentence (…分别为99.9%、97.14%);
- preferring, by label (the column's labels in order, then figures whose preceding words
  name the column, `context`), figures stated as totals (总计, 合计, a breakdown's total, a
  table's total row), then figures whose words or column say they are actual (`prefer`),
  then text over tables, then document order.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from .patterns import load_json

DEPARTMENT_TYPES = ("department", "form_department")


@lru_cache(maxsize=1)
def _spec() -> dict:
    return load_json("dataset.json")


@lru_cache(maxsize=1)
def _words() -> dict:
    spec = _spec()
    return {"sub": regex.compile("|".join(spec["sub_items"])),
            "department_sub": regex.compile("|".join(spec["department_sub_items"])),
            "total": regex.compile(spec["total_words"])}


def column_values(record: dict) -> dict:
    """column → value (a Decimal in base units) or None, for every column of dataset.json."""
    facts = record.get("facts", [])
    form_values = _form_values(record, {f["id"]: f for f in facts})
    readings = _Readings(record)
    values = {}
    for column, spec in _spec()["columns"].items():
        if form_values.get(column) is not None:
            values[column] = form_values[column]
            continue
        best = readings.best(spec)
        values[column] = best["value"] if best else None
    return values


def _form_values(record: dict, by_id: dict) -> dict:
    """The columns a self-evaluation form states in its 年度资金总额 row."""
    for form in record.get("forms") or []:
        total = next((row for row in form.get("funds", []) if row.get("slot") == "total"), None)
        if not total:
            continue
        values = {}
        for column, names in _spec()["form_columns"].items():
            fid = next((total["cells"][n] for n in names if n in total.get("cells", {})), None)
            values[column] = by_id[fid]["value"] if fid in by_id else None
        return values
    return {}


class _Readings:
    """The facts of one record with what the column choice needs to know about each."""

    def __init__(self, record: dict):
        self.facts = [f for f in record.get("facts", []) if not f.get("approx")]
        self.order = {f["id"]: n for n, f in enumerate(self.facts)}
        relations = record.get("relations", [])
        self.total_of = {p: rel["total"] for rel in relations if rel.get("type") == "breakdown"
                         for p in rel.get("parts", [])}
        self.totals = {rel["total"] for rel in relations if rel.get("type") == "breakdown"}
        formula_names = {rel["result"]: rel.get("name") or "" for rel in relations if rel.get("type") == "formula"}
        self.words = {f["id"]: "".join(filter(None, (f.get("context"), formula_names.get(f["id"]) or f.get("formula"),
                                                     f.get("subject"), f.get("column"))))
                      for f in self.facts}
        by_id = {f["id"]: f for f in record.get("facts", [])}
        for fid in self.total_of.values():  # a breakdown's total may itself be approximate
            if fid not in self.words and fid in by_id:
                f = by_id[fid]
                self.words[fid] = "".join(filter(None, (f.get("context"), f.get("subject"))))
        self.by_id = by_id
        self.department = record.get("metadata", {}).get("report_type") in DEPARTMENT_TYPES
        self.other_places = _other_places(record)
        self.total_rows = _total_rows(record)
        self._sub = {}
        self.excluded = {f["id"] for f in self._with_siblings() if self._is_sub(f)}

    def _with_siblings(self):
        """Facts in order; a figure with no words of its own in a list (…分别为a、b、c) takes
        the words of the figure before it with the same label in its sentence."""
        previous = {}
        for f in self.facts:
            key = (f["source"].get("block"), f["source"].get("sentence"), f.get("label"))
            if not f.get("context") and f["source"].get("table") is None and key in previous:
                self.words[f["id"]] = self.words[previous[key]] + self.words[f["id"]]
            previous[key] = f["id"]
            yield f

    def _is_sub(self, f: dict) -> bool:
        """A sub-item, a part of one, or a figure about another place."""
        fid = f["id"]
        if fid in self._sub:
            return self._sub[fid]
        self._sub[fid] = False  # breakdowns do not loop, but a damaged record should not hang us
        words = self.words.get(fid, "")
        sub = bool(_words()["sub"].search(words)
                   or (self.department and _words()["department_sub"].search(words))
                   or any(place in words for place in self.other_places))
        total = self.total_of.get(fid)
        if not sub and total in self.by_id:
            whole = self.by_id[total]
            sub = whole.get("label") == f.get("label") or self._is_sub(whole)
        self._sub[fid] = sub
        return sub

    def best(self, spec: dict):
        labels, kinds = spec["labels"], spec["kinds"]
        context = regex.compile(spec["context"]) if spec.get("context") else None
        prefer = regex.compile(spec["prefer"]) if spec.get("prefer") else None
        requires = spec.get("label_requires", {})
        ranked = []
        for f in self.facts:
            if f["kind"] not in kinds or f["id"] in self.excluded:
                continue
            words = self.words.get(f["id"], "")
            if f.get("label") in labels and regex.search(requires.get(f["label"], ""), words):
                rank = labels.index(f["label"])
            elif context and context.search(words):
                rank = len(labels)
            else:
                continue
            ranked.append(((rank, 0 if self._is_total(f, words) else 1,
                            0 if prefer and prefer.search(words) else 1,
                            f["source"].get("table") is not None, self.order[f["id"]]), f))
        return min(ranked, key=lambda pair: pair[0])[1] if ranked else None

    def _is_total(self, f: dict, words: str) -> bool:
        src = f["source"]
        return (f["id"] in self.totals or (src.get("table"), src.get("row")) in self.total_rows
                or bool(_words()["total"].search(f.get("context") or "")))


def _other_places(record: dict) -> set:
    """Names of places the report mentions that are not its own region nor above it, with
    their short forms (台儿庄区 → 台儿庄), so a district's figure in a city-wide report is
    recognised as the district's."""
    meta = record.get("metadata", {})
    own = {meta.get(k) for k in ("province", "city", "county")} - {None}
    code = meta.get("admin_code") or ""
    names = set()
    for place in record.get("places", []):
        name, pcode = place.get("canonical") or place.get("name"), place.get("admin_code") or ""
        if not name or name in own or (code and pcode and code.startswith(pcode.rstrip("0"))):
            continue
        names.add(name)
        short = regex.sub(r"(?:自治县|自治州|县|区|市|旗)$", "", name)
        if len(short) >= 2:
            names.add(short)
    for name in own:  # a place whose short form is part of the report's own name is not another place
        names = {n for n in names if n not in name}
    return names


def _total_rows(record: dict) -> set:
    """(table, row) of the rows a table marks as its total or a subtotal."""
    rows = set()
    for table in record.get("tables", []):
        block = (table.get("source") or {}).get("block")
        for r, kind in enumerate(table.get("row_kinds") or []):
            if kind in ("total", "subtotal"):
                rows.add((block, r))
    return rows
