"""OFD documents (GB/T 33190, China's fixed-layout format beside PDF), read from the
package's own XML.

An .ofd is a zip: OFD.xml names the document (DocBody/DocRoot → Document.xml), which
lists the pages (Pages/Page/@BaseLoc → each page's Content.xml), the page size
(CommonData/PageArea, or the page's own Area) and the template pages drawn under them.
Each page's text objects and ruling lines (ofd_page.py) are laid out like a PDF page's
(page_layout.py, page_tables.py): lines into paragraphs, repeated headers and page numbers dropped,
tables from the path objects' rules (ruled_tables.py), a table or a sentence continued
overleaf joined. Every block carries its page number and box (in points).

The package is opened through zipsafe (caps on sizes, no DTD in any XML member) and
parsed with entities and the network off. A package without OFD.xml, Document.xml or
any readable page, or with malformed XML in those, is `corrupt_ofd`; a page that
cannot be read is skipped and named (pages_failed), as for a PDF. Pages holding only
images (a scan) give no text: OFD scans are not OCR'd.

Why not a library: of those on the package index, ofdkit reads the text runs right but
not the path objects (no tables) nor each glyph's place; easyofd leaves DeltaX and CTM
uninterpreted and brings PyMuPDF and reportlab; ofdreader 0.1.0 ships no code."""
from __future__ import annotations

import io
import posixpath
import zipfile

from ..errors import IngestError
from ..model import Document
from .ofd_page import MM, PageContent, numbers
from .page_layout import lay_out_pages
from .page_text import group_lines
from .ruled_tables import rulings_of_boxes, tables_from_rulings
from .zipsafe import ZIP_DAMAGE, corrupt, verified_package

_A4 = (210.0, 297.0)  # mm: the page size when the document gives none


class _PartError(Exception):
    """A part of the package missing, unreadable or malformed."""


class _Package:
    """The verified zip: parsed XML members by their OFD path (absolute from the package
    root when it starts with /, else relative to the part that names it)."""

    def __init__(self, data: bytes):
        from lxml import etree

        self.etree = etree
        self.zip = zipfile.ZipFile(io.BytesIO(verified_package(data, "ofd")))
        self.names = {n.lower(): n for n in self.zip.namelist()}
        self.parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

    def xml(self, name: str):
        """The member's root element with the namespaces taken off the tags; _PartError
        when it is missing, unreadable or malformed."""
        member = self.names.get(name.lower())
        if member is None:
            raise _PartError(f"{name} is missing")
        try:
            root = self.etree.fromstring(self.zip.read(member), self.parser)
        except (self.etree.XMLSyntaxError, *ZIP_DAMAGE) as e:
            raise _PartError(f"{name}: {type(e).__name__}: {e}") from e
        for el in root.iter():
            if isinstance(el.tag, str):
                el.tag = self.etree.QName(el).localname
        return root


def _resolve(base: str, location: str) -> str:
    location = (location or "").strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


def read_ofd(path, data: bytes) -> Document:
    """Raises IngestError: `corrupt_ofd` for a damaged package, `too_large` for one that
    inflates past zipsafe's caps, `no_text_layer` when no page holds text."""
    package = _Package(data)
    try:
        document_path, extra = _document_path(package)
        document = package.xml(document_path)
    except _PartError as e:
        raise corrupt("ofd", str(e)) from e
    default_size = _size(document.find("CommonData/PageArea")) or _A4
    templates = {t.get("ID"): _resolve(document_path, t.get("BaseLoc"))
                 for t in document.iterfind("CommonData/TemplatePage") if t.get("BaseLoc")}
    pages = document.findall("Pages/Page")
    if not pages:
        raise corrupt("ofd", f"{document_path} lists no pages")
    sizes, contents, failed = [], [], {}
    for number, page in enumerate(pages, 1):
        try:
            size, content = _read_page(package, document_path, page, templates, default_size)
        except _PartError as e:
            failed[number] = str(e)
            size, content = sizes[-1] if sizes else (default_size[0] * MM, default_size[1] * MM), PageContent()
        sizes.append(size)
        contents.append(content)
    if len(failed) == len(pages):
        raise corrupt("ofd", f"no page could be read ({failed[1]})")
    if not any(c.runs for c in contents):
        scan = " (its pages hold images only: a scan, and OFD scans are not OCR'd)" if any(
            c.images for c in contents) else ""
        raise IngestError(f"no text found in the OFD{scan}", code="no_text_layer")
    doc = Document(path=str(path), format="ofd", pages=len(pages), pages_failed=sorted(failed))
    for number, reason in failed.items():
        doc.warnings.append({"code": "pages_failed", "severity": "warning",
                             "message": f"page {number} could not be read ({reason}); the other pages were"})
    if extra:
        doc.warnings.append({"code": "ofd_documents", "severity": "warning",
                             "message": f"the package holds {extra + 1} documents; only the first was read"})
    tables = {}
    for i, content in enumerate(contents):
        hs, vs = rulings_of_boxes(content.boxes)
        found = tables_from_rulings(hs, vs, content.glyphs)
        if found:
            tables[i] = found
    lay_out_pages(doc, [group_lines(c.runs) for c in contents], sizes, tables)
    return doc


def _document_path(package: _Package) -> tuple:
    """Where the first document's Document.xml is, and how many more documents there are."""
    entry = package.xml("OFD.xml")
    bodies = entry.findall("DocBody")
    roots = [b.findtext("DocRoot") for b in bodies]
    if not roots or not (roots[0] or "").strip():
        raise _PartError("OFD.xml names no document (DocBody/DocRoot)")
    return _resolve("OFD.xml", roots[0]), len(roots) - 1


def _size(area):
    """(width, height) in mm of a PageArea/Area's PhysicalBox, or None."""
    box = numbers(area.findtext("PhysicalBox") if area is not None else None, 4)
    return (box[2], box[3]) if box and box[2] > 0 and box[3] > 0 else None


def _read_page(package: _Package, document_path: str, page, templates: dict, default_size: tuple) -> tuple:
    """((width, height) in points, PageContent) of one page: its template(s) first, as
    they are drawn under it, then its own content."""
    location = page.get("BaseLoc")
    if not location:
        raise _PartError(f"page {page.get('ID')} has no BaseLoc")
    content_path = _resolve(document_path, location)
    root = package.xml(content_path)
    content = PageContent()
    for ref in root.iterfind("Template"):
        template = templates.get(ref.get("TemplateID"))
        if template:
            content.add(package.xml(template), with_paths=False)
    content.add(root)
    width, height = _size(root.find("Area")) or default_size
    return (width * MM, height * MM), content
