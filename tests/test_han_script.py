"""Reports in traditional characters are read in simplified ones (ingest/han_script.py)."""
from decimal import Decimal

from conftest import text_record
from extractor.ingest.encoding import decode_text
from extractor.ingest.han_script import simplified
from extractor.pipeline import extract_file
from test_ingest_text_tables import needs_soffice, print_to_pdf

# a small project form, typed for this test in traditional characters
_TRADITIONAL_FORM = """2023年度農村道路養護項目績效自評表
項目名稱 農村道路養護
主管部門 某縣交通運輸局
項目資金(萬元) 年初預算數 全年預算數 全年執行數 分值 執行率 得分
年度資金總額 120 120 108 10 90% 9
一級指標 二級指標 三級指標 年度指標值 實際完成值 分值 得分
產出指標 數量指標 養護里程 不少於80公里 85公里 20 20
效益指標 社會效益指標 道路通暢率 不低於95% 97% 30 30
總分 100 92
"""


def _facts(record):
    return {(f["kind"], Decimal(str(f["value"])), f["unit"]) for f in record["facts"]}


def test_a_traditional_form_is_read_like_its_simplified_twin(tmp_path):
    trad = text_record(tmp_path, _TRADITIONAL_FORM, "trad.txt")
    simp = text_record(tmp_path, simplified(_TRADITIONAL_FORM)[0], "simp.txt")
    assert _facts(trad) == _facts(simp)
    assert ("amount", Decimal("1080000"), "元") in _facts(trad)
    assert trad["metadata"]["score"] == simp["metadata"]["score"] == 92
    assert [w["code"] for w in trad["errors"] if w["code"] == "traditional_script"] == ["traditional_script"]


def test_big5_file(tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes(_TRADITIONAL_FORM.encode("big5"))
    record = extract_file(path)
    assert record["source"]["encoding"] == "big5"
    assert _facts(record) == _facts(text_record(tmp_path, _TRADITIONAL_FORM, "plain.txt"))


def test_gbk_with_rare_name_characters_stays_gbk(tmp_path):
    # GBK-only characters in names (堃, 喆, 翀) are rare in a simplified report: still GBK
    text = ("某县卫生健康局王堃、李喆、张翀同志负责项目实施。" + simplified(_TRADITIONAL_FORM)[0]) * 2
    data = text.encode("gbk")
    decoded = decode_text(data)
    assert decoded.encoding == "gbk" and decoded.text == text


def test_pinyin_notes_after_the_characters(tmp_path):
    # mirror sites print each traditional character's pinyin after it: 預(yù)算
    noted = _TRADITIONAL_FORM.replace("預", "預(yù)").replace("執", "執(zhí)").replace("績", "績(jì)")
    record = text_record(tmp_path, noted, "noted.txt")
    assert _facts(record) == _facts(text_record(tmp_path, _TRADITIONAL_FORM, "plain.txt"))
    warning = [w for w in record["errors"] if w["code"] == "traditional_script"]
    assert warning and "pinyin" in warning[0]["message"]


def test_simplified_text_is_left_as_written():
    # t2s would fold 乾县 to 干县: a simplified report must never go through it
    text = "乾县卫生健康局2022年度项目支出绩效自评表，著名的乾陵在此。预算执行率95%。"
    assert simplified(text) == (text, None)
    # a bracketed Latin word without a tone mark is not a pinyin note
    assert simplified("项目(a)完成")[0] == "项目(a)完成"


def test_a_few_traditional_words_in_a_simplified_report_stay():
    text = "本报告引用了原文件《關於》的标题，其余内容均为简体字写成的预算绩效评价报告，共计十二页。" * 3
    assert simplified(text) == (text, None)


def test_traditional_web_page(tmp_path):
    body = "".join(f"<p>{line}</p>" for line in _TRADITIONAL_FORM.splitlines())
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><meta charset='utf-8'><title>績效</title></head><body>{body}</body></html>",
                    encoding="utf-8")
    record = extract_file(page)
    assert ("amount", Decimal("1080000"), "元") in _facts(record)


@needs_soffice
def test_traditional_pdf_is_read_like_its_simplified_twin(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "s").mkdir()
    _, trad = print_to_pdf(tmp_path / "t", _TRADITIONAL_FORM)
    _, simp = print_to_pdf(tmp_path / "s", simplified(_TRADITIONAL_FORM)[0])
    trad_record, simp_record = extract_file(trad), extract_file(simp)
    assert _facts(trad_record) == _facts(simp_record)
    assert ("amount", Decimal("1080000"), "元") in _facts(trad_record)
    assert "traditional_script" in [w["code"] for w in trad_record["errors"]]
