"""Report paragraphs the extractor has never seen, made up here: statements of a budget's
execution (预算 … 支出 … 执行率), of a target's completion (计划 … 完成 … 完成率), of money or
people broken down into parts (其中 / 包括 / 分别为), of the first-level scores that make the
total (综合得分86分，其中决策指标17分、… / 决策、过程、产出、效益指标得分分别为…) and of a price per
head or household times a count (按每人每年1200元的标准，为350名…发放…万元; …人均1200元), each written in one of the wordings and
orders reports use, with invented figures. With --inject one statement of each report is made
inconsistent (a rate its figures do not give, parts above their total, a list said to be all
the parts, 分别为, that does not add up to it (above its total where that stands a sentence before), a total its scores do not make, or an amount its
price and count do not give), and the bench counts which the checker flags (ratio.stated,
sum.breakdown, score.tree, product.unit) and the error flags it raises
on clean reports: the checker's recall and precision on wordings it was not tuned on, with no
hand labelling.

    .venv/bin/python bench/prose_variants.py [--reports 60] [--seed 1] [--inject] [--show N]

The reports are made with a fixed seed: the same command gives the same text."""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.pipeline import extract_file  # noqa: E402

_PROJECTS = ["农村饮水安全巩固提升", "城乡居民医疗救助", "困难残疾人生活补贴", "农村公路养护", "高标准农田建设",
             "义务教育营养改善", "基层医疗卫生机构能力提升", "农村危房改造"]
# (budget, spent, rate) wordings: {b} {s} {r} the figures
_EXECUTION = [
    "全年预算资金{b}万元，实际支出{s}万元，预算执行率为{r}%。",
    "该项目年度预算{b}万元，截至12月底已支付{s}万元，执行率{r}%。",
    "项目资金到位{b}万元，已支出{s}万元，资金支出率达到{r}%。",
    "截至年底累计支出{s}万元，占全年预算{b}万元的{r}%。",
    "全年实际完成支出{s}万元，为预算数{b}万元的{r}%。",
    "下达资金{b}万元，全部拨付到位，实际使用{s}万元，资金使用率为{r}%。",
]
# (planned, done, rate) of a count: {n} {m} {r} {u} the unit, {what} the thing
_COMPLETION = [
    "计划{what}{n}{u}，实际完成{m}{u}，完成率为{r}%。",
    "全年实际{what}{m}{u}，占计划任务{n}{u}的{r}%。",
    "年度目标为{what}{n}{u}，实际完成{m}{u}，目标完成率{r}%。",
]
_COUNTED = [("改造农村危房", "户"), ("培训基层医务人员", "人次"), ("新建村级供水站", "处"), ("救助困难群众", "人")]
# a total and its parts: {t} the total, {parts} the parts written out
_BREAKDOWN = [
    "共落实资金{t}万元，其中{parts}。",
    "项目总投资{t}万元，包括{parts}。",
    "全年共下达补助资金{t}万元，其中：{parts}。",
]
# a total, then the parts' names listed before 分别为 and their figures after it
_LISTED = ["项目共投入资金{t}万元，其中{names}分别为{values}。", "全年到位资金{t}万元，{names}分别为{values}。",
           "项目共投入资金{t}万元。{names}分别为{values}。"]
# (a source's name in a clause, and in a list before 分别为)
_SOURCES = [("中央财政资金", "中央"), ("省级财政资金", "省级"), ("市级财政资金", "市级"), ("县级财政资金", "县级"),
            ("单位自筹资金", "单位自筹")]
_SEPARATORS = ["，", "、", "；"]
# a report's first-level scores and its total: {T} the total, {items} the items written out, {names}
# the names listed before their scores, {scores} the scores so listed, {g} the grade
_SCORES = [
    "经评价，该项目综合得分{T}分，其中{items}，评价等级为“{g}”。",
    "项目{names}四项指标分别得分{scores}，总得分为{T}分。",
    "{names}指标得分分别为{scores}，综合得分{T}分，评价等级为{g}。",
    "评价组对项目进行了评分：{items}。综合得分{T}分，等级为{g}。",
    "{items}，合计{T}分，绩效评价等级为“{g}”。",
    "该项目自评总分{T}分。其中：{items}。",
    "本项目总得分{T}分，其中{items}。",
]
# how each wording writes an item: {n} its name, {w} its weight, {a} its score
_SCORE_ITEMS = {0: "{n}指标{a}分", 3: "{n}指标满分{w}分，得分{a}分", 4: "项目{n}得分{a}分", 5: "项目{n}（{w}分）得{a}分",
                6: "{n}得分{a}分（满分{w}分）"}
