"""A total announcing the numbered paragraphs after it as its list (extract/relations/
numbered_lists.py). Invented figures; one consistent text and a planted slip each."""
from conftest import text_record


def _breakdown_errors(record):
    return [f for f in record["flags"] if f["rule"] == "sum.breakdown" and f["severity"] == "error"]


_ITEMS = ("二、发现的问题\n评价组抽查了6个乡镇的发放台账，共发现问题资金合计{}万元，具体如下：\n"
          "1. 超标准发放补贴。个别乡镇未按核定标准发放，多发补贴资金12.40万元。\n"
          "2. 重复享受补贴。86户农户在两地重复登记，重复发放6.35万元。\n"
          "3. 资金滞留。乡镇财政所滞留补贴资金20.05万元，未及时兑付到户。\n"
          "针对上述问题，评价组建议限期整改，应收回资金18.75万元。\n")


def test_numbered_paragraphs_announced_as_the_list_of_a_total_add_up_to_it(tmp_path):
    assert not _breakdown_errors(text_record(tmp_path, _ITEMS.format("38.80")))
    [flag] = _breakdown_errors(text_record(tmp_path, _ITEMS.format("36.80"), "b.txt"))
    assert "38.80万元" in flag["message"]  # 12.40 + 6.35 + 20.05


def test_a_numbered_heading_s_figure_stands_in_the_paragraph_under_it(tmp_path):
    text = ("经核查，共发现违规发放资金{}元，具体情况如下：\n（一）死亡未停发\n"
            "比对殡葬数据，发现14名已故人员仍在领取津贴，违规发放金额21,300.00元。\n"
            "（二）重复领取\n5人同时领取两项待遇，重复领取9,450.00元。\n三、有关建议\n（一）加强数据比对。\n")
    assert not _breakdown_errors(text_record(tmp_path, text.format("30,750.00")))
    assert _breakdown_errors(text_record(tmp_path, text.format("31,750.00"), "b.txt"))


def test_a_list_whose_items_name_other_sums_or_no_whole_is_not_read(tmp_path):
    # an item with two amounts: which is the part is not known
    two = _ITEMS.replace("多发补贴资金12.40万元。", "多发补贴资金12.40万元，已收回3.00万元。")
    assert not _breakdown_errors(text_record(tmp_path, two.format("99.00")))
    # a total not said to be the whole (no 共/合计): the list may be its main items only
    assert not _breakdown_errors(text_record(tmp_path, _ITEMS.replace("共发现问题资金合计", "发现主要问题资金").format("99.00"), "c.txt"))
