"""Binary Word (.doc) and WPS (.wps) files through LibreOffice, and the error without it."""
import shutil

import pytest

from extractor.errors import IngestError
from extractor.ingest import load_document
from extractor.pipeline import extract_file

from conftest import ROOT

LEGACY = ROOT.parent / "shared" / "legacy"
SEEDS = ROOT.parent / "shared" / "seeds"
needs = pytest.mark.skipif(not LEGACY.exists() or not shutil.which("soffice"),
                           reason="needs ../shared/legacy and LibreOffice (soffice)")


@needs
@pytest.mark.parametrize("stem", sorted(p.stem for p in LEGACY.glob("*.doc")) if LEGACY.exists() else [])
def test_doc_and_wps_match_the_docx(tmp_path, stem):
    wps = tmp_path / f"{stem}.wps"
    shutil.copy(LEGACY / f"{stem}.doc", wps)
    reference = extract_file(SEEDS / f"{stem}.docx")
    for f in (LEGACY / f"{stem}.doc", wps):
        rec = extract_file(f)
        assert rec["source"]["format"] == f.suffix[1:] and rec["source"]["path"] == str(f)
        assert rec["metadata"] == reference["metadata"]
        assert sorted(str(x["value"]) for x in rec["facts"]) == sorted(str(x["value"]) for x in reference["facts"])


def test_doc_without_libreoffice_is_a_specific_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    f = tmp_path / "old.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(IngestError) as e:
        load_document(f)
    assert e.value.code == "converter_missing" and "LibreOffice" in str(e.value)
