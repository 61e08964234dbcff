"""The same report in several renditions (.txt, .docx, .pdf of one report): recognised so
that counts over reports count it once.

Renditions share no bytes, and their texts differ in layout (line breaks, page headers,
table cells), so neither the file hash nor a text hash recognises them. What they share
is what the report says about itself: its title, its region and its year. The key is
those, normalised (spaces, punctuation and full-width forms do not count); a record
without a title is its own report (keyed by its file hash)."""
from __future__ import annotations

import unicodedata

import regex

# which rendition stands for the report: the one read most directly
FORMAT_PREFERENCE = ("txt", "docx", "html", "mht", "xlsx", "pdf", "doc", "wps", "pdf-ocr")
_NOISE = regex.compile(r"[\s\p{P}\p{S}]+")


def report_key(record: dict) -> tuple:
    meta = record.get("metadata", {})
    title = _NOISE.sub("", unicodedata.normalize("NFKC", meta.get("title") or ""))
    if not title:
        source = record.get("source", {})
        return ("file", source.get("sha256") or record.get("report_id") or source.get("path"))
    return ("report", title, meta.get("province"), meta.get("city"), meta.get("county"), meta.get("year"))


def one_file_per_format(groups: dict) -> dict:
    """groups: report key → {file id: format}. A report has one file per format, so where a
    format occurs twice under one key (generic titles such as 2017年度部门整体支出绩效评价报告
    shared by two offices' reports) the files are no renditions of one report: each becomes
    its own group, keyed ("file", its id)."""
    out: dict = {}
    for key, files in groups.items():
        if len(set(files.values())) < len(files):
            for fid, fmt in files.items():
                out[("file", fid)] = {fid: fmt}
        else:
            out[key] = files
    return out


def distinct_reports(records: list) -> list:
    """One record per report, in first-seen order: of its renditions the one in the most
    direct format (txt before docx before pdf …), then the first."""
    by_id = {}
    groups: dict = {}
    for n, record in enumerate(records):
        by_id[n] = record
        groups.setdefault(report_key(record), {})[n] = (record.get("source") or {}).get("format")
    groups = one_file_per_format(groups)
    return [min((by_id[n] for n in files), key=_format_rank)
            for files in sorted(groups.values(), key=lambda files: min(files))]


def _format_rank(record: dict) -> int:
    fmt = (record.get("source") or {}).get("format")
    return FORMAT_PREFERENCE.index(fmt) if fmt in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)
