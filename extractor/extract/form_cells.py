"""A form's cells again where a text layer or a web page lost them (cells_again, in this
order): labels spotted in runs of text with no cell breaks and cells run together split
(form_split_cells.py); a label broken over two tokens joined; a bracketed weight opened, a
bracketed unit joined to its row's name, 执行率得分 split into its two columns; then the
glued and scored rows cut (form_glued.py, form_scored_runs.py) and a target written over
three cells joined (form_unit_cells.py)."""
from __future__ import annotations

from decimal import Decimal

import regex

from .form_glued import split_glued_rows
from .form_scored_runs import split_scored_runs
from .form_split_cells import split_run_together, spot_labels, spotted_labels
from .form_tokens import Token
from .form_unit_cells import join_split_targets
from .form_vocab import bare, is_label, value_type, vocab


def cells_again(tokens: list) -> list:
    """Tokens as the form's cells: labels found in runs of text with no cell breaks, a
    label and a figure run together split, a label broken over two tokens joined."""
    if not any(spotted_labels().search(t.text) for t in tokens):
        return tokens  # no fixed label anywhere: not a form (and nothing to pay for)
    tokens = _join_split_labels([p for t in tokens for s in spot_labels(t) for p in split_run_together(s)])
    tokens = _join_bracketed_units(_bracketed_weights_opened(tokens))
    return join_split_targets(split_glued_rows(split_scored_runs(_rate_and_score_apart(tokens))))


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
                out += split_run_together(tail.piece(len(tail.text) - len(tail.text.lstrip()), len(tail.text)))
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


_ONE_HAN = regex.compile(r"^\p{Han}$")


def _letter_spaced_run(tokens: list, i: int) -> int:
    """How many tokens after i continue a cell written one character a token (产 出 指 标),
    0 when tokens[i] starts none: three single characters or more on one line."""
    k = i
    while (k < len(tokens) and not tokens[k].positional and tokens[k].line == tokens[i].line
           and _ONE_HAN.match(tokens[k].text.strip())):
        k += 1
    return k - i - 1 if k - i >= 3 else 0
