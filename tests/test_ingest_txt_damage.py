""".txt reports that are mostly right are read: damaged bytes become U+FFFD and are
counted with their offsets (record and manifest), the encoding is still found, and the
facts are the clean file's except where the damage is. Only mostly-undecodable text is
bad_encoding; a character cut by the end of the file is dropped with a note."""
import csv
import random
from collections import Counter

import pytest

from conftest import CORPUS
from extractor.errors import IngestError
from extractor.ingest import load_document
from extractor.ingest.encoding import MAX_BAD_SHARE, decode_text
from extractor.pipeline import extract_file
from extractor.runner import run_batch

TEXT = (CORPUS / "a_project_utf8.txt").read_text(encoding="utf-8")
# one word in a paragraph without figures, one in a paragraph full of them
DAMAGED_WORDS = ["抵御", "逐户"]
# a character's bytes replaced by bytes that are not a character in that encoding, the same length
BAD_BYTES = {"utf-8": b"\xff\xfe\xfd", "gbk": b"\xff\xff", "utf-16-le": b"\x00\xdc"}  # 0xDC00: a lone surrogate
REPORTED = {"utf-8": "utf-8", "gbk": "gbk", "utf-16-le": "utf-16"}


def encoded(text: str, encoding: str) -> bytes:
    return (b"\xff\xfe" if encoding == "utf-16-le" else b"") + text.encode(encoding)


def damaged(encoding: str) -> tuple[bytes, list]:
    """The report with the first character of each damaged word made undecodable, and the
    byte offsets of the damage."""
    data = bytearray(encoded(TEXT, encoding))
    offsets = []
    for word in DAMAGED_WORDS:
        at = data.find(word.encode(encoding))
        assert at > 0 and (encoding != "utf-16-le" or at % 2 == 0)
        bad = BAD_BYTES[encoding]
        data[at:at + len(bad)] = bad
        offsets.append(at)
    return bytes(data), offsets


def facts_by_block(path, data) -> dict:
    """Block text → the facts read from it (what they are, not where: ids may shift)."""
    doc = load_document(path, data)
    rec = extract_file(path, data)
    out = {}
    for f in rec["facts"]:
        text = doc.blocks[f["source"]["block"]].text
        out.setdefault(text, Counter())[(f["kind"], str(f["value"]), f["unit"], f["label"], f["subject"],
                                         f["year"], f["source"]["quote"])] += 1
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16-le"])
def test_a_few_damaged_bytes_keep_the_rest_of_the_report(tmp_path, encoding):
    path = tmp_path / "r.txt"
    data, offsets = damaged(encoding)
    rec = extract_file(path, data)
    assert rec["source"]["encoding"] == REPORTED[encoding]
    assert rec["source"]["decode_errors"] == {"count": 2 * len(BAD_BYTES[encoding]),
                                              "offsets": [o + d for o in offsets
                                                          for d in range(0, len(BAD_BYTES[encoding]),
                                                                         1 if encoding != "utf-16-le" else 2)]}
    [warning] = rec["errors"]
    assert warning["code"] == "decode_errors" and str(offsets[0]) in warning["message"]

    clean = facts_by_block(path, encoded(TEXT, encoding))
    hurt = facts_by_block(path, data)
    damaged_blocks = [t for t in hurt if "\ufffd" in t]
    assert len(damaged_blocks) == 1  # the other damaged word's paragraph has no figures
    same = {t: c for t, c in clean.items() if t in hurt}
    assert all(hurt[t] == c for t, c in same.items())
    # every clean fact is read again; those in the damaged paragraph keep their figures
    assert sum(c.total() for c in same.values()) + sum(clean[t].total() for t in clean if t not in hurt) == \
        sum(c.total() for c in clean.values())
    [lost_block] = [t for t in clean if t not in hurt]
    figures = lambda counter: Counter(k[:3] for k in counter.elements())  # kind, value, unit
    assert figures(clean[lost_block]) == figures(hurt[damaged_blocks[0]])


def test_gbk_with_two_bad_bytes_is_gbk_not_latin1(tmp_path):
    data = bytearray((CORPUS / "b_department_gbk.txt").read_bytes())
    at = data.find("部门职责".encode("gbk"))
    data[at:at + 2] = b"\xff\xff"
    doc = load_document(tmp_path / "g.txt", bytes(data))
    assert doc.encoding == "gbk"
    assert doc.decode_errors == {"count": 2, "offsets": [at, at + 1]}
    assert any("\ufffd\ufffd门职责" in b.text for b in doc.blocks)
    assert any(b.text.startswith("正安县医疗保障局2020年度") for b in doc.blocks)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16-le"])
def test_a_character_cut_by_the_end_of_the_file_is_dropped_with_a_note(tmp_path, encoding):
    text = TEXT.rstrip() + "完"
    data = encoded(text, encoding)[:-1]
    rec = extract_file(tmp_path / "cut.txt", data)
    errors = rec["source"]["decode_errors"]
    assert errors == {"count": 0, "offsets": [], "dropped_at_end": len("完".encode(encoding)) - 1}
    assert [e["code"] for e in rec["errors"]] == ["cut_character"]
    assert decode_text(data).text == text[:-1]


def test_random_single_flips_are_read(tmp_path):
    """One flipped byte anywhere in a UTF-8 or GBK report: still read, in its encoding."""
    rng = random.Random(17)
    for encoding in ("utf-8", "gbk"):
        clean = encoded(TEXT, encoding)
        for _ in range(40):
            data = bytearray(clean)
            data[rng.randrange(len(data))] ^= rng.randint(1, 255)
            found = decode_text(bytes(data))
            assert found.encoding == encoding and found.replaced <= 3, (encoding, found.decode_errors())


def test_mostly_undecodable_is_bad_encoding(tmp_path):
    rng = random.Random(3)
    noise = bytes(rng.randrange(256) for _ in range(20000))
    with pytest.raises(IngestError) as e:
        decode_text(noise)
    assert e.value.code == "bad_encoding"
    # UTF-8 damaged past the limit is refused too, not read as something else
    data = bytearray(encoded(TEXT, "utf-8"))
    for i in rng.sample(range(len(data)), int(len(data) * MAX_BAD_SHARE * 3)):
        data[i] = 0xFF
    with pytest.raises(IngestError) as e:
        decode_text(bytes(data))
    assert e.value.code == "bad_encoding"


def test_the_manifest_says_what_was_replaced(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "damaged.txt").write_bytes(damaged("gbk")[0])
    (src / "clean.txt").write_bytes(encoded(TEXT, "gbk"))
    run_batch([src], tmp_path / "out", progress=False)
    with open(tmp_path / "out" / "manifest.csv", encoding="utf-8-sig") as f:
        rows = {r["path"].rsplit("/", 1)[-1]: r for r in csv.DictReader(f)}
    assert rows["damaged.txt"]["status"] == "ok"
    assert rows["damaged.txt"]["warnings"].startswith("decode_errors: 4 byte(s) did not decode as gbk")
    assert rows["clean.txt"]["warnings"] == ""
