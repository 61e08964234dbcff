"""The groups of a form whose header gives each level its own 分值 column (一级指标 | 分值 | 二级指标 |
分值 | 三级指标 | 分值 …): each group's points against its parts' — a 二级指标's against the 分值 of
its rows, a 一级指标's against its 二级指标 groups' (or its rows' where it has none) — as
`level_weights`, the form rules' score.tree input (check/level_weights.py)."""
from __future__ import annotations


def grouped_level_weights(rows: list) -> list:
    """[{path, weight, parts}] from the indicator rows in order, inner groups before their
    parents; rows carry `group_weights` ({level: fact id}) where they open a group. A group is
    left out where a part's 分值 was not read (its sum is not known)."""
    out, groups = [], {}  # level → the open group there

    def close(level: int) -> None:
        for lv in sorted((lv for lv in groups if lv >= level), reverse=True):
            group = groups.pop(lv)
            if group["parts"] and all(group["parts"]):
                out.append(group)

    for row in rows:
        marks = row.get("group_weights") or {}
        if marks:
            close(min(marks))
        for level in sorted(marks):
            groups[level] = {"path": row["path"][:level + 1], "weight": marks[level], "parts": []}
            if level > 0 and level - 1 in groups:
                groups[level - 1]["parts"].append(marks[level])
        if groups:
            groups[max(groups)]["parts"].append(row.get("weight"))
    close(0)
    return out
