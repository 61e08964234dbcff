"""Finding the report in a web page: what a site wraps around every article (navigation,
breadcrumbs, header and footer, share buttons, related articles, 上一篇/下一篇, 打印/关闭)
is dropped by rules on tag names, class/id words, chrome phrases and link density; the
word lists are data (patterns/html.json).

The rules run on the element tree, children before parents, with each element's text and
link-text lengths added up from its children, so one pass over the page decides every
element (a long page costs one walk, not one walk per element)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..patterns import load_json

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that stand as blocks of their own: the chrome rules act on these, never on a
# bold word or a link in a sentence.
BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "ul", "ol", "li", "dl", "dt", "dd", "table", "tbody",
                        "thead", "tfoot", "tr", "td", "th", "blockquote", "pre", "center", "form", "address", "figure",
                        "figcaption", "caption", "fieldset", "details", "summary", "body", "hr"}) | HEADING_TAGS
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NAME_PARTS = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")
_SPACE = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class _Rules:
    drop_tags: frozenset
    class_words: frozenset
    class_substrings: tuple
    keep_words: frozenset
    cell_alignment_words: frozenset
    max_chrome_chars: int
    chrome_phrases: re.Pattern
    chrome_labels: frozenset
    breadcrumb: re.Pattern
    link_density: float
    min_links: int
    title_words: re.Pattern


@lru_cache(maxsize=1)
def rules() -> _Rules:
    data = load_json("html.json")
    seps = "|".join(re.escape(s) for s in sorted(data["breadcrumb_separators"], key=len, reverse=True))
    # 首页 > 信息公开 > 正文: at least three short steps, none a sentence or a figure
    step = r"[^。；，,>»＞›→\d][^。；，,>»＞›→]{0,19}"
    return _Rules(
        drop_tags=frozenset(data["drop_tags"]),
        class_words=frozenset(data["class_words"]),
        class_substrings=tuple(data["class_substrings"]),
        keep_words=frozenset(data["keep_words"]),
        cell_alignment_words=frozenset(data["cell_alignment_words"]),
        max_chrome_chars=data["max_chrome_chars"],
        chrome_phrases=re.compile("|".join(re.escape(p) for p in data["chrome_phrases"])),
        chrome_labels=frozenset(data["chrome_labels"]),
        breadcrumb=re.compile(rf"^\s*{step}(?:\s*(?:{seps})\s*{step}){{2,}}\s*$"),
        link_density=data["link_density"],
        min_links=data["min_links"],
        title_words=re.compile("|".join(map(re.escape, data["title_words"]))),
    )


def tag_of(el) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def class_words(el) -> tuple[set, str]:
    """The words of an element's class and id (main-nav → main, nav; topNav2 → top, nav)
    and the names as written, lower-cased."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    words = {w.lower().rstrip("0123456789") for w in _NAME_PARTS.split(names)}
    words.discard("")
    return words, names.lower()


def is_chrome_by_name(el, r: _Rules) -> bool:
    if el.get("class") is None and el.get("id") is None:
        return False
    words, names = class_words(el)
    if tag_of(el) in ("td", "th"):
        words -= r.cell_alignment_words  # a cell named left or top is aligned, not a page column
    if not words or words & r.keep_words:
        return False
    return bool(words & r.class_words) or any(s in names for s in r.class_substrings)


def is_hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


def visible_len(text: str | None) -> int:
    return len(_SPACE.sub("", text)) if text else 0


# A table's own structure: emptied, never removed (a cell taken out would shift the cells
# after it into the wrong columns).
_GRID_TAGS = frozenset({"td", "th", "tr", "thead", "tbody", "tfoot", "caption"})


def drop(el) -> None:
    """Remove an element and its content, keeping the text that follows it; a table cell
    or row is emptied instead."""
    if tag_of(el) in _GRID_TAGS:
        for child in list(el):
            el.remove(child) if tag_of(child) not in ("td", "th", "tr") else drop(child)
        el.text = None
        return
    el.drop_tree()


