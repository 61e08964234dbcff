"""The standard self-evaluation forms (项目支出 / 部门整体支出 / 转移支付（区域）绩效自评表).

Every budget unit fills the same few templates every year, so a form is read the way
invoice-template extractors read invoices: the template (patterns/forms.json) says which
fixed labels recognise it and which columns and rows its fund block and its indicator
block have; values are mapped to those slots by position where the shape keeps empty
cells (tables, `|` rows) and by type where it does not (whitespace-flattened text, one
cell per line). Each value becomes a fact labelled with its slot (form_facts.py); the
form itself is returned as the `forms` entry of the record (see check/forms.py for the
rules that read it).

This module finds the forms; form_tokens.py turns any shape into cell tokens, form_cells.py
mends cells a text layer lost, form_reader.py reads one form, form_assign.py places values
written without their empty cells, form_vocab.py reads a cell against the vocabulary.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..ingest.form_signs import fund_block_totals
from .form_cells import cells_again
from .form_facts import FactIndex
from .form_reader import FormReader
from .form_structure import form_block_labels, form_blocks, names_a_form, template_by_its_words
from .form_tokens import Token, document_tokens, without_column_numbers
from .form_vocab import SENTENCE_END, bare, canon, is_scoring_rule, spec, vocab
from .glued_column_order import runs_into_header
from .text_score_tables import text_score_tables


def extract_forms(doc, facts: list, score_tables: Optional[list] = None) -> list:
    """The forms of `doc`; facts for their slots are added to (or relabelled in) `facts`.
    `score_tables`: as extract_facts takes them."""
    previews = _preview_copies(doc)
    tokens = cells_again(without_column_numbers([t for t in document_tokens(doc) if t.block.index not in previews]))
    # a score table written as running text is read as its one reading (text_score_tables.py):
    # its figures are no cells for the form reader to type
    trees = text_score_tables(doc) if score_tables is None else score_tables
    tokens = [t for t in tokens
              if t.row is not None or not any(x.covering(t.block.index, t.start, t.end) for x in trees if not x.form_block)]
    if not tokens:
        return []
    index = FactIndex(facts)
    forms = []
    for template, lo, hi, title in _form_segments(tokens):
        tables = {id(t.block): t.block.table for t in tokens[lo:hi] if t.row is not None}
        foreign = {key for key, table in tables.items() if _foreign_table(table)}
        segment = [t for t in tokens[lo:hi] if id(t.block) not in foreign]
        left_to_tables = False
        if template == "score_table":
            # real tables are the indicator tables reader's (table_indicators.py); a table rebuilt from
            # text rows of different lengths it leaves alone, so its cells are read here
            kept = _fragments_kept(segment)
            left_to_tables = any(t.row is not None and not t.block.table.ragged and id(t.block) not in kept
                                 for t in segment)
            segment = [t for t in segment if (t.row is None or t.block.table.ragged or id(t.block) in kept)
                       and not t.caption_of_table]
        reader = FormReader(template, segment, index, f"form{len(forms) + 1}")
        form = reader.read()
        if left_to_tables and form["indicators"]:
            # rows of the table are in tables this reader leaves alone: its sums are not known
            form["unread_rows"] += 1
        # (an indicator named by a scoring rule's words, 每低1个百分点扣0.2分: cells read out of
        # their columns, so its sums are not known either)
        form["unread_rows"] += sum(1 for row in form["indicators"] if row.get("path") and is_scoring_rule(row["path"][-1]))
        if form["funds"] or form["indicators"] or form["total_score"] or form.get("tasks"):
            used = segment[:reader.last + 1]
            form["blocks"] = [used[0].block.index, used[-1].block.index]
            # the blocks the form's values were read from (its prose blocks are not among them)
            form["value_blocks"] = sorted({f.source["block"] for f in facts if f.extra.get("form") == form["id"]})
            if title is not None:
                form["title"] = title.text.strip()
            note = _note_in(segment, "budget_inside_note")
            if note is not None:
                form["budget_in_total"] = note
            note = _note_in(segment, "execution_scoring_note", table_cells=True)
            if note is not None:
                form["execution_scoring_note"] = note
            form["source"] = {"block": used[0].block.index, "page": used[0].block.page}
            form["prose_cells"] = [t.source() for t in segment if _reads_as_prose(t)]
            forms.append(form)
            for block in {t.block.index: t.block for t in used}.values():
                if block.table is not None:
                    index.drop_unclaimed_cells(block)
    facts[:] = index.remaining()
    return forms


def _preview_copies(doc) -> set:
    """The blocks that are a preview cut off with an ellipsis (a sharing site's 文档简介: the
    form's first words, then …) of a later block that holds the whole: the form is read once,
    from the whole."""
    out = set()
    for k, block in enumerate(doc.blocks):
        text = block.text.strip()
        if block.table is None and text.endswith(_ELLIPSES) and len(head := text.rstrip("".join(_ELLIPSES))) >= _PREVIEW_MIN:
            if any(head in later.text for later in doc.blocks[k + 1:]):
                out.add(k)
    return out


_ELLIPSES = ("…", "⋯")
_PREVIEW_MIN = 20  # (a shorter head is a heading's words, found again anywhere)


def _foreign_table(table) -> bool:
    """Is a table inside a form's segment some other table — a narrative's table after the
    form (类别 | 补助标准（元/人） | 人数（人） | 金额（万元） … 合计)? It has a header of its own,
    and none of its cells is a word of a form beyond those any table has (forms.json
    any_table_cells). (Rows of the form that text layout cut off as a table have no header.)"""
    if not table.header_rows:
        return False
    words = _form_words()
    return not any(bare(cell.text) in words for row in table.rows for cell in row if cell.text)


@lru_cache(maxsize=1)
def _form_words() -> frozenset:
    """The cell words that belong to forms: their labels, column and row names, levels."""
    v = vocab()
    words = set().union(*v["keywords"].values())
    for key in ("meta", "fund_col", "fund_row", "ind_col", "ind_head", "ind_name_cells", "level1", "level2",
                "total", "score_cell", "grade_cell", "goal_label", "source_head", "task_header", "money"):
        words |= set(v[key])
    return frozenset(words - set(spec()["any_table_cells"]))


# a cell that is running text: a clause ends inside it (本项目共申请资金90万元。其中：…)
_CLAUSE_INSIDE = regex.compile(r"\p{Han}[。；;，,]\s*\S")


def _reads_as_prose(t: Token) -> bool:
    """A text cell of a form written as sentences — its goals, its 实际完成情况 — whose
    figures read the way a narrative's do (a 其中 there breaks down the figure before it); a
    scoring rule (每低1个百分点扣0.2分) is the row's, no sentence."""
    return t.row is None and len(t.text) >= 20 and _CLAUSE_INSIDE.search(t.text) is not None \
        and not is_scoring_rule(t.text)


@lru_cache(maxsize=4)
def _note_pattern(note: str) -> regex.Pattern:
    return regex.compile(spec()[note])


def _note_in(segment: list, note: str, table_cells: bool = False) -> Optional[dict]:
    """Where the form's note says what forms.json's `note` pattern finds, that token's place:
    budget_inside_note, that the budget execution rate's points are one of the first-level
    weights of its 100 (一级指标分值统一设置为：…、预算资金执行率10分); execution_scoring_note,
    that the rate is scored by a rule of its own (95%以上的得满分，每降低一个百分点扣0.5分),
    also in a table's cell (`table_cells`: a note row under the form)."""
    pattern = _note_pattern(note)
    cells = [t for t in segment if table_cells or t.row is None]
    # the note's words may have been cut into cells at the labels they name (一级指标, 分值);
    # a table's cells stay apart
    starts, text, cell_of = [], "", None
    for t in cells:
        if t.row is not None and (t.block.index, t.row, t.col) != cell_of:
            text += "｜"
        cell_of = (t.block.index, t.row, t.col) if t.row is not None else None
        starts.append(len(text))
        text += t.text
    m = pattern.search(text)
    if m is None:
        return None
    k = max(i for i, start in enumerate(starts) if start <= m.start())
    return cells[k].source()


def _title_template(token: Token) -> Optional[str]:
    t = canon(token.text)
    m = _FILE_NAME.match(t)
    if m:
        # a file's name (…自评表.doc, a sharing site's page title) or a page header naming
        # it (…自评表.doc_第3页, inside the form it shows): the form's own title may follow
        rest = t[m.end():]
        named = _template_named(rest) if rest.strip() else None
        if named or m["page"]:
            return named
        t = t[:m.end()]  # (the file's name alone titles the document)
    return _template_named(t)


def _template_named(t: str) -> Optional[str]:
    if len(t) > 60 or SENTENCE_END.search(t):
        return None
    for title, name in vocab()["titles"]:
        if title in t:
            return name
    return None


_FILE_NAME = regex.compile(r"^.*?表\s*\.(?:docx?|wps|pdf|xlsx?|et)(?![A-Za-z])(?P<page>\s*[_\-－—]?\s*第\s*\d+\s*页)?",
                           regex.IGNORECASE)

# what may follow a title in its token: its year in brackets, nothing else
_TITLE_TAIL = regex.compile(r"(?:[（(]\s*\d{4}\s*年度?\s*[)）])?")


def _title_across(tokens: list, i: int) -> Optional[str]:
    """The template of a title that a label cut into tokens (…结果公示财政 | 项目支出 | 绩效自评表:
    项目支出 is a fund column's word): the title read across tokens[i] and the next ones of
    its line, where it begins in tokens[i] and ends where one of them ends, maybe after its
    year (a title that goes on in words, 绩效自评表.docx》由会员分享, is a file's name in a
    sentence)."""
    if not any("表" in t.text for t in tokens[i + 1:i + 3]):
        return None  # (every title ends in 表: a cheap test first)
    joined = canon(tokens[i].text)
    if tokens[i].positional or SENTENCE_END.search(joined):
        return None
    first_len = len(joined)
    for t in tokens[i + 1:i + 3]:
        if t.positional or t.block is not tokens[i].block or t.line != tokens[i].line:
            break
        joined += canon(t.text)
        if len(joined) > 60 or SENTENCE_END.search(joined):
            break
        for title, name in vocab()["titles"]:
            at = joined.find(title)
            if 0 <= at < first_len < at + len(title) and _TITLE_TAIL.fullmatch(joined, at + len(title)):
                return name
    return None


def _form_segments(tokens: list) -> list:
    """(template, first token, end, title token) for each form (see _titled_segments), each
    cut again where a second project's name opens after an indicator block (two projects'
    forms run on in one table under one title)."""
    out = []
    for template, lo, hi, title in _titled_segments(tokens):
        starts = _project_starts(tokens, lo, hi)
        bounds = [lo] + starts + [hi]
        out += [(template, a, b, title if a == lo else None) for a, b in zip(bounds, bounds[1:])]
    return out


def _project_starts(tokens: list, lo: int, hi: int) -> list:
    """Where a project-name label opens a new project's form inside tokens[lo:hi]: a 项目名称
    after the segment's indicator header (一级指标) has been seen since the last one. Forms
    exported one after another under one title may name no project in a cell (its name is a
    heading above): their unit's label (主管部门) or their fund block's (项目资金) opens the
    next one then, where an indicator header follows it."""
    project_labels = {bare(w) for w in spec()["meta_cells"]["project"]}
    opening = {bare(w) for w in spec()["meta_cells"]["agency"] + spec()["fund_unit_cells"]}
    last_header = max((i for i in range(lo, hi) if _indicator_header(bare(tokens[i].text))), default=-1)
    starts, seen_indicators = [], False
    for i in range(lo, hi):
        key = bare(tokens[i].text)
        if _indicator_header(key):
            seen_indicators = True  # (a header run together: 绩效指标一级指标二级指标…)
        elif seen_indicators and not tokens[i].merged and (
                _names_a_project(key, project_labels) or key in opening and i < last_header):
            first = i
            while first > lo and tokens[first - 1].line == tokens[i].line and tokens[i].positional:
                first -= 1  # the row from its first cell
            starts.append(_with_opening_lines(tokens, lo, first))
            seen_indicators = False
    return starts


# a form's own heading above its first row, where forms follow one another: its number and
# its project's name (二、计划生育家庭特别扶助金), or its money unit (金额单位：元)
_HEADING = regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.．])\D{2,40}$")
_UNIT_LINE = regex.compile(r"^\s*[（(]?\s*(?:金额|资金)?单位[:：]\s*(?:万元|元|亿元|千元)\s*[)）]?\s*$")


