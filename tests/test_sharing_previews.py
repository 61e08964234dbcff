"""Forms as document-sharing sites show them: the site's chrome around the form, the file's
name as the page's title and again as each page's header (…自评表.doc_第2页), a 文档简介 preview
cut off with an ellipsis before the whole text, and the transfer template's fund columns (年度
金额 | 资金使用情况). Written here; names and figures invented."""
from __future__ import annotations

from decimal import Decimal

from conftest import text_record

FILE = "2022年度乡村医生补助资金绩效目标自评表.doc"
FORM_HEAD = ("转移支付（区域）绩效目标自评表（2022年度）专项名称乡村医生补助资金省级主管部门某省卫生健康委员会"
             "省级财政部门某省财政厅资金情况（万元）")
FUNDS = ("年度金额资金使用情况执行率年度资金总额8650.008412.3097.25%其中：中央财政6200.006105.4098.47%"
         "省级财政2450.002306.9094.16%市县财政———其他资金———")
INDICATORS = ("年度总体目标预期目标实际完成情况保障乡村医生基本补助按时足额发放。补助乡村医生4120人，发放及时率100%。"
              "绩效目标完成情况一级指标二级指标三级指标指标值完成值分值得分产出指标数量指标补助乡村医生人数≥4000人"
              "4120人2020质量指标补助资金发放及时率100%100%2020")
REST = ("效益指标社会效益指标村卫生室服务覆盖率≥95%96.8%3030满意度指标服务对象满意度指标乡村医生满意度≥90%88.5%3028"
        "总分98已阅读2页，还剩1页未读，继续免费阅读")


def _page(preview: bool = True, page_headers: bool = True) -> str:
    lines = ["某某文库", "首页 > 行业资料 > 医疗卫生", FILE,
             "上传者：wsj2023 | 上传于：2023-04-11 | 页数：3 | 阅读：120", "文档简介"]
    if preview:
        lines.append(FORM_HEAD + "…")
    header = (lambda n: f"{FILE}_第{n}页") if page_headers else (lambda n: "")
    lines += [header(1) + FORM_HEAD + FUNDS + INDICATORS, header(2) + REST, "版权说明：本文档由用户提供并上传"]
    return "\n".join(lines) + "\n"


def _amounts(record):
    return sorted(f["value"] for f in record["facts"] if f["kind"] == "amount")


WANT = sorted(Decimal(v) * 10000 for v in ("8650.00", "8412.30", "6200.00", "6105.40", "2450.00", "2306.90"))


def test_a_preview_cut_off_and_page_headers_naming_the_file_leave_one_form(tmp_path):
    record = text_record(tmp_path, _page(), "preview.txt")
    assert len(record["forms"]) == 1
    assert _amounts(record) == WANT
    # a form the page is about, under the site's chrome: the document is that form
    assert record["metadata"]["report_type"] == "form_transfer"
    assert record["metadata"]["score"] == 98
    assert not [f for f in record["flags"] if f["severity"] == "error"]


def test_the_same_page_without_preview_or_page_headers_reads_the_same(tmp_path):
    record = text_record(tmp_path, _page(preview=False, page_headers=False), "plain.txt")
    assert _amounts(record) == WANT
    assert record["metadata"]["report_type"] == "form_transfer"


def test_a_report_with_the_form_as_its_annex_stays_a_report(tmp_path):
    text = ("某县2022年度乡村医生补助资金绩效自评报告\n一、基本情况。我县共有乡村医生412人。资金全部按时发放。\n"
            "二、自评结论。自评得分100分。\n附件：乡村医生补助资金绩效目标自评表\n" + FORM_HEAD + FUNDS + INDICATORS + REST + "\n")
    record = text_record(tmp_path, text, "report.txt")
    assert record["metadata"]["report_type"] != "form_transfer"


def test_money_run_into_the_next_cells_year_words_is_money(tmp_path):
    text = "资金使用情况（万元）合计：109.8万元中央财政84.5万元省级财政25.3万元年度总体目标完成培训。\n"
    record = text_record(tmp_path, text, "money.txt")
    assert Decimal("253000") in _amounts(record)
