"""Indicator score trees (指标体系): from score tables (一级/二级/三级/四级指标 … 得分) and
from scores stated in text (投入绩效为13分 …; （1）绩效目标合理性（3分）… 得分3分;
二级指标“项目立项”满分8分，评价得分8分).

Each indicator: path (names from the top level down), weight (分值, from "(8分)" or 满分),
score, source, and a note where the report leaves something out (a row without a score
is kept with score None and says so, never given an invented score)."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..ingest.tables import NUMBER_HEADERS, SUBTOTAL_LABEL, names_the_rows_above
from ..model import HEADING, TABLE, Document
from ..patterns import load_json
from ..parts_runs import parts_runs
from .text_score_tables import score_table_indicators, text_score_tables
from .indicator_lines import indicator_lines
from .numbered_scores import numbered_score_indicators, numbering_style
from .summary_scores import summary_indicators
from .worded_score_table import column_words
from .flat_score_table import levels_by_points, path_by_parents
from .form_vocab import is_na

# a weight in brackets, maybe with the score awarded against it (决策（15分，得12分）, 投入（满分15分，实得14分）)
_WEIGHT = regex.compile(r"[（(]\s*(?:满分|分值)?\s*(\d+(?:\.\d+)?)\s*分\s*(?:[，,、；;]\s*(?:得分|得|实得)\s*(\d+(?:\.\d+)?)\s*分\s*)?[)）]")
# a further indicator of a weighted line, after a clause's end, with its score right after its
# weight (项目立项（5分）得5分；绩效目标（5分）得3分，…；资金投入（5分）得4分)
_SIBLING = regex.compile(r"[；;。]\s*(?P<name>[^，,。；;：:（()）\d]{2,20}?)[（(]\s*(?P<weight>\d+(?:\.\d+)?)\s*分\s*[)）]"
                         r"\s*[：:]?\s*(?:得分|得)\s*(?P<score>\d+(?:\.\d+)?)\s*分")
_ONLY_WEIGHT = regex.compile(r"^[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
_NUM = regex.compile(r"^\d+(?:\.\d+)?$")
_LEVEL_HEADER = regex.compile(r"([一二三四五六])级指标")

_AWARDED_HEADER = regex.compile(r"得分(?!率)|评分|实际得分")
# (得分系数 is the share of its weight a row is scored by, no points; 指标权重（分） its weight)
_SCORE_HEADER = regex.compile(r"得分(?!率|系数)|分值|评分|实际得分|(?:(?<!\S)|指标)权重(?:[（(]\s*分\s*[)）])?$")
# (合计（100分）: the total with its weight in brackets)
_TOTAL = regex.compile(r"^(?:合\s*计|总\s*计|总\s*分|合计得分)(?:[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）])?$")
_GRADE_ROW = regex.compile(r"^(?:(?:自评|评价|绩效|综合)?(?:等级|等次)|评价结论|评价结果)[:：]?$")
# text: 一级指标项目决策…满分20分，…得分20分 / 二级指标“项目立项”满分8分，评价得分8分
_TEXT_INDICATOR = regex.compile(
    r"(?P<level>[一二三四])级指标\s*[“\"]?(?P<name>[^“”\"，。；、]{2,20}?)(?=包含|满分|[”\"，])[”\"]?[^。]*?(?:。[^。]*?)?满分\s*(?P<weight>\d+(?:\.\d+)?)\s*分"
    r"[^。]*?得分(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分")
# conclusion: 投入绩效为13分，过程绩效为56分，…，总绩效为94.9分
# (not a grade's band: 自评得分90分以上为优, 得分75-89分为良)
_SECTION_SCORE = regex.compile(r"(?:得分|得|评分按|得分按|评分为)\s*(?P<score>\d+(?:\.\d+)?)\s*分"
                               r"(?!\s*(?:以上|以下|及以上|及以下|（含）|\(含\)|至|[-~－—–]|为[优良中差]))")
_WEIGHTED_LINE = regex.compile(r"^[^，。；：:]{2,30}?[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*[：:]?")
_QUOTES_SPACE = regex.compile(r"[\s“”\"「」]+")
_CN_LEVEL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6}


def _numbered_child(b, children: dict) -> Optional[dict]:
    """A numbered paragraph scored as a row of the heading above (（一）项目立项（5分），得5分。…),
    of the first numbering style under it; None for another style or a paragraph not so scored."""
    style = numbering_style(b.numbering)
    m = _SCORED_ROW.match(b.text, len(b.numbering))
    if m is None or children["style"] not in (None, style):
        return None
    children["style"] = style
    return {"path": children["parent"] + [_clean(m["name"])], "weight": Decimal(m["weight"]),
            "score": Decimal(m["score"]), "origin": "list",
            "source": {"page": b.page, "block": b.index, "start": m.start("score"), "end": m.end("score"),
                       "quote": b.text[m.start("name"):m.end()]}}


# a heading's score after its bracketed weight: 一、决策（15分），得分14分
_SCORE_AFTER_WEIGHT = regex.compile(r"(?<=[)）])\s*[，,：:]?\s*(?:自评)?(?:得分|实得|得)(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分\s*$")
# a row's name, its bracketed weight and its score right after it: 项目立项（5分），得5分
_SCORED_ROW = regex.compile(r"\s*(?P<name>[^，,。；;：:（()）\d]{2,20}?)\s*[（(]\s*(?P<weight>\d+(?:\.\d+)?)\s*分\s*[)）]"
                            r"\s*[，,：:]?\s*(?:自评)?(?:得分|实得|得)(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分")


def _clean(name: str) -> str:
    name = _WEIGHT.sub("", name)
    return _QUOTES_SPACE.sub("", name).rstrip("：:")


def _weight(text: str) -> Optional[Decimal]:
    m = _WEIGHT.search(text)
    return Decimal(m.group(1)) if m else None


_NAMED_SUBTOTAL = regex.compile(r"^\p{Han}{1,10}小\s*计$")


def extract_indicators(doc: Document, score_tables: Optional[list] = None) -> list:
    """`score_tables`: as extract_facts takes them."""
    out = []
    for block in doc.blocks:
        if block.kind == TABLE:
            out += _table_indicators(block)
    if not any(i["origin"] == "table" for i in out):
        # a score table written as running text (一级指标分值二级指标分值…, 指标 权重 得分 …) is
        # read as its one reading; the text readers would take its figures for sentences' scores
        tables = text_score_tables(doc) if score_tables is None else score_tables
        out += score_table_indicators(tables) or [i for i in _text_indicators(doc) if not _rule_words(i["path"][-1])]
    for block in doc.blocks:
        if block.kind == TABLE:
            out += _parts_table_indicators(block)
    return out


# a 得分汇总表's one indicator column (指标 | 分值 | 得分), and the 其中 that opens a row's parts
_ONE_NAME_HEADER = regex.compile(r"^(?:指标|指标名称|评价指标|考核指标)$")
_PARTS = regex.compile(r"^其中[:：]?\s*")


@lru_cache(maxsize=1)
def _weight_header() -> "regex.Pattern":
    return regex.compile(rf"^(?:{column_words('weight_columns')})$")


def _parts_table_indicators(block) -> list:
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
        entry = {"weight": Decimal(weight), "score": Decimal(score), "origin": "table", "table": f"parts{block.index}",
                 "source": _src(block, r, 2)}
        if _TOTAL.match(name):
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


def _rule_words(name: str) -> bool:
    """Does a name end where a scoring rule's award begins (…引发有效投诉的得 | 5分, 按时兑付补贴资金得 |
    4分): the words of a rule run together with its points, no indicator? (决策指标得 | 14分 is an
    indicator's name and its award.)"""
    name = name.strip()
    return name.endswith("得") and (len(name) == 1 or name.endswith("的得") or len(name) >= _RULE_NAME_LENGTH
                                   or regex.search(r"\d", name) is not None)


_RULE_NAME_LENGTH = 9  # (an indicator's name with 得 run on is shorter: 决策指标得, 产出质量得)


def _row_weight(row: list, score_cols: list) -> Optional[Decimal]:
    """A total's or subtotal's row's 分值: the first of two points columns, when it holds a figure."""
    text = row[score_cols[0]].text.strip() if len(score_cols) > 1 else ""
    return Decimal(text) if _NUM.match(text) else None


def _table_indicators(block) -> list:
    t = block.table
    if t.header_rows == 0 or t.ragged:
        return []  # (rows of different lengths rebuilt from text: a column is no column)
    header = [" ".join(t.rows[h][c].text for h in range(t.header_rows)) for c in range(t.n_cols)]
    level_cols = [(c, _CN_LEVEL[m.group(1)]) for c, h in enumerate(header) for m in [_LEVEL_HEADER.search(h)] if m]
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
        if _TOTAL.match(first) or _TOTAL.match(written):
            if _NUM.match(score_text):
                out.append({"path": ["合计"], "weight": _row_weight(row, score_cols) or _weight(first), "score": Decimal(score_text),
                            "total": True, "origin": "table", "source": _src(block, r, score_col)})
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
                    names[c] = (_clean(text), _weight(text))
            parent = [names[c][0] for c, _ in level_cols if c < sub and c in names]
            if parent and _NUM.match(score_text):
                out.append({"path": parent, "weight": _row_weight(row, score_cols),
                            "score": Decimal(score_text), "origin": "table", "source": _src(block, r, score_col)})
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
                    names[c] = (names[c][0], _weight(text))
                continue
            names[c] = (_clean(text), _weight(text))
            # a new name at one level resets everything below it
            for c2, l2 in level_cols:
                if l2 > level and c2 in names and not row[c2].text.strip():
                    del names[c2]
            if c in own and _NUM.match(row[own[c][1]].text.strip()):
                # 产出 | 35 | 32.5 | 产出数量 | 10 | 10: the group's own 分值 and 得分 beside its first row
                weight = row[own[c][0]].text.strip() if own[c][0] is not None else ""
                out.append({"path": [names[c2][0] for c2, _ in level_cols if c2 <= c and c2 in names],
                            "weight": Decimal(weight) if _NUM.match(weight) else None,
                            "score": Decimal(row[own[c][1]].text.strip()), "origin": "table",
                            "source": _src(block, r, own[c][1])})
        leaf_name_in_score_col = None
        if score_text and not _NUM.match(score_text):
            # the leaf's name slipped into the score column: the score is missing
            leaf_name_in_score_col = (_clean(score_text), _weight(score_text))
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
        score = Decimal(score_text) if _NUM.match(score_text) else None
        if score is None and note is None:
            note = "本行没有得分"
        leaf_points = [k for k in score_cols if k > level_cols[-1][0]]
        if weights[-1] is None and len(leaf_points) > 1 and _NUM.match(row[leaf_points[0]].text.strip()):
            weights[-1] = Decimal(row[leaf_points[0]].text.strip())  # (its 分值 column, before its 得分)
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
        if _TOTAL.match(named[0]):
            total = (r, weight, score)
            break
        rows.append((r, named[0], Decimal(weight), Decimal(score)))
    if total is None or len(rows) < _FEWEST_NESTED_ROWS:
        return None
    reading = levels_by_points([[(w, s)] for _, _, w, s in rows], Decimal(total[1]), total[1])
    if reading is None or all(p is None for p in reading[1]):
        return None
    names = [_clean(name) for _, name, _, _ in rows]
    paths = [list(path_by_parents(names, reading[1], k)) for k in range(len(rows))]
    if max(map(len, paths)) > max(len(level_cols), most_levels):
        return None  # (more levels than the header names columns for)
    out = []
    for (r, _, w, sc), path in zip(rows, paths):
        out.append({"path": path, "weight": w, "score": sc, "origin": "table", "levels_by_points": True,
                    "source": _src(block, r, score_col)})
    out.append({"path": ["合计"], "weight": Decimal(total[1]), "score": Decimal(total[2]), "total": True,
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


def _text_indicators(doc: Document) -> list:
    out = []
    # 1) explicit 一级/二级指标 sentences (满分…得分…)
    parents: dict = {}
    for b in doc.blocks:
        if b.kind == TABLE or "级指标" not in b.text:  # the pattern's own words: a cheap test first
            continue
        for m in _TEXT_INDICATOR.finditer(b.text):
            level = _CN_LEVEL[m.group("level")]
            parents[level] = m.group("name")
            for deeper in [k for k in parents if k > level]:
                del parents[deeper]
            path = [parents[k] for k in sorted(parents) if k <= level]
            out.append({"path": path, "weight": Decimal(m.group("weight")), "score": Decimal(m.group("score")),
                        "origin": "text", "source": {"page": b.page, "block": b.index, "start": m.start(),
                                                     "end": m.end(), "quote": m.group(0)}})
    if out:
        return out
    # 2) headings that carry a weight, scored in their section: （1）绩效目标合理性（3分）… 得分3分
    stack: list = []  # (level, name)
    current = children = None  # (children: a scored heading's numbered rows, read under it)
    for b in doc.blocks:
        if b.kind != TABLE and not b.numbering and stack and (line := _WEIGHTED_LINE.match(b.text)):
            # an unnumbered indicator line (经济效益和社会效益（6分）：): a sibling of the last
            # indicator, or a child of the heading above when there is none yet
            # (right under a weighted heading, its child: 决策（15分，得12分） over 项目立项（5分）得5分)
            parent = current["path"][:-1] if current is not None and not current.get("heading") \
                else [n for _, n in stack]
            name = _clean(line.group(0))
            # (the heading above may name it: （一）投入指标 over 投入指标（20分）得分18.5分)
            path = parent if parent and parent[-1] == name else parent + [name]
            current = {"path": path, "weight": _weight(b.text), "score": None,
                       "origin": "text", "source": {"page": b.page, "block": b.index, "quote": b.text}}
            out.append(current)
            current["score"] = _line_score(b.text[line.end():], current["weight"])
            siblings = list(_SIBLING.finditer(b.text, line.end()))
            if siblings and current["score"] is not None:
                current["origin"] = "list"  # (points awarded one indicator after another, as written)
            for m in siblings:
                current = {"path": path[:-1] + [_clean(m["name"])], "weight": Decimal(m["weight"]),
                           "score": Decimal(m["score"]), "origin": "list",
                           "source": {"page": b.page, "block": b.index, "start": m.start("name"), "end": m.end(),
                                      "quote": b.text[m.start("name"):m.end()]}}
                out.append(current)
            continue
        if b.kind == HEADING and b.level:
            after = _SCORE_AFTER_WEIGHT.search(b.text)
            name = _clean(b.text[len(b.numbering or ""):after.start() if after else len(b.text)])
            stack = [(lvl, n) for lvl, n in stack if lvl < b.level] + [(b.level, name)]
            weight = _weight(b.text)
            current, children = None, None
            if weight is not None:
                current = {"path": [n for _, n in stack], "weight": weight, "score": None, "origin": "text",
                           "source": {"page": b.page, "block": b.index, "quote": b.text}, "heading": True}
                out.append(current)
                awarded = _WEIGHT.search(b.text)
                # (决策（15分，得12分）, or 决策（15分），得分12分: its score beside its weight)
                at = (awarded, 2) if awarded[2] else (after, "score") if after else None
                if at is not None:
                    current["score"] = Decimal(at[0][at[1]])
                    current["origin"] = "list"  # (points awarded against the weight beside them: whole points are exact)
                    current["score_source"] = {"page": b.page, "block": b.index, "start": at[0].start(at[1]),
                                               "end": at[0].end(at[1]), "quote": at[0][at[1]]}
                    children = {"parent": current["path"], "style": None}
            continue
        if children is not None and b.kind != TABLE and b.numbering \
                and (child := _numbered_child(b, children)) is not None:
            # （一）项目立项（5分），得5分。… under 一、决策（15分），得分14分: its rows, of the first
            # numbering style under it
            out.append(child)
            continue
        if b.kind == TABLE:
            continue
        if current is not None and current["score"] is None:
            scores = list(_SECTION_SCORE.finditer(b.text))
            if scores:
                m = scores[-1]  # the conclusion of the section: 得分按4分计算
                current["score"] = Decimal(m.group("score"))
                current["score_source"] = {"page": b.page, "block": b.index, "start": m.start("score"),
                                           "end": m.end("score"), "quote": m.group(0)}
    for i in out:
        i.pop("heading", None)  # (the reader's own mark, no part of the record)
    # a heading written twice with the same weight (绩效指标（90分） over each page of a form's
    # table) heads a table's pages, not a section scored in its text
    seen = Counter((tuple(i["path"]), i["weight"]) for i in out)
    out = [i for i in out if seen[(tuple(i["path"]), i["weight"])] == 1]
    _drop_common_prefix(out)
    if not out:
        # 2b) lines of full marks and score (决策类指标满分15分，得14分。其中…)
        out = indicator_lines(doc)
    if not out:
        # 2c) numbered paragraphs each with its weight and score (2、产出30分，自评得分28分。)
        out = numbered_score_indicators(doc)
    # 3) the summary sentence with the first-level scores and the total
    return out + summary_indicators(doc, out)


# a 小计 with its score (小计得分18分), or with its 分值 then its score (a table row: 小计20分17.5分)
_SUBTOTAL_SCORE = regex.compile(r"(?:小计|合计)(?:得分)?(?:为)?\s*(?P<score>\d+(?:\.\d+)?)\s*分"
                                r"(?:\s*(?P<after>\d+(?:\.\d+)?)\s*分)?")



_SCORE_RIGHT_AFTER = 2  # characters between a weight and the score that follows it as its own (：, 实)


def _line_score(tail: str, weight: Optional[Decimal] = None) -> Optional[Decimal]:
    """The score of an indicator stated on its weight's line: its 小计 when it has one, the
    score right after its weight, else the line's one score. Several scores after sub-items' own weights (项目立项（6分）得6分，
    绩效目标（8分）得7分) are theirs: the line's own is not known. A 小计 row of 分值 and score
    is the line's only where its 分值 is the line's weight (小计40分37分 on a line cut from its
    group's is the group's)."""
    sub = _SUBTOTAL_SCORE.search(tail)
    if sub and sub.group("after"):
        own = weight is None or Decimal(sub.group("score")) == weight
        return Decimal(sub.group("after")) if own else None
    if sub:
        return Decimal(sub.group("score"))
    scores = list(_SECTION_SCORE.finditer(tail))
    if scores and scores[0].start() <= _SCORE_RIGHT_AFTER:
        return Decimal(scores[0].group("score"))  # （20分）得分18.5分，…其中…得11分: its own comes first
    if not scores or (len(scores) > 1 and _WEIGHT.search(tail)):
        return None
    return Decimal(scores[-1].group("score"))


def _drop_common_prefix(indicators: list) -> None:
    """Headings above every indicator (三、部门整体支出绩效评价分析) are not indicators."""
    paths = [i["path"] for i in indicators]
    while paths and all(len(p) > 1 for p in paths) and len({p[0] for p in paths}) == 1:
        for i in indicators:
            i["path"] = i["path"][1:]
        paths = [i["path"] for i in indicators]
