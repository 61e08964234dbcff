"""extractor: structured, checkable data from Chinese performance-evaluation reports."""

__version__ = "0.1.0"
