"""Fast paths that must find exactly what the plain way finds."""
from itertools import combinations

from extractor.check.repeats import _pairs_alike
from extractor.extract import _texts
from extractor.extract.district_mentions import _sibling_matches, _sibling_patterns
from extractor.extract.regions import gazetteer
from extractor.ingest import load_document

from conftest import CORPUS, SEEDS


def _report_texts() -> list:
    files = sorted(CORPUS.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    texts = [t for f in files for t, _ in _texts(load_document(f))]
    # spellings one character off, at the start, the end and back to back
    return texts + ["峰城区、峯城、薛城区山亭", "勐海县动海县勐海", "海县", "市中区中区市"]


def test_sibling_matches_are_finditer():
    cities = sorted({code[:4] for code, r in gazetteer().items() if r.level == "city"})
    prefixes = cities[::40] + ["5328", "3704", "4309", "4331", "5301"]
    texts = _report_texts()
    for prefix in prefixes:
        for _, short, pattern in _sibling_patterns(prefix):
            for text in texts:
                fast = [(m.start(), m.end()) for m in _sibling_matches(pattern, short, text)]
                assert fast == [(m.start(), m.end()) for m in pattern.finditer(text)], (prefix, short, text)


def test_pairs_alike_are_the_combinations_with_one_kind_unit_and_year():
    facts = [{"kind": k, "unit": u, "year": y} for k, u, y in [
        ("amount", "元", 2017), ("headcount", "人", 2017), ("amount", "元", None), ("amount", "元", 2017),
        ("amount", "元", 2018), ("headcount", "人", 2017), ("amount", "元", None), ("amount", "元", 2017)]]
    plain = [(i, j) for (i, a), (j, b) in combinations(enumerate(facts), 2)
             if (a["kind"], a["unit"], a["year"]) == (b["kind"], b["unit"], b["year"]) and a["year"] is not None]
    assert list(_pairs_alike(facts)) == plain


def test_search_by_tail_is_search():
    import regex

    from extractor.extract.metadata import _search_by_tail, _tail_plan, _vocab

    patterns = _vocab()["evaluator_patterns"] + [r"(?P<e>[^，。\s]{2,5}?(?:公司|所))(?:受|对)"]
    assert any(_tail_plan(p) for p in patterns)
    texts = ["\n".join(_report_texts()), "某某会计师事务所受托", "甲乙公司对丙公司对", "公司受", "ab，cd事务所作为第三方",
             "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二公司受委托", "中心公司受委托公司对"]
    for p in patterns:
        for text in texts:
            fast, plain = _search_by_tail(p, text), regex.search(p, text)
            assert (fast and fast.span()) == (plain and plain.span()), (p, text)


def test_similar_is_the_sequence_matcher_ratio():
    import random
    from difflib import SequenceMatcher

    from extractor.check.common import check_settings
    from extractor.check.repeats import _similar

    rng = random.Random(9)
    words = [t[:30] for t in _report_texts() if len(t) >= 10][:200]
    pairs = [(rng.choice(words), rng.choice(words)) for _ in range(2000)]
    pairs += [(w, w[:-1] + "的") for w in words] + [(w, w[1:] + w[0]) for w in words]
    for x, y in pairs:
        plain = min(len(x), len(y)) >= check_settings()["min_context_chars"] and \
            SequenceMatcher(None, x, y, autojunk=False).ratio() >= check_settings()["min_context_similarity"]
        assert _similar(x, y) == plain, (x, y)


def test_numbering_first_character_check_is_the_patterns():
    from extractor import numbering

    def plain(text):
        t = text.lstrip()
        m = numbering._CHAPTER.match(t)
        if m:
            return m.group(0), 1
        for level, pattern in numbering._PATTERNS:
            m = pattern.match(t)
            if m:
                return m.group(0).strip(), level
        return None, None

    for code in range(0x20, 0x10000):
        c = chr(code)
        # a suffix that completes each pattern after its first character
        for text in (c + "、甲", c + "一）", c + "1）", " " + c + "一部分"):
            assert numbering.numbering_of(text) == plain(text), text


def test_number_grammar_finds_what_the_plain_pattern_finds():
    """The grammar runs on re with atomic digits and an opening class; the plain
    pattern on regex, backtracking, tried at every position."""
    import regex

    from extractor.extract.numbers import _SPACE, ARABIC, _grammar

    fast = _grammar()[1]
    opening = fast.pattern[:fast.pattern.index("(?P<pre>")]
    assert opening.startswith("(?=[")
    plain = regex.compile(fast.pattern.removeprefix(opening).replace(f"(?>{ARABIC})", ARABIC, 1)
                          .replace(_SPACE, r"\s"))
    assert f"(?>{ARABIC})" not in plain.pattern and _SPACE not in plain.pattern
    texts = _report_texts() + ["1234,567元", "2019年5人", "12,34,567元", "1,234,5678万元", "3.5.6%", "10-20人",
                               "1.5~2万元", "120,000.5元左右", "约3,000余人", "5%-8%", "2018年12月31日共5名",
                               "大约 12 万元", "将近-3人", "超过两千人", "近\x1c5人", "5\u3000%", "逾十五万元", "共十五人", "两千余名"]
    for text in texts:
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)], text


def test_fold_check_with_re_finds_what_regex_finds():
    import regex

    from extractor.normalize import _FOLD, _NEEDS_FOLD

    plain = regex.compile("[" + "".join(map(regex.escape, _FOLD)) + "]")
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert [m.start() for m in _NEEDS_FOLD.finditer(every)] == [m.start() for m in plain.finditer(every)]


def test_space_check_never_misses_a_space_the_number_fix_would_remove():
    import regex

    from extractor.normalize import _ANY_SPACE

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    spaces = {m.start() for m in regex.finditer(r"\s", every)}
    assert spaces and spaces <= {m.start() for m in _ANY_SPACE.finditer(every)}