def _with_opening_lines(tokens: list, lo: int, first: int) -> int:
    """`first` moved back over the lines right before it that open its form: its heading and
    its unit line, each a line of its own (two at most)."""
    for _ in range(2):
        line = [k for k in range(lo, first) if tokens[k].line == tokens[first - 1].line and tokens[k].block is tokens[first - 1].block] \
            if first > lo else []
        words = "".join(tokens[k].text for k in line)
        if not line or not (_UNIT_LINE.match(words) or _HEADING.match(words)):
            break
        first = line[0]
    return first


def _indicator_header(key: str) -> bool:
    return key == "一级指标" or runs_into_header(key)


def _names_a_project(key: str, project_labels: set) -> bool:
    """A project-name label, or one run into the name it labels (项目名称城镇建设管理)."""
    return key in project_labels or any(key.startswith(label) and len(key) <= len(label) + 40 for label in project_labels)


def _titled_segments(tokens: list) -> list:
    """(template, first token, end, title token) for each form: from each form title to the
    next; without a title, from the first fixed label of the template whose labels occur
    most (at least `min_keywords` of them) to the end."""
    titled = [(i, name) for i, t in enumerate(tokens) if (name := _title_template(t) or _title_across(tokens, i))]
    titled = _page_headers_dropped(tokens, titled)
    keys = [bare(t.text) for t in tokens]
    if titled:
        bounds = [i for i, _ in titled] + [len(tokens)]
        # (an indicator score table before the first form's title, as a report annexes its score
        # table and then a data sheet, is read as one too)
        head = _score_table_segment(tokens[:titled[0][0]], keys[:titled[0][0]])
        return head + [(name, i, bounds[k + 1], tokens[i]) for k, (i, name) in enumerate(titled)]
    best, best_hits = None, 0
    generic = {bare(w) for w in spec()["generic_keywords"]}
    for name, words in vocab()["keywords"].items():
        found = words & set(keys)
        hits = len(found) if found - generic else 0  # (a narrative's budget table names 基本支出 | 项目支出 too)
        if hits > best_hits:
            best, best_hits = name, hits
    opening = set(vocab()["fund_col"]) | {bare(w) for w in spec()["fund_unit_cells"]}
    if best is None or best_hits < spec()["min_keywords"] and not _fund_block_named(keys):
        if not names_a_form(form_blocks(keys)):
            return _score_table_segment(tokens, keys)
        best, opening = template_by_its_words(keys, vocab()["keywords"]), opening | form_block_labels()
    # (the form from its first label: a keyword, or a fund block's column or unit cell)
    opening |= vocab()["keywords"][best]
    first = min(i for i, k in enumerate(keys) if k in opening)
    while first > 0 and tokens[first - 1].block is tokens[first].block:
        first -= 1  # the form's block from its start: its labels may come before the first keyword
    return [(best, first, len(tokens), None)]


