"""A form's cells again where a text layer or a web page lost them: labels spotted in runs of
text with no cell breaks, a label run together with its figure (or with another label)
split, a label broken over two tokens joined."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .form_glued import split_glued_rows
from .form_scored_runs import split_scored_runs
from .form_tokens import Token
from .form_vocab import bare, is_label, label_prefixes, spec, value_type, vocab


# (the figure may be a row's figures run together: 其他资金86000000.0086000000.00)
_LABEL_THEN_FIGURE = regex.compile(r"^(.*?[^\d.,+-])\s*([-+]?\d[\d,]*(?:\.\d+)*%?)$")
# a rate between the dashes of a 其中 row's 分值 and 得分, maybe run into the next cell
# (-0.0%-上年结转资金0.000.00, -0.0%-年度总体目标)
_DASHED_RATE_THEN_LABEL = regex.compile(r"^([—–\-/／])(\d+(?:\.\d+)?%)([—–\-/／])(?=\p{Han}|$)")
_FIGURE_THEN_LABEL = regex.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?%?|[—–\-/／]+)\s*(\p{Han}.*)$")


@lru_cache(maxsize=1)
def _spotted_labels() -> regex.Pattern:
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


def _spot_labels(t: Token) -> list:
    """A long token of run-together cells cut at the labels found in it (and at spaces)."""
    if t.positional or len(t.text) <= _RUN_LENGTH:
        return [t]
    cuts = []
    in_a_name = _label_in_a_name()
    for m in _spotted_labels().finditer(t.text):
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


def _split_run_together(t: Token) -> list:
    """Cells a text layer ran together where the shape keeps no cells: a label and its
    figure (其中：当年财政拨款43.2) or two labels (执行数分值) are two tokens again."""
    if t.positional:
        return [t]
    m = _COLON_THEN_FIGURE.match(t.text)
    if m:  # the colon a label was cut from (总分 | :98.6, ：97.82填报日期…): the figure is the cell
        rest = t.piece(m.end(1), len(t.text)) if m.end(1) < len(t.text) else None
        return [t.piece(m.start(1), m.end(1))] + (_split_run_together(rest) if rest is not None else [])
    m = _HEADING_THEN_LABEL.match(t.text) if len(t.text) <= 40 else None
    if m and not is_label(bare(t.text)):
        rest = _split_run_together(t.piece(m.end(), len(t.text)))
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
        rest = _split_run_together(t.piece(m.end(), len(t.text))) if m.end() < len(t.text) else []
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


def cells_again(tokens: list) -> list:
    """Tokens as the form's cells: labels found in runs of text with no cell breaks, a
    label and a figure run together split, a label broken over two tokens joined."""
    if not any(_spotted_labels().search(t.text) for t in tokens):
        return tokens  # no fixed label anywhere: not a form (and nothing to pay for)
    tokens = _join_split_labels([p for t in tokens for s in _spot_labels(t) for p in _split_run_together(s)])
    tokens = _join_bracketed_units(_bracketed_weights_opened(tokens))
    return _join_split_targets(split_glued_rows(split_scored_runs(_rate_and_score_apart(tokens))))


_BRACKETED_FIGURE = regex.compile(r"^\s*[（(]\s*(\d{1,3}(?:\.\d+)?)\s*[)）]\s*$")


def _bracketed_weights_opened(tokens: list) -> list:
    """A weight some forms write in brackets — 分值 (10), then the score or rate in the next
    cell — is the figure inside. Only a bracketed figure of at most 100 followed by a figure
    cell: a bracketed number before words is an item's number ((1) 数量指标)."""
    out = []
    for k, t in enumerate(tokens):
        m = _BRACKETED_FIGURE.match(t.text)
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if m and Decimal(m[1]) <= 100 and nxt is not None and value_type(nxt.text) in ("num", "pct"):
            inner = t.piece(m.start(1), m.end(1))
            inner.positional, inner.col = t.positional, t.col
            out.append(inner)
        else:
            out.append(t)
    return out


_BRACKETED_UNIT = regex.compile(r"[（(][^（）()\d\s]{1,6}[)）]")


