"""Access to the vocabularies in patterns/ (data, not code)."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"


def pattern_path(name: str) -> Path:
    path = PATTERNS_DIR / name
    if not path.exists():
        raise FileNotFoundError(f"vocabulary file missing: {path}")
    return path


@lru_cache(maxsize=None)
def load_json(name: str):
    with open(pattern_path(name), encoding="utf-8") as f:
        return json.load(f)
