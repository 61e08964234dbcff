"""score.tree on the forms whose score table weights every level (form_weighted.py reads
them into `level_weights`): each group's 分值 against the 分值 of its parts. A module of its
own, registering no rule: check/scores.py's score.tree asks it, and the order the rules are
registered in (which keeps flag ids) stays as it was."""
from __future__ import annotations

from .common import SEVERITY, evidence_quote, facts_by_id, make_flag, rounded, sum_of
from .forms_common import forms_of, points
from .tolerance import awarded_interval, exact, interval_of, points_against, points_interval, weight_verdict


def level_weight_flags(record: dict) -> list:
    """score.tree on the forms: each group of a table that weights every level
    (form_weighted.py: `level_weights`) against the 分值 of its parts, and each group's own
    得分 (`level_scores`) against its parts' 得分."""
    facts = facts_by_id(record)
    return [flag for form in forms_of(record)
            for flag in _level_weight_flags(form, facts, form.get("name") or "自评表")
            + _level_score_flags(form, facts, form.get("name") or "自评表")]


def _level_score_flags(form: dict, facts: dict, name: str) -> list:
    """A group's own 得分 (决策 | 20 | 19 beside its rows) against the 得分 of its parts: the
    points awarded are exact by halves, as form.score_total reads them. A group some of whose
    parts have no 得分 written is left alone."""
    flags = []
    for group in form.get("level_scores") or []:
        score = facts.get(group["score"])
        parts = [facts.get(p) for p in group["parts"]]
        if score is None or not parts or any(p is None for p in parts):
            continue
        summed = sum_of(parts, awarded_interval)
        outcome, diff, tol = points_against(interval_of(score), summed)
        if outcome == "ok":
            continue
        flags.append(make_flag(
            SEVERITY[outcome],
            f"{name}{'›'.join(group['path'])}得分{points(score)}与其下各项得分之和{rounded(summed.mid, 2)}分不符，差{rounded(abs(diff), 2)}分",
            score["value"], rounded(summed.mid, 4), rounded(diff, 4), rounded(tol, 4), [score] + parts,
            form=form.get("id")))
    return flags


def _level_weight_flags(form: dict, facts: dict, name: str) -> list:
    """A form's groups against their parts: 资金投入 6 over rows of 4 and 4 is the table's slip.
    A group whose parts hold once a part group is read as the sum of its own parts (决策 20
    over 6 + 6 + 6: the 6 is the slip) is that slip too: one flag, naming both."""
    flags: dict = {}  # group weight's fact id → its flag
    sums: dict = {}  # a group off its parts: weight's fact id → the sum of its parts
    checked = 0
    for group in form.get("level_weights") or []:  # (inner groups come before their parent)
        weight = facts.get(group["weight"])
        parts = [facts.get(p) for p in group["parts"]]
        if weight is None or any(p is None for p in parts):
            continue
        checked += 1
        summed = sum_of(parts, points_interval)
        outcome, diff, tol = weight_verdict(weight, summed)
        if outcome == "ok":
            continue
        sums[weight["id"]] = summed
        where = "›".join(group["path"])
        off = [p for p in parts if p["id"] in flags]
        if off and weight_verdict(weight, sum_of([p for p in parts if p not in off], points_interval)
                                  + sum((sums[p["id"]] for p in off), exact(0)))[0] == "ok":
            flag = flags[off[0]["id"]]
            flag["message"] += f"；{where}分值{points(weight)}因此与其下各项之和{rounded(summed.mid, 2)}分亦不符"
            flag["evidence"].append(weight["id"])
            flag["evidence_quotes"].append(evidence_quote(weight))
            continue
        flags[weight["id"]] = make_flag(
            SEVERITY[outcome],
            f"{name}{where}分值{points(weight)}与其下各项分值之和{rounded(summed.mid, 2)}分不符，差{rounded(abs(diff), 2)}分",
            weight["value"], rounded(summed.mid, 4), rounded(diff, 4), rounded(tol, 4), [weight] + parts,
            form=form.get("id"))
    if len(flags) >= _MISREAD_AT and 2 * len(flags) > checked \
            or flags and form.get("unread_rows", 0) > len(form.get("indicators") or []):
        # most groups off their parts, or more rows left unread than read, is a table whose
        # levels were misread (a level's 分值 column taken for another's), not a report that
        # slipped in most of its sums
        return []
    return list(flags.values())


_MISREAD_AT = 3


def rows_groups_excess(form: dict, facts: dict):
    """How far the 分值 of the form's rows exceed their groups' own 分值, over the groups of
    `level_weights` whose parts are rows (社会效益指标 15 over rows of 10 and 10: 5): a 分值 sum
    off its total by just that is the groups' slip, flagged under score.tree."""
    rows = {r.get("weight") for r in form.get("indicators") or [] if r.get("weight")}
    excess = 0
    for group in form.get("level_weights") or []:
        weight, parts = facts.get(group["weight"]), [facts.get(p) for p in group["parts"]]
        if weight is None or not parts or any(p is None or p["id"] not in rows for p in parts):
            continue
        excess += sum(p["value"] for p in parts) - weight["value"]
    return excess
