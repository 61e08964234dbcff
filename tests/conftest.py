from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "corpus"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt")) if SEEDS.exists() else []

needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason=f"real seed reports not found at {SEEDS} "
                                 "(they live in ../shared/seeds beside the project)")


def text_record(tmp_path, text: str, name: str = "report.txt") -> dict:
    """The record of a .txt file named `name` holding `text` (UTF-8), written in tmp_path."""
    from extractor.pipeline import extract_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_file(path)


def error_flags(record: dict, rule: str = None) -> list:
    """The record's flags of severity error (of `rule` only, where given)."""
    return [f for f in record["flags"] if f["severity"] == "error" and (rule is None or f["rule"] == rule)]
