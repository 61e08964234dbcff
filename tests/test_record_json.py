"""Records as JSON: Decimals as exact numbers, and otherwise the bytes json.dumps writes
(floats in exponent form aside: 1e-7 for json's 1e-07)."""
import json
import re
from decimal import Decimal

import pytest

from extractor.pipeline import extract_file
from extractor.record import decimal_text, dumps

from conftest import CORPUS


def _json_reference(record) -> str:
    """The careful path: the standard library's encoder, each Decimal written as a marked
    string and unquoted afterwards."""
    marked = json.dumps(record, ensure_ascii=False, indent=2, default=lambda d: "__dec__" + decimal_text(d))
    return re.sub(r'"__dec__(-?[0-9.]+)"', r"\1", marked)


def test_decimals_are_written_exactly():
    text = dumps({"a": Decimal("5758200.00"), "b": [Decimal("12345678901234567890.123456789")], "c": Decimal("-0.50")},
                 indent=None)
    assert text == '{"a":5758200,"b":[12345678901234567890.123456789],"c":-0.5}'
    assert json.loads(text, parse_float=Decimal)["b"] == [Decimal("12345678901234567890.123456789")]


def test_records_are_the_bytes_json_dumps_writes():
    for path in sorted(CORPUS.glob("*.txt"))[:4]:
        record = extract_file(path)
        record["extra"] = {"confidence": 87.33333333333333, "box": [72.024, 0.0001, 1e15], "empty": [], "none": None,
                           "text": "引号\"与\\反斜杠\n\t\x1c"}
        assert dumps(record) == _json_reference(record), path.name


def test_decimal_text_keeps_every_digit():
    for text, expected in [("5758200.00", "5758200"), ("5.7582E+6", "5758200"), ("0.50", "0.5"), ("-0.00", "-0"),
                           ("1E+3", "1000"), ("120", "120"), ("12345678901234567890.1234567890", "12345678901234567890.123456789")]:
        assert decimal_text(Decimal(text)) == expected, text


def test_other_indents_are_refused():
    with pytest.raises(ValueError):
        dumps({}, indent=4)