def _page_headers_dropped(tokens: list, titled: list) -> list:
    """The titles that open forms: a title written again word for word over the next page
    (the form's name as a PDF's page header, maybe run into the line before it, maybe marked
    （续）) goes on with the form before it where no project's or unit's label (项目名称,
    单位名称) follows it before the next title."""
    meta = {bare(w) for words in spec()["meta_cells"].values() for w in words}
    kept: list = []
    for k, (i, name) in enumerate(titled):
        end = titled[k + 1][0] if k + 1 < len(titled) else len(tokens)
        if kept and name == kept[-1][1] and _title_words(tokens[i]).endswith(_title_words(tokens[kept[-1][0]])) \
                and not any(bare(t.text) in meta for t in tokens[i + 1:end]):
            continue
        kept.append((i, name))
    return kept


def _title_words(token) -> str:
    """The title's words, spaces and a continuation's mark (（续）) dropped."""
    return regex.sub(r"[（(]续[)）]$", "", regex.sub(r"\s+", "", token.text))


def _fund_block_named(keys: list) -> bool:
    """Do the labels name a form's fund block though few of a template's keywords stand in
    the text (a form whose title the page left out): a total row only a fund block writes
    (年度资金总额) with two of the block's money columns (全年预算数 | 全年执行数) in the header
    just before it?"""
    totals = {bare(w) for w in fund_block_totals()}
    for i, key in enumerate(keys):
        if key in totals:
            header = {vocab()["fund_col"].get(k) for k in keys[max(0, i - _HEADER_REACH):i]}
            if len(header & _FUND_BLOCK_COLUMNS) >= 2:
                return True
    return False


