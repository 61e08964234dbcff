"""A report's summary sentence of its first-level scores and total (决策18分、过程21.5分、产出36分、
效益13分，合计88.5分; 投入18.5分＋过程17分…; 决策、过程、产出、效益分别得17分、18分、35分、
14分), read as indicators of the score tree: each item's score (its weight where written),
the total's score and the framework's scale. Grade bands, listed scores without their names
and a framework's weights in brackets are no items."""
from __future__ import annotations

from decimal import Decimal

import regex

from ..model import TABLE, Document
from ..first_level_sets import whole_first_level
from .sentences import SENTENCE_END, sentence_bounds, sentence_index, sentence_spans

_SUMMARY_ITEM = regex.compile(r"(?P<name>[^，,。；;：:、]{1,12}?)(?:绩效)?(?:得分)?(?:为|是)?\s*(?P<score>\d+(?:\.\d+)?)\s*分")


_FULL_MARKS = regex.compile(r"满分|总分值|权重")
_GOES_ON = regex.compile(r"\s*其中\s*[:：，,]")
_NAMES_NOTHING = regex.compile(r"(?:为|是|达|达到|计)?")


def summary_indicators(doc: Document, indicators: list) -> list:
    """The summary sentence's items (the first block that has them), their names matched to
    the top levels of the `indicators` read so far; [] where no block holds one."""
    for n, b in enumerate(doc.blocks):
        if b.kind == TABLE or not _TOTAL_NAME.search(b.text):
            continue  # no total named: the summary test below cannot pass, and the pattern is slow
        if listed := _listed_level_scores(b):
            return listed
        items = [(b, i) for i in _summary_items(b.text)]
        blocks_by_index = {b.index: b}
        if n + 1 < len(doc.blocks) and doc.blocks[n + 1].kind != TABLE and _GOES_ON.match(doc.blocks[n + 1].text):
            # (the total's paragraph, then its items in one of their own: …自评总分96分。 | 其中：
            # 项目决策（20分）得19分；…)
            items += [(doc.blocks[n + 1], i) for i in _summary_items(doc.blocks[n + 1].text)]
            blocks_by_index[doc.blocks[n + 1].index] = doc.blocks[n + 1]
        if len(items) >= 3 and any(_is_total_name(i.group("name")) for _, i in items):
            entries = []
            quoted_from = {}  # id(entry) → where its quote starts in its block
            # (a sentence of full marks with no score in it — 本次评价满分100分，其中决策指标20分、过程
            # 指标20分… — states the weights its items' scores are out of)
            weights_only = {id(block): [(lo, hi) for lo, hi in sentence_spans(block.text)
                                        if _FULL_MARKS.search(block.text, lo, hi) and "得" not in block.text[lo:hi]]
                            for block in {id(block): block for block, _ in items}.values()}
            for block, i in items:
                # (投入18.5分＋过程17分: the plus joins the items, no part of a name)
                # (其中决策指标15分: 其中 opens the list, no part of the first name)
                name = regex.sub(r"^(?:得分是|得分|其中|：|:|\+)+|[（(]$", "", i.group("name")).replace("绩效", "")
                word = regex.sub(r"[，,、；;\s（）()]", "", i.group("name"))  # 决策指标（20分）得17分: 得
                if word in _POINTS_TAKEN or word.endswith(tuple(_POINTS_TAKEN)):
                    continue  # 扣1分, 档案资料不全扣3分, 合计扣7分: a deduction, not an indicator
                if _NAMES_NOTHING.fullmatch(name.strip()):
                    continue  # (…县得分最高，为93.5分: the clause names no item; its name stood before)
                if entries and (word in _POINTS_GIVEN or word.endswith(_COMPUTED) and entries[-1]["score"] is None
                                and entries[-1]["weight"] is not None):
                    # (按“执行率×权重”计得9.6分 after 预算执行率指标权重10分: that item's score)
                    # 项目决策20分得18分, 满分15分，扣1分，得14分: the item's score after its weight
                    last = entries[-1]
                    if last["score"] is not None:
                        last["weight"] = last["score"]
                    last["score"] = Decimal(i.group("score"))
                    last["source"].update(start=i.start("score"), end=i.end("score"))
                    if last["source"]["block"] == block.index:  # (its quote through the score: 决策（20分）得18分)
                        last["source"]["quote"] = block.text[quoted_from[id(last)]:i.end()]
                    continue
                if regex.fullmatch(r"[（(]满分", name.strip()) and entries:
                    entries[-1]["weight"] = Decimal(i.group("score"))  # 得分14分（满分15分）: the item's weight
                    continue
                # (预算执行率指标权重10分; 投入（20分）: a weight in brackets after its name)
                full_marks = bool(_WEIGHT_SUFFIX.search(name)) or i.group("name").rstrip().endswith(("（", "(")) \
                    or any(lo <= i.start("score") < hi for lo, hi in weights_only[id(block)])
                name = _WEIGHT_SUFFIX.sub("", name)
                total = _is_total_name(name)
                entry = {"path": ["合计"] if total else [_match_top(name, indicators)], "weight": None,
                         "score": Decimal(i.group("score")), "origin": "text", "summary": True,
                         "source": {"page": block.page, "block": block.index, "start": i.start("score"),
                                    "end": i.end("score"), "quote": i.group(0)}}
                if full_marks or total and _SCALE_NAME.search(name):
                    # 满分30分, 权重10分 are weights: a score follows (得27分) or none is stated; a
                    # framework's total (指标体系总分150分) is the scale the scores are out of
                    entry["weight"], entry["score"] = entry["score"], None
                if total:
                    entry["total"] = True
                entries.append(entry)
                quoted_from[id(entry)] = i.start()
                if total and entry["score"] is not None \
                        and sum(1 for e in entries if not e.get("total") and e["score"] is not None) >= 2:
                    break  # the items' total closes them (…，综合得分82分，略高于同类项目平均79.6分)
            # an item whose weight alone is stated (产出指标满分30分，其中…) heads the items, no part of their sum;
            # the framework's scale (指标体系总分150分) is the total's weight
            scale = next((e["weight"] for e in entries if e.get("total") and e["score"] is None), None)
            entries = _nested_under_their_parent([e for e in entries if e["score"] is not None], blocks_by_index)
            for e in entries:
                if e.get("total") and e["weight"] is None:
                    e["weight"] = scale
            if sum(1 for e in entries if not e.get("total")) < 2:
                continue  # a total and one score (总分100分，扣8分，最终得分92分) list no items
            if all(e["weight"] is not None for e in entries if not e.get("total")) \
                    and all(e["score"] == e["score"].to_integral_value() for e in entries):
                # (each item's points out of its weight, in whole points, 决策（20分）得19分；过程（20分）
                # 得18分…: awarded as a score table awards them, not a sum rounded)
                for e in entries:
                    e["origin"] = "list"
            return entries
    return []


