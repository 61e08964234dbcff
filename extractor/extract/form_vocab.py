"""The forms' vocabulary (patterns/forms.json) and how a cell's text is read: its label
key (canon/bare), whether it is a label, a dash (not applicable), a bare number or a
percentage. An indicator's target with its comparator and unit is read by form_targets.py."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..ingest.score_cells import scoring_rule
from ..patterns import load_json


_SPACE = regex.compile(r"\s+")
_FULL_WIDTH_BRACKETS = str.maketrans("()", "（）")
_TRAILING_BRACKET = regex.compile(r"[（(][^（）()]{0,12}[)）]$")
# a column's unit written bare after its name (预算执行率%), as the brackets would hold it
_TRAILING_PERCENT = regex.compile(r"(?<=\p{Han})[%％]$")
_NUMBER = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?$")
_SCORE_FIGURE = regex.compile(r"^\d+(?:\.\d+)?分$")  # 总分 | 100分
_PERCENT = regex.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*%$")
UNIT_IN_CELL = regex.compile(r"[（(]\s*(?:单位[:：])?\s*(万元|元|亿元|千元)\s*[)）]|单位[:：]\s*(万元|元|亿元|千元)")
SENTENCE_END = regex.compile(r"[。；;！？]$")
# a row's or a column's number in a form that numbers them (行次 1, 2, 3 …)
ROW_NUMBER = regex.compile(r"\d{1,2}")
# a label and its value in one cell or line: 自评等级：优, 主管部门:宜良县卫生健康局
LABEL_COLON = regex.compile(r"^\s*([^：:]{2,12}?)\s*[：:]\s*(\S.{0,40}?)\s*$")


@lru_cache(maxsize=1)
def spec() -> dict:
    return load_json("forms.json")


# a column's number and formula after its label (小计④=①+②+③, 支出实现率⑥=⑤/④), or its
# number and sign alone where a text layer spaced the formula's rest apart (结余金额⑥= ③ - ④)
_COLUMN_FORMULA = regex.compile(r"[①-⑳](?:[=＝][①-⑳+\-/×÷＋－*（）()]*)?$")


# the months a monitoring form's column counts to (1-7月执行数, 1—6月, 截至9月底): written
# 截至某月 in the vocabulary, whichever month the form was filled in
_MONTHS_SO_FAR = regex.compile(r"^(?:(?:截至|截止)\d{1,2}月|(?:1|一)\s*[-—–~～至到]\s*\d{1,2}\s*月)(?:份|底|末)?(?:累计)?")


# the same written in brackets after the column's name (预算执行数（1-8月）, 执行数(截至6月底))
_MONTHS_AFTER = regex.compile(r"[（(](?:(?:截至|截止)\d{1,2}月|(?:1|一)\s*[-—–~～至到]\s*\d{1,2}\s*月)(?:份|底|末)?(?:累计)?[)）]$")


def canon(text: str) -> str:
    """A cell's text as labels are matched: no spaces, no 其中：/按…分/① prefixes, no column
    number and formula after it; the months a column counts to as 截至某月."""
    # (brackets as the vocabulary writes them: 部门(单位)名称 is 部门（单位）名称)
    t = _SPACE.sub("", text).rstrip("：:").translate(_FULL_WIDTH_BRACKETS)
    t = _MONTHS_SO_FAR.sub("截至某月", t) if t[:1].isdigit() or t.startswith(("截至", "截止")) else t
    if (months := _MONTHS_AFTER.search(t)) is not None:  # 预算执行数（1-8月）: 截至某月预算执行数
        t = "截至某月" + t[:months.start()]
    t = _COLUMN_FORMULA.sub("", t) or t
    m = label_prefixes().match(t)  # 按收入性质分：其中：财政拨款
    return t[m.end():] if m and m.end() < len(t) else t


@lru_cache(maxsize=1)
def label_prefixes():
    """The prefixes a fund row's label may carry (其中：, 按收入性质分：), one or more."""
    return regex.compile(f"^(?:{spec()['label_prefix']})+")


