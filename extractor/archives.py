"""Archives among the inputs (.zip, .rar, .7z) unpacked into a temporary folder, safely,
for `extractor import` and `extractor run`: each member becomes an input named
`archive.zip!/member` in the manifest and the store.

Untrusted archives are refused, not unpacked, where they would harm: entries with absolute
paths, drive letters or '..' are `unsafe_path`, links are not followed (`unsafe_path`),
nested archives are followed at most MAX_DEPTH deep (`nested_too_deep`), and the entry
count and the inflated bytes are capped (`too_large`). Bytes are counted as they are
written, never trusted from the headers alone: a bomb costs at most a cap's worth of
inflating. The caps: MAX_BYTES in all, and past GRACE_BYTES no more than MAX_RATIO times
the archive's own size (deflate tops out near 1030:1, so a zip bomb sits there; LZMA bombs
in .7z go far beyond; real report folders of text, Word and PDF files stay under 20:1).

.zip is read by the standard library's zipfile; .rar (RAR 4 and 5) and .7z by libarchive
through libarchive-c (Debian libarchive13), opened with only the format the file's magic
bytes name (never libarchive's "all", which includes formats such as mtree that read
other files from disk). A damaged archive is `corrupt_zip` / `corrupt_rar` / `corrupt_7z`:
the member being unpacked when the damage shows (the members before it are kept), or the
archive itself when its headers are damaged; an encrypted one is `encrypted_archive`."""
from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .ingest.zipsafe import ZIP_DAMAGE

ARCHIVE_SUFFIXES = {".zip", ".rar", ".7z"}
MAX_DEPTH = 2
MAX_ENTRIES = 20_000
MAX_BYTES = 4 * 1024 ** 3
MAX_RATIO = 200
GRACE_BYTES = 256 * 1024 ** 2
CHUNK = 1 << 20

_MAGIC = {b"Rar!\x1a\x07\x00": "rar", b"Rar!\x1a\x07\x01\x00": "rar5", b"7z\xbc\xaf\x27\x1c": "7zip"}


@dataclass
class Input:
    path: Path  # where the bytes are now (inside a temp folder for archive members)
    name: str  # what the manifest calls it: the file, or archive.zip!/member


@dataclass
class Refused:
    name: str
    code: str
    error: str


class _Refusal(Exception):
    """Stops unpacking an archive: the rest of it is not read."""

    def __init__(self, name: str, code: str, error: str):
        super().__init__(error)
        self.refused = Refused(name, code, error)


def is_archive(path: Path) -> bool:
    return path.suffix.lower() in ARCHIVE_SUFFIXES


def expand(paths: list, workdir: Path) -> tuple[list, list]:
    """Files to process and archive members refused, with archives unpacked under workdir."""
    from .runner import collect_inputs

    inputs, refused = [], []
    for f in collect_inputs(paths):
        if is_archive(f) and f.is_file():
            _unpack(f, str(f), workdir, 1, inputs, refused)
        else:
            inputs.append(Input(f, str(f)))
    return inputs, refused


class Unpacked:
    """The inputs of `extractor run` with archives unpacked into a temporary folder that
    lives until close() (or until this object is collected)."""

    def __init__(self, paths: list):
        self._tmp = tempfile.TemporaryDirectory(prefix="extractor-archives-")
        found, self.refused = expand(paths, Path(self._tmp.name))
        # as text, not Path objects: a batch of 100,000 files is held whole for the run
        self.files = [str(i.path) for i in found]
        self._names = {str(i.path): i.name for i in found if str(i.path) != i.name}

    def name(self, path: str) -> str:
        """The manifest name of an input (archive!/member for an unpacked member)."""
        return self._names.get(path, path)

    def rename(self, result) -> None:
        """A result for an unpacked member under the member's manifest name."""
        name = self._names.get(result.path)
        if name:
            result.path = name
            if result.record is not None:
                result.record["source"]["path"] = name

    def close(self) -> None:
        self._tmp.cleanup()


