"""Each checker rule on reports written for the test: consistent variants raise nothing,
broken ones raise the right flag with its arithmetic."""
import pytest

from extractor.pipeline import extract_file

from conftest import SEEDS, needs_seeds


def flags_of(tmp_path, body, name="r.txt"):
    f = tmp_path / name
    f.write_text("某县卫生健康局2021年度项目支出绩效评价报告\n\n" + body, encoding="utf-8")
    return extract_file(f)["flags"]


def rules(flags, severity=None):
    return sorted(f["rule"] for f in flags if severity is None or f["severity"] == severity)


def test_breakdown_consistent_and_nested(tmp_path):
    body = ("项目总投入1,200,000.00元，其中：中央资金500,000.00元，省级资金400,000.00元，县级资金300,000.00元。\n"
            "全年支出86.5万元，其中基本支出50.5万元，包括人员经费40.0万元、公用经费10.5万元；项目支出36.0万元。\n")
    assert flags_of(tmp_path, body) == []


def test_breakdown_parts_exceed_total(tmp_path):
    fl = flags_of(tmp_path, "全年基金支付2100.50万元：其中统筹基金支出1500.20万元；个人账户支出700.40万元。\n")
    assert rules(fl) == ["sum.breakdown"]
    assert fl[0]["severity"] == "error" and fl[0]["difference"] == -1001000


def test_breakdown_mixed_units_within_rounding(tmp_path):
    # 万元 and 元 mixed; 1.23万元 stands for 12250–12350 元
    assert flags_of(tmp_path, "共拨付1.23万元，其中乡镇补助8,000.00元，村级补助4,300.00元。\n") == []


def test_partial_breakdown_is_not_an_error(tmp_path):
    assert flags_of(tmp_path, "总支出500万元，其中人员支出120万元。\n") == []


def test_ratio_stated_execution_rate(tmp_path):
    ok = "资金实际到位2,000,000元，实际支出1,800,000元，预算执行率为90.00%。\n"
    assert flags_of(tmp_path, ok) == []
    bad = "资金实际到位2,000,000元，实际支出1,800,000元，预算执行率为95.00%。\n"
    fl = flags_of(tmp_path, bad)
    assert rules(fl) == ["ratio.stated"] and fl[0]["severity"] == "error"
    assert fl[0]["computed"] == 90


def test_ratio_one_decimal_and_truncation(tmp_path):
    # 2/3 = 66.666…%: 66.7 (rounded) holds, 66.6 (truncated) misses by one unit → rounding info
    assert flags_of(tmp_path, "资金实际到位300万元，实际支出200万元，执行率66.7%。\n") == []
    fl = flags_of(tmp_path, "资金实际到位300.00万元，实际支出200.00万元，执行率66.6%。\n")
    assert [(f["rule"], f["severity"]) for f in fl] == [("ratio.stated", "info")]


def test_stated_formula_is_used(tmp_path):
    body = ("本单位年初预算为500.00万元；本年追加预算40.00万元。\n"
            "预算调整率=（本年预算追加数÷年初预算）×100%=9.00%。\n")
    fl = flags_of(tmp_path, body)
    assert rules(fl) == ["ratio.stated"] and fl[0]["computed"] == 8


def test_diff_change_and_wrong_base(tmp_path):
    ok = "2021年总支出为1200.00万元，2020年总支出为1000.00万元。比上年增加200.00万元，增长了20.00%。\n"
    assert flags_of(tmp_path, ok) == []
    bad_diff = "2021年总支出为1200.00万元，2020年总支出为1000.00万元。比上年增加210.00万元，增长了20.00%。\n"
    assert "diff.change" in rules(flags_of(tmp_path, bad_diff))
    wrong_base = "2021年公务接待费预算安排30万元，比2020年预算安排减少10万元，下降33.33%。\n"
    fl = flags_of(tmp_path, wrong_base)
    assert rules(fl) == ["diff.change"] and fl[0]["wrong_base"] is True


def test_product_unit(tmp_path):
    ok = "核减重复参保人员120人，按320元/人标准，共计退回资金38,400.00元。\n"
    assert flags_of(tmp_path, ok) == []
    bad = "核减重复参保人员120人，按320元/人标准，共计退回资金36,400.00元。\n"
    assert rules(flags_of(tmp_path, bad)) == ["product.unit"]


