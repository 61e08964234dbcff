"""Place names spelled two ways (name.variant); the spellings are found in extraction
(extract/district_mentions.py place_mentions), which decides what stands as a place name."""
from __future__ import annotations

from . import rule
from .common import make_flag


@rule("name.variant")
def check_name_variant(record: dict) -> list:
    """The same place spelled two ways (峄城区 / 峰城区 / 峯城)."""
    by_place: dict = {}
    for p in record.get("places", []):
        by_place.setdefault(p["canonical"], []).append(p)
    flags = []
    for canonical, mentions in by_place.items():
        variants = [m for m in mentions if m["variant"]]
        if not variants:
            continue
        spellings = list(dict.fromkeys([canonical] + [m["name"] for m in variants]))
        evidence = [{"id": f"place:{i}", "source": m["source"]} for i, m in
                    enumerate([m for m in mentions if not m["variant"]][:1] + variants)]
        flags.append(make_flag("warning", f"同一地名有不同写法：{' / '.join(spellings)}（行政区划代码{mentions[0]['admin_code']}）",
                               canonical, " / ".join(spellings[1:]), None, None, evidence,
                               canonical=canonical, spellings=spellings))
    return flags
