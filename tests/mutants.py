"""Seeded mutations of report files, for the fuzz tests: the ways files are damaged in
archives (bits flipped, files cut short, blocks lost or written twice by a bad copy) and,
for zip packages, a member rewritten or lost. Every mutant is a function of (bytes, seed),
so a failing case is reproduced from its name alone."""
from __future__ import annotations

import io
import random
import struct
import zipfile


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(1, len(data))]


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 4096):]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start:start + rng.randint(1, 4096)] + data[start:]


def _members(data: bytes) -> list:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def _repack(members: list) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            # the member's own date, not the clock's: a mutant's bytes depend on its seed only
            z.writestr(zipfile.ZipInfo(info.filename, date_time=info.date_time), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def rewrite_member(data: bytes, rng: random.Random) -> bytes:
    """One member's content damaged (flipped, cut or a chunk lost) and the package
    written again: a valid zip around a broken part (malformed XML, most often)."""
    members = _members(data)
    k = rng.randrange(len(members))
    info, body = members[k]
    if body:
        damage = rng.choice([flip_bytes, truncate, delete_chunk, duplicate_chunk])
        members[k] = (info, damage(body, rng))
    return _repack(members)


def delete_member(data: bytes, rng: random.Random) -> bytes:
    members = _members(data)
    del members[rng.randrange(len(members))]
    return _repack(members)


def huge_declared_size(data: bytes, rng: random.Random) -> bytes:
    """A central-directory entry whose inflated size says 4 GB: what a bomb declares."""
    at = data.rfind(b"PK\x01\x02")
    starts = []
    while at != -1:
        starts.append(at)
        at = data.rfind(b"PK\x01\x02", 0, at)
    out = bytearray(data)
    entry = rng.choice(starts)
    struct.pack_into("<I", out, entry + 24, 0xFFFFFFF0)  # uncompressed size
    return bytes(out)


BYTE_MUTATIONS = [flip_bytes, truncate, delete_chunk, duplicate_chunk]
ZIP_MUTATIONS = [rewrite_member, delete_member, huge_declared_size]


def mutations_for(data: bytes) -> list:
    return BYTE_MUTATIONS + (ZIP_MUTATIONS if data.startswith(b"PK\x03\x04") else [])


def mutant(data: bytes, seed: int) -> tuple[str, bytes]:
    """(mutation name, mutated bytes) for one seed."""
    rng = random.Random(seed)
    mutate = rng.choice(mutations_for(data))
    return mutate.__name__, mutate(data, rng)
