"""Metadata, sections and indicator trees on reports written for the test (other
counties, other wording), and the seeds' must-have values."""
from decimal import Decimal

import pytest

from extractor.extract.indicators import extract_indicators
from extractor.extract.sections import extract_sections
from extractor.ingest import load_document
from extractor.pipeline import extract_file

from conftest import SEEDS, needs_seeds


def doc_of(tmp_path, text, encoding="utf-8"):
    f = tmp_path / "r.txt"
    f.write_bytes(text.encode(encoding))
    return f


DEPT = ("湄潭县农业农村局\n\n2019年度部门整体支出绩效自评报告\n\n一、基本情况\n本单位2019年度收入总计1,250.40万元。\n"
        "五、绩效评价结论\n根据评价指标体系测算，本单位总得分为86.5分，评价等级为“良好”。\n"
        "六、存在的问题\n1、预算编制不够细化，年中追加较多。\n2、绩效目标设置不够量化，难以考核。\n"
        "七、改进建议\n1、建议细化预算编制，减少年中追加。\n2、建议完善绩效目标，提高可考核性。\n\n"
        "湄潭县农业农村局\n二〇二〇年四月八日\n")


def test_metadata_of_a_department_self_evaluation(tmp_path):
    rec = extract_file(doc_of(tmp_path, DEPT, "gbk"))
    m = rec["metadata"]
    assert (m["province"], m["city"], m["county"], m["admin_code"]) == ("贵州省", "遵义市", "湄潭县", "520328")
    assert m["title"] == "湄潭县农业农村局2019年度部门整体支出绩效自评报告"
    assert (m["report_type"], m["year"], m["self_evaluation"], m["date"]) == ("department", 2019, True, "2020-04-08")
    assert (m["score"], m["grade"]) == (Decimal("86.5"), "良好")
    assert m["agency"] == "湄潭县农业农村局"


def test_problems_and_recommendations_are_items_with_links(tmp_path):
    problems, recs = extract_sections(load_document(doc_of(tmp_path, DEPT)))
    assert [p["title"] for p in problems] == ["预算编制不够细化", "绩效目标设置不够量化"]
    assert [r["title"] for r in recs] == ["建议细化预算编制", "建议完善绩效目标"]
    assert [r["addresses"] for r in recs] == [["p1"], ["p2"]]
    assert problems[0]["category"] == "预算编制" and problems[1]["category"] == "绩效目标管理"


def test_repeated_summary_items_are_merged(tmp_path):
    text = ("某县医保局2020年度项目绩效自评报告\n\n摘要\n（一）存在的问题\n数据对接错误率较高，影响参保工作。\n"
            "（二）建议\n加强部门数据对接。\n一、正文\n（一）存在的问题\n数据对接错误率较高，影响参保工作。\n"
            "（二）建议\n加强部门数据对接。\n")
    problems, recs = extract_sections(load_document(doc_of(tmp_path, text)))
    assert len(problems) == 1 and len(problems[0]["sources"]) == 2
    assert len(recs) == 1


def test_indicator_tree_from_a_four_level_score_table(tmp_path):
    table = ("表 2 指标得分表\n\n一级指标\t二级指标\t三级指标\t四级指标\t得分\n"
             "决策 (20分)\t立项 (10分)\t依据 (10分)\t政策依据充分性 (10分)\t9.50\n"
             "\t目标 (10分)\t目标明确性 (10分)\t目标量化 (10分)\t8.00\n"
             "产出 (80分)\t数量 (80分)\t完成率 (80分)\t救助对象完成率 (40分)\t38.00\n"
             "\t\t\t\t资金使用合规性 (40分)\n"
             "合计\t\t\t\t55.50\n")
    inds = extract_indicators(load_document(doc_of(tmp_path, "某市救助资金绩效评价报告\n\n" + table)))
    leaves = {"›".join(i["path"]): (i["weight"], i["score"]) for i in inds if not i.get("total")}
    assert leaves["决策›立项›依据›政策依据充分性"] == (Decimal(10), Decimal("9.50"))
    assert leaves["产出›数量›完成率›资金使用合规性"] == (Decimal(40), None)
    assert next(i for i in inds if i.get("total"))["score"] == Decimal("55.50")


@needs_seeds
def test_seed_004_first_level_scores_from_text():
    inds = extract_indicators(load_document(SEEDS / "004_177566989db970e3.txt"))
    tops = {i["path"][0]: i["score"] for i in inds if i.get("summary")}
    assert tops == {"投入": Decimal(13), "过程": Decimal(56), "产出及效率": Decimal("25.9"), "合计": Decimal("94.9")}


@needs_seeds
def test_seed_002_score_table_tree():
    inds = extract_indicators(load_document(SEEDS / "002_12d4444cffc52013.txt"))
    tops = {}
    for i in inds:
        if not i.get("total"):
            tops.setdefault(i["path"][0], i["weights"][0])
    assert tops == {"决策": 8, "过程": 30, "产出": 30, "效益": 30}
    missing = [i for i in inds if i.get("score") is None and not i.get("total")]
    assert [m["path"][-1] for m in missing] == ["资金使用合规性"] and missing[0]["note"]


@needs_seeds
def test_seed_sections():
    for stem, n_p, n_r in [("000_d88b6baf9eac8299", 3, 3), ("002_12d4444cffc52013", 6, 6), ("003_1745bc2bbbdaa61a", 2, 4)]:
        problems, recs = extract_sections(load_document(SEEDS / f"{stem}.txt"))
        assert (len(problems), len(recs)) == (n_p, n_r), stem


