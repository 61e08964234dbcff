"""Synthetic records with self-evaluation forms, following the record["forms"] contract the
extract stage fills: facts by id, a form naming them by slot. The figures are invented."""
from __future__ import annotations

import copy
from decimal import Decimal

import regex

_UNITS = {"万元": ("amount", "元", 10000), "亿元": ("amount", "元", 100000000), "元": ("amount", "元", 1),
          "%": ("percent", "%", 1), "分": ("score", "分", 1), "人": ("headcount", "人", 1),
          "": ("score", "分", 1)}  # a bare figure in a 分值 or 得分 column
_WRITTEN = regex.compile(r"(?P<approx>约)?(?P<number>[\d,]+(?:\.(?P<decimals>\d+))?)(?P<unit>万元|亿元|元|%|分|人|)")


def fact(fid: str, text: str, row=None, col=None, block: int = 3, **source) -> dict:
    """A fact as extraction writes it, from its written text: 120.40万元 → 1204000 元, 2 decimals, scale 10⁴."""
    m = _WRITTEN.fullmatch(text)
    kind, unit, scale = _UNITS[m["unit"]]
    return {"id": fid, "kind": kind, "value": Decimal(m["number"].replace(",", "")) * scale, "unit": unit,
            "text": text, "decimals": len(m["decimals"] or ""), "scale": scale, "approx": bool(m["approx"]),
            "label": None, "subject": None, "year": None,
            "source": {"page": 1, "block": block, "table": block if row is not None else None, "row": row, "col": col,
                       "start": 0, "end": len(text), "quote": text, **source}}


class FormBuilder:
    """A form and its facts: cells are given as written text and get fact ids in order."""

    def __init__(self, template="project", name="项目支出绩效自评表"):
        self.facts = []
        self.form = {"id": "form1", "template": template, "name": name, "source": {"block": 3, "page": 1},
                     "funds": [], "indicators": [], "total_weight": None, "total_score": None, "grade": None}

    def add(self, text, row=None, col=None) -> str:
        fid = f"f{len(self.facts) + 1}"
        self.facts.append(fact(fid, text, row, col))
        return fid

    def fund(self, slot, label, part_of=None, **columns):
        """columns: Chinese column name → written text, or None for a cell written — (na)."""
        row = len(self.form["funds"]) + 1
        cells, na = {}, []
        for c, (column, text) in enumerate(columns.items()):
            if text is None:
                na.append(column)
            else:
                cells[column] = self.add(text, row, c)
        self.form["funds"].append({"slot": slot, "label": label, "part_of": part_of, "cells": cells, "na": na})

    def indicator(self, path, target, actual, weight, score, comparator=None, unit="%"):
        row = 10 + len(self.form["indicators"])
        t_fact = self.add(target.lstrip("≥≤=<>"), row, 3) if target and any(ch.isdigit() for ch in target) else None
        a_fact = self.add(actual, row, 4) if actual and any(ch.isdigit() for ch in actual) else None

        def side(text, fid, comp):
            f = next((x for x in self.facts if x["id"] == fid), None)
            return {"text": text, "comparator": comp, "value": (f["value"] if f else None),
                    "unit": (unit if f else None), "fact": fid}

        self.form["indicators"].append({
            "path": path, "target": side(target, t_fact, comparator), "actual": side(actual, a_fact, None),
            "weight": self.add(weight, row, 5) if weight else None, "score": self.add(score, row, 6) if score else None,
            "source": {"block": 3, "page": 1, "table": 3, "row": row}})

    def totals(self, weight=None, score=None):
        self.form["total_weight"] = self.add(weight, 30, 5) if weight else None
        self.form["total_score"] = self.add(score, 30, 6) if score else None

    def record(self) -> dict:
        return {"facts": copy.deepcopy(self.facts), "forms": [copy.deepcopy(self.form)],
                "source": {"format": "txt"}, "metadata": {}}


def clean_project_form(**changes) -> FormBuilder:
    """A consistent 项目支出绩效自评表: 114.00 of 120.00万元 spent (95.00%, 9.50 of 10 points),
    four indicators worth 90 points, 97.50 points in all. `changes` replaces a written cell:
    key 'fund:<slot>:<column>' or 'ind:<n>:<target|actual|weight|score>' or 'total:<weight|score>'."""
    def cell(key, default):
        return changes.get(key, default)

    b = FormBuilder()
    fund_columns = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    rows = [("total", "年度资金总额", None, ("100.00万元", "120.00万元", "114.00万元", "10", "95.00%", "9.50")),
            ("current", "当年财政拨款", "total", ("80.00万元", "100.00万元", "96.00万元", None, None, None)),
            ("carryover", "上年结转资金", "total", ("20.00万元", "20.00万元", "18.00万元", None, None, None)),
            ("other", "其他资金", "total", (None, None, None, None, None, None))]
    for slot, label, part_of, texts in rows:
        b.fund(slot, label, part_of, **{c: cell(f"fund:{slot}:{c}", t) for c, t in zip(fund_columns, texts)})
    indicators = [(["产出指标", "数量指标", "资助参保人数比例"], "≥95%", ">=", "98%", "30", "30"),
                  (["产出指标", "质量指标", "资助资金到位率"], "=100%", "=", "100%", "20", "20"),
                  (["产出指标", "时效指标", "资金拨付及时率"], "≥90%", ">=", "92.5%", "20", "20"),
                  (["满意度指标", "服务对象满意度指标", "参保对象满意度"], "≥90%", ">=", "88%", "20", "18")]
    for n, (path, target, comparator, actual, weight, score) in enumerate(indicators):
        b.indicator(path, cell(f"ind:{n}:target", target), cell(f"ind:{n}:actual", actual),
                    cell(f"ind:{n}:weight", weight), cell(f"ind:{n}:score", score),
                    comparator=cell(f"ind:{n}:comparator", comparator))
    b.totals(cell("total:weight", "100"), cell("total:score", "97.50"))
    return b