def _join_bracketed_units(tokens: list) -> list:
    """A unit in brackets a space put in a cell of its own after a row's name (扶持发展新型
    农业经营主体 (个) | 15 | 6 | 8.0) is the name's again, not a value of the row."""
    out = []
    for t in tokens:
        before = out[-1] if out else None
        if (before is not None and _BRACKETED_UNIT.fullmatch(t.text.strip()) and not t.positional
                and not before.positional and before.block is t.block and before.line == t.line
                and regex.search(r"\p{Han}$", before.text.strip()) and not is_label(bare(before.text))
                and not t.block.text[before.end:t.start].strip()):
            out[-1] = Token(t.block.text[before.start:t.end], t.block, before.start, t.end, before.line, before.col, False)
            continue
        out.append(t)
    return out


_RATE_THEN_SCORE = regex.compile(r"^((?:预算)?执行率)(得分|权重)$")


def _rate_and_score_apart(tokens: list) -> list:
    """执行率得分 right after 分值 or the spending column, where a text layer ran two header
    cells together (分值 | 执行率 | 得分; 预算数 | 执行数 | 执行率 | 得分), is two columns: the
    rate and its score; so is 执行率权重 right after the spending column with the 得分 after it
    (预算执行数 | 预算执行率 | 权重 | 得分: a header with a 得分 puts its 分值 beside it, never in
    place of its rate). (A column named 执行率得分 or 执行率权重 on its own stands after the rate.)"""
    columns = vocab()["fund_col"]
    out = []
    for k, t in enumerate(tokens):
        m = _RATE_THEN_SCORE.match(bare(t.text)) if not t.positional else None
        weight_after_spending = m is not None and m[2] == "权重" and k and k + 1 < len(tokens) \
            and columns.get(bare(tokens[k - 1].text)) == "全年执行数" \
            and columns.get(bare(tokens[k + 1].text)) == "得分"
        # (not after a header that named its rate already: 执行率 | 执行率权重 | 执行率得分 is the
        # rate, its 分值 and its 得分)
        if m and k and (m[2] == "得分" and columns.get(bare(tokens[k - 1].text)) in ("分值", "全年执行数")
                        or weight_after_spending) and t.text.strip() == bare(t.text) \
                and not any(columns.get(bare(x.text)) == "执行率" for x in tokens[max(0, k - 3):k - 1]):
            lead = len(t.text) - len(t.text.lstrip())
            out += [t.piece(lead, lead + len(m[1])), t.piece(lead + len(m[1]), lead + len(m[0]))]
        else:
            out.append(t)
    return out


def _join_split_targets(tokens: list) -> list:
    """A target written over three cells — comparator, figure, unit (the 指标性质 / 指标值 /
    度量单位 columns some provinces' forms have) — is one target again: the figure's token,
    carrying the other two; so is one whose unit follows the result (计算符号 | 指标值 | 实际
    完成值 | 计量单位, or 年度指标值 | 当前完成值 | 计算符号 | 计量单位), the result carrying the
    unit as well. The first cell may be a nature (定量, no comparator) or hold the
    comparator with the figure (≥ 2600 | 人); a 定性 before a qualitative target goes. Only
    where the shape keeps no columns; a cell alone is not read as a unit unless a figure
    stands right before it."""
    comparators, natures = spec()["comparators"], spec()["target_natures"]
    out, i = [], 0
    while i < len(tokens):
        c, n, u, after = tokens[i:i + 4] + [None] * (4 - len(tokens[i:i + 4]))
        typed = u is not None and not (c.positional or n.positional or u.positional)
        if typed and after is not None and not after.positional and c.text.strip() in comparators \
                and value_type(n.text) == value_type(u.text) == "num" and (unit := _cell_unit(after.text)):
            # 计算符号 | 指标值 | 实际完成值 | 计量单位 (the Tianjin forms): the unit after the result
            # is the target's too
            out += [with_unit_cells(n, c.text, unit), with_unit_cells(u, None, unit)]
            i += 4
        elif typed and (signed := _figures_then_sign(tokens, i)) is not None:
            # 年度指标值 | 当前完成值 (| 全年预计) | 计算符号 | 计量单位 (a monitoring form), the sign and
            # unit maybe run into one cell (≥ 人次): the sign after the figures is the target's
            figures, sign, unit, i = signed
            out += [with_unit_cells(f, sign if k == 0 else None, unit) for k, f in enumerate(figures)]
        elif typed and (c.text.strip() in comparators or c.text.strip() in natures) \
                and value_type(n.text) == "num" and (unit := _cell_unit(u.text)):
            out.append(with_unit_cells(n, c.text, unit))  # a nature (定量) is no comparator
            i += 3
        elif n is not None and not (c.positional or n.positional) and (unit := _cell_unit(n.text)) \
                and (split := _comparator_and_figure(c)) is not None:
            out.append(with_unit_cells(split[1], split[0], unit))  # ≥ 2600 | 人: a comparator kept with its figure
            i += 2
        elif n is not None and not (c.positional or n.positional) and c.text.strip() in natures \
                and not value_type(n.text) and not is_label(bare(n.text)):
            # 定性 before a qualitative target (优良中低差): the nature says nothing more, nor
            # does the placeholder the unit's cell holds after it (定性 | 健全 | 文字描述)
            if u is not None and not u.positional and u.text.strip() in vocab()["unit_placeholders"]:
                out.append(n)
                i += 3
            else:
                i += 1
        else:
            out.append(tokens[i])
            i += 1
    return out


