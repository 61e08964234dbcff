"""What a web page says about the report beside its text: the publication block
(发布时间：… 来源：… , or the 信息公开 table of 索引号 / 发布机构 / 文号 / 成文日期), the
page's <title> and <meta> fields, and the links to attached files. Labels and suffixes are
data (patterns/html.json)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from posixpath import splitext
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from ..normalize import normalize
from ..patterns import load_json
from .html_content import BLOCK_TAGS, tag_of, text_of, visible_len

# The publication block is short: a line or a small table.
MAX_BLOCK_CHARS = 400
# What may be left in a publication block besides its labelled values (【打印】【关闭】 …).
MAX_LEFT_OVER = 12
_NOT_WORD = re.compile(r"[\W_]+")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_CELL_TAGS = frozenset({"td", "th", "p", "div", "li", "dt", "dd", "tr", "span", "br", "label"})


@lru_cache(maxsize=1)
def _labels():
    data = load_json("html.json")
    field_of = {label: field for field, labels in data["published_labels"].items() for label in labels}
    alternatives = "|".join(re.escape(l) for l in sorted(field_of, key=len, reverse=True))
    # a label stands at the start of a line or cell or after a space or bracket (资金来源： is not 来源：)
    label = rf"(?:^|(?<=[\s|｜丨/【\[(（]))(?P<label>{alternatives})"
    # label：value, or a label alone in its cell and the value in the next one
    pair = re.compile(label + r"(?:[ \t]*[：:]\s*|[ \t]*\n\s*)(?P<value>[^\n]*?)[ \t]*(?=\n|\s{2,}|[|｜丨【\[]|\s*(?:"
                      + alternatives + r")\s*[：:]|$)", re.MULTILINE)
    meta_fields = {name: field for field, names in data["published_meta"].items() for name in names}
    weak = frozenset(data["published_weak_labels"])
    chrome = tuple(data["chrome_phrases"]) + tuple(data["chrome_labels"])
    return field_of, pair, meta_fields, weak, chrome


def cell_text(el) -> str:
    """An element's text with a tab between cells and lines, so labels and values in
    separate cells (索引号 | 1153…) read as pairs."""
    parts = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
                if tag_of(child) in _CELL_TAGS:
                    parts.append("\t")
            if child.tail:
                parts.append(child.tail)

    walk(el)
    text = normalize("".join(parts)).replace("\xa0", " ")
    return "\n".join(re.sub(r"[ \r\f\v]+", " ", line).strip(" ") for line in re.split(r"\t+|\n", text) if line.strip())


def find_publication_blocks(body) -> tuple[dict, list]:
    """(fields, elements): the labelled values of the page's publication blocks and the
    elements they stand in (to be dropped from the report's text). A block is a short
    element made of label：value pairs and chrome words; a block with only one weak label
    (日期：… may close a report) is not one."""
    field_of, pair, _, weak, chrome = _labels()
    any_label = _any_label()
    fields: dict = {}
    found = []
    skip_under = None
    for el in body.iter():
        if skip_under is not None and any(a is skip_under for a in el.iterancestors()):
            continue
        skip_under = None
        if not isinstance(el.tag, str) or el is body:
            continue
        raw = el.text_content()
        if not any_label.search(raw):
            skip_under = el  # nor is there one in anything inside it
            continue
        size = visible_len(raw)
        if tag_of(el) not in BLOCK_TAGS | {"span"} or size > MAX_BLOCK_CHARS:
            continue
        text = cell_text(el)
        pairs = [(m["label"], m["value"].strip(" ：:")) for m in pair.finditer(text)]
        pairs = [(label, value) for label, value in pairs if value or label not in weak]
        if not pairs or all(label in weak for label, _ in pairs) and len(pairs) < 2:
            continue
        left = pair.sub("", text)
        for word in chrome:
            left = left.replace(word, "")
        if len(_NOT_WORD.sub("", left)) > MAX_LEFT_OVER:
            continue
        for label, value in pairs:
            field = field_of[label]
            if value and field != "other":
                fields.setdefault(field, value)
        found.append(el)
        skip_under = el
    return fields, found


@lru_cache(maxsize=1)
def _any_label():
    field_of = _labels()[0]
    return re.compile("|".join(re.escape(l) for l in sorted(field_of, key=len, reverse=True)))


def head_fields(root) -> dict:
    """<title> and the <meta name=…> fields CMSs write (PubDate, ContentSource …)."""
    _, _, meta_fields, _, _ = _labels()
    out = {}
    title = root.find(".//title")
    if title is not None and text_of(title):
        out["title"] = normalize(text_of(title))
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        field = meta_fields.get(name)
        if field and content:
            out.setdefault(field, normalize(content))
    return out


def published(block_fields: dict, head: dict) -> dict | None:
    """metadata["published"]: date (ISO when it reads as one), publisher, source,
    index_no, doc_no, the page's title (its <title>) and the title its block names. The
    publication block wins over <meta>; nothing is guessed."""
    out = {}
    for key in ("date", "publisher", "source", "index_no", "doc_no"):
        value = block_fields.get(key) or head.get(key)
        if value:
            out[key] = value
    if "date" in out:
        m = _DATE.search(out["date"])
        if m:
            out["date_text"] = out["date"]
            out["date"] = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    if head.get("title"):
        out["page_title"] = head["title"]
    headline = block_fields.get("title") or head.get("headline")
    if headline:
        out["headline"] = headline
    if head.get("site"):
        out["site"] = head["site"]
    return out or None


def attachment_suffix(href: str, text: str) -> str | None:
    """The attached file's type when a link points at one: by the path of its address, a
    file name in its query (download.jsp?filename=自评表.xls), or its text."""
    suffixes = load_json("html.json")["attachment_suffixes"]
    parts = urlsplit(href)
    names = [unquote(parts.path)] + [unquote(v) for _, v in parse_qsl(parts.query)] + [text]
    for name in names:
        ext = splitext(name.strip().lower())[1]
        if ext in suffixes:
            return ext[1:]
    return None


def find_attachments(body, skip: list, base_url: str | None = None, page_dir: Path | None = None) -> list:
    """Links to attached files (text, href, type; url when the page's address is known;
    local when a relative link names a file saved beside the page, which a run over the
    folder reads as a report of its own), leaving out those inside the elements in `skip`
    (site chrome)."""
    out, seen = [], set()
    for a in body.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        if any(anc in skip for anc in a.iterancestors()):
            continue
        text = normalize(text_of(a)) or (a.get("title") or "").strip()
        kind = attachment_suffix(href, text)
        if not kind or href in seen:
            continue
        seen.add(href)
        item = {"text": text, "href": href, "type": kind}
        if base_url and urlsplit(base_url).scheme in ("http", "https"):
            item["url"] = urljoin(base_url, href)
        local = _beside(page_dir, href)
        if local is not None:
            item["local"] = str(local)
        out.append(item)
    return out


def _beside(page_dir: Path | None, href: str) -> Path | None:
    parts = urlsplit(href)
    if page_dir is None or parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    candidate = page_dir / unquote(parts.path)
    try:
        return candidate if candidate.is_file() else None
    except OSError:  # a name the file system cannot hold
        return None
