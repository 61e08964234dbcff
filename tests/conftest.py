from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "corpus"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt")) if SEEDS.exists() else []

needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason=f"real seed reports not found at {SEEDS} "
                                 "(they live in ../shared/seeds beside the project)")
