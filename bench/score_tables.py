"""The indicator score table (绩效评价指标评分表) of evaluation reports, made up here: first-level
indicators over second- and third-level ones, each with its 分值, the third level scored, and a
total row with the full marks and the total, in the column layouts reports print (each level
followed by its own 分值 column; one 分值 column for the last level, the levels' weights in
brackets or not at all; a 序号 column; a 评分标准 column of words, or of rules with figures in
them; a 扣分原因, 指标解释 or 得分率 column), maybe with a 小计 row closing each first level (named
by it or not), points written bare or with their 分, the total row labelled 合计, 总分 or 总计; in
the shapes the archives give (pipe rows, one cell a line, cells a space run apart, tab-separated,
the table on one line, a Word table), with merged level cells written in every row, left out or
empty (merged, in Word). With --inject one figure of each table is made inconsistent (a
third-level score changed, or the total's), and the bench counts which are flagged by score.tree
or form.score_total, the error flags of other rules, and on clean tables every error flag (all
false). It also counts the third-level indicators read with their weight and score, and the
weights and scores written that were read as score facts.

    .venv/bin/python bench/score_tables.py [--tables 40] [--seed 1] [--inject] [--show N]

The tables are made with a fixed seed: the same command gives the same text."""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from extractor.pipeline import extract_file  # noqa: E402
from form_variants import _EMPTY, _LEFT_OUT, _NOISES, _SHAPES, _noisy, _written  # noqa: E402
from score_sections import _FRAMEWORKS, _points  # noqa: E402

# third-level names to draw from, per second-level one (any other: its own name + 情况)
_LEAVES = {
    "项目立项": ["立项依据充分性", "立项程序规范性"], "绩效目标": ["绩效目标合理性", "绩效指标明确性"],
    "资金投入": ["预算编制科学性", "资金分配合理性"], "资金管理": ["资金到位率", "预算执行率", "资金使用合规性"],
    "组织实施": ["管理制度健全性", "制度执行有效性"], "产出数量": ["实际完成率"], "产出质量": ["质量达标率"],
    "产出时效": ["完成及时性"], "产出成本": ["成本节约率"], "社会效益": ["群众生活条件改善", "政策知晓率"],
    "可持续影响": ["长效管护机制"], "满意度": ["受益群众满意度"],
    "资金落实": ["资金到位率", "资金到位及时率"], "业务管理": ["管理制度健全性", "项目质量可控性"],
    "财务管理": ["资金使用合规性", "财务监控有效性"], "完成数量": ["计划完成率"], "完成质量": ["验收合格率"],
    "完成时效": ["完成及时率"], "经济效益": ["带动增收"], "服务对象满意度": ["群众满意度"],
}
_RULE_WORDS = ["符合规定得满分，否则酌情扣分", "资料齐全得满分，每缺一项扣分", "视完成情况酌情评分", "制度健全且执行到位得满分"]
_RULE_FIGURES = ["达到100%得满分，每降低1%扣0.5分", "≥95%得满分，低于90%不得分", "发现一处问题扣1分，扣完为止",
                 "满意度≥90%得满分，每低1个百分点扣0.2分"]
_REASONS = ["个别资料不全", "部分环节滞后", "", "档案管理不规范"]

# (columns; a column in braces is a slot filled per row)
_HEADERS = {
    "levels_points": ["一级指标", "分值{w1}", "二级指标", "分值{w2}", "三级指标", "分值{w3}", "得分{s3}"],
    "levels_points_rule": ["一级指标", "分值{w1}", "二级指标", "分值{w2}", "三级指标", "分值{w3}", "评分标准{rule}",
                           "得分{s3}"],
    "leaf_points": ["一级指标", "二级指标", "三级指标", "分值{w3}", "评分标准{rule}", "得分{s3}", "扣分原因{reason}"],
    "bracketed": ["一级指标{n1w}", "二级指标{n2w}", "三级指标", "分值{w3}", "得分{s3}"],
    "numbered": ["序号{no}", "一级指标", "二级指标", "三级指标", "分值{w3}", "得分{s3}"],
    "weight_words": ["一级指标", "权重{w1}", "二级指标", "权重{w2}", "三级指标", "权重{w3}", "评分要点{rule}",
                     "评价得分{s3}"],
    "explained": ["一级指标", "二级指标", "三级指标", "分值{w3}", "指标解释{explain}", "评分标准{rule}", "得分{s3}"],
    "rate": ["一级指标", "二级指标", "三级指标", "分值{w3}", "得分{s3}", "得分率{rate}"],
}
_EXPLAIN = ["反映项目立项是否符合规定程序", "考察资金是否及时足额到位", "反映任务完成的数量和质量", "考察服务对象的满意程度"]
_TOTAL_LABELS = ("合计", "总分", "总计")
_CRITERIA = ("words", "figures")
_MERGED = {"repeated": None, "left_out": _LEFT_OUT, "empty": _EMPTY}


