"""Indicator score trees read from score tables (一级指标 | 二级指标 | 三级指标 | 分值 | 得分 …):
each row's names carried down its level columns with their weights, its 分值 and 得分, a 合计
row as the total and a level's 小计 as the level's own points; a table that writes every
level in one column, told apart by its points alone (_levels_in_one_column); and a summary of
scores whose second level follows its first under 其中 (parts_table_indicators). A row
without a score is kept with score None and says so."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..ingest.short_total_rows import total_names
from ..ingest.tables import NUMBER_HEADERS, SUBTOTAL_LABEL, names_the_rows_above
from ..patterns import load_json
from ..parts_runs import parts_runs
from .worded_score_table import column_words
from .flat_score_table import levels_by_points, path_by_parents
from .form_vocab import is_na
from .indicator_names import LEVEL_NUMBER, bracketed_weight, clean_name

_ONLY_WEIGHT = regex.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
# points, maybe written with their unit (7.5分)
_NUM = regex.compile(r"^\d+(?:\.\d+)?\s*分?$")

_LEVEL_HEADER = regex.compile(r"([一二三四五六])级指标")

_AWARDED_HEADER = regex.compile(r"得分(?!率)|评分|实际得分")
# (得分系数 is the share of its weight a row is scored by, no points; 指标权重（分） its weight)
_SCORE_HEADER = regex.compile(r"得分(?!率|系数)|分值|评分|实际得分|(?:(?<!\S)|指标)权重(?:[（(]\s*分\s*[)）])?$")


@lru_cache(maxsize=1)
def _total() -> "regex.Pattern":
    """A total row's name, any the forms' vocabulary knows (合计, 总分, 得分合计, 自评总分: forms.json
    total_rows), spaced or not, with its weight in brackets or not (合计（100分）)."""
    names = sorted(total_names(), key=len, reverse=True)
    spaced = "|".join(r"\s*".join(map(regex.escape, name)) for name in names)
    return regex.compile(rf"^(?:{spaced})(?:[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）])?$")


_GRADE_ROW = regex.compile(r"^(?:(?:自评|评价|绩效|综合)?(?:等级|等次)|评价结论|评价结果)[:：]?$")

_NAMED_SUBTOTAL = regex.compile(r"^\p{Han}{1,10}小\s*计$")

# a 得分汇总表's one indicator column (指标 | 分值 | 得分), and the 其中 that opens a row's parts
_ONE_NAME_HEADER = regex.compile(r"^(?:指标|指标名称|评价指标|考核指标)$")
_PARTS = regex.compile(r"^其中[:：]?\s*")


@lru_cache(maxsize=1)
def _weight_header() -> "regex.Pattern":
    return regex.compile(rf"^(?:{column_words('weight_columns')})$")


def parts_table_indicators(block) -> list:
    """A summary of scores in one indicator column whose second level follows its first under
    其中 (投入 | 20 | 18.5, 其中：目标设定 | 8 | 7.5, 预算配置 | 12 | 11, 过程 | 20 | 18 …): a row's parts
    run from its 其中 until their 分值 make its own (parts_runs). Read, as a tree of its own, only
    where every run makes its row, one row at least opens one, and the first level makes the 合计
    row's 分值."""
    t = block.table
    if t.header_rows != 1 or t.ragged or t.n_cols != 3:
        return []
    header = [c.text.replace(" ", "") for c in t.rows[0]]
    if not (_ONE_NAME_HEADER.match(header[0]) and _weight_header().match(header[1]) and _SCORE_HEADER.search(header[2])):
        return []
    rows, total = [], None
    for r in range(1, t.n_rows):
        name, weight, score = (c.text.strip() for c in t.rows[r])
        if not (_NUM.match(weight) and _NUM.match(score)):
            return []
        entry = {"weight": _points(weight), "score": _points(score), "origin": "table", "table": f"parts{block.index}",
                 "source": _src(block, r, 2)}
        if _total().match(name):
            total = {**entry, "path": ["合计"], "total": True}
            break
        rows.append((name, entry))
    runs = parts_runs([name for name, _ in rows], [entry["weight"] for _, entry in rows])
    if total is None or runs is None or len(runs) < 2 or not any(parts for _, parts in runs) \
            or sum(rows[k][1]["weight"] for k, _ in runs) != total["weight"]:
        return []
    out = []
    for k, parts in runs:
        top = rows[k][0]
        out += [{**rows[k][1], "path": [top]}] + [{**rows[p][1], "path": [top, _PARTS.sub("", rows[p][0])]} for p in parts]
    return out + [total]


