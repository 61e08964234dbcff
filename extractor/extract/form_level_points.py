"""The groups of a form whose header gives each level its own 分值 column (一级指标 | 分值 | 二级指标 |
分值 | 三级指标 | 分值 …), or its own 分值 and 得分 (一级指标 | 分值 | 得分 | 二级指标 …): each group's
points against its parts' — a 二级指标's against the 分值 of its rows, a 一级指标's against its
二级指标 groups' (or its rows' where it has none) — as `level_weights` and `level_scores`, the
form rules' score.tree input (check/level_weights.py)."""
from __future__ import annotations


def grouped_level_points(rows: list, marks_key: str = "group_weights", key: str = "weight",
                         unread_after: int = 0) -> list:
    """[{path, weight, parts}] from the indicator rows in order, inner groups before their
    parents; rows carry `group_weights` ({level: fact id}) where they open a group. With
    `group_scores` and "score", the groups' 得分 against their parts' ([{path, score, parts}]).
    A group is left out where its sum is not known: a part's points not read, a row between
    its rows not read (rows carry `unread_before`, the form's count of unread rows when they
    were read; `unread_after` is the count at the block's end), or a row under another name
    of its level among its parts (its rows' names misread)."""
    out, groups = [], {}  # level → the open group there

    def close(level: int, unread: int) -> None:
        for lv in sorted((lv for lv in groups if lv >= level), reverse=True):
            group = groups.pop(lv)
            if group["parts"] and all(group["parts"]) and group.pop("unread") == unread and group.pop("own"):
                out.append(group)

    for row in rows:
        marks = row.get(marks_key) or {}
        unread = row.get("unread_before", 0)
        if marks:
            close(min(marks), unread)
        for level in sorted(marks):
            groups[level] = {"path": row["path"][:level + 1], key: marks[level], "parts": [], "unread": unread, "own": True}
            if level > 0 and level - 1 in groups:
                groups[level - 1]["parts"].append(marks[level])
        for group in groups.values():
            group["own"] &= row["path"][:len(group["path"])] == group["path"]
        if groups:
            groups[max(groups)]["parts"].append(row.get(key))
    close(0, unread_after)
    return out