def _split(rng, total: int, parts: int) -> list:
    """`parts` whole weights summing to `total`, none under 1."""
    if parts == 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


def _tree(rng, halves: bool) -> list:
    """[(name, weight, [(name, weight, [(name, weight, score)])])]."""
    out = []
    for name, weight, children in rng.choice(_FRAMEWORKS):
        level = []
        for child, w in children:
            names = _LEAVES.get(child) or [child + "情况"]
            names = names[:rng.randrange(1, len(names) + 1)] if w >= 2 * len(names) else names[:1]
            leaves = []
            for leaf, lw in zip(names, _split(rng, w, len(names))):
                low = int(lw * 0.6)
                s = Decimal(rng.randrange(2 * low, 2 * lw + 1)) / 2 if halves else Decimal(rng.randrange(low, lw + 1))
                leaves.append((leaf, Decimal(lw), s))
            level.append((child, Decimal(w), leaves))
        out.append((name, Decimal(weight), level))
    return out


def _rows(tree: list, header: str, merged: str, criteria: str, total: Decimal, rng, extras: dict) -> list:
    """The table's rows of cells (the title first), a merged level cell after its group's first
    row written as _MERGED says; with extras["subtotals"] a 小计 row closing each first level
    (its 分值 and its 得分), extras["total_label"] the total row's label, extras["suffix"] 分
    after every weight and score."""
    cols = _HEADERS[header]
    unit = "分" if extras["suffix"] else ""
    rows = [["附表：绩效评价指标评分表"], [c.split("{")[0] for c in cols]]
    no = 0
    for name, w1, level in tree:
        first1 = True
        for child, w2, leaves in level:
            first2 = True
            for leaf, w3, s3 in leaves:
                no += 1
                cells = []
                for c in cols:
                    slot = c[c.find("{") + 1:-1] if "{" in c else None
                    head = c.split("{")[0]
                    if head == "一级指标":
                        cell = name if slot is None else f"{name}（{w1}分）"
                        cells.append(cell if first1 or merged == "repeated" else _MERGED[merged])
                    elif head == "二级指标":
                        cell = child if slot is None else f"{child}（{w2}）"
                        cells.append(cell if first2 or merged == "repeated" else _MERGED[merged])
                    elif slot == "w1":
                        cells.append(f"{w1}{unit}" if first1 or merged == "repeated" else _MERGED[merged])
                    elif slot == "w2":
                        cells.append(f"{w2}{unit}" if first2 or merged == "repeated" else _MERGED[merged])
                    elif head == "三级指标":
                        cells.append(leaf)
                    elif slot == "w3":
                        cells.append(f"{w3}{unit}")
                    elif slot == "s3":
                        cells.append(_points(s3) + unit)
                    elif slot == "explain":
                        cells.append(rng.choice(_EXPLAIN))
                    elif slot == "rate":
                        cells.append(f"{(s3 / w3 * 100).quantize(Decimal('0.1'))}%")
                    elif slot == "rule":
                        cells.append(rng.choice(_RULE_FIGURES if criteria == "figures" else _RULE_WORDS))
                    elif slot == "reason":
                        cells.append(rng.choice(_REASONS) if s3 < w3 else "")
                    elif slot == "no":
                        cells.append(str(no))
                rows.append(cells)
                first1 = first2 = False
        if extras["subtotals"]:  # (小计 | 20 | … | 18 after the level's rows)
            at_weight = next((k for k, c in enumerate(cols) if c.endswith(("{w1}", "{w3}"))), None)
            cells = [""] * len(cols)
            cells[1 if cols[0].startswith("序号") else 0] = rng.choice(["小计", f"{name}小计"])
            cells[at_weight] = f"{w1}{unit}"
            cells[next(k for k, c in enumerate(cols) if c.endswith("{s3}"))] = \
                _points(sum(s for *_, leaves in level for *_, s in leaves)) + unit
            rows.append(cells)
    # the total row: 合计 under the first column, 100 under every weight column, the total under 得分
    last = []
    for k, c in enumerate(cols):
        slot = c[c.find("{") + 1:-1] if "{" in c else None
        if k == 0:
            last.append(extras["total_label"])
        elif slot in ("w1", "w2", "w3"):
            last.append(f"100{unit}")
        elif slot == "s3":
            last.append(_points(total) + unit)
        else:
            last.append("")
    if cols[0].startswith("序号"):
        last[0], last[1] = "", extras["total_label"]
    rows.append(last)
    return rows