def _points(text: str) -> Decimal:
    """A points cell's figure (7.5分 → 7.5)."""
    return Decimal(_bare(text))


def _bare(text: str) -> str:
    return text.strip().removesuffix("分").strip()


def _row_weight(row: list, score_cols: list) -> Optional[Decimal]:
    """A total's or subtotal's row's 分值: the first of two points columns, when it holds a figure."""
    text = row[score_cols[0]].text.strip() if len(score_cols) > 1 else ""
    return _points(text) if _NUM.match(text) else None


def table_indicators(block) -> list:
    t = block.table
    if t.header_rows == 0 or t.ragged:
        return []  # (rows of different lengths rebuilt from text: a column is no column)
    header = [" ".join(t.rows[h][c].text for h in range(t.header_rows)) for c in range(t.n_cols)]
    level_cols = [(c, LEVEL_NUMBER[m.group(1)]) for c, h in enumerate(header) for m in [_LEVEL_HEADER.search(h)] if m]
    score_cols = [c for c, h in enumerate(header) if _SCORE_HEADER.search(h) and not _LEVEL_HEADER.search(h)]
    if not level_cols and score_cols and header[0].replace(" ", "") in _name_columns():
        # 指标名称 | 分值 | 得分: every level in the one column, told apart by the points alone
        return _levels_in_one_column(block, [(0, 1)], score_cols, most_levels=_MOST_LEVELS_IN_ONE) or []
    if len(level_cols) < 2 or not score_cols:
        return []
    leaf = level_cols[-1][0] + 1
    if leaf < len(header) and header[leaf].replace(" ", "") in _name_columns():
        # 一级指标 | 二级指标 | 指标内容 | 指标值 …: the rows' own names, a level below the last
        level_cols.append((leaf, level_cols[-1][1] + 1))
    score_col = score_cols[-1]
    own = _own_points_columns(level_cols, [c for c in score_cols if _AWARDED_HEADER.search(header[c])], score_cols)
    nested = _levels_in_one_column(block, level_cols, score_cols)
    if nested is not None:
        return nested
    if not any(_AWARDED_HEADER.search(header[c]) for c in score_cols) and any(
            _LEVEL_HEADER.search(header[c - 1]) for c in score_cols if c > 0):
        # 一级指标 | 权重 | 二级指标 | 分值 | 三级指标 | … | 分值 | 数据项 | 指标值: weights at every
        # level and no 得分 column: the last 分值 is the rows' weight, not what they were awarded
        return []
    names = {}  # level column → (name, weight) carried down from above
    out = []
    # (a row's number in a column under 序号 names no row; a 合计 may stand there)
    numbered = {c for c, h in enumerate(header) if h.replace(" ", "") in NUMBER_HEADERS}
    for r in range(t.header_rows, t.n_rows):
        row = t.rows[r]
        cells = [c for k, c in enumerate(row) if k not in numbered or not c.text.strip().isdigit()]
        # (the row's first written cell: a 合计 row may leave the first-level column empty)
        first = next((c.text.replace("\n", "") for c in cells if c.text.strip()), "")
        # (… and its level columns, which a text table fills from the names above: 合计 under 满意度)
        written = next((c.text.replace("\n", "") for c in cells if c.text.strip() and c.merged_from is None), "")
        score_text = row[score_col].text.strip()
        if _total().match(first) or _total().match(written):
            if _NUM.match(score_text):
                out.append({"path": ["合计"], "weight": _row_weight(row, score_cols) or bracketed_weight(first),
                            "score": _points(score_text), "total": True, "origin": "table", "source": _src(block, r, score_col)})
            continue
        if SUBTOTAL_LABEL.match(first) or _NAMED_SUBTOTAL.match(first) or names_the_rows_above(t, r, first):
            continue  # a level's 小计 (决策小计, 决策合计): the tree adds its rows up itself
        # (or a dash there under the level's name written in this row: 投入（20分） | — | — | 17.5)
        sub = next((c for c, _ in level_cols[1:] if row[c].merged_from is None
                    and (SUBTOTAL_LABEL.match(row[c].text.replace(" ", ""))
                         or _NAMED_SUBTOTAL.match(row[c].text.replace(" ", ""))
                         or is_na(row[c].text) and row[level_cols[0][0]].text.strip()
                         and row[level_cols[0][0]].merged_from is None)), None)
        if sub is not None:
            # 决策 | 小计 | 15 | 14.6 under the level's rows (or | 决策小计 | in its second column):
            # the level's own points. Written above its rows (项目管理（25分） | 小计 | 25 | 23.7,
            # then | | 资金到位率 | 5 | 5), the row names the level its rows carry down
            for c, _ in level_cols:
                if c < sub and row[c].merged_from is None and (text := row[c].text.replace("\n", "")) \
                        and not _ONLY_WEIGHT.match(text):
                    names[c] = (clean_name(text), bracketed_weight(text))
            parent = [names[c][0] for c, _ in level_cols if c < sub and c in names]
            if parent and _NUM.match(score_text):
                out.append({"path": parent, "weight": _row_weight(row, score_cols),
                            "score": _points(score_text), "origin": "table", "source": _src(block, r, score_col)})
            continue
        if _GRADE_ROW.match(first):
            continue  # 评价等级 | 优 under the total: the table's grade, no indicator
        note = None
        for c, level in level_cols:
            text = row[c].text.replace("\n", "")
            if not text or row[c].merged_from is not None:
                continue  # nothing new here: the name above carries on
            if _ONLY_WEIGHT.match(text):
                # a wrapped cell: "(10分)" is the weight of the name carried from above
                if c in names:
                    names[c] = (names[c][0], bracketed_weight(text))
                continue
            names[c] = (clean_name(text), bracketed_weight(text))
            # a new name at one level resets everything below it
            for c2, l2 in level_cols:
                if l2 > level and c2 in names and not row[c2].text.strip():
                    del names[c2]
            if c in own and _NUM.match(row[own[c][1]].text.strip()):
                # 产出 | 35 | 32.5 | 产出数量 | 10 | 10: the group's own 分值 and 得分 beside its first row
                weight = row[own[c][0]].text.strip() if own[c][0] is not None else ""
                out.append({"path": [names[c2][0] for c2, _ in level_cols if c2 <= c and c2 in names],
                            "weight": _points(weight) if _NUM.match(weight) else None,
                            "score": _points(row[own[c][1]].text.strip()), "origin": "table",
                            "source": _src(block, r, own[c][1])})
        leaf_name_in_score_col = None
        if score_text and not _NUM.match(score_text):
            # the leaf's name slipped into the score column: the score is missing
            leaf_name_in_score_col = (clean_name(score_text), bracketed_weight(score_text))
            note = "本行没有得分（单元格缺失或错位），未推断分数"
        path, weights = [], []
        for c, _ in level_cols:
            if c in names:
                path.append(names[c][0])
                weights.append(names[c][1])
        if leaf_name_in_score_col:
            if row[level_cols[-1][0]].text.strip() == "" and len(path) == len(level_cols):
                path, weights = path[:-1], weights[:-1]  # the carried leaf belongs to the row above
            path.append(leaf_name_in_score_col[0])
            weights.append(leaf_name_in_score_col[1])
        if not path:
            continue
        score = _points(score_text) if _NUM.match(score_text) else None
        if score is None and note is None:
            note = "本行没有得分"
        leaf_points = [k for k in score_cols if k > level_cols[-1][0]]
        if weights[-1] is None and len(leaf_points) > 1 and _NUM.match(row[leaf_points[0]].text.strip()):
            weights[-1] = _points(row[leaf_points[0]].text.strip())  # (its 分值 column, before its 得分)
        out.append({"path": path, "weight": weights[-1], "weights": weights, "score": score, "origin": "table",
                    "note": note, "source": _src(block, r, score_col)})
    return out


