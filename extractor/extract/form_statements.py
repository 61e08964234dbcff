"""What a form states of itself outside its blocks: a statement written label：value in one
cell (自评等级：优, 总分：98.91, 项目名称：…), a metadata cell and the value after it (项目名称 | X,
主管部门 | Y), and the grade (自评等级 | 优). A mixin of FormReader (form_reader.py), whose walk
calls these methods and whose form they fill."""
from __future__ import annotations

from typing import Optional

import regex

from .form_tokens import Token
from .form_vocab import LABEL_COLON, bare, canon, is_label, value_type, vocab

_LABEL_ALONE = regex.compile(r"^\s*([^：:\d]{2,12}?)\s*[：:]\s*$")  # (总分： with its figure the next cell)
_POINTS_VALUE = regex.compile(r"(\d+(?:\.\d+)?)\s*分?")


class FormStatementReader:
    def _read_label_colon(self, i: int) -> int:
        """How many tokens from i a statement of the form's own takes (自评等级：优, 总分：98.91,
        项目名称：…), its figure maybe a token of its own on the line (总分： | 98.91); 0 if none."""
        t = self.tokens[i]
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt is not None and nxt.line == t.line and (alone := _LABEL_ALONE.match(t.text)) is not None \
                and self._total_stated(bare(alone.group(1)), nxt, len(nxt.text) - len(nxt.text.lstrip()),
                                       len(nxt.text.rstrip())):
            return 2
        m = LABEL_COLON.match(t.text)
        if m is None or t.merged:
            return 0
        key, value = bare(m.group(1)), m.group(2)
        if key in vocab()["grade_cell"] and self._grade_word(value):
            word = self._grade_word(value)
            self.form["grade"] = {"text": word, "source": t.source(m.start(2), m.start(2) + len(word))}
            return 1
        if self._total_stated(key, t, m.start(2), m.end(2)):
            return 1
        if key in vocab()["meta"] and self.indicators is None and value_type(value) is None:
            entry = {"text": value, "source": t.source(m.start(2), m.end(2))}
            self.form["meta"].setdefault(vocab()["meta"][key], []).append(entry)
            return 1
        return 0

    def _total_stated(self, key: str, t: Token, start: int, end: int) -> bool:
        """自评总分：97.5分 in a line under the indicator block (or under a fund block whose
        indicators were lines no table holds), or 项目总得分：96.5分 under the form's title before
        its blocks: the form's total (its rows wrote none), checked against them like a total
        row's. `key` the label, t.text[start:end] the value. A total naming points only (总分, not
        合计, which may be money)."""
        head = self.indicators is None and not self.form["indicators"] and not self.form["funds"] and not self.fund_columns
        points = _POINTS_VALUE.fullmatch(t.text[start:end])
        if not (key in vocab()["score_cell"] or key in vocab()["total"] and "分" in key) or points is None \
                or not (self.indicators is not None or head or self.form["funds"]) or self.form["total_score"] is not None:
            return False
        fact = self.index.fact_for(t.piece(start, start + points.end(1)), "分", "总分", "总分",
                                   {"form": self.form["id"], "slot": "total"})
        self.form["total_score"] = fact.id if fact else None
        self.rows_closed = fact is not None and not head  # (what follows is a sign-off, not rows)
        return fact is not None

    # -- metadata cells (项目名称 | X, 主管部门 | Y)
    def _read_meta(self, i: int, key: str) -> int:
        j = self._next_filled(i + 1)
        if j is not None and j - i <= 3 and not is_label(bare(self.tokens[j].text)) and value_type(self.tokens[j].text) is None:
            self.form["meta"].setdefault(key, [])
            self.form["meta"][key].append({"text": self.tokens[j].text.strip(), "source": self.tokens[j].source()})
            self._note_unit(j)  # (实施单位 | 某县农业局单位：万元: a unit line run into the cell)
            return j + 1
        return i + 1

    # -- 等级
    def _grade_word(self, text: str) -> Optional[str]:
        t = canon(text)
        for word in vocab()["grade"]:
            if t == word or (t.startswith(word) and len(t) <= len(word) + 6 and "（" in t):
                return word
        return None

    def _read_grade(self, j: int) -> int:
        for k in range(j, min(j + 3, len(self.tokens))):
            word = self._grade_word(self.tokens[k].text)
            if word:
                t = self.tokens[k]
                self.form["grade"] = {"text": word, "source": t.source(0, len(t.text.rstrip()))}
                return k + 1
        return j
