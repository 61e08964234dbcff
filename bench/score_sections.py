"""The indicator-analysis chapter of evaluation reports, made up here: each first-level
indicator (决策, 过程, 产出, 效益 …) with its weight and score, its second-level indicators
scored under it, and the report's total, laid out in one of the ways reports write them (a
heading that carries the level's points over numbered paragraphs each ending in its score; a
numbered line per level and a heading per indicator over its paragraph; one paragraph per
level listing its indicators after 其中; 一级指标/二级指标 sentences; a heading with its points
in brackets over a line of indicators; a heading with its full marks over a sentence of its score
and a heading per indicator (评价得分：7分); numbered paragraphs that state only what they took
off (扣1分, 不扣分); numbered lines of 名称：满分…，得分…). With --inject one score of each report is made
inconsistent (a level's score its indicators do not make, or the total its levels do not make),
and the bench counts which score.tree flags, the error flags of other rules, and, on clean
reports, every error flag (all false). It also counts the indicators read with their weight and
score, against those written.

    .venv/bin/python bench/score_sections.py [--reports 60] [--seed 1] [--inject] [--show N]

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

# (first-level name, weight, [(second-level name, weight)])
_FRAMEWORKS = [
    [("项目决策", 20, [("项目立项", 8), ("绩效目标", 6), ("资金投入", 6)]),
     ("项目过程", 20, [("资金管理", 10), ("组织实施", 10)]),
     ("项目产出", 30, [("产出数量", 10), ("产出质量", 8), ("产出时效", 6), ("产出成本", 6)]),
     ("项目效益", 30, [("社会效益", 15), ("可持续影响", 5), ("满意度", 10)])],
    [("投入", 20, [("项目立项", 10), ("资金落实", 10)]),
     ("过程", 25, [("业务管理", 15), ("财务管理", 10)]),
     ("产出", 30, [("完成数量", 12), ("完成质量", 10), ("完成时效", 8)]),
     ("效果", 25, [("经济效益", 5), ("社会效益", 10), ("服务对象满意度", 10)])],
]
_WORDS = ["相关资料齐全，程序规范", "制度健全，执行较好", "基本完成年度目标", "个别环节记录不够完整",
          "资金使用符合规定", "按计划推进，群众反映良好"]
_NUMBERS = ["一", "二", "三", "四", "五"]


def _points(d: Decimal) -> str:
    return f"{d.normalize():f}"  # (17.5, 18: no 18.0)


def _scored(rng, framework: list) -> list:
    """[(name, weight, score, [(name, weight, score)])]: whole points, a half in some reports."""
    halves = rng.random() < 0.3
    out = []
    for name, weight, children in framework:
        scored = []
        for child, w in children:
            low = int(w * 0.6)
            s = Decimal(rng.randrange(2 * low, 2 * w + 1)) / 2 if halves else Decimal(rng.randrange(low, w + 1))
            scored.append((child, Decimal(w), s))
        out.append((name, Decimal(weight), sum(s for _, _, s in scored), scored))
    return out


def _layout(k: int, levels: list, total: Decimal, rng) -> list:
    """The chapter's lines in layout k."""
    lines = ["四、绩效评价指标分析"]
    for n, (name, weight, score, children) in enumerate(levels):
        no = _NUMBERS[n]
        if k == 0:  # （一）项目决策情况（满分20分，得分18分） / 1.项目立项（8分）：…，得8分。
            lines.append(f"（{no}）{name}情况（满分{weight}分，得分{_points(score)}分）")
            for c, (child, w, s) in enumerate(children, 1):
                cut = f"扣{_points(w - s)}分，" if s < w else ""
                lines.append(f"{c}.{child}（{w}分）：{rng.choice(_WORDS)}，{cut}得{_points(s)}分。")
        elif k == 1:  # 1.项目决策（20分），得分18分。 / （1）项目立项（8分） / …，该项得8分。
            lines.append(f"{n + 1}.{name}（{weight}分），得分{_points(score)}分。")
            for c, (child, w, s) in enumerate(children, 1):
                lines.append(f"（{c}）{child}（{w}分）")
                lines.append(f"{rng.choice(_WORDS)}，该项得{_points(s)}分。")
        elif k == 2:  # （一）决策指标：该指标满分20分，实际得分18分。其中项目立项8分，得8分；…
            parts = "；".join(f"{child}{w}分，得{_points(s)}分" for child, w, s in children)
            lines.append(f"（{no}）{name}指标：该指标满分{weight}分，实际得分{_points(score)}分。其中{parts}。")
        elif k == 3:  # 一级指标“项目决策”满分20分，得分18分。二级指标“项目立项”满分8分，评价得分8分。
            lines.append(f"一级指标“{name}”满分{weight}分，得分{_points(score)}分。")
            for child, w, s in children:
                lines.append(f"二级指标“{child}”满分{w}分，{rng.choice(_WORDS)}，评价得分{_points(s)}分。")
        elif k == 4:  # （一）决策（20分，得18分） / 项目立项（8分）得8分；绩效目标（6分）得5分；…
            lines.append(f"（{no}）{name}（{weight}分，得{_points(score)}分）")
            lines.append("；".join(f"{child}（{w}分）得{_points(s)}分" for child, w, s in children) + "。")
        elif k == 5:  # 一、决策指标（满分20分） / 该部分满分20分，评价得分18分。 / （一）项目立项（满分8分） / …评价得分：7分。
            lines.append(f"{no}、{name}指标（满分{weight}分）")
            lines.append(f"该部分满分{weight}分，评价得分{_points(score)}分。")
            for c, (child, w, s) in enumerate(children):
                lines.append(f"（{_NUMBERS[c]}）{child}（满分{w}分）")
                lines.append(f"评分依据：{rng.choice(_WORDS)}。评价得分：{_points(s)}分。")
        elif k == 6:  # （一）项目决策（满分20分，得分18分） / 1.项目立项（8分）：…，扣1分。 / …，不扣分。
            lines.append(f"（{no}）{name}（满分{weight}分，得分{_points(score)}分）")
            for c, (child, w, s) in enumerate(children, 1):
                taken = f"扣{_points(w - s)}分" if s < w else "不扣分"
                lines.append(f"{c}.{child}（{w}分）：{rng.choice(_WORDS)}，{taken}。")
        else:  # （一）项目决策：满分20分，得分18分。 / 1.项目立项：满分8分，得分7分。…
            lines.append(f"（{no}）{name}：满分{weight}分，得分{_points(score)}分。")
            for c, (child, w, s) in enumerate(children, 1):
                lines.append(f"{c}.{child}：满分{w}分，得分{_points(s)}分。{rng.choice(_WORDS)}。")
    lines.append(f"五、评价结论\n经综合评价，该项目综合得分{_points(total)}分。")
    return lines


