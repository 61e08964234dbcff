"""The real development set's scripts run on a machine without its texts (they are git-ignored
third-party text): they say so and score nothing. The layouts run_layouts.py re-lays texts out
in keep every figure's digits."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import regex

REALDEV = Path(__file__).resolve().parent.parent / "corpus" / "realdev"


def _module(name: str):
    sys.path.insert(0, str(REALDEV))
    try:
        spec = importlib.util.spec_from_file_location(name, REALDEV / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(REALDEV))


TEXT = "某县2022年度医疗救助资金绩效自评报告\n一、基本情况\n全年支出1,280.56万元，执行率95.5%，救助3200人。\n资金来源\n合计\n"


def test_the_scripts_score_nothing_without_texts(tmp_path, capsys):
    for name in ("run_eval", "run_layouts"):
        assert _module(name).main(["--split", "tune", "--texts", str(tmp_path)]) == 0
        assert "no texts present" in capsys.readouterr().err


def test_every_layout_keeps_the_figures_digits():
    layouts = _module("run_layouts").LAYOUTS
    digits = lambda t: regex.sub(r"\D", "", t.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    for name, layout in layouts.items():
        laid_out = regex.sub(r"(?m)^- \d+ -$", "", layout(TEXT * 6))  # (the page numbers it adds)
        assert digits(laid_out) == digits(TEXT * 6), name
    assert layouts["page_numbers"](TEXT * 6).count(" -\n") == 1
    assert layouts["double_spaced"](TEXT).count("\n") == 2 * TEXT.count("\n")
    assert "95.5 %" in layouts["units_spaced"](TEXT) and "3200 人" in layouts["units_spaced"](TEXT)
    assert "资 金 来 源" in layouts["letter_spaced_labels"](TEXT)