def _figures_then_sign(tokens: list, i: int) -> Optional[tuple]:
    """(the figures, the sign, the unit, where the reading goes on) of two or three bare
    figures from i followed by a sign cell and a unit cell, or one cell holding both; None
    otherwise."""
    k = i
    while k < len(tokens) and k - i < 3 and not tokens[k].positional and value_type(tokens[k].text) == "num":
        k += 1
    if k - i < 2 or k >= len(tokens) or tokens[k].positional:
        return None
    if (both := _sign_and_unit(tokens[k].text)) is not None:
        return tokens[i:k], both[0], both[1], k + 1
    sign = tokens[k].text.strip()
    if sign in spec()["comparators"] and k + 1 < len(tokens) and not tokens[k + 1].positional \
            and (unit := _cell_unit(tokens[k + 1].text)):
        return tokens[i:k], sign, unit, k + 2
    return None


def _sign_and_unit(text: str) -> Optional[tuple]:
    """(comparator, unit) of a cell holding both (≥ 人次, =元/人·月); None otherwise."""
    m = _SIGN_THEN_WORD.match(text)
    if m is None or m["sign"] not in spec()["comparators"]:
        return None
    unit = _cell_unit(m["unit"])
    return (m["sign"], unit) if unit else None


_SIGN_THEN_WORD = regex.compile(r"^\s*(?P<sign>[^\s\d\p{Han}]{1,2}|\p{Han}{2,3}于|\p{Han}{2}过)\s*(?P<unit>\S+)\s*$")


# a unit cell that says in brackets what its unit is (%(百分比), 人(人数)): the Hebei forms'
# 单位(文字描述) column
_UNIT_DESCRIBED = regex.compile(r"^\s*(?P<unit>[^（()）]+?)\s*[（(]\p{Han}{1,6}[)）]\s*$")


def _cell_unit(text: str) -> Optional[str]:
    """The unit a cell of its own holds, as written (None for any other cell)."""
    text = text.strip()
    units = vocab()["cell_units"]
    if text in units:
        return text
    m = _UNIT_DESCRIBED.match(text)
    return m["unit"] if m and m["unit"] in units else None


_COMPARATOR_FIGURE = regex.compile(r"^\s*(\D+?)\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*$")


def _comparator_and_figure(t: Token):
    """(comparator, figure's token) of a cell holding a comparator and a bare figure (≥ 2600)."""
    m = _COMPARATOR_FIGURE.match(t.text)
    if m is None or m.group(1) not in spec()["comparators"]:
        return None
    return m.group(1), t.piece(m.start(2), m.end(2))


