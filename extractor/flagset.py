"""A labelled test set for the checker: reports built from one consistent template, each
with one inconsistency of a known rule type written in (or none, for the clean ones), in
.txt and .docx. `extractor eval` scores flag precision and recall per rule against the
labels written beside them.

    from extractor.flagset import write_flagset
    write_flagset(folder, n_per_rule=3)   # reports in folder, labels in folder/gold/

The numbers vary with a seeded random generator, so the set is the same on every run."""
from __future__ import annotations

import json
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

PLACES = [("四川省", "南充市", "仪陇县", ["顺庆区", "嘉陵区", "仪陇县"]), ("江西省", "赣州市", "于都县", ["章贡区", "南康区", "于都县"]),
          ("河南省", "周口市", "郸城县", ["川汇区", "淮阳区", "郸城县"]), ("甘肃省", "定西市", "渭源县", ["安定区", "陇西县", "渭源县"])]
RULES = ["sum.breakdown", "sum.table", "ratio.stated", "diff.change", "product.unit", "repeat.conflict",
         "claim.completion", "score.grade", "score.tree", "rule.bracket", "name.variant"]
MISSPELL = {"嘉陵区": "佳陵区", "南康区": "南糠区", "淮阳区": "淮杨区", "陇西县": "陇栖县"}


def _yuan(x: Decimal) -> str:
    return f"{x:,.2f}元"


def _wan(x: Decimal) -> str:
    return f"{(x / 10000).quantize(Decimal('0.01'), ROUND_HALF_UP)}"


