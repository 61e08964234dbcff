"""extractor: structured, checkable data from Chinese performance-evaluation reports."""

__version__ = "0.1.0"


def load_dataset(db):
    """The one-row-per-report dataset of a store as a pandas DataFrame."""
    from .dataset import reports_frame
    from .store import Store

    with Store(db) as store:
        return reports_frame(store.records())


def extract_file(path):
    """The ReportRecord (a dict) for one file."""
    from .pipeline import extract_file as _extract

    return _extract(path)


def to_spacy(record, nlp=None):
    """The report as a spacy.tokens.Doc with every fact an entity (needs the [spacy] extra)."""
    from .spacy_doc import to_spacy as _to_spacy

    return _to_spacy(record, nlp)
