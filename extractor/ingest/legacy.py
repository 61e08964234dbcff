"""Binary Word (.doc) and WPS (.wps, usually the same binary format) files: converted to
.docx by LibreOffice headless in a private profile and temporary folder, then read by
the .docx reader. Sources keep the original file's name and format."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import IngestError

CONVERT_TIMEOUT_S = int(os.environ.get("EXTRACTOR_SOFFICE_TIMEOUT", "120"))


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_word(path: Path, data: bytes):
    from .docx import read_docx

    soffice = find_soffice()
    if soffice is None:
        raise IngestError(f"{path.suffix} needs LibreOffice to convert it, and 'soffice' is not on PATH "
                          "(install libreoffice-writer-nogui)", code="converter_missing")
    with tempfile.TemporaryDirectory(prefix="extractor-lo-") as tmp:
        tmp = Path(tmp)
        # LibreOffice picks the import filter by extension; .wps files are binary Word.
        src = tmp / ("input" + (".doc" if path.suffix.lower() == ".wps" else path.suffix.lower()))
        src.write_bytes(data)
        profile = (tmp / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp / "out"), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise IngestError(f"LibreOffice did not convert the file within {CONVERT_TIMEOUT_S}s", code="convert_timeout")
        out = tmp / "out" / "input.docx"
        if proc.returncode != 0 or not out.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-300:]
            raise IngestError(f"LibreOffice could not convert the file{': ' + detail if detail else ''}",
                              code="convert_failed")
        doc = read_docx(path, out.read_bytes())
    doc.format = path.suffix.lower().lstrip(".")
    doc.path = str(path)
    return doc
