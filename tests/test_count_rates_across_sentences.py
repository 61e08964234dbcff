"""A count rate whose sentence states only the number due (应参保人数…，参保率…) while the number
done is the sentence before's, named alike. Every text here is made up for the tests."""
import pytest

from conftest import error_flags, text_record

_HEAD = "青石县2022年度城乡居民基本医疗保险补助资金绩效自评报告\n一、参保情况\n"


def _rate_errors(tmp_path, body: str) -> list:
    return error_flags(text_record(tmp_path, _HEAD + body + "\n"), "ratio.stated")


_TWO_SENTENCES = ("全县城乡居民医保参保人数213,560人，其中：学生儿童51,204人，成年居民131,882人，老年居民30,474人。"
                  "按户籍人口扣除职工医保参保人员后测算，应参保人数219,300人，城乡居民医保参保率达{}。")


def test_a_rate_over_the_number_done_stated_the_sentence_before(tmp_path):
    assert _rate_errors(tmp_path, _TWO_SENTENCES.format("97.38%")) == []
    [flag] = _rate_errors(tmp_path, _TWO_SENTENCES.format("98.38%"))
    assert "98.38%" in flag["message"] and "97.38%" in flag["message"]


@pytest.mark.parametrize("body", [
    # the sentence before names another group's number: no number done of the rate's own
    "全县参保人数213,560人。其中脱贫人口应参保人数18,200人，脱贫人口参保率100%。",
    # two numbers done the sentence before: which one is the rate's is not known
    "甲镇参保人数12,300人，乙镇参保人数10,200人。两镇应参保人数23,000人，参保率95.00%。",
    # the rate's sentence states no number due
    "全县参保人数213,560人。参保率95.00%，较上年提高0.6个百分点。",
])
def test_a_rate_without_one_reading_across_sentences_is_not_checked(tmp_path, body):
    assert _rate_errors(tmp_path, body) == []
