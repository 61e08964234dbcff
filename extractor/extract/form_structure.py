"""A standard form recognised by its blocks where its title is not in the text (a web page that
gives the form's name only in its page title, in other words, or an excerpt that starts inside
the form) and few of a template's keywords stand in its cells.

Every self-evaluation form has the same three blocks, whichever template it is: the fund block
(a row only it writes, such as 年度资金总额 or 上年结转资金, under two of 年初预算数 | 全年预算数 |
全年执行数 | 执行率), the goals (年度总体目标, 预期目标 | 实际完成情况) and the indicator block
(产出指标 / 效益指标 rows with a target column and an actual column). Narrative reports write such
words in headings and score tables (an evaluation's fund table, its 产出指标 rows), seldom a
form's goals as cells: a form is taken where its goals stand with its funds or its indicators.
Its template is the one more of whose keywords it holds than of any other's (单位名称 a
department's, 资金使用单位 a transfer's), else a project's."""
from __future__ import annotations

from functools import lru_cache

from ..ingest.form_signs import fund_block_totals
from .form_vocab import bare, spec, vocab

# the fund block's columns that say it is a budget's execution (not 上年决算数 | 增减率 of a
# budget table of a report)
_FUND_COLUMNS = frozenset({"年初预算数", "全年预算数", "全年执行数", "执行率", "分配下达数", "全年到位数", "到位率"})


@lru_cache(maxsize=1)
def _block_words() -> dict:
    v = vocab()
    return {
        "level1": {bare(w) for w in v["level1"]},
        "target": {k for k, slot in v["ind_col"].items() if slot in ("target", "measured_target")},
        "actual": {k for k, slot in v["ind_col"].items() if slot == "actual"},
        "goals": {bare(w) for w in spec()["form_goal_labels"]},
        "fund_columns": {k for k, slot in v["fund_col"].items() if slot in _FUND_COLUMNS},
        # (the rows only a form's fund block writes: 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金;
        # a report's table of funds has its 中央资金 | 省级资金 | 合计 too)
        "fund_rows": {k for k, slot in v["fund_row"].items() if slot in ("current", "carryover", "other")}
        | {bare(w) for w in fund_block_totals()},
    }


def form_blocks(keys: list) -> set:
    """Which of a form's blocks the labels (bare cell texts) show: "funds", "goals",
    "indicators"."""
    w, present = _block_words(), set(keys)
    blocks = set()
    fund_columns = {vocab()["fund_col"][k] for k in present & w["fund_columns"]}
    if len(fund_columns) >= 2 and present & w["fund_rows"]:
        blocks.add("funds")
    if present & w["goals"]:
        blocks.add("goals")
    if present & w["level1"] and present & w["target"] and present & w["actual"]:
        blocks.add("indicators")
    return blocks


@lru_cache(maxsize=1)
def form_block_labels() -> frozenset:
    """The labels a form found by its blocks may open with."""
    w = _block_words()
    return frozenset(w["goals"] | w["fund_columns"] | w["fund_rows"] | w["level1"])


def template_by_its_words(keys: list, keywords: dict) -> str:
    """The template of a form found by its blocks: the one whose keywords stand most among
    the labels, where any does and no other as much; else a project's."""
    present = set(keys)
    hits = sorted(((len(words & present), name) for name, words in keywords.items()
                   if spec()["templates"][name].get("evaluates", True) and name != "score_table"), reverse=True)
    if hits and hits[0][0] > 0 and (len(hits) == 1 or hits[0][0] > hits[1][0]):
        return hits[0][1]
    return "project"


def names_a_form(blocks: set) -> bool:
    """Do the blocks found make a form: its goals and one more?"""
    return "goals" in blocks and len(blocks) >= 2
