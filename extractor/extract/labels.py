"""Naming what a figure measures, from the words around it in its clause.

The label vocabulary is data (patterns/labels.json): label → trigger terms, optionally only
for some fact kinds (兜底 before a headcount is 兜底人数, before an amount it is not). Counts
(11个乡镇, 99个村卫生室) are named by what they count: the word after the unit, segmented with
jieba and a domain user dictionary (patterns/jieba_userdict.txt)."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Optional

import regex

from ..document_caches import document_cache
from ..patterns import load_json, pattern_path
from .sentences import sentence_bounds, same_sentence

# Clause boundaries: a label never reaches across these.
# (a comma between digits is a thousands separator: 1,987,620.00元 is one figure)
_CLAUSE_BREAK = regex.compile(r"[，。；;！？：:、（）()\n]|,(?!\d{3})")
YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_WEIGHT_AFTER_NAME = regex.compile(r"[（(]\s*$")
_CJK_WORD = regex.compile(r"^\p{Han}{2,6}$")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return load_json("labels.json")


@lru_cache(maxsize=1)
def _rate_suffix():
    return regex.compile(_vocab()["rate_suffix"])


@lru_cache(maxsize=1)
def _label_index() -> list:
    return _term_index(_vocab()["labels"])


@lru_cache(maxsize=1)
def _label_kinds() -> dict:
    """label → the fact kinds it applies to, for labels limited to some kinds."""
    return {label: frozenset(entry["kinds"]) for label, entry in _vocab()["labels"].items() if isinstance(entry, dict)}


def _applies(label: str, kind: str) -> bool:
    kinds = _label_kinds().get(label)
    return kinds is None or kind in kinds


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(pattern_path("jieba_userdict.txt")))
    return tokenizer


def dictionary_word(text: str) -> bool:
    """Is the text a word of jieba's dictionary (or of ours added to it)?"""
    tokenizer = _jieba()
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(text, 0) > 0


@document_cache(maxsize=8192)  # asked for the same figure by its label, its list and its context
def clause_before(text: str, start: int, limit: int = 40) -> str:
    lo = max(0, start - limit)
    head = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def clause_after(text: str, end: int, limit: int = 20) -> str:
    tail = text[end:end + limit]
    m = _CLAUSE_BREAK.search(tail)
    return tail[:m.start()] if m else tail


def label_for(text: str, start: int, kind: str = "", end: Optional[int] = None, others: tuple = ()) -> Optional[str]:
    """The label for the figure at text[start:end] of the given kind, from its own words.
    `others` are the (start, end, kind) of the other figures in the text: a term right
    before another figure names that figure, not this one. A figure this leaves unnamed
    can still take the name of the list it stands in (see name_list_items)."""
    if kind == "score" and _WEIGHT_AFTER_NAME.search(text[max(0, start - 2):start]):
        return "分值"  # 绩效目标合理性（3分）: the weight an indicator carries
    formula = formula_name(text, start)
    if formula:
        found = _closest_label(formula, kind, at_end=True) or _rate_word(formula)
        if found:
            return found
    if end is not None:
        done = _done_after(clause_after(text, end), kind)
        if done:
            return done
    if kind == "count" and end is not None:
        counted = counted_noun(text, end)
        if counted:
            return count_label(counted)
    clause = clause_before(text, start)
    lo = start - len(clause)
    if kind == "person_times":
        found = _person_times_label(text, lo, start, others)
        if found:
            return found
    # a figure that abuts this one shares its term (报销47549人次11.19万元); one with words
    # between takes the term before it (起付线降低50%即为4500元: 降低 is the 50%'s)
    # `others` are in text order: the figures inside the clause are one slice of them
    inside = others[bisect_left(others, (lo,)):bisect_left(others, (start,))]
    taken = [s - lo for s, e, _ in inside if text[e:start].strip()]
    found = _closest_label(clause, kind, taken)
    if found is None and kind == "percent":
        found = _rate_word(clause)
    if found is None and end is not None:
        after = clause_after(text, end)
        for label, terms in _vocab().get("after_terms", {}).items():
            if _applies(label, kind) and any(after[:4].find(t) >= 0 for t in terms):
                return label
    if found is None and not clause.strip():
        prev_end = start - len(clause) - 1
        if prev_end > 0:
            found = _closest_label(clause_before(text, prev_end), kind)
    return found