def drop_unwanted_tags(root, r: _Rules | None = None) -> None:
    """Scripts, styles, form controls, <nav>/<header>/<footer>/<aside>, comments and hidden
    elements go first: nothing in them is ever report text."""
    r = r or rules()
    doomed = [el for el in root.iter() if not isinstance(el.tag, str) or tag_of(el) in r.drop_tags or is_hidden(el)]
    for el in doomed:
        if el.getparent() is not None:
            drop(el)


def chrome_by_name(body, r: _Rules | None = None) -> list:
    """Elements whose class or id names them site chrome (nav, breadcrumb, footer, share,
    related …), outermost first. One that holds most of the page's text wraps the content
    (a layout's 'right' column) and is not chrome."""
    r = r or rules()
    total = visible_len(body.text_content())
    out = []
    skip_under = None
    for el in body.iter():
        if skip_under is not None and _is_under(el, skip_under):
            continue
        skip_under = None
        if el is body or not isinstance(el.tag, str) or not is_chrome_by_name(el, r):
            continue
        size = visible_len(el.text_content())
        if size >= 200 and size > total / 2:
            continue
        if any(tag_of(h) in ("h1", "h2", "h3") and r.title_words.search(h.text_content()) for h in el.iter()):
            continue  # a 'head' box holding the report's own headline
        out.append(el)
        skip_under = el
    return out


def _is_under(el, ancestor) -> bool:
    for a in el.iterancestors():
        if a is ancestor:
            return True
    return False


class _Sizes:
    """Text and link-text length of each element, added up from its children (a child
    dropped before its parent is counted is left out)."""

    def __init__(self):
        self.text: dict = {}
        self.links: dict = {}
        self.n_links: dict = {}

    def measure(self, el) -> None:
        text = visible_len(el.text)
        links = n = 0
        for child in el:
            text += self.text.get(child, 0) + visible_len(child.tail)
            links += self.links.get(child, 0)
            n += self.n_links.get(child, 0)
        if tag_of(el) == "a" and el.get("href") is not None:
            links, n = text, n + 1
        self.text[el], self.links[el], self.n_links[el] = text, links, n


def drop_chrome_blocks(body, r: _Rules | None = None) -> None:
    """Children before parents: an element made of a chrome phrase (上一篇, 当前位置, 【打印】,
    版权所有 …, within a short block), a breadcrumb (首页 > 信息公开 > 正文) or mostly links
    (a menu, a list of related articles) is dropped."""
    r = r or rules()
    sizes = _Sizes()
    for el in reversed(list(body.iter())):
        if el is body:
            sizes.measure(el)
            continue
        if el.getparent() is None:
            continue
        sizes.measure(el)
        text_len = sizes.text[el]
        if not text_len:
            continue
        block = tag_of(el) in BLOCK_TAGS
        if text_len <= r.max_chrome_chars:
            text = el.text_content()
            if r.chrome_phrases.search(text) or _NOT_WORD.sub("", text) in r.chrome_labels:
                _drop_phrase_holder(el, r)
                continue
            if block and tag_of(el) not in ("td", "th") and r.breadcrumb.match(text):
                drop(el)
                continue
        if block and sizes.n_links[el] >= r.min_links and sizes.links[el] >= r.link_density * text_len:
            drop(el)


def _drop_phrase_holder(el, r: _Rules) -> None:
    """Drop the block the chrome phrase stands in: from a bold word or a link up to the
    nearest block, when that block is short and holds no heading (a title beside 【打印】
    keeps its title)."""
    target = el
    while tag_of(target) not in BLOCK_TAGS:
        parent = target.getparent()
        if parent is None or tag_of(parent) == "body":
            break
        text = parent.text_content()
        if visible_len(text) > r.max_chrome_chars or any(tag_of(d) in HEADING_TAGS for d in parent.iter()):
            break
        target = parent
    if target.getparent() is not None:
        drop(target)