# the name of a report's total score in a summary sentence (总得分, 合计, 综合得分 — the usual
# wording —, 最终得分), never a satisfaction survey's 综合得分
_TOTAL_NAME = regex.compile(r"总|合计|(?<!满意度)(?:综合得分|综合评分|最终得分)")
_SCALE_NAME = regex.compile(r"体系|框架|满分|设置|设定|共设")
_TOTAL_WORDS = ("综合", "最终", "综合评价")  # the name as the item pattern leaves it (综合得分90分 → 综合)


def _is_total_name(name: str) -> bool:
    """Does a summary item name the total (总得分, 合计, 综合得分 → 综合, 项目综合得分 → 项目综合),
    never a survey's 满意度综合得分?"""
    name = name.strip()
    return bool(_TOTAL_NAME.search(name)) or (name.endswith(_TOTAL_WORDS) and "满意度" not in name)
# scores listed without their items' names (分别为17分、16分…, 依次为17.5分、18分…): whose each is, is not read
# the weights of the framework a report scores by, listed in brackets (指标体系（决策10分、过程20分、
# 产出40分、效益30分）): no scores
_WEIGHTS_IN_BRACKETS = regex.compile(r"[（(][^（）()]{0,12}?\d+(?:\.\d+)?\s*分(?:\s*[、，,；;][^（）()]{0,12}?\d+(?:\.\d+)?\s*分){2,}"
                                     r"[^（）()]{0,6}[)）]")