class _Budget:
    """The bytes an archive (with the archives nested in it) may inflate to."""

    def __init__(self, name: str, archive_size: int):
        self.name = name
        self.limit = min(MAX_BYTES, max(GRACE_BYTES, MAX_RATIO * archive_size))
        self.used = 0

    def declare(self, label: str, size: int) -> None:
        if size is not None and self.used + size > self.limit:
            raise _Refusal(self.name, "too_large", f"{label} declares {size:,} bytes inflated; "
                                                   f"{self._limit_text()}")

    def spend(self, label: str, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise _Refusal(self.name, "too_large", f"inflates past {self.limit:,} bytes at {label} "
                                                   f"({self._limit_text()}) — a bomb, refused")

    def _limit_text(self) -> str:
        return (f"limit {self.limit:,} bytes: {MAX_BYTES:,} in all, or past {GRACE_BYTES:,} "
                f"{MAX_RATIO} times the archive's size")


class _Damage(Exception):
    """A member (or the archive's own headers) that cannot be read; `fatal` when the reader
    cannot go on to the next member after it."""

    def __init__(self, name: str, code: str, error: str, fatal: bool = False):
        super().__init__(error)
        self.refused = Refused(name, code, error)
        self.fatal = fatal


@dataclass
class _Member:
    label: str  # archive!/member
    name: str  # the path inside the archive
    size: int | None  # as declared (a bomb may lie; the bytes are counted as written)
    chunks: object  # an iterator of bytes; None for a link, which is never written


def _unpack(archive: Path, name: str, workdir: Path, depth: int, inputs: list, refused: list,
            budget: _Budget | None = None) -> None:
    """Members into a new folder under workdir, inputs and refusals appended. An archive
    refused as a whole (too large, too many entries) leaves none of its members behind."""
    top = budget is None
    budget = budget or _Budget(name, archive.stat().st_size)
    target = Path(tempfile.mkdtemp(dir=workdir))
    start = len(inputs)
    try:
        _unpack_members(archive, name, target, workdir, depth, inputs, refused, budget)
    except _Refusal as e:
        if not top:
            raise
        shutil.rmtree(target, ignore_errors=True)
        del inputs[start:]
        refused.append(e.refused)


def _unpack_members(archive: Path, name: str, target: Path, workdir: Path, depth: int, inputs: list,
                    refused: list, budget: _Budget) -> None:
    reader = _zip_members if archive.suffix.lower() == ".zip" else _libarchive_members
    try:
        for member in reader(archive, name):
            out = _member_path(target, member, refused)
            if out is None:
                continue
            budget.declare(member.label, member.size)
            try:
                _write(out, member.chunks, member.label, budget)
            except _Damage as e:  # one damaged member: name it, unpack the rest where the reader can
                refused.append(e.refused)
                if e.fatal:
                    return
                continue
            if not is_archive(out):
                inputs.append(Input(out, member.label))
            elif depth >= MAX_DEPTH:
                refused.append(Refused(member.label, "nested_too_deep", f"archive nested deeper than {MAX_DEPTH}"))
            else:
                _unpack(out, member.label, workdir, depth + 1, inputs, refused, budget)
    except _Damage as e:  # the archive's own headers
        refused.append(e.refused)


def _count(name: str, n: int) -> None:
    if n > MAX_ENTRIES:
        raise _Refusal(name, "too_large", f"more than {MAX_ENTRIES:,} entries")


def _zip_members(archive: Path, name: str):
    try:
        zf = zipfile.ZipFile(archive)
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except ZIP_DAMAGE as e:
        raise _Damage(name, "corrupt_zip", f"not a readable zip archive: {e}")
    with zf:
        _count(name, len(infos))
        for info in infos:
            label = f"{name}!/{info.filename}"
            yield _Member(label, info.filename, info.file_size, _zip_chunks(zf, info, label))


def _zip_chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str):
    try:
        with zf.open(info) as src:
            while chunk := src.read(CHUNK):
                yield chunk
    except ZIP_DAMAGE as e:  # bad CRC, a compression method zipfile lacks …
        raise _Damage(label, "corrupt_zip", f"archive member cannot be unpacked: {type(e).__name__}: {e}")


def _libarchive_members(archive: Path, name: str):
    import libarchive

    kind = "7z" if archive.suffix.lower() == ".7z" else "rar"
    with open(archive, "rb") as f:
        head = f.read(8)
    fmt = next((fmt for magic, fmt in _MAGIC.items() if head.startswith(magic)), None)
    if fmt is None or (fmt == "7zip") != (kind == "7z"):
        raise _Damage(name, f"corrupt_{kind}", f"not a {kind.upper()} archive: the file starts with {head.hex(' ')}")
    try:
        with libarchive.file_reader(str(archive), format_name=fmt, filter_name="none") as entries:
            for n, entry in enumerate(entries, 1):
                _count(name, n)
                if entry.isdir:
                    continue
                path = entry.pathname
                if isinstance(path, bytes):  # an old RAR's name in the writer's code page
                    path = path.decode("gb18030", "replace")
                if path is None:
                    raise _Damage(name, f"corrupt_{kind}", "an entry without a name", fatal=True)
                label = f"{name}!/{path}"
                regular = entry.isreg and not entry.issym and not entry.islnk
                yield _Member(label, path, entry.size, _entry_chunks(entry, label, kind) if regular else None)
    except libarchive.ArchiveError as e:
        raise _archive_damage(name, kind, e)


def _entry_chunks(entry, label: str, kind: str):
    import libarchive

    try:
        yield from entry.get_blocks(CHUNK)
    except libarchive.ArchiveError as e:
        raise _archive_damage(label, kind, e)


def _archive_damage(name: str, kind: str, e) -> _Damage:
    message = getattr(e, "msg", None) or str(e)
    if "ncrypt" in message or "assword" in message:
        return _Damage(name, "encrypted_archive", f"encrypted archive: it needs a password ({message})", fatal=True)
    return _Damage(name, f"corrupt_{kind}", f"archive cannot be read: {message}", fatal=True)


def _member_path(target: Path, member: _Member, refused: list):
    """Where a member goes under target, or None when it is refused or left out."""
    path = PurePosixPath(member.name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        refused.append(Refused(member.label, "unsafe_path", "archive entry with an absolute path or '..' refused"))
        return None
    if member.chunks is None:
        refused.append(Refused(member.label, "unsafe_path", "archive entry is a link or device, not a file: refused"))
        return None
    if not path.parts or any(part.startswith(".") for part in path.parts):
        return None
    out = target / path
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def _write(out: Path, chunks, label: str, budget: _Budget) -> None:
    try:
        with open(out, "wb") as dst:
            for chunk in chunks:
                budget.spend(label, len(chunk))
                dst.write(chunk)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