def bare(text: str) -> str:
    """canon() without a trailing bracket or % (项目资金（万元） → 项目资金, 预算执行率% → 预算执行率);
    a header cell some forms write for a standard one (指标名称) as the standard one (三级指标)."""
    t = canon(text)
    stripped = _TRAILING_PERCENT.sub("", _TRAILING_BRACKET.sub("", t)) or t
    return _header_aliases().get(stripped, stripped)


@lru_cache(maxsize=1)
def _header_aliases() -> dict:
    return {k: v for k, v in spec()["indicator_header_aliases"].items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def _per_head_unit() -> regex.Pattern:
    """Money per head as a form's unit cell writes it, with any period after it: 元/人·月,
    元/生·天, 元/人·餐, 元/月/人, 元/名 (the money rates of units.json, not per visit)."""
    units = [u for u, (kind, _, _) in load_json("units.json")["units"].items()
             if kind == "money_rate" and not u.endswith("人次") and not u.startswith("万")]
    heads = "|".join(map(regex.escape, sorted(units, key=len, reverse=True)))
    return regex.compile(rf"(?:{heads})(?:\s*[·/／]?\s*(?:天|日|月|年|餐|学期|学年))?")


def per_head_unit(unit: str) -> bool:
    return _per_head_unit().fullmatch(unit.strip()) is not None


class _CellUnits(frozenset):
    """The units a cell of its own may hold: the listed ones, and money per head with any
    period (元/生·天 | 元/人·餐), which no list can spell out."""

    def __contains__(self, text) -> bool:
        return super().__contains__(text) or (isinstance(text, str) and per_head_unit(text))


# words forms join a column's two parts with, either of which each form may write
# (未完成原因和改进措施 / 未完成原因及改进措施, …及整改措施)
_JOINED_ALIKE = (("和", "及"), ("改进措施", "整改措施"))


def _joined_spellings(label: str) -> set:
    """A column label with each alike word put for the other."""
    out = {label}
    for a, b in _JOINED_ALIKE:
        out |= {w.replace(a, b) for w in out} | {w.replace(b, a) for w in out}
    return out


class _LabelsWithRule(dict):
    """Labels → slots as listed, and a label the lists lack that a rule of its words places
    (`_rule`: its slot, or None)."""

    def _rule(self, key) -> Optional[str]:
        raise NotImplementedError

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or isinstance(key, str) and self._rule(key) is not None

    def __missing__(self, key):
        slot = self._rule(key) if isinstance(key, str) else None
        if slot is None:
            raise KeyError(key)
        return slot

    def get(self, key, default=None):
        return self[key] if key in self else default

    def listed(self, key) -> bool:
        """Is the label one the lists name (what splits words run into figures knows)?"""
        return dict.__contains__(self, key)


class _ColumnLabels(_LabelsWithRule):
    """Indicator column labels → slots; a words column named by two labels joined (评分标准及扣分
    说明, 评分依据和扣分原因) is its first label's column, where that is a column of words."""
    _WORDS = ("skip", "reason")
    _JOINED = regex.compile(r"^(?P<first>.{2,8}?)(?:及|和|与|、)(?P<rest>.{0,8}(?:说明|原因|措施|标准|依据|细则|要点|情况|分析))$")

    def _rule(self, key) -> Optional[str]:
        return _joined_words_column(key) or _scoped_column(key)


class _FundRows(_LabelsWithRule):
    """Fund row labels → rows; a label the lists lack that names a level of government's money
    (盟市财政资金, 旗县配套资金) is that source's row (forms.json source_row_words)."""

    def _rule(self, key) -> Optional[str]:
        return _source_row(key)


@lru_cache(maxsize=1 << 15)  # (asked of every cell of a form: a bounded few answers kept)
def _source_row(key: str) -> Optional[str]:
    return next((slot for slot, words in _source_row_rules() if words.match(key)), None)


@lru_cache(maxsize=1)
def _source_row_rules() -> tuple:
    return tuple((slot, regex.compile(words)) for slot, words in spec()["source_row_words"].items())


# a column's number under a form's header, or how it is worked out (1, 2, 3=1-2, 5=4/3, C=A-B)
COLUMN_NUMBER = regex.compile(r"^\s*(?P<n>\d{1,2}|[A-H])\s*(?:=\s*[\dA-H+\-−×*/÷()（）\s%]{1,16})?\s*$")


def value_column(key: str, in_header: bool) -> Optional[str]:
    """The indicator value column a header cell names: by the templates' words, and once a level
    or name column has begun the header (`in_header`) by the words that name one only there."""
    v = vocab()
    slot = v["ind_col"].get(key)
    return slot if slot is not None or not in_header else v["ind_col_in_header"].get(key)


def names_money(key: str) -> bool:
    """Does a label the templates do not list end in a stage or a source of money (预算安排数,
    实际到位数, 自治区配套: forms.json money_label_words)?"""
    return _money_label_words().match(key) is not None


@lru_cache(maxsize=1)
def _money_label_words() -> regex.Pattern:
    return regex.compile(spec()["money_label_words"])


# (asked of every cell a form's tokens hold: the answers for the last cells are kept, a bounded few)
@lru_cache(maxsize=8192)
def _joined_words_column(key: str) -> Optional[str]:
    m = _ColumnLabels._JOINED.match(key)
    slot = dict.get(vocab()["ind_col"], m["first"]) if m else None
    return slot if slot in _ColumnLabels._WORDS else None


@lru_cache(maxsize=8192)
def _scoped_column(key: str) -> Optional[str]:
    """A listed column label after a word saying whose it is (单项指标完成值: 完成值)."""
    m = _scoped_label().match(key)
    return dict.get(vocab()["ind_col"], m["label"]) if m else None


@lru_cache(maxsize=1)
def _scoped_label() -> regex.Pattern:
    scopes = "|".join(map(regex.escape, sorted(spec()["column_scopes"], key=len, reverse=True)))
    return regex.compile(rf"^(?:{scopes})(?P<label>.{{2,}})$")


@lru_cache(maxsize=1)
def vocab() -> dict:
    s = spec()

    def index(groups: dict) -> dict:
        return {bare(label): slot for slot, labels in groups.items() for label in labels}

    return {
        "meta": index(s["meta_cells"]),
        "fund_col": {**index({slot: s["indicator_columns"][words] for slot, words in s["fund_columns_shared"].items()}),
                     **index(s["fund_columns"])},
        "fund_row": _FundRows({bare(label): slot for slot, row in s["fund_rows"].items() for label in row["labels"]}),
        "ind_col": _ColumnLabels({spelling: slot for label, slot in index(s["indicator_columns"]).items()
                                  for spelling in _joined_spellings(label)}),
        # words naming a value column only once a level or name column has begun the header
        "ind_col_in_header": index(s["indicator_columns_in_header"]),
        "ind_head": set(s["indicator_header"]),
        "ind_name_cells": set(s["indicator_name_cells"]),
        "level1": set(s["level1"]),
        "level2": set(s["level2"]),
        "total": set(s["total_rows"]),
        "score_cell": set(s["score_cells"]),  # the form's own score, wherever its cell stands
        "indicator_units": frozenset(s["indicator_units"]),  # what an indicator's figure counts in
        # … and what a cell of its own after the figure may hold besides (≤ | 10 | 月)
        "cell_units": _CellUnits(frozenset(s["indicator_units"]) | frozenset(s["cell_units"])),
        "unit_placeholders": frozenset(s["unit_placeholders"]),
        "grade_cell": set(s["grade_cells"]),
        "goal_label": {bare(label) for label in s["goal_labels"]},
        "fund_block_end": {bare(label) for label in s["fund_block_ends"] + s["goal_labels"]},
        "source_head": {bare(label) for label in s["source_heads"]},
        "task_header": {bare(label) for label in s["task_header"]},  # 任务名称: a task block's header
        "grade": sorted(s["grades"], key=len, reverse=True),
        "na": set(s["na_cells"]),
        "money": {bare(label) for label in s["money_labels"]},
        "titles": sorted(((canon(t), name) for name, tpl in s["templates"].items() for t in tpl["titles"]),
                         key=lambda x: -len(x[0])),
        "keywords": {name: {bare(k) for k in tpl["keywords"]} for name, tpl in s["templates"].items()},
    }


def fund_column_kind(column: str) -> str:
    """What a fund column holds: the templates' kind for their columns; for a column the
    templates do not name (预算调整额), money when its words say money, a rate when they
    say rate, else "other" (its cells are read as nothing, but keep the others in place)."""
    kinds = spec()["fund_column_kinds"]
    if column in kinds:
        return kinds[column]
    if regex.search(spec()["unknown_fund_column_kinds"]["percent"], column):
        return "percent"
    if regex.search(spec()["unknown_fund_column_kinds"]["amount"], column):
        return "amount"
    return "other"


def is_scoring_rule(text: str) -> bool:
    """Is a cell the words of a scoring rule (符合规定得满分，否则酌情扣分; ≥90%得满分)?"""
    return scoring_rule().search(text) is not None


def is_na(text: str) -> bool:
    return _SPACE.sub("", text) in vocab()["na"]


# a completion written as a share of one (得分系数 | 1.00, 0.90): the coefficient a row's weight is
# scored by, no percentage the form wrote
_SHARE_OF_ONE = regex.compile(r"0(?:\.\d+)?|1(?:\.0+)?")


def completion_as_share(slot: str, text: str) -> bool:
    """Is the cell a completion slot's share of one (1.00, 0.90), which stands where a percentage would?"""
    return slot == "completion" and _SHARE_OF_ONE.fullmatch(text.strip()) is not None


def breakdown_groups(key: str) -> Optional[list]:
    """The groups of rows a breakdown's label totals (按收入性质分: the sources and income
    classes), or None when the label names no breakdown."""
    slot = vocab()["fund_row"].get(key)
    return spec()["fund_rows"][slot].get("totals_groups") if slot else None


def value_type(text: str) -> Optional[str]:
    """'na', 'pct', 'num' for a cell that holds just that; None for words."""
    t = _SPACE.sub("", text)
    if not t:
        return None
    if t in vocab()["na"]:
        return "na"
    if _PERCENT.match(t):
        return "pct"
    if _NUMBER.match(t):
        return "num"
    return None


def is_level_word(key: str) -> bool:
    """Is the bare cell a first- or second-level indicator's word (产出指标, 数量指标, 满意度)?"""
    v = vocab()
    return key in v["level1"] or key in v["level2"]


def is_label(key: str) -> bool:
    v = vocab()
    return (key in v["meta"] or key in v["fund_col"] or key in v["fund_row"] or key in v["ind_col"]
            or key in v["ind_head"] or is_level_word(key) or key in v["total"]
            or key in v["grade_cell"] or key in v["task_header"])


def is_score_figure(text: str) -> bool:
    return value_type(text) == "num" or bool(_SCORE_FIGURE.match(_SPACE.sub("", text)))


_NATURE_PARTS = regex.compile(r"[/／、\s]+")


def is_target_nature(text: str) -> bool:
    """Is the cell a row's 指标性质 (定量, 正向指标), or two of them (定量/正向, 定性 正向)?"""
    parts = [p for p in _NATURE_PARTS.split(text) if p]
    return bool(parts) and all(p in spec()["target_natures"] for p in parts)