def _done_after(after: str, kind: str) -> Optional[str]:
    """共计31人参加新系统培训 → 培训人数: what the figure's people did, said right after it."""
    for label, pattern in _after_patterns():
        if _applies(label, kind) and pattern.search(after):
            return label
    return None


@lru_cache(maxsize=1)
def _after_patterns() -> list:
    return [(label, regex.compile(p)) for label, p in _vocab()["after_patterns"].items()]


def name_list_items(text: str, figures: list) -> list:
    """Labels for figures that label_for left unnamed, from the list each stands in.

    `figures` are (start, end, kind, label) in text order. A figure whose clause opens a
    list after a colon or bracket takes the name its head gives: the head's words when
    they end in a list word (在职人员中：…21人; 满意度分别为：…), else the figure the head
    ends with (问卷90份（员工30份…）), or for a bare 其中： the figure before it. The next
    items of such a list, and of a 、 list (99.9%、97.14%、93.9%), take the label of the
    item before them. What is still unnamed is a count named by the word before it
    (受理案件1434起), or gets the kind's default label."""
    labels = [f[3] for f in figures]
    listed = [False] * len(figures)  # named by the list it stands in
    respectively = {}  # kind -> (label, end of its sentence) while a 分别为 list runs
    of_kind: dict = {}  # kind -> the indices of the figures of that kind so far
    for i, (start, end, kind, label) in enumerate(figures):
        same_kind = of_kind.get(kind, ())
        of_kind[kind] = same_kind + (i,)
        running = respectively.get(kind)
        if running and start < running[1]:
            labels[i], listed[i] = running[0], True
            continue
        lo = start - len(clause_before(text, start))
        sep = text[lo - 1] if lo > 0 else ""
        opens_list = sep and sep in "：:（("
        if opens_list and clause_before(text, lo - 1).endswith(tuple(_vocab()["respectively"])):
            head = _list_head_label(text, lo - 1, kind, figures, same_kind, labels)
            if head:  # 满意度分别为：参保群众92.1%…: the items' own words say whose, not what
                respectively[kind] = (head, sentence_bounds(text, start)[1])
                labels[i], listed[i] = head, True
                continue
        if label is not None:
            continue
        clause = text[lo:start]
        if clause.startswith(tuple(w for w in _vocab()["list_heads"] if len(w) > 1)):  # …，包括人员经费493.12万元
            labels[i] = _figure_before(text, lo, figures, same_kind, labels)
        elif opens_list:
            labels[i] = _list_head_label(text, lo - 1, kind, figures, same_kind, labels)
        elif sep and sep in "，,、":
            prev_lo = lo - 1 - len(clause_before(text, lo - 1))
            prev = [j for j in same_kind if prev_lo <= figures[j][0] < lo - 1]
            if prev and (listed[prev[-1]] or sep == "、"):
                labels[i] = labels[prev[-1]]
        listed[i] = labels[i] is not None
        if labels[i] is None and kind == "count":
            before = list(_jieba().cut(clause_before(text, start)))
            if before and _CJK_WORD.match(before[-1]):
                labels[i] = count_label(before[-1])
        if labels[i] is None:
            labels[i] = _vocab()["kind_defaults"].get(kind)
    return labels


def _list_head_label(text: str, sep: int, kind: str, figures: list, same_kind: list, labels: list) -> Optional[str]:
    head = clause_before(text, sep)
    if head in _vocab()["list_heads"]:  # a bare 其中： breaks down the figure before it
        return _figure_before(text, sep, figures, same_kind, labels)
    for word in _vocab()["list_heads"]:
        if head.endswith(word):
            return _closest_label(head.removesuffix(word), kind)
    owner = [j for j in same_kind if sep - len(head) <= figures[j][0] and figures[j][1] <= sep]
    return labels[owner[-1]] if owner else None


