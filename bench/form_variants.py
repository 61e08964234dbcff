"""Forms the extractor has never seen, made up here: the standard self-evaluation forms (项目支出
绩效自评表; 部门整体支出绩效自评表 with its main tasks and their money; 转移支付（区域）绩效目标自评表
with its money by source and no points) written in every shape the archives give (pipe rows, one cell a line,
cells a space run apart, tab-separated, the whole form on one line), each with a header drawn
from the variants provinces print (columns in other orders, 指标性质 and 度量单位 columns, a
序号 column, other words for the same column), merged level cells left out or repeated, and
invented figures. Every figure the form holds is listed as it is made, so recall and precision
come out per template, shape and variant without any hand labelling.

    .venv/bin/python bench/form_variants.py [--forms 40] [--seed 1] [--noise] [--show N] [--json OUT]

The forms are made with a fixed seed: the same command gives the same forms and figures.
Prints recall and precision of the facts (kind, value, unit) overall, per template, shape and
header variant, and the forms with the most figures missed (--show N prints the first N of
them in full, to read what was lost)."""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.pipeline import extract_file  # noqa: E402

# (name, unit as the target is written, the fact kind of a figure in that unit, or None for
# counts of things, which are no facts)
_INDICATORS = {
    ("产出指标", "数量指标"): [("补助对象人数", "人", "headcount"), ("资助困难家庭户数", "户", "households"),
                          ("开展培训人次", "人次", "person_times"), ("新建村级服务站", "个", None),
                          ("维修道路里程", "公里", None)],
    ("产出指标", "质量指标"): [("资金发放准确率", "%", "percent"), ("项目验收合格率", "%", "percent"),
                          ("档案规范率", "%", "percent")],
    ("产出指标", "时效指标"): [("资金拨付及时率", "%", "percent"), ("项目完成及时率", "%", "percent")],
    ("产出指标", "成本指标"): [("项目总成本", "万元", "amount"), ("人均补助标准", "元/人", "money_rate")],
    ("效益指标", "社会效益指标"): [("政策知晓率", "%", "percent"), ("受益群众人数", "人", "headcount")],
    ("效益指标", "经济效益指标"): [("带动农户增收", "万元", "amount")],
    ("效益指标", "可持续影响指标"): [("长效管护机制健全率", "%", "percent")],
    ("满意度指标", "服务对象满意度指标"): [("受益群众满意度", "%", "percent"), ("服务对象满意度", "%", "percent")],
}

# indicator headers: (variant, columns); the value columns' slots in brackets
_HEADERS = {
    "standard": ["一级指标", "二级指标", "三级指标", "年度指标值{target}", "实际完成值{actual}", "分值{weight}",
                 "得分{score}", "偏差原因分析及改进措施"],
    "weight_first": ["一级指标", "二级指标", "三级指标", "分值{weight}", "年度指标值{target}", "实际完成值{actual}",
                     "得分{score}", "偏差原因分析及改进措施"],
    "nature_unit": ["一级指标", "二级指标", "三级指标", "指标性质{cmp}", "指标值{target_bare}", "度量单位{unit}",
                    "完成值{actual}", "权重{weight}", "得分{score}", "未完成原因"],
    "numbered": ["序号{no}", "一级指标", "二级指标", "三级指标", "指标值{target}", "实际值{actual}", "分值{weight}",
                 "得分{score}"],
    "other_words": ["一级指标", "二级指标", "指标名称", "目标值{target}", "完成值{actual}", "标准分{weight}",
                    "实际得分{score}", "未完成原因分析"],
}
_FUND_HEADERS = {
    "standard": ["项目资金（万元）", "年初预算数{planned}", "全年预算数{budget}", "全年执行数{spent}", "分值{weight}",
                 "执行率{rate}", "得分{score}"],
    "adjusted": ["资金情况（万元）", "年初预算数{planned}", "调整后预算数{budget}", "实际支出数{spent}", "权重{weight}",
                 "执行率{rate}", "得分{score}"],
    "short": ["项目资金（万元）", "预算数{budget}", "执行数{spent}", "执行率{rate}", "分值{weight}", "得分{score}"],
    "other_words": ["资金情况（单位：万元）", "年初预算{planned}", "调整后预算{budget}", "执行数{spent}", "标准分{weight}",
                    "预算执行率{rate}", "实际得分{score}"],
}
# the transfer form's (2019 template): its money by source, its indicators with no points
_TRANSFER_FUND_HEADER = ["资金情况（万元）", "全年预算数（A）{budget}", "全年执行数（B）{spent}", "执行率（B/A）{rate}"]
_TRANSFER_HEADER = ["一级指标", "二级指标", "三级指标", "指标值{target}", "全年实际完成值{actual}", "未完成原因分析"]
# the department-wide form's main tasks, each with its money
_TASK_HEADER = ["年度主要任务", "任务名称", "主要内容", "全年预算数（万元）", "全年执行数（万元）"]
_TASKS = [("机关运转保障", "保障机关日常运转和人员工资发放"), ("困难群众救助", "按时足额发放低保和特困供养金"),
          ("养老服务", "建设村级互助养老服务点"), ("基层治理", "开展村（社区）换届和社区工作者培训")]