def test_repeat_conflict_with_explanation(tmp_path):
    body = ("1.完成建档立卡贫困人口2020年度医疗保险费兜底560人的工作。\n"
            "2.经核实，清退重复参保人员40人，按250元/人兜底，共计退回资金10,000.00元。\n\n"
            "\t序号\n\t目标\n\t完成情况\n\n"
            "\t1\n\t完成建档立卡贫困人口2020年度医疗保险费600人的兜底工作\n\t已完成\n\n\n"
            "结束语。\n")
    fl = flags_of(tmp_path, body)
    conflict = [f for f in fl if f["rule"] == "repeat.conflict"]
    assert len(conflict) == 1
    assert conflict[0]["severity"] == "warning" and conflict[0]["difference"] == 40
    assert "40人" in conflict[0]["explanation"] and "10,000.00元" in conflict[0]["explanation"]


def test_similar_wording_of_different_groups_is_not_a_conflict(tmp_path):
    body = ("1.完成已脱贫人员2020年度医疗保险费兜底560人的工作。\n"
            "2.完成未脱贫人员2020年度医疗保险费兜底430人的工作。\n")
    assert flags_of(tmp_path, body) == []


def test_claim_completion(tmp_path):
    body = ("\t序号\n\t项目绩效目标\n\t实际完成情况\n\t完成质量\n\n"
            "\t1\n\t为辖区内困难群众1500人代缴保费\n\t已完成（实际完成1320人）\n\t完成质量100%\n\n\n"
            "以上。\n")
    fl = flags_of(tmp_path, body)
    assert rules(fl) == ["claim.completion"]
    assert fl[0]["stated"] == 1500 and fl[0]["computed"] == 1320


def test_score_grade(tmp_path):
    assert flags_of(tmp_path, "综合评分为83.5分，评价等级为“良”。\n") == []
    fl = flags_of(tmp_path, "综合评分为83.5分，评价等级为“优”。\n")
    assert rules(fl) == ["score.grade"]


BANDS = "评价结果分为四个等次：优秀（95分（含）以上）、良好（85-94分）、合格（60-84分）、不合格（60分以下）。\n"


def test_score_grade_against_the_bands_the_report_states(tmp_path):
    # 88 is 良 by the usual bands and 良好 by this report's own: no flag
    assert flags_of(tmp_path, BANDS + "综合评分为88分，评价等次为“良好”。\n") == []
    # 92 is 优 by the usual bands, but this report puts 优秀 at 95
    fl = flags_of(tmp_path, BANDS + "综合评分为92分，评价等次为“优秀”。\n")
    assert rules(fl) == ["score.grade"] and fl[0]["computed"] == "良好"
    assert "报告所列等级标准" in fl[0]["message"]
    assert fl[0]["evidence"] == ["metadata.score", "metadata.grade", "metadata.grade_bands"]


def test_stated_bands_written_range_first(tmp_path):
    from extractor.extract.grade_bands import stated_grade_bands
    from extractor.ingest import load_document

    f = tmp_path / "b.txt"
    f.write_text("某市项目绩效评价报告\n\n总分90分以上为优，80分（含）至90分（不含）为良，60-80分为中，不足60分为差。\n",
                 encoding="utf-8")
    bands = stated_grade_bands(load_document(f))
    assert [(b["grade"], b["low"], b["high"]) for b in bands["bands"]] == [
        ("优", 90, None), ("良", 80, 90), ("中", 60, 80), ("差", None, 60)]
    assert bands["source"]["quote"].startswith("总分90分以上为优")


def test_rule_bracket(tmp_path):
    body = ("（2）预算控制率（5分）\n本单位年初预算为600.00万元；本年追加预算30.00万元。\n"
            "预算控制率=（本年预算追加数÷年初预算）×100%=5.00%。预算控制率=6-10%（含），本单位该项指标得分按4分计算。\n")
    fl = flags_of(tmp_path, body)
    assert "rule.bracket" in rules(fl)