_LISTED_SCORES = regex.compile(r"分别为?\s*\d+(?:\.\d+)?\s*分?\s*、|\d\s*分\s*、\s*\d")
# an item's own words before its points: 得 after its weight gives its score, 扣 a deduction
_POINTS_GIVEN = {"得", "得分", "实得", "评分", "实际得分"}
_COMPUTED = ("计得", "核得", "算得", "折得")  # 按执行率×权重计得9.6分: the score of the item weighted before
_POINTS_TAKEN = {"扣", "扣分", "扣除", "减", "减分"}
# a grade band (90分（含）以上为优, 80分（含）至90分为良, 80≤得分＜90为良): its bounds are no scores
_BRACKET = r"(?:[（(][^）)]{0,8}[）)])?"
_GRADE_BANDS = regex.compile(
    rf"\d\s*分?\s*{_BRACKET}\s*(?:及?以上|及?以下)[^，。；]{{0,8}}为"
    rf"|\d\s*分?\s*{_BRACKET}\s*[-~～至到—－]+\s*\d+(?:\.\d+)?\s*分?\s*{_BRACKET}\s*(?:以下|以内|不含)?\s*(?:的|之间)?\s*"
    rf"(?:为|属于|评为|定为)"
    rf"|\d\s*分?\s*[≤<＜≦]\s*(?:得分|总分|分数|综合得分)?\s*[≤<＜≦]\s*\d+(?:\.\d+)?\s*分?\s*(?:为|属于|评为|定为)"
    # a grade's band in brackets after it: 等级为“良”（80分（含）至90分）
    rf"|[（(]\s*\d+(?:\.\d+)?\s*分?\s*{_BRACKET}\s*[-~～至到—－]+\s*\d+(?:\.\d+)?\s*分?\s*{_BRACKET}\s*(?:之间)?\s*[）)]")


def _listed_level_scores(b) -> list:
    """First-level indicators named in one list and scored in lists in the same order
    (决策、过程、产出、效益四项一级指标满分分别为20分、20分、30分、30分，实际得分分别为16.5分、
    17分、27分和24.5分，项目综合得分86分): an entry per name, and the total its paragraph
    names. [] unless a list of points has exactly as many figures as there are names."""
    text = b.text
    names_m = next((m for m in _LEVEL_NAMES.finditer(text)
                    if m.group("bare") is None or whole_first_level(_list_names(m.group("names")))), None)
    if names_m is None:
        return []
    names = _list_names(names_m.group("names"))
    weights = scores = None
    for m in _POINTS_LIST.finditer(text, names_m.end()):
        points = [Decimal(x) for x in _POINTS_IN_LIST.findall(m.group("points"))]
        if len(points) != len(names):
            continue
        if _WEIGHT_WORDS.search(m.group("what")):
            weights = weights or points
        elif scores is None:
            scores, scored = points, m
    total = next((i for i in _SUMMARY_ITEM.finditer(text) if _is_total_name(i.group("name"))), None)
    if scores is None or total is None:
        return []
    where = {"page": b.page, "block": b.index, "start": scored.start("points"), "end": scored.end("points"),
             "quote": scored.group(0)}
    out = [{"path": [name], "weight": weight, "score": score, "origin": "text", "summary": True, "source": where}
           for name, weight, score in zip(names, weights or [None] * len(names), scores)]
    out.append({"path": ["合计"], "weight": None, "score": Decimal(total.group("score")), "origin": "text",
                "summary": True, "total": True,
                "source": {"page": b.page, "block": b.index, "start": total.start("score"), "end": total.end("score"),
                           "quote": total.group(0)}})
    return out


# 决策、过程、产出、效益四项一级指标 / 决策、过程、产出和效益四个方面; with no count (决策、过程、产出、效益
# 指标得分分别为…, 决策、过程、产出、效益分别得…: `bare`) only where the names make a usual first level whole
_LEVEL_NAMES = regex.compile(r"(?P<names>(?:\p{Han}{2,6}、){2,7}\p{Han}{2,6}?(?:[和及与]\p{Han}{2,6}?)?)"
                             r"(?:等?(?:[二三四五六七八两]|\d+)(?:项|个|类|大|方面)(?:一级)?(?:指标|方面)?|等?一级指标"
                             r"|(?P<bare>指标|(?=(?:得分)?(?:分别|依次))))")
# 满分分别为20分、20分、30分、30分 / 实际得分分别为16.5分、17分、27分和24.5分 / 分别得分18分、… / 依次为…
_POINTS_LIST = regex.compile(r"(?P<what>[^，。；,;\d]{0,8}?)(?:分别|依次)(?:获?得分?)?(?:为|是)?\s*"
                             r"(?P<points>\d+(?:\.\d+)?\s*分?(?:\s*(?:、|和|及|与)\s*\d+(?:\.\d+)?\s*分?)+)")
_POINTS_IN_LIST = regex.compile(r"\d+(?:\.\d+)?")
_WEIGHT_WORDS = regex.compile(r"满分|分值|权重")
_WEIGHT_SUFFIX = regex.compile(rf"(?:{_WEIGHT_WORDS.pattern})$")  # 预算执行率指标权重10分: a weight


def _list_names(names: str) -> list:
    """The names of a list (决策、过程、产出和效益 → 决策, 过程, 产出, 效益)."""
    *first, last = _LEADING_DEMONSTRATIVE.sub("", names).split("、")
    return first + regex.split(r"[和及与]", last)


