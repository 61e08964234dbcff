"""Write h_web_page_gb2312.mht: the corpus's hand-written web page as a browser saves it in
one file (MIME multipart/related, RFC 2557): the page's GB2312 bytes in quoted-printable,
beside a one-pixel image in base64. The page itself (h_web_page_gb2312.html) is hand-written;
this only wraps it, so the two renditions share one gold file.

    .venv/bin/python corpus/tools/make_mht.py
"""
from __future__ import annotations

import base64
import quopri
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1]
PAGE = CORPUS / "h_web_page_gb2312.html"
OUT = CORPUS / "h_web_page_gb2312.mht"
ADDRESS = "http://www.example.gov.cn/czxx/2023/0608.html"
BOUNDARY = "----=_NextPart_000_0000_01D99A3C.7F2B5E10"
TITLE = "汝城县2022年度高标准农田建设项目绩效评价报告"
PIXEL = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def main() -> None:
    page = quopri.encodestring(PAGE.read_bytes()).decode("ascii").replace("\n", "\r\n")
    parts = [
        "From: <Saved by Windows Internet Explorer 11>",
        "Subject: =?gb2312?B?" + base64.b64encode(TITLE.encode("gb2312")).decode("ascii") + "?=",
        "Date: Thu, 8 Jun 2023 15:20:41 +0800",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{BOUNDARY}"',
        "",
        "This is a multi-part message in MIME format.",
        "",
        f"--{BOUNDARY}",
        'Content-Type: text/html;\r\n\tcharset="gb2312"',
        "Content-Transfer-Encoding: quoted-printable",
        f"Content-Location: {ADDRESS}",
        "",
        page,
        "",
        f"--{BOUNDARY}",
        "Content-Type: image/gif",
        "Content-Transfer-Encoding: base64",
        "Content-Location: http://www.example.gov.cn/images/logo.gif",
        "",
        PIXEL,
        "",
        f"--{BOUNDARY}--",
        "",
    ]
    OUT.write_bytes("\r\n".join(parts).encode("ascii"))
    print(f"wrote {OUT.relative_to(CORPUS.parent)}")


if __name__ == "__main__":
    main()