def _pct(num: Decimal, den: Decimal) -> str:
    return f"{(num / den * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def build(rule: str | None, rnd: random.Random) -> tuple[list, dict]:
    """Content (("p", text) / ("table", rows)) and metadata of one report."""
    province, city, county, districts = rnd.choice(PLACES)
    year = rnd.randint(2017, 2022)
    people = rnd.randint(800, 4000)
    price = Decimal(rnd.choice([180, 220, 250, 280, 320]))
    budget = price * people
    spent = (budget * Decimal(rnd.randint(85, 99)) / 100).quantize(Decimal("1"))
    central = (budget * Decimal(rnd.randint(30, 60)) / 100).quantize(Decimal("1"))
    local = budget - central
    last_year = (budget * Decimal(rnd.randint(70, 95)) / 100).quantize(Decimal("1"))
    change = budget - last_year
    cleared = rnd.randint(20, 90)
    towns = [("第一片区", rnd.randint(100, 300)), ("第二片区", rnd.randint(100, 300)), ("第三片区", rnd.randint(100, 300))]
    town_total = sum(n for _, n in towns)
    s1, s2, s3 = rnd.randint(16, 20), rnd.randint(40, 58), rnd.randint(20, 28)
    total = s1 + s2 + s3
    grade = "优" if total >= 90 else "良" if total >= 80 else "中"
    rate = Decimal(rnd.randint(3, 9)) + Decimal(rnd.randint(0, 99)) / 100
    bracket = (Decimal(0), Decimal(10))

    # the inconsistency, if any
    stated_total, stated_rate, stated_change, stated_product = budget, _pct(spent, budget), change, price * cleared
    stated_town_total, stated_grade, stated_score = town_total, grade, total
    text_people, claim_done, place = people, people, districts[1]
    if rule == "sum.breakdown":
        central += Decimal(rnd.randint(5000, 20000))  # the parts now exceed the total
    elif rule == "ratio.stated":
        stated_rate = _pct(spent - Decimal(rnd.randint(3, 8)) * budget / 100, budget)
    elif rule == "diff.change":
        stated_change = change + Decimal(rnd.randint(2000, 9000))
    elif rule == "product.unit":
        stated_product = price * cleared + Decimal(rnd.randint(1, 9)) * 1000
    elif rule == "sum.table":
        stated_town_total = town_total + rnd.randint(5, 40)
    elif rule == "repeat.conflict":
        text_people = people - rnd.randint(30, 90)  # a figure with no stated reason for the gap
    elif rule == "claim.completion":
        claim_done = people - rnd.randint(30, 90)
    elif rule == "score.grade":
        stated_grade = {"优": "中", "良": "优", "中": "优"}[grade]
    elif rule == "score.tree":
        stated_score = total + rnd.randint(4, 8)  # beyond what rounding three whole-point scores explains
        stated_grade = "优" if stated_score >= 90 else "良" if stated_score >= 80 else "中"
    elif rule == "rule.bracket":
        rate = Decimal(rnd.randint(12, 19)) + Decimal(rnd.randint(0, 99)) / 100
    elif rule == "name.variant":
        place = MISSPELL.get(districts[1], districts[1])

    title = f"{county}医疗保障局{year}年度城乡居民参保资助项目绩效评价报告"
    content = [
        ("p", title),
        ("p", "一、项目基本情况"),
        ("p", "（一）资金情况"),
        ("p", f"{year}年项目实际总投入{_yuan(stated_total)}，其中：中央补助资金{_yuan(central)}，本级财政资金{_yuan(local)}。"
              f"截至{year}年12月31日，实际支出{_yuan(spent)}，资金使用率{stated_rate}。"),
        ("p", f"{year}年项目总投入{_wan(budget)}万元，{year - 1}年项目总投入{_wan(last_year)}万元。"
              f"比上年增加{_wan(stated_change)}万元。"),
        ("p", "（二）实施情况"),
        ("p", f"1.完成{city}{year}年度困难群众参保资助{text_people}人的工作。"),
        ("p", f"2.经核实，清退重复参保人员{cleared}人，按{price}元/人标准，共计退回资金{_yuan(stated_product)}。"),
        ("p", "完成情况见下表："),
        ("table", [["序号", "项目绩效目标", "实际完成情况", "完成质量"],
                   ["1", f"完成{city}{year}年度困难群众参保资助{people}人的工作",
                    "已完成" if claim_done == people else f"已完成（实际完成{claim_done}人）", "完成质量100%"]]),
        ("p", "各片区资助人数如下："),
        ("table", [["片区", "资助人数（人）"]] + [[n, str(v)] for n, v in towns] + [["合计", str(stated_town_total)]]),
        ("p", f"评价组走访了{districts[0]}、{place}、{districts[2]}的参保经办点。"),
        ("p", "二、绩效评价情况"),
        ("p", "（一）预算控制率（10分）"),
        ("p", f"预算控制率为{rate}%。预算控制率={bracket[0]}-{bracket[1]}%（含），本单位该项指标得分按8分计算。"),
        ("p", "三、评价结论"),
        ("p", f"投入绩效为{s1}分，过程绩效为{s2}分，产出绩效为{s3}分，总绩效为{stated_score}分。评价结果等次为“{stated_grade}”。"),
        ("p", "四、存在的问题"),
        ("p", "（一）参保信息比对不及时"),
        ("p", "部分对象信息更新滞后。"),
        ("p", "五、建议"),
        ("p", "（一）建立信息比对机制"),
        ("p", "建议按月比对参保信息。"),
    ]
    meta = {"title": title, "province": province, "city": city, "county": county, "year": year}
    return content, meta


def write_txt(path: Path, content: list) -> None:
    out = []
    for kind, item in content:
        if kind == "p":
            out.append(item)
        else:
            out.append("\n".join("\t".join(row) for row in item))
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def write_docx(path: Path, content: list) -> None:
    import docx

    d = docx.Document()
    for kind, item in content:
        if kind == "p":
            d.add_paragraph(item)
        else:
            t = d.add_table(rows=len(item), cols=len(item[0]))
            for r, row in enumerate(item):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
    d.save(path)


def write_flagset(folder, n_per_rule: int = 2, n_clean: int = 4, seed: int = 7) -> list:
    folder = Path(folder)
    (folder / "gold").mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    plan = [(rule, i) for rule in RULES for i in range(n_per_rule)] + [(None, i) for i in range(n_clean)]
    written = []
    for n, (rule, i) in enumerate(plan):
        content, meta = build(rule, rnd)
        fmt = "docx" if n % 2 else "txt"
        stem = f"{n:03d}_{(rule or 'clean').replace('.', '_')}"
        (write_docx if fmt == "docx" else write_txt)(folder / f"{stem}.{fmt}", content)
        gold = {"file": f"{stem}.{fmt}", "metadata": meta, "facts": [],
                "flags": [{"rule": rule}] if rule else []}
        (folder / "gold" / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2), encoding="utf-8")
        written.append(folder / f"{stem}.{fmt}")
    return written
