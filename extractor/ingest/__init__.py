"""Ingest: one module per format, all producing a `Document`.

`load_document` picks the module by the file's bytes first (a .pdf that is not a PDF
is an error, not a parse attempt) and by its suffix second."""
from __future__ import annotations

from pathlib import Path

from ..errors import IngestError, UnsupportedFormat
from ..model import Document

SUPPORTED_SUFFIXES = {".txt", ".docx", ".pdf", ".doc", ".wps", ".xlsx"}


def sniff_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedFormat(f"unsupported file type '{suffix or '(none)'}' (supported: "
                                + ", ".join(sorted(SUPPORTED_SUFFIXES)) + ")")
    if not head:
        raise IngestError("file is empty", code="empty")
    if suffix == ".pdf":
        if b"%PDF-" not in head[:1024]:
            raise IngestError("not a PDF: the file does not start with a PDF header", code="not_pdf")
        return "pdf"
    if suffix == ".docx":
        if not head.startswith(b"PK"):
            raise IngestError("not a .docx: the file is not a zip package (corrupt, or another format renamed)",
                              code="corrupt_docx")
        return "docx"
    if suffix == ".xlsx":
        if not head.startswith(b"PK"):
            raise IngestError("not an .xlsx: the file is not a zip package", code="corrupt_xlsx")
        return "xlsx"
    if suffix in (".doc", ".wps"):
        return suffix[1:]
    return "txt"


def read_input(path) -> bytes:
    """A file's bytes, or an IngestError that says why they cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise IngestError(f"cannot read file: {e.strerror or e}", code="unreadable")


def load_document(path, data: bytes | None = None) -> Document:
    path = Path(path)
    if data is None:
        data = read_input(path)
    fmt = sniff_format(path, data[:2048])
    if fmt == "txt":
        from .txt import read_txt
        return read_txt(path, data)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(path, data)
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(path, data)
    if fmt == "xlsx":
        from .xlsx import read_xlsx
        return read_xlsx(path, data)
    from .legacy import read_legacy_word
    return read_legacy_word(path, data)
