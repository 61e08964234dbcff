"""Text saved from a document-sharing site's preview: fixed-length chunks numbered 1、 2、 …"""
from __future__ import annotations

from decimal import Decimal

from extractor.ingest.preview_chunks import join_preview_chunks
from conftest import text_record

# a report flattened to one string (invented figures), as such a site shows it
FLAT = ("某县2022年度农村公路养护资金绩效自评报告一、项目基本情况本年度安排农村公路养护资金1280.56万元，"
        "全年实际支出1216.45万元，预算执行率为94.99%。共养护农村公路562公里，覆盖全县18个乡镇，"
        "受益群众约12.6万人。二、绩效目标完成情况年初设定的养护里程、路况优良率等指标均已完成，"
        "其中路况优良率达到86.5%，较上年提高2.1个百分点。三、存在的问题部分乡镇配套资金到位较慢，"
        "养护队伍专业化程度不高。四、改进措施加强资金调度，完善养护考核办法。") * 2


def _chunked(text: str, size: int = 150) -> str:
    chunks = [text[k:k + size] for k in range(0, len(text), size)]
    return "《某县农村公路养护资金绩效自评报告.docx》由会员分享，可在线阅读。\n" + \
        "\n".join(f"{n}、{c}" for n, c in enumerate(chunks, 1)) + "\n"


def test_chunks_are_one_text_again():
    lines = _chunked(FLAT).split("\n")
    joined = join_preview_chunks(lines)
    assert joined[1] == FLAT


def test_chunks_a_blank_line_apart_are_one_text_again():
    lines = _chunked(FLAT).replace("\n", "\n\n").split("\n")
    joined = join_preview_chunks(lines)
    assert joined[:3] == [lines[0], "", FLAT] and not any(joined[3:])


def test_a_figure_cut_by_a_chunk_boundary_is_read_whole(tmp_path):
    size = FLAT.index("1280.56", 100) + 4  # the first cut falls inside the second 1280.56
    record = text_record(tmp_path, _chunked(FLAT, size), "preview.txt")
    amounts = [Decimal(str(f["value"])) for f in record["facts"] if f["kind"] == "amount"]
    assert amounts.count(Decimal("12805600")) == 2


def test_a_numbered_list_is_not_joined():
    lines = ["1、加强资金调度，确保各乡镇配套资金及时足额到位。", "2、完善养护考核办法。", "3、提高养护队伍专业化水平。"]
    assert join_preview_chunks(lines) == lines


def test_two_long_numbered_items_ending_whole_are_not_joined():
    """Two chunks prove nothing by their lengths: a numbered row or sentence that ends as an
    item ends (a cell's pipe, 。) is no chunk cut at a site's length."""
    rows = ["1、" + "资料收集完整，按照评价方案逐项核实基础数据" * 6 + " | 25 | 23 |",
            "2、" + "报告结论清晰，问题与建议对应，具有可操作性" * 6 + " | 25 | 22 |"]
    assert join_preview_chunks(rows) == rows
    items = [rows[0].split(" |")[0] + "。", rows[1].split(" |")[0] + "。"]
    assert join_preview_chunks(items) == items


def test_two_chunks_cut_mid_sentence_are_joined():
    text = FLAT[:300]
    lines = ["1、" + text[:150], "2、" + text[150:]]
    assert join_preview_chunks(lines) == [text]
