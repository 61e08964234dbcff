"""Single-file web archives (.mht, .mhtml): a MIME multipart/related message (RFC 2557) as
browsers save it. The page is its first text/html part, decoded from its
Content-Transfer-Encoding (quoted-printable or base64) by the standard library's email
package; the part's charset, when it names one, is what the bytes are in, ahead of the
page's own <meta>. Images and style sheets in the other parts are not read."""
from __future__ import annotations

import email
import email.policy
import re

from ..errors import IngestError
from ..model import Document
from .html import read_html

# The start of a MIME message: header lines, then the multipart or html Content-Type.
_MIME_HEAD = re.compile(rb"^(?:[\x21-\x39\x3b-\x7e]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?"
                        rb"Content-Type:\s*(?:multipart/|text/html)", re.IGNORECASE)


def looks_like_mime(head: bytes) -> bool:
    """Does the file start as a MIME message (headers, then a multipart or html body)?"""
    return bool(_MIME_HEAD.match(head.lstrip().replace(b"\r\n", b"\n")))


def read_mhtml(path, data: bytes) -> Document:
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as e:  # the parser is lenient; anything it still cannot take is a damaged file
        raise IngestError(f"not a readable MHTML archive: {e}", code="corrupt_mhtml")
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    if part is None:
        raise IngestError("the MHTML archive holds no text/html page", code="corrupt_mhtml")
    body = part.get_payload(decode=True)
    if not body:
        raise IngestError("the MHTML archive's page is empty", code="empty")
    location = part.get("Content-Location") or message.get("Snapshot-Content-Location") \
        or message.get("Content-Location")
    return read_html(path, body, fmt="mhtml", transport_charset=part.get_content_charset(),
                     base_url=str(location).strip() if location else None)
