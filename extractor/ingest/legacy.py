"""Binary Word (.doc) and WPS (.wps, usually the same binary format) files: converted to
.docx by LibreOffice headless in a private profile and temporary folder, then read by
the .docx reader. Sources keep the original file's name and format. The conversion also
serves WPS spreadsheets (.et) that calamine cannot read (see sheets.py)."""
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

    # LibreOffice picks the import filter by extension; .wps files are binary Word.
    suffix = ".doc" if path.suffix.lower() == ".wps" else path.suffix.lower()
    doc = read_docx(path, convert_with_soffice(path, data, suffix, "docx:MS Word 2007 XML"))
    doc.format = path.suffix.lower().lstrip(".")
    doc.path = str(path)
    return doc


def convert_with_soffice(path: Path, data: bytes, suffix: str, target: str) -> bytes:
    """The file converted by LibreOffice headless (`target`: extension:filter, such as
    "docx:MS Word 2007 XML"), in a temporary folder and profile of its own, so runs in
    parallel do not share LibreOffice's profile lock. `suffix` picks the import filter."""
    soffice = find_soffice()
    if soffice is None:
        raise IngestError(f"{path.suffix} needs LibreOffice to convert it, and 'soffice' is not on PATH "
                          "(install libreoffice-writer-nogui and libreoffice-calc-nogui)", code="converter_missing")
    with tempfile.TemporaryDirectory(prefix="extractor-lo-") as tmp:
        tmp = Path(tmp)
        src = tmp / ("input" + suffix)
        src.write_bytes(data)
        profile = (tmp / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(tmp / "out"), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise IngestError(f"LibreOffice did not convert the file within {CONVERT_TIMEOUT_S}s", code="convert_timeout")
        out = tmp / "out" / ("input." + target.split(":")[0])
        if proc.returncode != 0 or not out.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-300:]
            raise IngestError(f"LibreOffice could not convert the file{': ' + detail if detail else ''}",
                              code="convert_failed")
        return out.read_bytes()
