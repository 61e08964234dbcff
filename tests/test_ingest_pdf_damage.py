"""A PDF with one damaged page: the other pages are read, the lost one is named
(source.pages_failed, a warning in errors and in the manifest)."""
import re

import pytest

from conftest import CORPUS
from extractor.errors import IngestError
from extractor.pipeline import extract_file

PDF = CORPUS / "e_rendered.pdf"


def with_broken_page_object(data: bytes, page: int) -> bytes:
    """The `page`-th page object's header made unreadable ("4 0 obj" → "4 ~ obj"): PDFium
    then cannot load that page, and only that one."""
    headers = list(re.finditer(rb"(\d+) 0 obj\s*<<\s*/Type\s*/Page\b(?!s)", data))
    at = headers[page - 1].start(1) + len(headers[page - 1].group(1)) + 1
    return data[:at] + b"~" + data[at + 1:]


def test_a_damaged_page_is_skipped_and_named(tmp_path):
    clean = extract_file(tmp_path / "r.pdf", PDF.read_bytes())
    rec = extract_file(tmp_path / "r.pdf", with_broken_page_object(PDF.read_bytes(), 2))
    assert rec["source"]["pages_failed"] == [2] and rec["source"]["pages"] == clean["source"]["pages"]
    assert [e["code"] for e in rec["errors"]] == ["pages_failed"]
    figures = lambda r, pages: sorted((f["kind"], str(f["value"]), f["source"]["page"]) for f in r["facts"]
                                      if f["source"]["page"] in pages)
    others = set(range(1, clean["source"]["pages"] + 1)) - {2}
    assert figures(rec, {2}) == [] and figures(clean, {2})
    assert figures(rec, others) == figures(clean, others)


def test_a_pdf_with_no_loadable_page_is_corrupt(tmp_path):
    data = PDF.read_bytes()
    for _ in range(data.count(b"/Type/Page/")):
        data = with_broken_page_object(data, 1)  # the first page object still readable
    with pytest.raises(IngestError) as e:
        extract_file(tmp_path / "r.pdf", data)
    assert e.value.code == "corrupt_pdf"
