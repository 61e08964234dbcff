"""A form's fixed labels as a document-sharing site's text recognition misreads them, one
character wrong (全年预匏数 for 全年预算数, 三级指际 for 三级指标, 顼目名称 for 项目名称): read
as the labels they are, so that the form's cells are found.

A spelling is taken for a label only in a text that states at least a few of the form's
labels exactly and never that one; it differs from the label in one letter, the rest the
same, is no label of the vocabulary itself, and stands among the form's labels (one of
them within a few characters), as header cells do. Its wrong letter makes no word with a
letter beside it (预期指标, 预定目标, 资助情况 are words of their own, not 预期目标 or 资金情况
misread; 顼目, 预匏, 指际 are none). A spelling whose wrong letter is its
first or last stands as a cell of its own: a label, a figure, a break or the line's end on
that side (实际完成情况 is no 实际完成值 misread, nor 全年实际完成值 a 全年实际值). One letter
replaces one letter, so every character keeps its place and the source of every figure is
unchanged."""
from __future__ import annotations

from functools import lru_cache

import regex

from .form_vocab import bare, spec, vocab
from .labels import dictionary_word

_LETTER = regex.compile(r"[\p{Han}A-Za-z]")
_NEAR = 16  # characters either side of a spelling within which another label must stand


@lru_cache(maxsize=1)
def _labels() -> tuple:
    s = spec()["ocr_read_labels"]
    return s["min_labels"], tuple(label for label in s["labels"] if len(label) >= 4)


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset:
    """Every label the form vocabulary knows (bare): a spelling that is one is no misreading."""
    v = vocab()
    return frozenset(key for part in ("meta", "fund_col", "fund_row", "ind_col", "ind_head", "ind_name_cells",
                                      "level1", "level2", "total", "score_cell", "grade_cell", "goal_label")
                     for key in v[part])


def label_repairs(text: str) -> dict:
    """{misread spelling: label} for one document's text; {} for nearly every text."""
    fewest, labels = _labels()
    present = [label for label in labels if label in text]
    if len(present) < fewest:
        return {}
    out: dict = {}
    for label in labels:
        if label in present:
            continue
        for start in _one_letter_off(text, label):
            spelling = text[start:start + len(label)]
            if spelling not in out and bare(spelling) not in _vocabulary() \
                    and _among_labels(text, start, start + len(label), present):
                out[spelling] = label
    return out


def repaired(text: str, repairs: dict) -> str:
    """The text with each misread spelling written as its label (the same length)."""
    for spelling, label in repairs.items():
        text = text.replace(spelling, label)
    return text


def _one_letter_off(text: str, label: str):
    """Starts of the places where the text spells the label with one letter wrong: one half of
    a one-letter slip is always written right, so only the places of either half are compared."""
    half = len(label) // 2
    seen = set()
    for piece, shift in ((label[:half], 0), (label[half:], half)):
        k = text.find(piece)
        while k != -1:
            start = k - shift
            if start not in seen and 0 <= start and start + len(label) <= len(text):
                seen.add(start)
                window = text[start:start + len(label)]
                wrong = [i for i, (a, b) in enumerate(zip(window, label)) if a != b]
                if len(wrong) == 1 and _LETTER.match(window[wrong[0]]) and not _makes_a_word(window, wrong[0]) \
                        and (wrong[0] != 0 or _cell_ends_before(text, start)) \
                        and (wrong[0] != len(label) - 1 or _cell_starts_at(text, start + len(label))):
                    yield start
            k = text.find(piece, k + 1)


def _among_labels(text: str, start: int, end: int, labels: list) -> bool:
    near = text[max(0, start - _NEAR):end + _NEAR]
    return any(label in near for label in labels)


def _cell_starts_at(text: str, k: int) -> bool:
    """Does a new cell start at k: the text's end, a break, a figure or a label?"""
    if k >= len(text) or not _LETTER.match(text[k]):
        return True
    return any(text.startswith(label, k) for label in _vocabulary())


def _cell_ends_before(text: str, k: int) -> bool:
    """Does a cell end right before k: the text's start, a break, a figure or a label?"""
    if k == 0 or not _LETTER.match(text[k - 1]):
        return True
    return any(text.endswith(label, 0, k) for label in _vocabulary())


def _makes_a_word(spelling: str, k: int) -> bool:
    """Does the letter at k make a word of the dictionary with a letter beside it?"""
    return any(dictionary_word(spelling[a:a + 2]) for a in (k - 1, k) if 0 <= a and a + 2 <= len(spelling))
