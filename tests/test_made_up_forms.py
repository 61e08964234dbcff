"""Self-evaluation forms (project, department-wide, transfer) made up by bench/form_variants.py (invented figures, headers
drawn from the variants provinces print, every shape the archives give): every figure of a
clean form is read, in every shape, and nothing else; a form a converter has roughed up
(header words split, rows padded, names broken over lines) gives no figure it does not hold."""
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import form_variants  # noqa: E402

from extractor.pipeline import extract_file  # noqa: E402


def _read(tmp_path, rows, shape) -> Counter:
    path = tmp_path / f"{shape}.txt"
    path.write_text(form_variants._written(rows, shape), encoding="utf-8")
    return Counter(form_variants._key(f["kind"], f["value"], f["unit"]) for f in extract_file(path)["facts"]
                   if f["kind"] in form_variants._LISTED)


@pytest.mark.parametrize("n", range(6))
def test_a_made_up_form_is_read_whole_in_every_shape(tmp_path, n):
    rows, gold, variant = form_variants.make_forms(6, 7, noise=False)[n]
    want = Counter(form_variants._key(*g) for g in gold)
    for shape in form_variants._SHAPES:
        assert _read(tmp_path, rows, shape) == want, (shape, variant)


@pytest.mark.parametrize("n", range(6))
def test_a_roughed_up_form_gives_no_figure_it_does_not_hold(tmp_path, n):
    rows, gold, variant = form_variants.make_forms(6, 7, noise=True)[n]
    want = Counter(form_variants._key(*g) for g in gold)
    for shape in form_variants._SHAPES:
        assert not _read(tmp_path, rows, shape) - want, (shape, variant)


def _flags(tmp_path, rows, shape) -> list:
    path = tmp_path / f"{shape}.txt"
    path.write_text(form_variants._written(rows, shape), encoding="utf-8")
    return extract_file(path)["flags"]


@pytest.mark.parametrize("n", range(8))
def test_a_made_up_form_with_one_inconsistency_is_flagged_in_every_shape(tmp_path, n):
    rows, gold, variant = form_variants.make_forms(8, 3, noise=False, inject=True)[n]
    rule = form_variants.INJECTIONS[variant["inject"]]
    for shape in form_variants._SHAPES:
        flags = _flags(tmp_path, rows, shape)
        assert rule in {f["rule"] for f in flags if f["severity"] in ("error", "warning")}, (shape, variant)
        assert not [f for f in flags if f["severity"] == "error" and f["rule"] != rule], (shape, variant)


@pytest.mark.parametrize("n", range(4))
def test_a_clean_made_up_form_raises_no_error(tmp_path, n):
    rows, gold, variant = form_variants.make_forms(4, 11, noise=False)[n]
    for shape in form_variants._SHAPES:
        assert not [f for f in _flags(tmp_path, rows, shape) if f["severity"] == "error"], (shape, variant)
