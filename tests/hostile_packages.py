"""Damaged and hostile zip packages (.docx, .xlsx), built small on disk: inflate bombs,
entity-expansion XML, malformed parts, bad offsets, cut-off archives, compression methods
zipfile cannot read. Each comes with the error code it must end in and a piece of the
message that names the cause."""
from __future__ import annotations

import io
import struct
import zipfile

import docx
import openpyxl

MiB = 1024 * 1024
DOC_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
DOC_TAIL = b"<w:p><w:r><w:t>\xe5\xae\x8c</w:t></w:r></w:p></w:body></w:document>"


def docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("某县卫生健康局2019年度项目支出绩效评价报告")
    d.add_paragraph("2019年项目预算资金120万元，实际支出114万元，预算执行率为95%。")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评分表"
    ws.append(["一级指标", "二级指标", "得分"])
    ws.append(["决策（20分）", "立项（20分）", 18.5])
    ws.append(["合计", None, 18.5])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def replace_member(data: bytes, name: str, body) -> bytes:
    """The package with member `name` written anew from `body` (bytes, or an iterable of
    byte chunks streamed into the zip, so a bomb never exists whole in memory), deflated
    at level 9 as a bomb would be."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info))
        with dst.open(name, "w", force_zip64=True) as sink:
            for chunk in ([body] if isinstance(body, bytes) else body):
                sink.write(chunk)
    return out.getvalue()


def repeated(head: bytes, unit: bytes, total_bytes: int, tail: bytes):
    chunk = unit * (MiB // len(unit))
    yield head
    for _ in range(total_bytes // len(chunk)):
        yield chunk
    yield tail


def _patched(data: bytes, signature: bytes, name: str, offset: int, fmt: str, value: int) -> bytes:
    """One field of the local header or central-directory entry of member `name`."""
    out = bytearray(data)
    at = data.find(signature)
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
        start = at + (30 if signature == b"PK\x03\x04" else 46)
        if data[start:start + name_len] == name.encode():
            struct.pack_into(fmt, out, at + offset, value)
            return bytes(out)
        at = data.find(signature, at + 4)
    raise ValueError(f"no member {name}")


def with_method(data: bytes, name: str, method: int) -> bytes:
    data = _patched(data, b"PK\x03\x04", name, 8, "<H", method)
    return _patched(data, b"PK\x01\x02", name, 10, "<H", method)


def with_zip_version(data: bytes, name: str, version: int) -> bytes:
    return _patched(data, b"PK\x01\x02", name, 6, "<H", version)


def with_declared_size(data: bytes, name: str, size: int) -> bytes:
    return _patched(data, b"PK\x01\x02", name, 24, "<I", size)


def with_damaged_stream(data: bytes, name: str) -> bytes:
    """Bytes in the middle of a member's deflate stream overwritten."""
    at = data.find(b"PK\x03\x04")
    while at != -1:
        name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
        start = at + 30 + name_len + extra_len
        if data[at + 30:at + 30 + name_len] == name.encode():
            size = struct.unpack_from("<I", data, at + 18)[0]
            middle = start + size // 2
            return data[:middle] + b"\xff" * 16 + data[middle + 16:]
        at = data.find(b"PK\x03\x04", at + 4)
    raise ValueError(f"no member {name}")


BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                             for i in range(1, 10))
                  + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
EXTERNAL_ENTITY = (b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                   b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")


def hostile_cases() -> dict:
    """file name → (bytes, expected code, a piece of the message)."""
    doc, book = docx_bytes(), xlsx_bytes()
    main, sheet, rels = "word/document.xml", "xl/worksheets/sheet1.xml", "word/_rels/document.xml.rels"
    eocd_cd = struct.unpack_from("<I", doc, doc.rfind(b"PK\x05\x06") + 16)[0]
    sheet_head = (b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet '
                  b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
    return {
        # ~300 MB of paragraphs in ~0.5 MB: refused on the size the directory declares
        "inflate_bomb.docx": (replace_member(doc, main, repeated(DOC_HEAD, b"<w:p/>", 300 * MiB, DOC_TAIL)),
                              "too_large", "declares"),
        # 5 million empty paragraphs (30 MB, under the size cap): refused on the ratio
        "paragraph_bomb.docx": (replace_member(doc, main, repeated(DOC_HEAD, b"<w:p/>", 5_000_000 * 6, DOC_TAIL)),
                                "too_large", ":1"),
        # a directory entry that claims 4 GB
        "declared_4gb.docx": (with_declared_size(doc, main, 0xFFFFFFF0), "too_large", "4,294,967,280"),
        "billion_laughs.docx": (replace_member(doc, main, BILLION_LAUGHS), "corrupt_docx", "DOCTYPE"),
        "external_entity.docx": (replace_member(doc, main, EXTERNAL_ENTITY), "corrupt_docx", "DOCTYPE"),
        "malformed_xml.docx": (replace_member(doc, main, DOC_HEAD + b"<w:p><w:r><w:t>120\xe4\xb8\x87</w:r>"),
                               "corrupt_docx", "XMLSyntaxError"),
        "missing_part.docx": (_without(doc, main), "corrupt_docx", "KeyError"),
        # 50 bytes gone before the central directory: every offset after them is off
        "bad_offset.docx": (doc[:eocd_cd - 500] + doc[eocd_cd - 450:], "corrupt_docx", "negative seek value"),
        "truncated.docx": (doc[:len(doc) // 2], "corrupt_docx", "BadZipFile"),
        "deflate64.docx": (with_method(doc, main, 9), "corrupt_docx", "compression method"),
        "zip_version_10.docx": (with_zip_version(doc, main, 100), "corrupt_docx", "zip file version"),
        "damaged_stream.docx": (with_damaged_stream(doc, main), "corrupt_docx", main),
        # well-formed XML of another kind than the part's name promises (one damaged byte
        # in a namespace, or in the body's tag): found by the fuzzer as internal_error
        "wrong_namespace.docx": (replace_member(doc, rels, _member(doc, rels).replace(b"/package/", b"/packag/")),
                                 "corrupt_docx", "other XML than its name promises"),
        "no_body.docx": (replace_member(doc, main, _member(doc, main).replace(b"w:body>", b"w:bod>")),
                         "corrupt_docx", "no <w:body>"),
        "inflate_bomb.xlsx": (replace_member(book, sheet, repeated(sheet_head, b"<row/>", 40 * MiB,
                                                                   b"</sheetData></worksheet>")),
                              "too_large", ":1"),
        "billion_laughs.xlsx": (replace_member(book, sheet, BILLION_LAUGHS), "corrupt_xlsx", "DOCTYPE"),
        "malformed_xml.xlsx": (replace_member(book, sheet, sheet_head + b"<row><c><v>1</row>"),
                               "corrupt_xlsx", "Error"),
        "truncated.xlsx": (book[:len(book) - 30], "corrupt_xlsx", "BadZipFile"),
    }


def _member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def _without(data: bytes, name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info))
    return out.getvalue()