def _figure_before(text: str, pos: int, figures: list, same_kind: list, labels: list) -> Optional[str]:
    """The label of the last figure of the kind before pos in the same sentence."""
    owner = [j for j in same_kind if figures[j][1] <= pos and same_sentence(text, figures[j][1], pos)]
    return labels[owner[-1]] if owner else None


_FORMULA_RESULT = regex.compile(r"[=＝]\s*$")
_FORMULA_START = regex.compile(r"[，,。；;：:\n]")
_FORMULA_NOISE = regex.compile(r"[“”\"「」‘’\s]")


def formula_name(text: str, start: int) -> Optional[str]:
    """预算控制率=（本年预算追加数÷年初预算）×100%=10.12%: the name a formula's result is
    given on its left-hand side (预算控制率), or None when the figure ends no formula."""
    head = text[max(0, start - 160):start]
    if ("=" not in head and "＝" not in head) or not _FORMULA_RESULT.search(head):
        return None
    breaks = list(_FORMULA_START.finditer(head))
    segment = head[breaks[-1].end():] if breaks else head
    name = _FORMULA_NOISE.sub("", regex.split(r"[=＝]", segment, maxsplit=1)[0])
    return name if 2 <= len(name) <= 30 and segment.count("=") + segment.count("＝") >= 2 else None


def rate_word_spellings(word: str) -> list:
    """A rate word as the text may write it: itself, and the words labels.json names by it
    (覆盖面 for 覆盖率)."""
    return [word] + [w for w, usual in _vocab()["rate_synonyms"].items() if usual == word]


def _rate_word(clause: str) -> Optional[str]:
    """贫困人口签约率为 → 签约率: the rate noun itself, without whose rate it is (the
    subject's words belong to the subject, and a bare rate word compares across reports)."""
    m = _rate_suffix().search(clause)
    if not m:
        return None
    words = list(_jieba().cut(m.group("rate")))
    if len(words) > 1 and len(words[-1]) == 1 or words[-1] in ("比例", "比重"):  # 救治/率
        return words[-2] + words[-1]
    return _vocab()["rate_synonyms"].get(words[-1], words[-1])


def _person_times_label(text: str, lo: int, start: int, others: tuple) -> Optional[str]:
    """住院报销61,847人次 → 住院人次: the kind of care in the figure's clause, else the one
    named earlier in its sentence and not taken by another 人次 figure, else the act
    counted (补偿64226人次 → 补偿人次)."""
    care_terms, act_terms = _person_times_index()
    care = _closest_label(text[lo:start], "", vocabulary=care_terms)
    if care:
        return care
    sentence_lo = sentence_bounds(text, lo, reach=120)[0]
    earlier = [s for s, _, k in others if k == "person_times" and sentence_lo <= s < lo]
    care = _closest_label(text[max([sentence_lo] + earlier):lo], "", vocabulary=care_terms)
    return care or _closest_label(text[lo:start], "", vocabulary=act_terms)


@lru_cache(maxsize=1)
def _person_times_index() -> tuple:
    spec = _vocab()["person_times"]
    return _term_index(spec["care"]), _term_index(spec["acts"])


def counted_noun(text: str, end: int) -> Optional[str]:
    """11个乡镇 → 乡镇: the first word after a count's unit."""
    after = clause_after(text, end, 8)
    if not after:
        return None
    known = [n for nouns in _vocab()["count_nouns"].values() if isinstance(nouns, list) for n in nouns
             if after.startswith(n)]
    if known:  # the vocabulary's own nouns, which jieba may split (定点/药店)
        return max(known, key=len)
    words = list(_jieba().cut(after))
    first = words[0] if words else ""
    return first if _CJK_WORD.match(first) else None


def count_label(noun: str) -> str:
    """What a count counts, as a label: the vocabulary's canonical name (协议药店 → 药店数)
    so reports that word it differently compare, else the noun with the count suffix."""
    for label, nouns in _vocab()["count_nouns"].items():
        if isinstance(nouns, list) and noun in nouns:
            return label
    return noun + _vocab()["count_label_suffix"]