def _levels_in_one_column(block, level_cols: list, score_cols: list, most_levels: int = 0) -> Optional[list]:
    """The indicators of a score table whose rows each write one name, whatever its level, with
    their 分值 and 得分 (一级指标 | 二级指标 | 三级指标 | 分值 | 得分 over 决策 | 15 | 13.5, 项目立项 | 4 | 4,
    立项依据充分性 | 2 | 2 …, the level cells left empty): which row is a level over which the 分值
    say, in the one reading where each level's are the sum of its rows' and the first level's
    the total's (flat_score_table.levels_by_points); `most_levels`, where the header names fewer
    level columns than the levels it holds. None for any other table."""
    t = block.table
    if len(score_cols) < 2:
        return None
    weight_col, score_col = score_cols[0], score_cols[-1]
    rows, total = [], None
    for r in range(t.header_rows, t.n_rows):
        row = t.rows[r]
        named = [row[c].text.replace("\n", "").strip() for c, _ in level_cols if row[c].text.strip()]
        weight, score = row[weight_col].text.strip(), row[score_col].text.strip()
        if len(named) != 1 or any(row[c].merged_from is not None for c, _ in level_cols if row[c].text.strip()) \
                or not _NUM.match(weight) or not _NUM.match(score):
            return None
        if _total().match(named[0]):
            total = (r, weight, score)
            break
        rows.append((r, named[0], _points(weight), _points(score)))
    if total is None or len(rows) < _FEWEST_NESTED_ROWS:
        return None
    reading = levels_by_points([[(w, s)] for _, _, w, s in rows], _points(total[1]), _bare(total[1]))
    if reading is None or all(p is None for p in reading[1]):
        return None
    names = [clean_name(name) for _, name, _, _ in rows]
    paths = [list(path_by_parents(names, reading[1], k)) for k in range(len(rows))]
    if max(map(len, paths)) > max(len(level_cols), most_levels):
        return None  # (more levels than the header names columns for)
    out = []
    for (r, _, w, sc), path in zip(rows, paths):
        out.append({"path": path, "weight": w, "score": sc, "origin": "table", "levels_by_points": True,
                    "source": _src(block, r, score_col)})
    out.append({"path": ["合计"], "weight": _points(total[1]), "score": _points(total[2]), "total": True,
                "origin": "table", "levels_by_points": True, "source": _src(block, total[0], score_col)})
    return out


_FEWEST_NESTED_ROWS = 4
_MOST_LEVELS_IN_ONE = 3


@lru_cache(maxsize=1)
def _name_columns() -> frozenset:
    """The names of a score table's column of row names (指标名称, 指标内容): the one column of
    every level's rows, or the rows' own names after the level columns (patterns/forms.json)."""
    return frozenset(load_json("forms.json")["flat_score_table"]["name_columns"]) - {"一级指标"}


def _own_points_columns(level_cols: list, awarded_cols: list, points_cols: list) -> dict:
    """A level column → (its 分值 column or None, its 得分 column) where a 得分 column stands
    between it and the next level's (一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分: each group's
    own points), for every level but the last. (Weights alone, 一级指标 | 分值 | 二级指标 | 分值,
    are the weighted levels' reader's: form_weighted.py.)"""
    out = {}
    for (c, _), (after, _) in zip(level_cols, level_cols[1:]):
        awarded = [k for k in awarded_cols if c < k < after]
        if awarded:
            weights = [k for k in points_cols if c < k < awarded[0]]
            out[c] = (weights[0] if weights else None, awarded[0])
    return out


def _src(block, r, c) -> dict:
    return {"page": block.page, "block": block.index, "table": block.index, "row": r, "col": c}