_LEADING_DEMONSTRATIVE = regex.compile(r"^(?:该|本|其)(?=项目)")  # (该项目决策、过程… → 项目决策)


# a sentence that opens with the item whose parts it scores (在项目效益中，社会效益得分12分，…)
_WITHIN = regex.compile(r"\s*(?:其中)?\s*在(?P<parent>[^，,。；;、\d]{1,12}?)(?:指标)?(?:中|里)\s*[，,：:]")


def _nested_under_their_parent(entries: list, blocks: dict) -> list:
    """Items of a sentence opened by 在X中 are X's parts, not first-level items: their path is
    X's and their own name, where X is an item of the summary with a score and three parts
    are scored, or parts that make X's score or more; one or two short of it may be parts
    picked out, not the whole, and are left out."""
    children: dict = {}
    for e in entries:
        if e.get("total"):
            continue
        text = blocks[e["source"]["block"]].text
        lo, _ = sentence_bounds(text, e["source"]["start"], SENTENCE_END)
        m = _WITHIN.match(text, lo)
        if m is None:
            continue
        parent = next((p for p in entries if p is not e and not p.get("total") and p["score"] is not None
                       and p["source"]["start"] < lo and p["source"]["block"] == e["source"]["block"]
                       and _same_item(p["path"][0], m["parent"])), None)
        if parent is not None:
            children.setdefault(id(parent), (parent, []))[1].append(e)
    dropped = set()
    for parent, parts in children.values():
        if len(parts) < 3 and sum(e["score"] for e in parts) < parent["score"]:
            dropped |= {id(e) for e in parts}  # (no first-level item either)
            continue
        for e in parts:
            e["path"] = [parent["path"][0], e["path"][0]]
            e.pop("summary", None)  # (not summed into the total beside its parent)
            e["origin"] = "list"  # (points awarded to the parts of an item: whole points are exact)
    return [e for e in entries if id(e) not in dropped]


def _same_item(name: str, written: str) -> bool:
    """Is the summary's item `name` the one a later sentence names `written` (项目效益 / 效益)?"""
    a, b = name.replace("指标", ""), written.replace("指标", "")
    return bool(a) and bool(b) and (a in b or b in a)


def _summary_items(text: str) -> list:
    """The score items of a summary paragraph. Where it also states grade bands (90分以上为优,
    80分（含）至90分为良) or scores listed without their items' names (满分分别为15分、20分…),
    only the sentence naming the total is read, without those: the bands' bounds are no
    scores, and whose each listed score is, is not read."""
    items = _the_totals_run(text, list(_SUMMARY_ITEM.finditer(text)))
    unread = [m.span() for pattern in (_GRADE_BANDS, _LISTED_SCORES, _WEIGHTS_IN_BRACKETS) for m in pattern.finditer(text)]
    if not unread:
        return items
    total = next((i for i in items if _is_total_name(i.group("name"))), None)
    if total is None:
        return []
    lo, hi = sentence_bounds(text, total.start("score"), SENTENCE_END)
    if _LISTED_SCORES.search(text, lo, hi):
        return []  # (whose each listed score is, is not read: see _listed_level_scores)
    return [i for i in items if lo <= i.start() and i.end() <= hi
            and not any(a < i.end() and i.start() < b for a, b in unread)]


def _the_totals_run(text: str, items: list) -> list:
    """The items of the sentences in a row, each with an item, that hold the total's: a
    sentence of no score between two items' ends the summary (…总评得分为100分。1、投入情况，自评
    得分18分。根据…。2、过程情况，自评得分32分: a page flattened to one line runs the sections
    that follow a summary into its paragraph, the excerpt may hold only some of them)."""
    if len(items) < 2:
        return items
    spans = sentence_spans(text)
    at = [sentence_index(spans, i.start("score")) for i in items]
    runs, run = [], [0]
    for k in range(1, len(items)):
        if at[k] - at[k - 1] > 1:
            runs.append(run)
            run = []
        run.append(k)
    runs.append(run)
    total = next((r for r in runs if any(_is_total_name(items[k].group("name")) for k in r)), None)
    return items if total is None or len(runs) == 1 else [items[k] for k in total]


def _match_top(name: str, indicators: list) -> str:
    """'产出及效率' in the summary is the top-level heading '产出及效率' (or 投入 for 投入)."""
    tops = {i["path"][0] for i in indicators if i["path"]}
    for top in tops:
        if top and (top in name or name in top):
            return top
    return name
