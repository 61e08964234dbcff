"""Caches that live for one document.

Some questions are asked several times while one report is read (a figure's clause, by
its label, its list and its context; a line, as the line and then as the one before the
next). Their answers are kept for that document only: `pipeline.extract_file` clears them
before each file, so a long batch holds no text of earlier reports, and a benchmark that
reads the same file again measures the work, not the cache.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

_CACHES: list = []


def document_cache(maxsize: int) -> Callable:
    def wrap(fn: Callable) -> Callable:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached
    return wrap


def clear_document_caches() -> None:
    for cached in _CACHES:
        cached.cache_clear()