_ITEM_SEPARATORS = {0: "、", 3: "；", 4: "，", 5: "；", 6: "，"}
_FRAMEWORKS = [(("决策", "过程", "产出", "效益"), (20, 20, 30, 30)), (("决策", "过程", "产出", "效益"), (15, 25, 30, 30)),
               (("投入", "过程", "产出", "效果"), (20, 20, 40, 20))]
# a price per head or household, a count and what they paid in all: {r} the price in 元, {n} the
# count, {a} the amount in 万元
_PRODUCTS = [
    "按每人每年{r}元的标准，为{n}名困难群众发放补贴资金{a}万元。",
    "全年共发放补贴资金{a}万元，惠及困难群众{n}人，人均{r}元。",
    "按照每户{r}元的标准，对{n}户实施改造补助，共计补助资金{a}万元。",
    "共培训农民{n}人次，培训经费按每人次{r}元计，合计{a}万元。",
    "全县共有{n}户享受补助，每户补助{r}元，共计{a}万元。",
    "为{n}名对象发放补助资金，标准{r}元/人，共计{a}万元。",
    "补助资金{a}万元，按{r}元/人的标准发放给{n}名对象。",
]
_RULES = {"execution": "ratio.stated", "completion": "ratio.stated", "breakdown": "sum.breakdown",
          "listed": "sum.breakdown", "scores": "score.tree", "product": "product.unit"}


def _money(rng) -> Decimal:
    return Decimal(rng.randrange(5000, 900000)) / 100  # 50.00 – 8999.99 万元