# Elements that wrap a page's parts (a paragraph or a heading never does).
_CONTAINERS = frozenset({"div", "section", "article", "main", "center", "form", "table", "thead", "tbody", "tfoot",
                         "tr", "td", "th", "span", "font", "blockquote", "dl", "dd"})


def content_roots(body) -> list:
    """The elements the report is in, in page order: the body, or the one box under it
    that holds all but a few short, table-less scraps the rules above left (a column
    title, a site slogan), together no more than a tenth of the text. A short title-like
    scrap just above it stays (a headline outside the article's own box)."""
    sizes = _Sizes()
    for el in reversed(list(body.iter())):
        sizes.measure(el)
    node, before = body, []
    while True:
        children = [c for c in node if isinstance(c.tag, str) and sizes.text.get(c, 0)]
        if not children or visible_len(node.text) > 100 or any(visible_len(c.tail) > 100 for c in children):
            break
        main = max(children, key=lambda c: sizes.text[c])
        table = _enclosing_table(node)
        if table is not None and not is_layout_table(table):
            break  # the cells of a data table are the content's shape, never chrome
        others = [c for c in children if c is not main]
        if tag_of(main) not in _CONTAINERS or sum(sizes.text[c] for c in others) * 10 > sizes.text[node] \
                or any(not _is_scrap(c, sizes) for c in others):
            break  # the text is spread over this element's children: it is the report
        before += [c for c in others if _precedes(c, main) and _is_title_like(c)]
        node = main
    return before + [node]


def _enclosing_table(el):
    if tag_of(el) not in ("table", "thead", "tbody", "tfoot", "tr"):
        return None
    while el is not None and tag_of(el) != "table":
        el = el.getparent()
    return el


def table_rows(table) -> list:
    """A table's own rows (through thead/tbody/tfoot), never those of a table inside a cell."""
    rows = []
    for child in table:
        tag = tag_of(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(tr for tr in child if tag_of(tr) == "tr")
    return rows


def row_cells(tr) -> list:
    return [c for c in tr if tag_of(c) in ("td", "th")]


def is_layout_table(table) -> bool:
    """A table used to lay the page out rather than to hold a grid: no row with two cells
    written in (one column, or columns of navigation the chrome rules emptied), a heading in
    a cell, or a cell holding a table with most of the text. Its cells are read as the
    page's own blocks (a table inside it is then a table of its own). Length says nothing:
    a report's form holds its 主要绩效情况 as pages of text in one cell."""
    rows = [row_cells(tr) for tr in table_rows(table)]
    if max((sum(1 for c in r if visible_len(c.text_content())) for r in rows), default=0) <= 1:
        return True
    total = visible_len(table.text_content())
    for cell in (c for r in rows for c in r):
        for d in cell.iter():
            tag = tag_of(d)
            if tag in HEADING_TAGS or (tag == "table" and visible_len(d.text_content()) * 2 >= total):
                return True
    return False


def _is_scrap(el, sizes: _Sizes) -> bool:
    if sizes.text[el] > 100 or any(tag_of(d) == "table" for d in el.iter()):
        return False
    return True


def _precedes(a, b) -> bool:
    parent = a.getparent()
    return parent is b.getparent() and parent.index(a) < parent.index(b)


def _is_title_like(el) -> bool:
    if tag_of(el) in HEADING_TAGS or any(tag_of(d) in HEADING_TAGS for d in el.iter()):
        return True
    words, _ = class_words(el)
    return bool(words & {"title", "bt", "biaoti", "headline"}) or bool(rules().title_words.search(el.text_content()))


def text_of(el) -> str:
    """Visible text with whitespace collapsed (for metadata and attachment labels)."""
    return _SPACE.sub(" ", el.text_content()).strip()


