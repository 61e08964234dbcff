"""Rates in rows whose cells a document-sharing site ran together: 省射击运动管理中心120111.4092.83%
is 全年预算数 120, 全年执行数 111.40 and 执行率 92.83%. Such a run is cut only where exactly
one reading makes the rate the ratio of two of the figures before it (form_fund_run_cut.fund_cut),
and only the rate becomes a fact: the run says nothing of the amounts' unit.
"""
from __future__ import annotations

import regex

from ..model import TABLE, Document
from .form_fund_run_cut import fund_cut

# figures run together up to a percentage, not inside a longer run of digits or a date
_RUN = regex.compile(r"(?<![\d.\-/:])(?P<figures>\d[\d.]{4,}\d)%")
_LONGEST = 32  # two amounts of a county's budget and a rate are far shorter


def glued_rate_facts(doc: Document, make_fact) -> list:
    """Facts for the rates at the end of run-together rows in `doc`'s text;
    `make_fact(block, start, end, written_unit, label)` builds one (None for a figure that is
    a fact already)."""
    out = []
    for block in doc.blocks:
        if block.kind == TABLE:
            continue
        for m in _RUN.finditer(block.text):
            figures = m["figures"]
            if figures.count(".") < 2 and len(figures) < 8 or len(figures) > _LONGEST:
                continue  # one figure with a decimal point (12.5%), a short run, or digits of something else
            cut = fund_cut(figures)
            if cut is None:
                continue
            start, end = m.start("figures") + cut[-1][0], m.end()
            fact = make_fact(block, start, end, "%", _name_before(block.text, m.start()))
            if fact is not None:
                fact.extra["run"] = {"text": m.group(), "cells": [figures[a:b] for a, b in cut]}
                out.append(fact)
    return out


def _name_before(text: str, at: int):
    """The row's name: the words right before its figures (a row number before it dropped)."""
    m = regex.search(r"(\p{Han}[\p{Han}\s（）()]{0,20})$", text[max(0, at - 24):at])
    return regex.sub(r"\s+", "", m.group(1)) if m else None