def make_tables(count: int, seed: int, inject: bool) -> list:
    """[(rows, the slip made or None, variants, the leaves written {name: (weight, score)},
    the score figures written (weights of every level, leaf scores, the total))]."""
    rng = random.Random(seed)
    out = []
    for n in range(1, count + 1):
        tree = _tree(rng, rng.random() < 0.3)
        total = sum(s for _, _, level in tree for _, _, leaves in level for _, _, s in leaves)
        header = rng.choice(sorted(_HEADERS))
        merged = rng.choice(sorted(_MERGED))
        criteria = rng.choice(_CRITERIA)
        slip = rng.choice(["leaf", "total"]) if inject else None
        off = rng.choice([Decimal(-2), Decimal(-1), Decimal(1), Decimal(2)])
        if slip == "leaf":  # (a third-level score off, the total left as it was: never above its weight)
            name, w1, level = tree[rng.randrange(len(tree))]
            child, w2, leaves = level[rng.randrange(len(level))]
            at = rng.randrange(len(leaves))
            leaf, w3, s3 = leaves[at]
            leaves[at] = (leaf, w3, s3 + off if Decimal(0) <= s3 + off <= w3 else s3 - abs(off) if s3 - abs(off) >= 0 else s3 + abs(off))
        elif slip == "total":
            total += off
        vary = random.Random(f"table {seed} {n}")  # (the draws added later, apart: the others as they were)
        extras = {"subtotals": vary.random() < 0.3, "total_label": vary.choice(_TOTAL_LABELS),
                  "suffix": vary.random() < 0.2}
        rows = _rows(tree, header, merged, criteria, total, rng, extras)
        cols = _HEADERS[header]
        scores = [total, Decimal(100)]
        if extras["subtotals"]:
            for _, w1, level in tree:
                scores += [w1, sum(s for *_, leaves in level for *_, s in leaves)]
        for _, w1, level in tree:
            if any(c.endswith(("{w1}", "{n1w}")) for c in cols):
                scores.append(w1)
            for _, w2, leaves in level:
                if any(c.endswith(("{w2}", "{n2w}")) for c in cols):
                    scores.append(w2)
                scores += [x for _, w3, s3 in leaves for x in (w3, s3)]
        leaves = {leaf: (w3, s3) for *_, level in tree for *_, ls in level for leaf, w3, s3 in ls}
        variant = {"header": header, "merged": merged, "criteria": criteria,
                   "subtotals": extras["subtotals"], "total_label": extras["total_label"], "suffix": extras["suffix"]}
        out.append((rows, slip, variant, leaves, scores))
    return out


def _indicators(record: dict) -> list:
    """The record's indicators, with a form's (which name their points by fact id) as points."""
    facts = {f["id"]: f["value"] for f in record["facts"]}
    out = list(record.get("indicators") or [])
    for form in record.get("forms") or []:
        out += [{**i, "weight": facts.get(i.get("weight")), "score": facts.get(i.get("score"))}
                for i in form.get("indicators") or []]
    return out


def _read(indicators: list, written: dict) -> int:
    """The third-level indicators written that were read with their weight and score."""
    found = 0
    for name, (weight, score) in written.items():
        if any(i["path"] and i["path"][-1] == name and i.get("weight") is not None and i.get("score") is not None
               and Decimal(str(i["weight"])) == weight and Decimal(str(i["score"])) == score for i in indicators):
            found += 1
    return found


_OPENING = ["某县2023年度农村人居环境整治项目绩效评价报告", "一、评价结论", "经评价，该项目评分详见附表。"]


def write_report(rows: list, shape: str, path: Path) -> str:
    """The report with its table in `shape` written to `path`; its text (a .docx's: its rows
    with | between cells, to show). A .docx table merges a level's cells left out or empty
    after its group's first row with the cell above, as Word does."""
    if shape == "xlsx":
        return _write_sheet(rows, path)
    if shape != "docx":
        text = "\n".join(_OPENING) + "\n" + _written(rows, shape)
        path.write_text(text, encoding="utf-8")
        return text
    import docx  # (python-docx: the declared stack's)
    doc = docx.Document()
    for line in _OPENING + [rows[0][0]]:
        doc.add_paragraph(line)
    body = rows[1:]
    width = max(len(r) for r in body)
    table = doc.add_table(rows=len(body), cols=width)
    for r, row in enumerate(body):
        for c, cell in enumerate(row):
            if cell is _LEFT_OUT or cell is _EMPTY:
                table.cell(r - 1, c).merge(table.cell(r, c))  # (merged down from the group's first row)
            else:
                table.cell(r, c).text = cell
    doc.save(str(path))
    return "\n".join("| " + " | ".join(c if isinstance(c, str) else "" for c in row) + " |" for row in rows) + "\n"