# the fund block's money columns, and how many labels before its total row its header stands
_FUND_BLOCK_COLUMNS = {"年初预算数", "全年预算数", "全年执行数"}
_HEADER_REACH = 32  # (a header with column letters and numbers between its names: 全年预算数 | （A） | … | 列次 | 0 | 1 …)


def _score_table_segment(tokens: list, keys: list) -> list:
    """An indicator score table outside a standard form: 一级指标 with 二级指标 just after it (or
    a word for a first level right after it, 一级指标 | 评价内容: the level below, as the header
    reader takes it)."""
    for i, key in enumerate(keys):
        if key == "一级指标" and ("二级指标" in keys[i + 1:i + 4] or keys[i + 1:i + 2] == ["一级指标"]):
            if tokens[i].row is not None and not tokens[i].block.table.ragged:
                return []  # a real table: the indicator tables reader (table_indicators.py) reads it
            return [("score_table", _header_line_start(keys, i), len(tokens), None)]
    return []


def _header_line_start(keys: list, i: int) -> int:
    """Where the header's first line starts when the value columns' names stand on the line
    above 一级指标 (绩效指标 | 指标分值 | 计分标准 | 自评得分 over 一级 | 二级 | 三级): the
    names of indicator columns right before i (the reader takes them as that first line)."""
    columns = vocab()["ind_col"]
    start = i
    while start > 0 and keys[start - 1] in columns:
        start -= 1
    return start


def _fragments_kept(segment: list) -> set:
    """The blocks (ids) of the headerless tables rebuilt from text inside a score table's
    segment: a table written with spaces, whose run of rows of the same length came out as a
    table of its own (产出时效 | 工程按期完工率 | 5 | 100% | 93.8% | 4 between lines of more or
    fewer cells) — pieces of the score table, read with it. (With no header of its own no
    other reader takes it.)"""
    return {id(t.block) for t in segment
            if t.row is not None and not t.block.table.ragged and t.block.table.written_as_text
            and not t.block.table.header_rows}