def _term_index(labels: dict) -> list:
    """[(term, label, kinds or None)] longest terms first, from {label: terms or {terms, kinds}}."""
    pairs = []
    for label, entry in labels.items():
        if label.startswith("_"):
            continue
        terms, kinds = (entry, None) if isinstance(entry, list) else (entry["terms"], frozenset(entry["kinds"]))
        pairs += [(term, label, kinds) for term in terms]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def _closest_label(clause: str, kind: str = "", taken: list = (), vocabulary: Optional[list] = None,
                   at_end: bool = False) -> Optional[str]:
    """The label whose term ends closest before the end of the clause; longer terms, then
    terms for this kind, win ties. The term closest before each position in `taken` (where
    another figure starts) belongs to that figure and is passed over; a change word that
    leads into a new level (提高到70%) names no change."""
    by_last_char = _by_last_char(id(vocabulary) if vocabulary is not None else None, vocabulary, kind)
    level_words = _vocab()["change_to_level"]
    found = []  # (end, length, kind-specific, label): each entry's last fitting occurrence
    seen = set()
    for end in range(len(clause), 0, -1):  # one scan from the right, not one rfind per term
        entries = by_last_char.get(clause[end - 1])
        if entries is None:
            continue
        for n, term, label, specific in entries:
            if n in seen or not clause.startswith(term, end - len(term)):
                continue
            if label in _CHANGE_LABELS and clause[end:end + 1] in level_words:
                continue
            seen.add(n)
            found.append((end, len(term), specific, label))
    for t in taken:
        before = [f for f in found if f[0] <= t]
        if before:
            found.remove(max(before))
    if at_end:  # a name ending in its own rate word (预算调整率) is not named by a word inside it
        found = [f for f in found if f[0] == len(clause)]
    return max(found)[3] if found else None


# keyed by the term list's id and the fact kind: every term list passed in is built once
# per process (lru_cache) and lives as long as it, so its id names it; hashing the list on
# every call would cost more than the scan it saves
_INDEXES: dict = {}


def _by_last_char(key, vocabulary: Optional[list], kind: str) -> dict:
    """last character → [(entry number, term, label, kind-specific)] of the terms of a term
    index that apply to `kind`, built once per index and kind."""
    index = _INDEXES.get((key, kind))
    if index is None:
        index = {}
        for n, (term, label, kinds) in enumerate(vocabulary if vocabulary is not None else _label_index()):
            if term and (kinds is None or kind in kinds):
                index.setdefault(term[-1], []).append((n, term, label, kinds is not None))
        _INDEXES[(key, kind)] = index
    return index


_CHANGE_LABELS = {"增加", "减少", "增长率", "变动率"}


def label_of_header(path: list, kind: str = "") -> str:
    """A column as a label: the vocabulary's name for its header when a term covers most of
    it (清退兜底人数（人） → 清退人数, 当年缴费标准 → 缴费标准), else the header without its
    unit; a plain header (人数, 金额) takes its column group in front (计划人数), a subtotal
    column (小计) its group's label; a part's column under a merged 其中 (其中：上年结转) is
    named as the part."""
    bare = _PART_MARK.sub("", bare_header(path[-1]))
    if bare in _vocab().get("generic_headers", []) and len(path) > 1:
        return bare_header(path[-2]) + bare
    if bare in _vocab().get("subtotal_headers", []) and len(path) > 1:
        return label_of_header(path[:-1], kind)  # 实际支出 › 小计: the group's total is the group
    for term, label, kinds in _label_index():
        if (kinds is None or kind in kinds) and term in bare and len(term) >= 0.6 * len(bare):
            return label
    return bare or path[-1]


def bare_header(header: str) -> str:
    """A column header without its unit: 兜底人数（人） → 兜底人数."""
    return _BRACKETED.sub("", header).strip()


_BRACKETED = regex.compile(r"[（(][^（）()]*[)）]")
_PART_MARK = regex.compile(r"^其中\s*[:：]\s*")


def year_for(text: str, start: int) -> Optional[int]:
    """The year named in the figure's sentence before it (2017年 …), if any."""
    lo = sentence_bounds(text, start, reach=80)[0]
    years = YEAR.findall(text, lo, start)
    return int(years[-1]) if years else None
