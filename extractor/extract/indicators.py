"""Indicator score trees (指标体系): from score tables (一级/二级/三级/四级指标 … 得分) and
from scores stated in text (投入绩效为13分 …; （1）绩效目标合理性（3分）… 得分3分;
二级指标“项目立项”满分8分，评价得分8分).

Each indicator: path (names from the top level down), weight (分值, from "(8分)" or 满分),
score, source, and a note where the report leaves something out (a row without a score
is kept with score None and says so, never given an invented score).

Score tables are read in table_indicators.py, scores stated in text in text_indicators.py;
here, which of them a document's indicators are taken from."""
from __future__ import annotations

from typing import Optional

import regex

from ..model import TABLE, Document
from .table_indicators import parts_table_indicators, table_indicators
from .text_indicators import text_indicators
from .text_score_tables import score_table_indicators, text_score_tables


def extract_indicators(doc: Document, score_tables: Optional[list] = None) -> list:
    """`score_tables`: as extract_facts takes them."""
    out = []
    for block in doc.blocks:
        if block.kind == TABLE:
            out += table_indicators(block)
    if not any(i["origin"] == "table" for i in out):
        # a score table written as running text (一级指标分值二级指标分值…, 指标 权重 得分 …) is
        # read as its one reading; the text readers would take its figures for sentences' scores
        tables = text_score_tables(doc) if score_tables is None else score_tables
        out += score_table_indicators(tables) or [i for i in text_indicators(doc) if not _rule_words(i["path"][-1])]
    for block in doc.blocks:
        if block.kind == TABLE:
            out += parts_table_indicators(block)
    return out


def _rule_words(name: str) -> bool:
    """Does a name end where a scoring rule's award begins (…引发有效投诉的得 | 5分, 按时兑付补贴资金得 |
    4分): the words of a rule run together with its points, no indicator? (决策指标得 | 14分 is an
    indicator's name and its award.)"""
    name = name.strip()
    return name.endswith("得") and (len(name) == 1 or name.endswith("的得") or len(name) >= _RULE_NAME_LENGTH
                                   or regex.search(r"\d", name) is not None)


_RULE_NAME_LENGTH = 9  # (an indicator's name with 得 run on is shorter: 决策指标得, 产出质量得)