_COMPARATORS = ["≥", "≥", "≥", ">=", "不低于", "=", "≤"]
# the total row's and the grade's labels forms print, and where the total's points stand
_TOTAL_LABELS = ["总分", "总分", "合计", "总计", "自评总分", "得分合计"]
_TOTAL_LAYOUTS = ["after_label", "under_columns", "with_grade"]
_GRADE_LABELS = ["自评等级", "自评等级", "评价等级", "绩效等级", "自评结果"]
# a level cell under a merge after its group's first row: left out of the row (a web page's
# rowspan as text) or an empty cell (a sheet's merged cell); a sheet's text (tabs) keeps both
# as empty fields
_LEFT_OUT, _EMPTY = object(), object()
_MERGED = {"left_out": _LEFT_OUT, "empty": _EMPTY}
# the kinds the gold lists (counts of things, years and the like are read but not listed)
_LISTED = {"amount", "headcount", "person_times", "households", "percent", "score", "money_rate"}
_SHAPES = ("pipe", "cells", "spaced", "tabs", "one_line")


def _money(rng) -> Decimal:
    return Decimal(rng.randrange(1000, 90000)) / 100  # 10.00 – 899.99 万元


def _form(rng, n: int, inject: str | None = None, irng=None) -> tuple:
    """(rows of cells, gold facts [(kind, value, unit)], the variants it was made with).
    With `inject` (one of INJECTIONS), the form is made with that one inconsistency, its
    choices drawn from `irng` so that the form is otherwise the clean one."""
    template = rng.choice(["project", "department", "transfer"])
    vary = random.Random(f"form {n}")  # (the draws added later, apart: the forms' other draws as they were)
    fund_variant = rng.choice(sorted(_FUND_HEADERS)) if template != "transfer" else "transfer"
    header_variant = rng.choice(sorted(_HEADERS)) if template != "transfer" else "transfer"
    # a level cell merged over its group's rows: written in every row, or in the first only
    # (the others left out, as a web page's rowspan is, or empty, as a sheet's merged cell is)
    merged = rng.choice(["repeated", "left_out", "empty"])
    gold = []
    rows = {"project": [[f"2023年度某县第{n}号民生补助项目支出绩效自评表"],
                        ["项目名称", f"第{n}号民生补助项目", "主管部门", "某县民政局", "实施单位", "某县民政局"]],
            "department": [[f"某县第{n}民政服务中心2023年度部门整体支出绩效自评表"],
                           ["部门（单位）名称", f"某县第{n}民政服务中心"]],
            "transfer": [[f"第{n}号困难群众救助补助资金转移支付（区域）绩效目标自评表（2023年度）"],
                         ["转移支付名称", "困难群众救助补助资金", "中央主管部门", "民政部", "地方主管部门", "某县民政局"]]}[template]
    if template == "department":  # its main tasks, each with its money, under a merged 年度主要任务
        rows.append(list(_TASK_HEADER))
        for task, content in rng.sample(_TASKS, rng.randrange(2, 4)):
            planned = _money(rng)
            done = (planned * Decimal(rng.randrange(85, 101)) / 100).quantize(Decimal("0.01"))
            rows.append([_MERGED.get(merged, "年度主要任务"), task, content, f"{planned}", f"{done}"])
            gold += [("amount", planned * 10000, "元"), ("amount", done * 10000, "元")]

    # the fund block: the total and its 其中 rows (a transfer form's: the central and local parts)
    budget = _money(rng)
    spent = (budget * Decimal(rng.randrange(80, 101)) / 100).quantize(Decimal("0.01"))
    if inject == "budget_score":  # (a rate well under 100%: full marks are more than a rounding off)
        spent = (budget * Decimal(irng.randrange(60, 84)) / 100).quantize(Decimal("0.01"))
    weight = 10
    score = (spent / budget * weight).quantize(Decimal("0.1"))
    if inject == "budget_score":
        score = Decimal(weight)
    if template == "transfer":
        central = (budget * Decimal(rng.randrange(50, 90)) / 100).quantize(Decimal("0.01"))
        central_spent = min(central, spent)
        # (the local part written off the rest of the total: the parts no longer sum to it)
        local_slip = (_money(irng) / 10).quantize(Decimal("0.01")) if inject == "funds_total" else 0
        money_rows = [("年度资金总额", budget, spent), ("其中：中央财政资金", central, central_spent),
                      ("地方资金", budget - central + local_slip, spent - central_spent)]
    elif inject == "funds_total":  # (this year's appropriation above the total it is part of)
        money_rows = [("年度资金总额", budget, spent), ("其中：当年财政拨款", budget + (_money(irng) / 10).quantize(Decimal("0.01")), spent)]
    else:
        money_rows = [("年度资金总额", budget, spent), ("其中：当年财政拨款", budget, spent)]
    header = _FUND_HEADERS[fund_variant] if template != "transfer" else _TRANSFER_FUND_HEADER
    rows.append([c.split("{")[0] for c in header])
    for k, (label, planned, done) in enumerate(money_rows):
        rate = (done / planned * 100).quantize(Decimal("0.01"))
        if inject == "rate" and k == 0:  # (a rate its figures do not give)
            rate += irng.choice([Decimal("-3.17"), Decimal("-1.50"), Decimal("2.46"), Decimal("-0.83")])
        row = [label]
        for cell in header[1:]:
            slot = cell[cell.index("{") + 1:-1]
            if slot in ("planned", "budget", "spent"):
                value = done if slot == "spent" else planned
                row.append(f"{value}")
                gold.append(("amount", value * 10000, "元"))
            elif slot == "rate":
                row.append(f"{rate}%")
                gold.append(("percent", rate, "%"))
            elif k == 0:  # (the points of the total row only)
                value = weight if slot == "weight" else score
                row.append(f"{value}")
                gold.append(("score", Decimal(value), "分"))
            else:
                row.append("—")
        rows.append(row)
    rows.append(["上年结转资金" if template != "transfer" else "其他资金"] + ["—"] * (len(header) - 1))

    # the indicator block (a transfer form's gives no points)
    header = _HEADERS[header_variant] if template != "transfer" else _TRANSFER_HEADER
    points_given = template != "transfer"
    rows.append([c.split("{")[0] for c in header])
    groups = list(_INDICATORS)
    rng.shuffle(groups)
    groups = sorted(groups[:rng.randrange(3, 6)], key=lambda g: list(_INDICATORS).index(g))
    points_left, total_score = 90, Decimal(0)
    picked = [(g, item) for g in groups for item in rng.sample(_INDICATORS[g], min(len(_INDICATORS[g]), rng.randrange(1, 3)))]
    shares = [points_left // len(picked)] * len(picked)
    shares[-1] += points_left - sum(shares)
    if inject == "weight_total":  # (one row's 分值 off, so that the 分值 no longer sum to the total's)
        slipped = irng.randrange(len(shares))
        shares[slipped] += irng.choice([-2, 3, 5])
    # (a row that misses its ≥ target yet gets full marks)
    missed_row = irng.randrange(len(picked)) if inject == "target_missed" else None
    last_level1 = last_level2 = None
    for k, (((level1, level2), (name, unit, kind)), points) in enumerate(zip(picked, shares), 1):
        cmp = rng.choice(_COMPARATORS if unit != "万元" else ["≤", "<="])
        if unit == "%":
            target = Decimal(rng.choice([85, 90, 95, 98, 100]))
            actual = min(Decimal(100), target + rng.choice([0, 1, 2, 3])) if cmp != "≤" else target - 1
        elif unit == "万元":
            target = _money(rng)
            actual = (target * Decimal(rng.randrange(90, 101)) / 100).quantize(Decimal("0.01"))
        elif unit == "元/人":
            target = Decimal(rng.choice([300, 500, 800, 1200]))
            actual = target
        else:
            target = Decimal(rng.randrange(50, 3000))
            actual = target + rng.randrange(0, 40) if cmp != "≤" else target - rng.randrange(0, 10)
        if cmp == "=":  # (an = target is met only exactly)
            actual = target
        got = Decimal(points) - (rng.choice([0, 0, 0, 1]) if points > 2 else 0)
        if k - 1 == missed_row:
            cmp = {"≤": "≤", "<=": "<="}.get(cmp, "≥")
            actual = (target * Decimal(irng.randrange(60, 96)) / 100).quantize(Decimal("0.01") if unit in ("万元", "元/人") else Decimal(1)) \
                if cmp == "≥" else (target * Decimal(irng.randrange(105, 130)) / 100).quantize(Decimal("0.01"))
            got = Decimal(points)
        total_score += got
        scale = 10000 if unit == "万元" else 1
        if kind is not None:
            gold += [(kind, target * scale, "元" if kind == "amount" else unit),
                     (kind, actual * scale, "元" if kind == "amount" else unit)]
        if points_given:
            gold += [("score", Decimal(points), "分"), ("score", got, "分")]
        cells = {"一级指标": _MERGED.get(merged, level1) if level1 == last_level1 else level1,
                 "二级指标": _MERGED.get(merged, level2) if level2 == last_level2 else level2,
                 "三级指标": name, "指标名称": name, "target": f"{cmp}{target}{unit}", "target_bare": f"{target}",
                 "cmp": cmp, "unit": unit, "actual": f"{actual}{unit}", "weight": f"{points}", "score": f"{got}",
                 "no": str(k)}
        row = [cells.get(cell[cell.index("{") + 1:-1] if "{" in cell else cell, "") for cell in header]
        rows.append(row)
        last_level1, last_level2 = level1, level2
    if points_given:
        total_points, total = points_left + weight, total_score + score
        if inject == "score_total":  # (a total its rows' points do not give)
            total += irng.choice([-3, -1, 1, 2])
        gold += [("score", Decimal(total_points), "分"), ("score", total, "分")]
        grade = "优" if total >= 90 else "良"
        if inject == "grade":  # (a grade another band's)
            grade = "良" if total >= 90 else "优"
        # the total row's label and layout and the grade's label, drawn apart from the rest (the
        # forms' other draws as they were): the points after the label, under their columns
        # (a merged label cell, a sheet's empty cells), or the grade in the total's row
        label, layout, grade_label = vary.choice(_TOTAL_LABELS), vary.choice(_TOTAL_LAYOUTS), vary.choice(_GRADE_LABELS)
        if layout == "under_columns":
            row = ["" for _ in header]
            row[0] = label
            row[_slot_at(header, "weight")], row[_slot_at(header, "score")] = f"{total_points}", f"{total}"
            rows += [row, [grade_label, grade]]
        elif layout == "with_grade":
            rows.append([label, f"{total_points}", f"{total}", grade_label, grade])
        else:
            rows += [[label, f"{total_points}", f"{total}"], [grade_label, grade]]
        variant_total = f"{label}/{layout}/{grade_label}"
    else:
        variant_total = "none"
    return rows, gold, {"template": template, "fund": fund_variant, "header": header_variant, "merged": merged,
                        "total": variant_total, **({"inject": inject} if inject else {})}


def _slot_at(header: list, slot: str) -> int:
    return next(k for k, cell in enumerate(header) if cell.endswith("{" + slot + "}"))


# what a converter or a web page does to a form's cells on the way to text: header words split
# by a space where the printed cell wrapped them (年度 指标值), rows padded with the empty cells
# of a wider row (| 总分 | 100 | 97.8 | | | |), a long name broken onto the next line
_NOISES = ("wrapped_header", "padded_rows", "broken_names")


def _noisy(rows: list, noises: set, rng) -> list:
    rows = [list(r) for r in rows]
    width = max(len(r) for r in rows)
    for r in rows:
        for k, cell in enumerate(r):
            if not isinstance(cell, str):
                continue
            if "wrapped_header" in noises and len(cell) >= 4 and cell.endswith(("指标值", "完成值", "预算数", "执行数", "措施", "指标")):
                cut = rng.randrange(2, len(cell) - 1)
                r[k] = cell[:cut] + " " + cell[cut:]
            elif "broken_names" in noises and len(cell) >= 6 and not any(ch.isdigit() for ch in cell) and rng.random() < 0.3:
                r[k] = cell[:len(cell) // 2] + "\n" + cell[len(cell) // 2:]
        if "padded_rows" in noises:
            r += [""] * (width - len(r))
    return rows


def _written(rows: list, shape: str) -> str:
    # (a merged level cell: an empty field in tabs, an empty cell where so made, else left out)
    rows = [[c if isinstance(c, str) else "" for c in r if isinstance(c, str) or shape == "tabs" or c is _EMPTY]
            for r in rows]
    if shape == "pipe":
        return "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n"
    if shape == "cells":
        return "\n".join(c for r in rows for c in r if c) + "\n"
    if shape == "spaced":
        return "\n".join("  ".join(c for c in r if c) for r in rows) + "\n"
    if shape == "tabs":
        return "\n".join("\t".join(r) for r in rows) + "\n"
    return rows[0][0] + "\n" + " ".join(c for r in rows[1:] for c in r if c) + "\n"


# the inconsistencies --inject makes, each with the rule that should flag it (a transfer form has
# no points: only the money ones are made in it)
INJECTIONS = {"rate": "form.execution_rate", "budget_score": "form.execution_score", "funds_total": "form.funds_total",
              "score_total": "form.score_total", "weight_total": "form.score_total",
              "target_missed": "form.target_missed", "grade": "score.grade"}
_MONEY_INJECTIONS = ("rate", "funds_total")


def make_forms(count: int, seed: int, noise: bool, inject: bool = False) -> list:
    """[(rows of cells, gold facts, variants)] for `count` forms made with `seed`; with
    `inject`, each form holds one inconsistency (its rule in variants["inject"])."""
    rng = random.Random(seed)
    if inject:
        forms = []
        for n in range(1, count + 1):
            irng = random.Random(seed * 100003 + n)
            peek = random.Random()
            peek.setstate(rng.getstate())  # (the template _form will draw, to pick a rule it can hold)
            template = peek.choice(["project", "department", "transfer"])
            made = irng.choice(_MONEY_INJECTIONS if template == "transfer" else sorted(INJECTIONS))
            forms.append(_form(rng, n, made, irng))
    else:
        forms = [_form(rng, n, None, random.Random(0)) for n in range(1, count + 1)]
    if not noise:
        return forms
    noisy = []
    for rows, gold, variant in forms:
        noises = set(rng.sample(_NOISES, rng.randrange(1, len(_NOISES) + 1)))
        noisy.append((_noisy(rows, noises, rng), gold, {**variant, "noise": "+".join(sorted(noises))}))
    return noisy


def _key(kind: str, value, unit: str) -> tuple:
    return kind, Decimal(str(value)).normalize(), unit


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--forms", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--noise", action="store_true", help="each form with one or more of " + ", ".join(_NOISES))
    ap.add_argument("--inject", action="store_true",
                    help="each form with one inconsistency (" + ", ".join(INJECTIONS) + "): prints how many are flagged")
    args = ap.parse_args(argv)
    forms = make_forms(args.forms, args.seed, args.noise, args.inject)
    totals = defaultdict(Counter)
    # per group: forms whose inconsistency was flagged (error or warning of its rule), forms
    # made, and error flags of any other rule (on a clean form every error is a false one)
    flagged = defaultdict(Counter)
    unflagged = []
    worst = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (rows, gold, variant) in enumerate(forms, 1):
            for shape in _SHAPES:
                path = Path(tmp) / f"form{n}_{shape}.txt"
                text = _written(rows, shape)
                path.write_text(text, encoding="utf-8")
                record = extract_file(path)
                have = Counter(_key(f["kind"], f["value"], f["unit"]) for f in record["facts"] if f["kind"] in _LISTED)
                want = Counter(_key(*g) for g in gold)
                tp = sum((have & want).values())
                for group in ("all", f"template:{variant['template']}", f"shape:{shape}", f"header:{variant['header']}",
                              f"fund:{variant['fund']}",
                              f"merged:{variant['merged']}", f"total:{variant['total'].split('/')[1] if '/' in variant['total'] else 'none'}",
                              f"total_label:{variant['total'].split('/')[0]}") + ((f"noise:{variant['noise']}",) if args.noise else ()):
                    totals[group].update(tp=tp, gold=sum(want.values()), pred=sum(have.values()))
                worst.append((sum(want.values()) - tp, n, shape, variant, text, sorted((want - have).elements())))
                rule = INJECTIONS.get(variant.get("inject"))
                raised = {f["rule"] for f in record["flags"] if f["severity"] in ("error", "warning")}
                others = [f for f in record["flags"] if f["severity"] == "error" and f["rule"] != rule]
                for group in ("all", f"made:{variant['inject']}" if rule else "clean", f"shape:{shape}"):
                    flagged[group].update(made=1, found=int(rule in raised), other_errors=len(others))
                if rule and rule not in raised:
                    unflagged.append((n, shape, rule, variant, text))
                if rule and args.noise and rule not in raised:
                    flagged[f"noise:{variant['noise']}"].update(missed=1)
    summary = {g: {"recall": round(c["tp"] / c["gold"], 4), "precision": round(c["tp"] / max(c["pred"], 1), 4),
                   "tp": c["tp"], "gold": c["gold"], "pred": c["pred"]} for g, c in sorted(totals.items())}
    for g, s in summary.items():
        print(f"{g:24s} R {s['recall']:.4f}  P {s['precision']:.4f}  ({s['tp']}/{s['gold']}, {s['pred']} read)")
    worst.sort(key=lambda w: -w[0])
    print("most missed:", [(m, f"form{n}", shape, v["header"], v["fund"], v["merged"]) for m, n, shape, v, _, _ in worst[:8]])
    if args.inject:
        print("\nflagged (its rule, error or warning) / forms made; error flags of other rules:")
        for g, c in sorted(flagged.items()):
            if c["made"]:
                print(f"{g:26s} {c['found']}/{c['made']}  other errors {c['other_errors']}")
            else:
                print(f"{g:26s} {c['missed']} not flagged")
        summary["flags"] = {g: dict(c) for g, c in flagged.items()}
        for n, shape, rule, v, text in unflagged[:args.show]:
            print(f"\n--- form{n} {shape} {v}: {rule} not flagged\n{text}")
    else:
        for m, n, shape, v, text, missed in worst[:args.show]:
            print(f"\n--- form{n} {shape} {v}: {m} missed {missed}\n{text}")
        clean = flagged["clean"]
        print(f"error flags on the {clean['made']} clean texts: {clean['other_errors']}")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