_LAYOUTS = 8


def make_reports(count: int, seed: int, inject: bool) -> list:
    """[(text, the slip made or None, its layout, the indicators written: {name: (weight, score)})]."""
    rng = random.Random(seed)
    out = []
    for n in range(1, count + 1):
        levels = _scored(rng, rng.choice(_FRAMEWORKS))
        total = sum(score for _, _, score, _ in levels)
        slip = rng.choice(["level", "total"]) if inject else None
        off = rng.choice([Decimal(-2), Decimal(-1), Decimal(1), Decimal(2)])
        if slip == "level":  # (a level's score off its indicators', never above its weight)
            at = rng.randrange(len(levels))
            name, weight, score, children = levels[at]
            levels[at] = (name, weight, score + off if score + off <= weight else score - abs(off), children)
        elif slip == "total":
            total += off
        k = rng.randrange(_LAYOUTS)
        lines = [f"某县农村人居环境整治项目{2018 + n % 7}年度绩效评价报告", "一、项目基本情况",
                 "该项目由县农业农村局组织实施。"] + _layout(k, levels, total, rng)
        written = {name: (weight, score) for name, weight, score, _ in levels}
        written.update({child: (w, s) for *_, children in levels for child, w, s in children})
        out.append(("\n".join(lines) + "\n", slip, f"layout{k}", written))
    return out


def _read(indicators: list, written: dict) -> int:
    """The indicators written that were read with their weight and score (by the end of their
    name: 项目决策情况 is 项目决策's heading)."""
    found = 0
    for name, (weight, score) in written.items():
        if any(i["path"] and name in i["path"][-1] and i.get("weight") is not None and i.get("score") is not None
               and Decimal(str(i["weight"])) == weight and Decimal(str(i["score"])) == score for i in indicators):
            found += 1
    return found


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--inject", action="store_true", help="one score of each report made inconsistent")
    ap.add_argument("--show", type=int, default=0, help="print the first N reports unflagged or with another error")
    args = ap.parse_args(argv)
    counts = defaultdict(Counter)
    shown = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (text, slip, layout, written) in enumerate(make_reports(args.reports, args.seed, args.inject), 1):
            path = Path(tmp) / f"report{n}.txt"
            path.write_text(text, encoding="utf-8")
            record = extract_file(path)
            flags = record["flags"]
            raised = {f["rule"] for f in flags if f["severity"] in ("error", "warning")}
            others = [f for f in flags if f["severity"] == "error" and (f["rule"] != "score.tree" or not slip)]
            found = int(slip is not None and "score.tree" in raised)
            read = _read(record.get("indicators") or [], written)
            for group in ("all", f"made:{slip or 'clean'}", f"{layout}"):
                counts[group].update(made=1, found=found, other_errors=len(others), read=read, written=len(written))
            if slip and not found or others:
                shown.append((n, slip, layout, text, [(f["rule"], f["severity"], f["message"]) for f in flags]))
    print("flagged by score.tree (error or warning) / reports made; other error flags (all, on clean reports);"
          " indicators read / written:")
    for g, c in sorted(counts.items()):
        print(f"{g:14s} {c['found']}/{c['made']}  other errors {c['other_errors']}  read {c['read']}/{c['written']}")
    for n, slip, layout, text, flags in shown[:args.show]:
        print(f"\n--- report{n} ({slip or 'clean'}, {layout}):\n{text}{flags}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
