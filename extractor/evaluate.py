"""`extractor eval`: precision / recall of extracted facts, metadata, problems,
recommendations and flags against hand-written gold files.

A gold file is named after the report's stem (000_x.json for 000_x.txt); every file in
PATHS with that stem, whatever its format, is scored against it, so the .txt, .docx and
.pdf renditions of one report share one gold. Facts match on (kind, value, unit) as a
multiset; label accuracy is measured over the matched pairs.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

import regex

from .runner import collect_inputs, process_one

META_FIELDS = ["title", "province", "city", "county", "year", "report_type", "evaluator", "date", "score", "grade"]


def _dec(value) -> str:
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except (InvalidOperation, ValueError):
        return str(value)


def _fact_key(f: dict) -> tuple:
    return (f["kind"], _dec(f["value"]), f["unit"])


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


_TITLE_NOISE = regex.compile(r"[\s\p{P}（）()“”「」]+")


def _norm_title(t: str) -> str:
    from .numbering import numbering_of

    t = t.strip()
    label, _ = numbering_of(t)
    if label:
        t = t[len(label):]
    return _TITLE_NOISE.sub("", t)


def _title_match(a: str, b: str) -> bool:
    a, b = _norm_title(a), _norm_title(b)
    if not a or not b:
        return False
    return a in b or b in a


def match_titles(pred: list, gold: list) -> int:
    used = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and _title_match(p, g):
                used.add(i)
                tp += 1
                break
    return tp


def score_record(record: dict, gold: dict) -> dict:
    kinds = {f["kind"] for f in gold["facts"]}
    pred = [f for f in record["facts"] if f["kind"] in kinds]
    by_key = defaultdict(list)
    for f in pred:
        by_key[_fact_key(f)].append(f)
    per_kind = defaultdict(lambda: [0, 0, 0])  # tp, pred, gold
    for f in pred:
        per_kind[f["kind"]][1] += 1
    labels_right = 0
    missed = []
    for g in gold["facts"]:
        per_kind[g["kind"]][2] += 1
        candidates = by_key.get(_fact_key(g))
        if candidates:
            # prefer a candidate with the same label, then the same quoted text
            candidates.sort(key=lambda f: (f.get("label") != g.get("label"), f.get("text") != g.get("text")))
            hit = candidates.pop(0)
            per_kind[g["kind"]][0] += 1
            labels_right += hit.get("label") == g.get("label")
        else:
            missed.append(g)
    # a range (100-80%) is one fact with its high end in range_high; a gold file that lists
    # the two ends as two figures finds the second one there (and one that does not, misses
    # nothing and counts no extra)
    ends = defaultdict(int)
    for f in pred:
        if f.get("range_high") is not None:
            ends[(f["kind"], _dec(f["range_high"]), f["unit"])] += 1
    still_missed = []
    for g in missed:
        key = _fact_key(g)
        if ends.get(key):
            ends[key] -= 1
            per_kind[g["kind"]][0] += 1
            per_kind[g["kind"]][1] += 1
        else:
            still_missed.append(g)
    missed = still_missed
    extra = [f for fs in by_key.values() for f in fs]
    meta = {}
    for k in META_FIELDS:
        if k in gold.get("metadata", {}):
            want, got = gold["metadata"][k], record["metadata"].get(k)
            meta[k] = _dec(want) == _dec(got) if k == "score" and want is not None and got is not None else want == got
    problems = [p["title"] for p in record.get("problems", [])]
    recs = [r["title"] for r in record.get("recommendations", [])]
    out = {
        "per_kind": {k: v for k, v in per_kind.items()},
        "labels_right": labels_right,
        "metadata": meta,
        # sections are scored only where the gold lists them (the real set labels figures only)
        "problems": (match_titles(problems, gold["problems"]), len(problems), len(gold["problems"]))
        if "problems" in gold else None,
        "recommendations": (match_titles(recs, gold["recommendations"]), len(recs), len(gold["recommendations"]))
        if "recommendations" in gold else None,
        "missed": [f"{g['kind']} {g['value']}{g['unit']} «{g.get('text')}»" for g in missed],
        "extra": [f"{f['kind']} {f['value']}{f['unit']} «{f.get('text')}»" for f in extra],
        "duplicates": len(problems) - len(set(map(_norm_title, problems))) + len(recs) - len(set(map(_norm_title, recs))),
    }
    if "flags" in gold:
        out["flags"], out["false_errors"] = match_flags(record, gold["flags"])
    return out


def _flag_numbers(flag: dict, facts: dict) -> list:
    """The figures a flag names: what it states and computes, and its evidence (with the
    evidence of the findings folded into it, `also`), both in base units and in the units they
    were written in."""
    ids = list(flag.get("evidence") or []) + [i for also in flag.get("also") or [] for i in also.get("evidence") or []]
    evidence = [facts[i] for i in ids if i in facts]
    scales = {Decimal(str(f.get("scale") or 1)) for f in evidence} | {Decimal(1)}
    out = []
    for key in ("stated", "computed"):
        value = _number(flag.get(key))
        if value is not None:  # a grade or a name variant states words, not a figure
            out += [value / scale for scale in scales]
    for f in evidence:
        value = _number(f["value"])
        if value is not None:
            out += [value, value / Decimal(str(f.get("scale") or 1))]
    # evidence that is no fact (an indicator's points, indicator:决策): the figures its quote shows
    quotes = [q for q in flag.get("evidence_quotes") or [] if q.get("fact") not in facts]
    for q in quotes:
        out += [n for m in _WRITTEN_FIGURE.finditer(q.get("quote") or "")
                if (n := _number(m.group(0).replace(",", ""))) is not None]
    return out


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except (InvalidOperation, ValueError):
        return None


_WRITTEN_FIGURE = regex.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _figure_written(value):
    """The first figure a gold value writes, full-width digits read as digits (９６分 as the
    report wrote it); None for words (优)."""
    return _WRITTEN_FIGURE.search(unicodedata.normalize("NFKC", str(value)))


def _names(value: str, numbers: list) -> bool:
    """Does one of `numbers`, rounded to the digits the gold wrote, read `value`? The gold
    writes a figure as the report does, maybe with its unit or label (755.19万元)."""
    m = _figure_written(value)
    want = _number(m.group(0).replace(",", "")) if m else None
    if want is None:
        return False
    exponent = min(want.as_tuple().exponent, 0)
    return any(n.quantize(Decimal(1).scaleb(exponent)) == want for n in numbers if n.is_finite())


def match_flags(record: dict, gold_flags: list) -> tuple:
    """(per rule: (predicted flags that name a gold inconsistency, predicted, gold
    inconsistencies found, gold), false error flags). A flag finds a gold inconsistency when
    it names every figure the gold gives (whatever its rule), or has its rule and names one
    of them; a gold entry without figures is found by any flag of its rule. Errors that find
    nothing are false errors: what costs an auditor most."""
    facts = {f["id"]: f for f in record.get("facts", [])}
    # a flag on the report's own score (score.grade) names it as metadata.score
    if record.get("metadata", {}).get("score") is not None:
        facts["metadata.score"] = {"value": record["metadata"]["score"]}
    raised = [f for f in record.get("flags", []) if f.get("severity") in ("error", "warning")]
    numbers = [_flag_numbers(f, facts) for f in raised]
    used: set = set()
    found = []
    for g in gold_flags:
        # (words such as a grade, 优 against 良, name no figure: such an entry is found by its rule)
        values = [v for v in g.get("values") or [] if _figure_written(v)]
        hit = None
        # (a flag of the entry's own rule first: another rule's flag that names the same figure
        # may be the one another entry is found by)
        for k, f in sorted(enumerate(raised), key=lambda kf: kf[1]["rule"] != g["rule"]):
            if k in used:
                continue
            named = [_names(v, numbers[k]) for v in values]
            if (values and all(named)) or (f["rule"] == g["rule"] and (not values or any(named))):
                hit = k
                break
        if hit is not None:
            used.add(hit)
        found.append(hit is not None)
    per_rule: dict = defaultdict(lambda: [0, 0, 0, 0])
    for k, f in enumerate(raised):
        per_rule[f["rule"]][0] += k in used
        per_rule[f["rule"]][1] += 1
    for g, ok in zip(gold_flags, found):
        per_rule[g["rule"]][2] += ok
        per_rule[g["rule"]][3] += 1
    false_errors = sum(1 for k, f in enumerate(raised) if k not in used and f["severity"] == "error")
    return {r: tuple(v) for r, v in per_rule.items()}, false_errors


def evaluate(gold_dir, paths: list) -> dict:
    gold_dir = Path(gold_dir)
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}
    files = [f for f in collect_inputs(paths) if f.stem in golds and f.suffix.lower() != ".json"]
    per_format = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    label = defaultdict(lambda: [0, 0])
    meta = defaultdict(lambda: [0, 0])
    sections = defaultdict(lambda: [0, 0, 0])
    flags = defaultdict(lambda: [0, 0, 0, 0])  # per rule: flags right, flags, inconsistencies found, inconsistencies
    reports = {}
    false_errors = [0, 0]  # false error flags, files whose gold lists flags
    for f in files:
        res = process_one(str(f))
        fmt = f.suffix.lower().lstrip(".")
        if res.record is None:
            reports[str(f)] = {"error": res.error}
            continue
        s = score_record(res.record, golds[f.stem])
        reports[str(f)] = {"missed": s["missed"], "extra": s["extra"], "metadata": s["metadata"],
                           "flags": [f"{x['rule']} [{x['severity']}] {x['message']}" for x in res.record.get("flags", [])
                                     if x.get("severity") in ("error", "warning")],
                           "duplicates": s["duplicates"]}
        for kind, (tp, npred, ngold) in s["per_kind"].items():
            for bucket in (per_format[fmt][kind], per_format[fmt]["all"], per_format["all"][kind], per_format["all"]["all"]):
                bucket[0] += tp
                bucket[1] += npred
                bucket[2] += ngold
        tp_all = sum(v[0] for v in s["per_kind"].values())
        for key in (fmt, "all"):
            label[key][0] += s["labels_right"]
            label[key][1] += tp_all
            for k, ok in s["metadata"].items():
                meta[k][0] += ok
                meta[k][1] += 1
            for name in ("problems", "recommendations"):
                if s[name] is None:
                    continue
                for i in range(3):
                    sections[f"{key}:{name}"][i] += s[name][i]
        if "false_errors" in s:
            false_errors[0] += s["false_errors"]
            false_errors[1] += 1
        for rule, counts in s.get("flags", {}).items():
            for i, n in enumerate(counts):
                flags[rule][i] += n
    return {
        "files": len(files),
        "duplicated_items": sum(r.get("duplicates", 0) for r in reports.values()),
        "facts": {k: _prf(*v) for k, v in per_format["all"].items()} or {"all": _prf(0, 0, 0)},
        "facts_by_format": {fmt: {k: _prf(*v) for k, v in kinds.items()} for fmt, kinds in per_format.items()
                            if fmt != "all"},
        "label_accuracy": {k: round(v[0] / v[1], 4) if v[1] else None for k, v in label.items()},
        "metadata_accuracy": {k: round(v[0] / v[1], 4) for k, v in meta.items()},
        "sections": {k: _prf(*v) for k, v in sections.items()},
        "flags": {k: _flag_scores(*v) for k, v in flags.items()},
        "false_error_flags": {"count": false_errors[0], "files": false_errors[1],
                              "per_20_files": round(20 * false_errors[0] / false_errors[1], 2) if false_errors[1] else None},
        "reports": reports,
    }


def _flag_scores(right: int, raised: int, found: int, listed: int) -> dict:
    return {"precision": round(right / raised, 4) if raised else 1.0, "recall": round(found / listed, 4) if listed else 1.0,
            "right": right, "raised": raised, "found": found, "listed": listed}


def format_scores(scores: dict) -> str:
    lines = [f"files scored: {scores['files']}", "", "facts (value+unit+kind)        precision  recall     f1   tp/pred/gold"]
    for kind, s in sorted(scores["facts"].items(), key=lambda kv: (kv[0] != "all", kv[0])):
        lines.append(f"  {kind:<28} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f}   "
                     f"{s['tp']}/{s['pred']}/{s['gold']}")
    for fmt, kinds in sorted(scores["facts_by_format"].items()):
        s = kinds["all"]
        lines.append(f"  [{fmt}] all{'':<22} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f}   "
                     f"{s['tp']}/{s['pred']}/{s['gold']}")
    lines.append("")
    lines.append("label accuracy (matched facts): " + ", ".join(
        f"{k} {v:.3f}" for k, v in sorted(scores["label_accuracy"].items()) if v is not None))
    lines.append("metadata accuracy: " + ", ".join(f"{k} {v:.2f}" for k, v in scores["metadata_accuracy"].items()))
    if scores["sections"]:
        lines.append("")
        lines.append("sections                        precision  recall     f1")
        for k, s in sorted(scores["sections"].items()):
            lines.append(f"  {k:<28} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>6.3f}")
        lines.append(f"  duplicated items (same title twice in one record): {scores['duplicated_items']}")
    if scores["flags"]:
        lines.append("")
        lines.append("flags (error+warning) by rule   precision  recall   right/raised  found/listed")
        for k, s in sorted(scores["flags"].items()):
            lines.append(f"  {k:<28} {s['precision']:>9.3f} {s['recall']:>7.3f}   {s['right']:>5}/{s['raised']:<6}"
                         f" {s['found']:>5}/{s['listed']}")
        right = sum(s["right"] for s in scores["flags"].values())
        raised = sum(s["raised"] for s in scores["flags"].values())
        found = sum(s["found"] for s in scores["flags"].values())
        listed = sum(s["listed"] for s in scores["flags"].values())
        lines.append(f"  {'all':<28} {right / raised if raised else 1:>9.3f} {found / listed if listed else 1:>7.3f}   "
                     f"{right:>5}/{raised:<6} {found:>5}/{listed}")
        fe = scores.get("false_error_flags") or {}
        if fe.get("files"):
            lines.append(f"  false error flags: {fe['count']} in {fe['files']} files ({fe['per_20_files']} per 20 files)")
    return "\n".join(lines)