def _rate(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(Decimal("0.01"))


def _statement(rng, kind: str, slip: bool) -> tuple:
    """(the statement, its wording: its kind and the number of its template)"""
    if kind == "execution":
        b = _money(rng)
        s = (b * Decimal(rng.randrange(7000, 10001)) / 10000).quantize(Decimal("0.01"))
        r = _rate(s, b) + (rng.choice([Decimal("-2.37"), Decimal("1.85"), Decimal("-0.96"), Decimal("3.10")]) if slip else 0)
        k = rng.randrange(len(_EXECUTION))
        return _EXECUTION[k].format(b=b, s=s, r=r), f"execution{k}"
    if kind == "completion":
        what, unit = rng.choice(_COUNTED)
        n = rng.randrange(120, 5000)
        m = n * rng.randrange(80, 100) // 100
        r = _rate(Decimal(m), Decimal(n)) + (rng.choice([Decimal("-4.20"), Decimal("2.50")]) if slip else 0)
        k = rng.randrange(len(_COMPLETION))
        return _COMPLETION[k].format(what=what, n=n, m=m, r=r, u=unit), f"completion{k}"
    if kind == "scores":
        return _scores(rng, slip)
    if kind == "product":
        n, r = rng.randrange(40, 3000), 100 * rng.randrange(3, 60)
        a = Decimal(n * r) / 10000 * (1 + (rng.choice([Decimal("0.06"), Decimal("-0.08"), Decimal("0.15")]) if slip else 0))
        k = rng.randrange(len(_PRODUCTS))
        return _PRODUCTS[k].format(n=n, r=r, a=_points(a.quantize(Decimal("0.01")))), f"product{k}"
    sources = rng.sample(_SOURCES, rng.randrange(2, 5))
    parts = [(_money(rng) / 10).quantize(Decimal("0.01")) for _ in sources]
    k = rng.randrange(len(_LISTED)) if kind == "listed" else None
    # (a 其中 or 包括 may name the main parts only: parts short of their total are no slip, parts
    # above it are; a list said to be all of them, 分别为, is wrong either way — but not one a
    # sentence after its total, which may name some of its parts: _LISTED's last)
    slips = [Decimal("-12.50"), Decimal("-30.00"), Decimal("-8.40")] + \
        ([Decimal("30.00"), Decimal("8.40")] if kind == "listed" and k < len(_LISTED) - 1 else [])
    total = sum(parts) + (rng.choice(slips) if slip else 0)
    if kind == "listed":
        names = "、".join(short for _, short in sources[:-1]) + "和" + sources[-1][1] + "资金"
        values = "、".join(f"{p}万元" for p in parts)
        return _LISTED[k].format(t=total, names=names, values=values), f"listed{k}"
    sep = rng.randrange(len(_SEPARATORS))
    written = _SEPARATORS[sep].join(f"{name}{p}万元" for (name, _), p in zip(sources, parts))
    k = rng.randrange(len(_BREAKDOWN))
    return _BREAKDOWN[k].format(t=total, parts=written), f"breakdown{k}{_SEPARATORS[sep]}"


def _scores(rng, slip: bool) -> tuple:
    """A summary of the first-level scores and the total: whole points, or halves in some; a
    slip puts the total one to three points off (one or one and a half where the scores have halves)."""
    names, weights = rng.choice(_FRAMEWORKS)
    halves = rng.random() < 0.3
    scores = [Decimal(rng.randrange(int(w * 1.4), 2 * w + 1)) / 2 if halves else Decimal(rng.randrange(int(w * 0.7), w + 1))
              for w in weights]
    # (a whole total half a point off scores with halves may be their sum rounded: no slip)
    off = [Decimal(-3), Decimal(-2), Decimal(2), Decimal(3)] if halves else [Decimal(-3), Decimal(-2), Decimal(-1),
                                                                              Decimal(1), Decimal(2)]
    total = sum(scores) + (rng.choice(off) / (2 if halves else 1) if slip else 0)
    grade = next(g for g, low in (("优", 90), ("良", 80), ("中", 60), ("差", 0)) if total >= low)  # (the stated total's)
    k = rng.randrange(len(_SCORES))
    items = _ITEM_SEPARATORS.get(k, "、").join(_SCORE_ITEMS.get(k, "").format(n=n, w=w, a=_points(a))
                                               for n, w, a in zip(names, weights, scores))
    return _SCORES[k].format(T=_points(total), items=items, names="、".join(names),
                             scores="、".join(f"{_points(a)}分" for a in scores), g=grade), f"scores{k}"


def _points(d: Decimal) -> str:
    return f"{d.normalize():f}"  # (17.5, 18: no 18.0)


def make_reports(count: int, seed: int, inject: bool) -> list:
    """[(text, the slipped statement's kind or None, its wording)] for `count` reports made
    with `seed`."""
    rng = random.Random(seed)
    out = []
    for n in range(1, count + 1):
        kinds = rng.sample(list(_RULES), len(_RULES))
        slipped = rng.choice(kinds) if inject else None
        project = rng.choice(_PROJECTS)
        lines = [f"某县{project}项目{2018 + n % 7}年度绩效评价报告", "一、项目基本情况",
                 f"{project}项目由县级主管部门组织实施。"]
        wording = None
        for k, kind in enumerate(kinds):
            statement, worded = _statement(rng, kind, kind == slipped)
            lines.append(("二、" if k == 0 else "") + statement)
            wording = worded if kind == slipped else wording
        lines.append("三、存在的问题：部分资金拨付不够及时，绩效目标设置不够细化。")
        out.append(("\n".join(lines) + "\n", slipped, wording))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--inject", action="store_true", help="one statement of each report made inconsistent")
    ap.add_argument("--show", type=int, default=0, help="print the first N reports whose slip was not flagged")
    args = ap.parse_args(argv)
    counts = defaultdict(Counter)
    unflagged = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (text, slipped, wording) in enumerate(make_reports(args.reports, args.seed, args.inject), 1):
            path = Path(tmp) / f"report{n}.txt"
            path.write_text(text, encoding="utf-8")
            flags = extract_file(path)["flags"]
            rule = _RULES.get(slipped)
            raised = {f["rule"] for f in flags if f["severity"] in ("error", "warning")}
            others = [f for f in flags if f["severity"] == "error" and f["rule"] != rule]
            for group in ("all", f"made:{slipped}" if slipped else "clean") + ((f"wording:{wording}",) if slipped else ()):
                counts[group].update(made=1, found=int(rule in raised) if rule else 0, other_errors=len(others))
            if rule and rule not in raised or others:
                unflagged.append((n, slipped, text, [(f["rule"], f["severity"], f["message"]) for f in flags]))
    print("flagged (its rule, error or warning) / reports made; error flags of other rules:")
    for g, c in sorted(counts.items()):
        print(f"{g:22s} {c['found']}/{c['made']}  other errors {c['other_errors']}")
    for n, slipped, text, flags in unflagged[:args.show]:
        print(f"\n--- report{n} ({slipped or 'clean'}):\n{text}{flags}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
