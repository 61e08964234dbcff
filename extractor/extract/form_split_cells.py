"""Cells a text layer or a web page ran together, apart again where the shape keeps no cells:
a long run of text with no cell breaks cut at the form's labels found in it (spot_labels), and
a token of two cells or more split (split_run_together): a label and its figure (其中：当年财政拨款
43.2), labels run together (执行数分值, 一级指标二级指标三级指标), a row's last figure and the
next row's label, a block's caption and its first column's label."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .form_tokens import Token
from .form_vocab import bare, is_label, label_prefixes, spec, value_type, vocab


# (the figure may be a row's figures run together: 其他资金86000000.0086000000.00)
_LABEL_THEN_FIGURE = regex.compile(r"^(.*?[^\d.,+-])\s*([-+]?\d[\d,]*(?:\.\d+)*%?)$")
# a rate between the dashes of a 其中 row's 分值 and 得分, maybe run into the next cell
# (-0.0%-上年结转资金0.000.00, -0.0%-年度总体目标)
_DASHED_RATE_THEN_LABEL = regex.compile(r"^([—–\-/／])(\d+(?:\.\d+)?%)([—–\-/／])(?=\p{Han}|$)")
_FIGURE_THEN_LABEL = regex.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?%?|[—–\-/／]+)\s*(\p{Han}.*)$")


@lru_cache(maxsize=1)
def spotted_labels() -> regex.Pattern:
    """The labels worth finding inside a run of text with no cell breaks (a PDF text layer
    drops the spaces between Chinese cells): the fixed labels of three characters or more,
    and the few two-character column names no sentence uses alone."""
    s = spec()
    words = set(s["indicator_header"]) | {"分值", "得分", "总分", "权重"}
    # (and 指标名称, the name some forms give the 三级指标 column; not the other aliases, 评价内容
    # or 指标类型, which sentences and the headers of other tables use as well)
    words.add("指标名称")
    for group in (s["meta_cells"], s["fund_columns"], s["indicator_columns"]):
        words |= {w for labels in group.values() for w in labels}
    words |= {w for row in s["fund_rows"].values() for w in row["labels"]}
    # a level's short name (满意度, 经济效益, 服务对象满意度) also ends many indicators' names
    # (受益群众满意度): only the names ending in 指标 mark a cell break
    words |= {w for w in set(s["level1"]) | set(s["level2"]) if w.endswith("指标") or "（" in w}
    words |= set(s["total_rows"]) | set(s["grade_cells"])
    words = {w for w in words if len(w) >= 3 or w in ("分值", "得分", "总分", "权重")}
    # a column's bracket (全年预算数(A), 执行率(B/A), 项目资金（万元）) stays with its label
    return regex.compile("(?:" + "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")(?:[（(][^（）()\d]{0,8}[)）])?")


@lru_cache(maxsize=1)
def _label_in_a_name() -> regex.Pattern:
    return regex.compile(spec()["label_in_a_name"])


_RUN_LENGTH = 24  # a token this long with no sentence in it is cells run together


def spot_labels(t: Token) -> list:
    """A long token of run-together cells cut at the labels found in it (and at spaces)."""
    if t.positional or len(t.text) <= _RUN_LENGTH:
        return [t]
    cuts = []
    in_a_name = _label_in_a_name()
    for m in spotted_labels().finditer(t.text):
        if not in_a_name.match(t.text, m.end()):
            cuts += [m.start(), m.end()]
    if len(cuts) < 4:
        return [t]  # one label in a long text: a sentence that names it, not a form
    bounds = sorted({0, len(t.text), *cuts})
    out = []
    for a, b in zip(bounds, bounds[1:]):
        for m in regex.finditer(r"\S+", t.text[a:b]):
            out.append(t.piece(a + m.start(), a + m.end()))
    return out


_COLON_THEN_FIGURE = regex.compile(r"^\s*[:：]\s*([-+]?\d[\d,]*(?:\.\d+)?%?)\s*(?:$|(?=\p{Han}))")
_HEADING_THEN_LABEL = regex.compile(r"^\s*\p{Han}{2,10}[:：](?=\p{Han})")
_BRACKET_THEN_LABEL = regex.compile(r"^(?P<head>\s*\S.*[)）][:：]?)(?P<label>[^\s)）（(:：]{2,12})\s*$")


def split_run_together(t: Token) -> list:
    """Cells a text layer ran together where the shape keeps no cells: a label and its
    figure (其中：当年财政拨款43.2) or two labels (执行数分值) are two tokens again."""
    if t.positional:
        return [t]
    m = _COLON_THEN_FIGURE.match(t.text)
    if m:  # the colon a label was cut from (总分 | :98.6, ：97.82填报日期…): the figure is the cell
        rest = t.piece(m.end(1), len(t.text)) if m.end(1) < len(t.text) else None
        return [t.piece(m.start(1), m.end(1))] + (split_run_together(rest) if rest is not None else [])
    m = _HEADING_THEN_LABEL.match(t.text) if len(t.text) <= 40 else None
    if m and not is_label(bare(t.text)):
        rest = split_run_together(t.piece(m.end(), len(t.text)))
        if is_label(bare(rest[0].text)):
            # 按资金来源：财政拨款806.50: a group's heading run into its first row's label and figure
            return [t.piece(0, m.end())] + rest
    pieces = list(regex.finditer(r"\S+", t.text)) if " " in t.text.strip() else ()
    if len(pieces) > 1 and (all(is_label(bare(m.group())) for m in pieces)
                            or all(value_type(m.group()) for m in pieces)):
        # labels or figures one space apart in a line whose cells are set wider apart
        # (年初预算数 全年预算数 分值, 总分   100 100.00)
        return [t.piece(m.start(), m.end()) for m in pieces]
    if is_label(bare(t.text)) or value_type(t.text):
        return [t]
    m = _BRACKET_THEN_LABEL.match(t.text) if len(t.text) <= 40 else None
    if m and is_label(bare(m["label"])):
        # 项目资金（万元）年初预算数, 项目资金（万元）：年初预算数: a block's caption with its unit run
        # into the first column's label
        return [t.piece(0, m.end("head")), t.piece(m.start("label"), len(t.text))]
    m = _LABEL_THEN_FIGURE.match(t.text) if len(t.text) <= 40 else None
    if m and is_label(bare(m.group(1))):
        return [t.piece(0, m.end(1)), t.piece(m.start(2), m.end(2))]
    m = _DASHED_RATE_THEN_LABEL.match(t.text) if len(t.text) <= 40 else None
    if m:
        rest = split_run_together(t.piece(m.end(), len(t.text))) if m.end() < len(t.text) else []
        return [t.piece(*m.span(k)) for k in (1, 2, 3)] + rest
    m = _FIGURE_THEN_LABEL.match(t.text)
    if m and (len(t.text) <= 40 and (is_label(bare(m.group(2))) or bare(m.group(2)) in vocab()["money"]
                                     or label_prefixes().fullmatch(m.group(2).strip()))
              or _MONEY_FIGURE.fullmatch(m.group(1)) and len(m.group(2)) >= _NOTE_AFTER_MONEY
              and not _starts_with_a_unit(m.group(2))):
        # a row's last cell run into the next row's label (or the 其中： that opens it); money
        # written with its two decimals run into words after it (403.06隆回县民政局…_第1页: a
        # page's furniture), which no figure's unit starts
        return [t.piece(0, m.end(1)), t.piece(m.start(2), len(t.text))]
    text = t.text
    if len(text) > 16:  # labels are short; a longer run is words, not two labels, but it may be
        # a header's labels all run together, maybe after its block's caption (绩效指标 | 一级指标
        # 二级指标三级指标年度指标值)
        found = _label_run(text) if len(text) <= 40 and not _NO_LABEL_RUN.search(text) else None
        if found is None:
            return [t]
        lead, ends = found
        return ([t.piece(0, lead)] if lead else []) + [t.piece(a, b) for a, b in zip([lead] + ends[:-1], ends)]
    for k in range(2, len(text) - 1):
        if k == 2 and bare(text[:k]) in vocab()["meta"]:
            continue  # 年度预算数 is one word, not 年度 | 预算数
        head, tail = bare(text[:k]), bare(text[k:])
        if head in vocab()["level1"] and tail in vocab()["level1"]:
            continue  # two first-level names never stand side by side: 决策过程 is one name
        if vocab()["meta"].get(tail) == "agency" and head not in vocab()["meta"]:
            continue  # a level's unit (市县主管部门, 省级财政部门) is one label, not a fund row's and a unit's
        if is_label(head) and is_label(tail):
            return [t.piece(0, k), t.piece(k, len(text))]
    # three labels or more run together (一级指标二级指标三级指标)
    found = _label_run(text) if not _NO_LABEL_RUN.search(text) else None
    if found is None or found[0]:
        return [t]
    return [t.piece(a, b) for a, b in zip([0] + found[1][:-1], found[1])]


_NO_LABEL_RUN = regex.compile(r"[\d，。；,;]")  # figures and sentences: no header's labels
_MOST_LEAD = 6  # a block's caption before its header's labels (绩效指标)


def _label_run(text: str) -> Optional[tuple]:
    """(where the labels start, the end of each) for a text made of three labels or more,
    maybe after a caption of a few characters, fewest labels first (longer labels over their
    parts); None otherwise. (Two first-level names never stand side by side: 决策过程 is one
    name.)"""
    n = len(text)
    best = {n: []}
    level1 = vocab()["level1"]
    for i in range(n - 2, -1, -1):
        options = [[k] + best[k] for k in range(i + 2, n + 1) if k in best and is_label(bare(text[i:k]))
                   and not (bare(text[i:k]) in level1 and best[k] and bare(text[k:best[k][0]]) in level1)]
        if options:
            best[i] = min(options, key=len)
    lead = next((i for i in range(0, _MOST_LEAD + 1) if len(best.get(i, ())) >= 3), None)
    return (lead, best[lead]) if lead is not None else None


_MONEY_FIGURE = regex.compile(r"\d[\d,]*\.\d\d")
_NOTE_AFTER_MONEY = 4  # (fewer words after it may be a unit misread: 3.35方人)


def _starts_with_a_unit(text: str) -> bool:
    """Does the text start with a unit a figure is written in (万元, 人次, 亩…)?"""
    return any(text.startswith(u) for u in _written_units())


@lru_cache(maxsize=1)
def _written_units() -> tuple:
    """The units a figure may be written in, its magnitudes (450.5万) among them."""
    units = load_json("units.json")
    return tuple(sorted(set(units["units"]) | set(units["magnitudes"]) | set(vocab()["indicator_units"]),
                        key=len, reverse=True))
