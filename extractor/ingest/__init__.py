"""Ingest: one module per format, all producing a `Document`.

`load_document` picks the module by the file's bytes first (a .pdf that is not a PDF
is an error, not a parse attempt) and by its suffix second."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import IngestError, UnsupportedFormat
from ..model import Document
from .han_script import simplify_blocks

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
MHTML_SUFFIXES = {".mht", ".mhtml"}
SHEET_SUFFIXES = {".xls", ".et", ".ods"}  # calamine: see sheets.py
SUPPORTED_SUFFIXES = ({".txt", ".csv", ".docx", ".pdf", ".doc", ".wps", ".xlsx", ".ofd"} | HTML_SUFFIXES | MHTML_SUFFIXES
                      | SHEET_SUFFIXES)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b",
                         re.IGNORECASE | re.DOTALL)
_HEADER_LINE = re.compile(rb"^\s*[\x21-\x39\x3b-\x7e]+:")


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
    if suffix == ".ofd":
        if not head.startswith(b"PK"):  # OFD.xml inside is the reader's to find
            raise IngestError("not an OFD: the file is not a zip package", code="corrupt_ofd")
        return "ofd"
    if suffix in (".doc", ".wps"):
        return suffix[1:]
    if suffix == ".csv":
        return "csv"
    if suffix in SHEET_SUFFIXES:
        from .sheets import sniff_sheet
        return sniff_sheet(suffix, head)
    if suffix in HTML_SUFFIXES | MHTML_SUFFIXES:
        return _sniff_web_page(suffix, head)
    return "txt"


def _sniff_web_page(suffix: str, head: bytes) -> str:
    """A saved page is what its bytes say: a MIME archive renamed .html is read as
    MHTML, an .mht that is plain HTML as HTML."""
    from .mhtml import looks_like_mime

    if looks_like_mime(head):
        return "mhtml"
    if suffix in HTML_SUFFIXES or _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    if _HEADER_LINE.match(head):
        return "mhtml"  # an archive whose headers run past the first 2 KB: the MIME parser decides
    raise IngestError("not an MHTML archive: the file has no MIME headers and is not a web page", code="corrupt_mhtml")


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
    if fmt != "pdf":
        _only_ocr_passes_over(fmt)
    doc = _read(path, data, fmt)
    if fmt not in _CONVERTED_AS_TEXT:
        simplify_blocks(doc)
    return doc


# .txt and web pages are read in simplified characters before they are parsed (han_script.simplified)
_CONVERTED_AS_TEXT = ("txt", "html", "mhtml")


def _read(path: Path, data: bytes, fmt: str) -> Document:
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
    if fmt == "ofd":
        from .ofd import read_ofd
        return read_ofd(path, data)
    if fmt == "csv":
        from .csv_rows import read_csv
        return read_csv(path, data)
    if fmt == "sheet":
        from .sheets import read_sheet
        return read_sheet(path, data)
    if fmt == "html":
        from .html import read_html
        return read_html(path, data)
    if fmt == "mhtml":
        from .mhtml import read_mhtml
        return read_mhtml(path, data)
    from .legacy import read_legacy_word
    return read_legacy_word(path, data)


def _only_ocr_passes_over(fmt: str) -> None:
    """Under --only-ocr only scans are read: every other format has its text without OCR."""
    from .ocr_budget import OcrDeferred, current

    if current().mode == "only":
        raise OcrDeferred(f"a {fmt} file needs no OCR: left for a run without --only-ocr / "
                          "此文件不需要 OCR，留待不带 --only-ocr 的运行", code="no_ocr_needed")