def _write_sheet(rows: list, path: Path) -> str:
    """The table alone as a sheet (.xlsx), its title in the first row and a level's cells left out
    or empty after its group's first row merged with the cell above, as Excel does."""
    import openpyxl  # (the .xlsx reader's own library)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.cell(1, 1, rows[0][0])
    for r, row in enumerate(rows[1:], 2):
        for c, cell in enumerate(row, 1):
            if cell is _LEFT_OUT or cell is _EMPTY:
                top = r - 1
                while any(top >= m.min_row and top <= m.max_row and m.min_col == c == m.max_col for m in sheet.merged_cells.ranges):
                    top -= 1  # (the range opened above, to extend)
                for m in list(sheet.merged_cells.ranges):
                    if m.min_col == c == m.max_col and m.min_row <= r - 1 <= m.max_row:
                        top = m.min_row
                        sheet.unmerge_cells(str(m))
                sheet.merge_cells(start_row=top, start_column=c, end_row=r, end_column=c)
            else:
                sheet.cell(r, c, float(cell) if _BARE_NUMBER.fullmatch(cell) else cell)
    book.save(str(path))
    return "\n".join("| " + " | ".join(c if isinstance(c, str) else "" for c in row) + " |" for row in rows) + "\n"


_BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--inject", action="store_true", help="one figure of each table made inconsistent")
    ap.add_argument("--noise", action="store_true", help="each table with one or more of " + ", ".join(_NOISES))
    ap.add_argument("--show", type=int, default=0, help="print the first N tables unflagged, misread or with another error")
    args = ap.parse_args(argv)
    counts = defaultdict(Counter)
    shown = []
    rules = ("score.tree", "form.score_total")
    with tempfile.TemporaryDirectory() as tmp:
        for n, (rows, slip, variant, leaves, scores) in enumerate(make_tables(args.tables, args.seed, args.inject), 1):
            if args.noise:  # (as form_variants.py roughs up its forms)
                noise_rng = random.Random(f"noise {args.seed} {n}")
                noises = set(noise_rng.sample(_NOISES, noise_rng.randrange(1, len(_NOISES) + 1)))
                rows, variant = _noisy(rows, noises, noise_rng), {**variant, "noise": "+".join(sorted(noises))}
            for shape in _SHAPES + ("docx", "xlsx"):
                path = Path(tmp) / f"table{n}_{shape}.{shape if shape in ('docx', 'xlsx') else 'txt'}"
                text = write_report(rows, shape, path)
                record = extract_file(path)
                flags = record["flags"]
                raised = {f["rule"] for f in flags if f["severity"] in ("error", "warning")}
                others = [f for f in flags if f["severity"] == "error" and (f["rule"] not in rules or not slip)]
                found = int(slip is not None and bool(raised & set(rules)))
                read = _read(_indicators(record), leaves)
                have = Counter(Decimal(str(f["value"])).normalize() for f in record["facts"] if f["kind"] == "score")
                want = Counter(s.normalize() for s in scores)
                for group in ("all", f"made:{slip or 'clean'}", f"shape:{shape}", *(f"{k}:{v}" for k, v in variant.items())):
                    counts[group].update(made=1, found=found, other_errors=len(others), read=read, written=len(leaves),
                                         tp=sum((have & want).values()), gold=sum(want.values()))
                if (slip and not found) or others or read < len(leaves):
                    shown.append((n, shape, slip, variant, text, read, len(leaves),
                                  [(f["rule"], f["severity"], f["message"]) for f in flags if f["severity"] != "info"]))
    print("flagged (score.tree or form.score_total, error or warning) / tables made; other error flags;"
          " third-level indicators read / written; score figures read / written:")
    for g, c in sorted(counts.items()):
        print(f"{g:28s} {c['found']}/{c['made']}  other errors {c['other_errors']}  read {c['read']}/{c['written']}"
              f"  scores {c['tp']}/{c['gold']}")
    for n, shape, slip, variant, text, read, written, flags in shown[:args.show]:
        print(f"\n--- table{n} {shape} ({slip or 'clean'}, {variant}) read {read}/{written}:\n{text}{flags}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