def _spaced_label_head(tokens: list, i: int):
    """Where the label's second character ends in the next token, when tokens[i] is one Han
    character and it and the next token's first character make a total or label (总 | 分 100);
    else None."""
    t = tokens[i]
    if i + 1 >= len(tokens) or t.positional or tokens[i + 1].positional or len(t.text.strip()) != 1:
        return None
    rest = tokens[i + 1].text
    lead = len(rest) - len(rest.lstrip())
    head = rest[lead:lead + 1]
    if not head or not is_label(t.text.strip() + head) or rest[lead + 1:lead + 2] not in ("", " "):
        return None
    return lead + 1


def _join_split_labels(tokens: list) -> list:
    """A label broken over cells or lines where the shape keeps no cells (年初 / 预算数,
    年度 / 总体 / 目标) is one label again; the joined token keeps the first one's place."""
    out, i = [], 0
    while i < len(tokens):
        t = tokens[i]
        joined = None
        run = _letter_spaced_run(tokens, i)
        split = _spaced_label_head(tokens, i) if not run else None
        if split is not None:
            # 总  分 100 100: a two-character label spaced wide, its second character opening
            # the next cell's run (总 | 分 100 100)
            rest = tokens[i + 1]
            out.append(Token(t.block.text[t.start:rest.start + split], t.block, t.start, rest.start + split,
                             t.line, t.col, False) if rest.block is t.block else t)
            tail = rest.piece(split, len(rest.text))
            if tail.text.strip():
                out += _split_run_together(tail.piece(len(tail.text) - len(tail.text.lstrip()), len(tail.text)))
            i += 2
            continue
        if run:
            joined = run  # 产 出 指 标: one cell spaced to fill its width
        elif not t.positional and value_type(t.text) is None and (
                not is_label(bare(t.text)) or i + 1 < len(tokens) and not is_label(bare(tokens[i + 1].text))):
            # (a label's head may be a label too: 效益 / 指标 is 效益指标, 社会效益 / 指标 社会效益指标)
            text = bare(t.text)
            for k in range(1, 3):
                if i + k >= len(tokens) or tokens[i + k].positional or value_type(tokens[i + k].text):
                    break
                text += bare(tokens[i + k].text)
                if len(text) <= 12 and is_label(text):
                    joined = k
                    break
        if joined:
            last = tokens[i + joined]
            if last.block is t.block:  # the text between them as written, so quotes stay exact
                out.append(Token(t.block.text[t.start:last.end], t.block, t.start, last.end, t.line, t.col, False))
            else:
                out.append(Token("".join(x.text for x in tokens[i:i + joined + 1]), t.block, t.start, t.end,
                                 t.line, t.col, False))
            i += joined + 1
        else:
            out.append(t)
            i += 1
    return out


_UNIT_SUFFIXED = regex.compile(r"^\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*(万元|万|亿元|亿|元|分)\s*$")


def unit_cell(t: Token) -> Token:
    """A cell whose figure carries its own unit — money (1250.50万, 800万元) or points (20分):
    the figure's token carrying the unit, so it reads as a number of its block in its own
    unit (not the block's); any other cell as it is."""
    m = _UNIT_SUFFIXED.match(t.text)
    if m is None:
        return t
    out = t.piece(m.start(1), m.end(1))
    out.positional, out.col = t.positional, t.col
    out.unit = m.group(2) + ("元" if m.group(2) in ("万", "亿") else "")
    return out


_ONE_HAN = regex.compile(r"^\p{Han}$")


def _letter_spaced_run(tokens: list, i: int) -> int:
    """How many tokens after i continue a cell written one character a token (产 出 指 标),
    0 when tokens[i] starts none: three single characters or more on one line."""
    k = i
    while (k < len(tokens) and not tokens[k].positional and tokens[k].line == tokens[i].line
           and _ONE_HAN.match(tokens[k].text.strip())):
        k += 1
    return k - i - 1 if k - i >= 3 else 0


def with_unit_cells(figure: Token, comparator: Optional[str], unit: str) -> Token:
    """A bare figure's token carrying the comparator and unit its row writes in cells of
    their own (None: no comparator, as 定量 in 指标性质 says nothing of one)."""
    out = figure.piece(0, len(figure.text))
    comparator = comparator.strip() if comparator else None
    out.comparator = comparator if comparator in spec()["comparators"] else None
    out.unit = unit.strip()
    return out