def test_score_tree_in_text(tmp_path):
    body = ("（一）投入\n（1）目标设定（10分）\n根据评分标准，该项指标得分9分。\n（2）预算配置（10分）\n该项指标得分10分。\n"
            "（二）过程\n（1）资金管理（80分）\n该项指标得分70分。\n"
            "五、结论\n投入绩效为19分，过程绩效为70分，总绩效为92分。评价等级为“优”。\n")
    fl = flags_of(tmp_path, body)
    assert rules(fl) == ["score.tree"]  # 19 + 70 = 89, not 92
    assert "89" in fl[0]["message"]
    # written as whole points, 19 + 70 against 90 holds within rounding (each stands for ±0.5):
    # no error; taken as points awarded (exact) it is one point off, a warning that says both
    fl = flags_of(tmp_path, body.replace("92分", "90分"))
    assert [(f["rule"], f["severity"]) for f in fl] == [("score.tree", "warning")]
    assert "四舍五入" in fl[0]["explanation"]
    assert "score.tree" not in rules(flags_of(tmp_path, body.replace("92分", "89分")))


@needs_seeds
def test_seed_000_flags_the_1199_vs_788_with_the_clearance():
    rec = extract_file(SEEDS / "000_d88b6baf9eac8299.txt")
    conflict = [f for f in rec["flags"] if f["rule"] == "repeat.conflict"]
    assert len(conflict) == 1
    f = conflict[0]
    assert (f["stated"], f["computed"], f["difference"], f["severity"]) == (1199, 788, 411, "warning")
    assert "411" in f["explanation"] and "246,600.00元" in f["explanation"] and "600元/人" in f["explanation"]
    claim = [f for f in rec["flags"] if f["rule"] == "claim.completion"]
    assert len(claim) == 1 and claim[0]["stated"] == 1199 and claim[0]["computed"] == 788


@needs_seeds
@pytest.mark.parametrize("stem,expected", [
    ("000_d88b6baf9eac8299", {"repeat.conflict", "claim.completion"}),
    ("001_db0b8584d0df2dea", set()),
    ("002_12d4444cffc52013", {"score.tree", "name.variant"}),
    ("003_1745bc2bbbdaa61a", {"sum.breakdown", "diff.change", "ratio.stated"}),
    ("004_177566989db970e3", {"rule.bracket"}),
])
def test_seed_flags_are_the_defended_ones(stem, expected):
    rec = extract_file(SEEDS / f"{stem}.txt")
    assert {f["rule"] for f in rec["flags"]} == expected


def test_name_variant(tmp_path):
    body = ("各区资金分配如下：\n\n区\t资金（万元）\n薛城区\t30\n峰城区\t20\n合计\t50\n\n"
            "评价发现，薛城、山亭、峯城区制定了考核制度，峄城区资金到位及时。\n")
    f = tmp_path / "r.txt"
    f.write_text("2020年度枣庄市医疗救助资金绩效评价报告\n\n" + body, encoding="utf-8")
    fl = [x for x in extract_file(f)["flags"] if x["rule"] == "name.variant"]
    assert len(fl) == 1 and fl[0]["canonical"] == "峄城区"
    assert set(fl[0]["spellings"]) == {"峄城区", "峰城区", "峯城区"}
    # 上海 / 其中 / 市各区 are one character off 山亭 / 市中 / 市中区 but are not place names here
    f.write_text("2020年度枣庄市医疗救助资金绩效评价报告\n\n其中，市中区由上海专家会诊，枣庄市各区（市）均已完成。\n",
                 encoding="utf-8")
    assert [x for x in extract_file(f)["flags"] if x["rule"] == "name.variant"] == []


def test_stated_bands_written_as_inequalities(tmp_path):
    from extractor.extract.grade_bands import stated_grade_bands
    from extractor.ingest import load_document

    f = tmp_path / "b.txt"
    f.write_text("某县项目绩效复核报告\n\n评级标准：得分≥90分为优，80分≤得分<90分为良，60分≤得分<80分为中，得分<60分为差。\n",
                 encoding="utf-8")
    bands = stated_grade_bands(load_document(f))
    assert [(b["grade"], b["low"], b["high"]) for b in bands["bands"]] == [
        ("优", 90, None), ("良", 80, 90), ("中", 60, 80), ("差", None, 60)]
    inequalities = "评级标准：得分≥90分为优，80分≤得分<90分为良，60分≤得分<80分为中，得分<60分为差。\n"
    assert flags_of(tmp_path, inequalities + "综合评分为78.5分，评价等级为“中”。\n") == []
    fl = flags_of(tmp_path, inequalities + "综合评分为78.5分，评价等级为“良”。\n")
    assert rules(fl) == ["score.grade"] and fl[0]["computed"] == "中"