def test_region_without_its_suffix_and_unknown_names(tmp_path):
    from extractor.extract.regions import resolve_region

    assert resolve_region("勐海财政局2017年项目绩效评价报告", "根据云南省健康扶贫措施")["admin_code"] == "532822"
    # a shared short name is not guessed without its province or city
    assert resolve_region("城关财政局2017年项目绩效评价报告", "")["county"] is None
    assert resolve_region("某某县财政局2017年项目绩效评价报告", "")["region_unresolved"] == ["某某县"]


def test_a_level_of_government_is_not_a_county():
    from extractor.extract.regions import resolve_region

    # 省级和县级: 和县 (安徽) is not named; 和县 itself still is
    assert resolve_region("某单位2021年度项目绩效评价报告", "省级和县级财政资金全部到位，区级和市级同样")["county"] is None
    assert resolve_region("安徽省和县2021年度项目绩效评价报告", "")["county"] == "和县"


@pytest.mark.parametrize("city, county", [("长沙市", "长沙县"), ("岳阳市", "岳阳县"), ("南昌市", "南昌县")])
def test_a_city_is_not_its_namesake_county(city, county):
    from extractor.extract.regions import resolve_region

    # the city's name holds the county's short name; the report is the city's
    got = resolve_region(f"{city}财政局2021年度项目支出绩效自评报告", "")
    assert (got["city"], got["county"]) == (city, None)
    got = resolve_region(f"{city}{county}民政局2021年度项目支出绩效自评报告", "")
    assert got["county"] == county
    # written short, with its city named in the report, the county is still found
    got = resolve_region(f"{county[:-1]}民政局2021年度项目支出绩效自评报告", f"按照{city}财政局的要求")
    assert got["county"] == county


def test_a_web_page_source_line_is_not_the_agency(tmp_path):
    from conftest import text_record

    text = ("某市某区财政支出项目绩效评价自评报告\n\n发布时间:2019-05-08 来源: 区财政局\n\n"
            "一、项目基本情况\n\n本项目预算安排资金120万元。\n")
    assert text_record(tmp_path, text)["metadata"]["agency"] is None
    text = "某县农业农村局\n\n2021年度耕地保护项目绩效自评报告\n\n一、项目基本情况\n\n本项目预算安排资金120万元。\n"
    assert text_record(tmp_path, text)["metadata"]["agency"] == "某县农业农村局"


def test_an_agency_cell_beside_its_label_without_a_colon(tmp_path):
    from conftest import text_record

    text = "部门整体支出绩效自评表\n部门名称 某县农业农村局\n一级指标 二级指标 三级指标 分值 得分\n"
    assert text_record(tmp_path, text)["metadata"]["agency"] == "某县农业农村局"
    # a bulleted line of a web page's publication block is not the agency as written
    text = "某县2021年度项目绩效自评\n- 发文机构\n- 某县农业农村局\n一、项目基本情况\n本项目预算安排资金120万元。\n"
    assert text_record(tmp_path, text)["metadata"]["agency"] != "- 某县农业农村局"


def test_the_report_score_is_neither_a_band_bound_nor_the_score_a_review_revised(tmp_path):
    from conftest import text_record

    body = ("某县2023年度项目绩效复核报告\n\n一、复核情况\n\n单位自评得分95分，复核后得分为86.5分，调减8.5分。\n\n"
            "二、复核结论\n\n复核得分86.5分，复核等级为良。\n")
    record = text_record(tmp_path, body)
    assert record["metadata"]["score"] == Decimal("86.5")
    assert not [f for f in record["flags"] if f["rule"] == "score.grade"]
    body = ("某县2023年度项目绩效评价报告\n\n一、评价标准\n\n评价得分90分（含）以上为优，80分（含）至90分为良，"
            "60分以下为差。\n\n二、评价结论\n\n项目综合得分87分，评价等级为良。\n")
    record = text_record(tmp_path, body, "b.txt")
    assert record["metadata"]["score"] == Decimal("87")
    assert not [f for f in record["flags"] if f["rule"] == "score.grade"]


def test_a_title_above_a_table_ending_by_its_unit_gives_the_tables_figures_that_unit(tmp_path):
    # a PDF's layout sets the caption apart from its table: the line above still says 万元
    from extractor.extract.table_units import _unit_line_above
    from extractor.model import Block
    assert _unit_line_above(Block(index=3, kind="paragraph", text="年度收入情况（万元）")) == "万元"
    assert _unit_line_above(Block(index=3, kind="paragraph", text="三、年度收入情况")) is None
    assert _unit_line_above(Block(index=3, kind="paragraph", text="全县共有村（社区）")) is None


def test_targets_under_a_year_indicator_column_are_figures(tmp_path):
    # 年度指标值 is the year's target, not a column of years (年度 | 2021 | 2022 is one)
    path = tmp_path / "r.txt"
    path.write_text("某县医保局2022年度绩效评价报告\n\n三、主要绩效指标完成情况\n"
                    "绩效指标 | 年度指标值 | 实际完成值\n参保率 | ≥96% | 97.1%\n资金到位率 | 100% | 98%\n"
                    "\n四、分年度情况\n年度 | 参保人数（人） | 参保率\n2021 | 31250 | 95.2%\n2022 | 31876 | 96.1%\n", encoding="utf-8")
    facts = [(f["kind"], f["value"]) for f in extract_file(path)["facts"]]
    assert ("percent", Decimal("100")) in facts and ("percent", Decimal("98")) in facts
    assert ("headcount", Decimal("31250")) in facts and not any(v in (2021, 2022) for _, v in facts)
