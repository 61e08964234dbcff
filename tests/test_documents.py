"""What a report says about its own evaluation, on reports written for these tests: the
documents it cites, when the evaluation took place, and its satisfaction surveys."""
from decimal import Decimal

from extractor.pipeline import extract_file

from conftest import SEEDS, needs_seeds

REPORT = ("某县医疗保障局2021年度部门整体支出绩效自评报告\n\n"
          "根据《关于全面实施预算绩效管理的意见》（黔府发〔2019〕8号）和县财政局印发的正财绩〔2022〕3号文件，"
          "本局于2022年3月至4月组织开展了自评。\n"
          "评价组向参保群众和定点机构发放调查问卷200份，收回有效问卷196份，综合满意度为91.30%。\n"
          "满意度目标为不低于90%以上。\n"
          "按正财绩〔2022〕3号要求，自评结果报县财政局。\n")


def record(tmp_path, text=REPORT, name="r.txt"):
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return extract_file(f)


def test_cited_documents_with_their_titles_and_every_place(tmp_path):
    refs = {r["number"]: r for r in record(tmp_path)["references"]}
    assert set(refs) == {"黔府发〔2019〕8号", "正财绩〔2022〕3号"}
    first = refs["黔府发〔2019〕8号"]
    assert (first["issuer"], first["year"], first["serial"], first["title"]) == ("黔府发", 2019, 8, "关于全面实施预算绩效管理的意见")
    assert refs["正财绩〔2022〕3号"]["title"] is None and len(refs["正财绩〔2022〕3号"]["sources"]) == 2
    src = first["sources"][0]
    assert src["quote"] == "黔府发〔2019〕8号" and src["end"] - src["start"] == len(src["quote"])


def test_evaluation_period_from_a_sentence_about_the_evaluation(tmp_path):
    rec = record(tmp_path)
    assert rec["metadata"]["evaluation_period"] == {"start": "2022-03", "end": "2022-04", "text": "2022年3月至4月"}
    assert rec["metadata_sources"]["evaluation_period"]["quote"] == "2022年3月至4月"


def test_a_date_range_not_about_the_evaluation_is_not_its_period(tmp_path):
    rec = record(tmp_path, "某县项目绩效评价报告\n\n项目于2021年1月至12月实施。\n")
    assert "evaluation_period" not in rec["metadata"]


def test_survey_issued_returned_and_overall_satisfaction(tmp_path):
    surveys = record(tmp_path)["surveys"]
    assert len(surveys) == 1
    s = surveys[0]
    assert (s["issued"], s["returned"], s["satisfaction"], s["satisfaction_unit"]) == (200, 196, Decimal("91.30"), "%")


@needs_seeds
def test_seed_period_in_a_form_table_and_two_surveys():
    rec = extract_file(SEEDS / "000_d88b6baf9eac8299.txt")
    assert rec["metadata"]["evaluation_period"]["start"] == "2018-08"
    assert [(s["issued"], s["returned"]) for s in rec["surveys"]] == [(183, 183), (12, 12)]
    assert any(r["number"] == "海政发〔2017〕161号" and r["title"] for r in rec["references"])


def test_dataset_row_carries_period_survey_and_references(tmp_path):
    from extractor.dataset import report_row

    row = report_row(record(tmp_path))
    assert (row["evaluation_start"], row["evaluation_end"]) == ("2022-03", "2022-04")
    assert (row["questionnaires_issued"], row["questionnaires_returned"]) == (200, 196)
    assert (row["satisfaction"], row["satisfaction_unit"], row["n_references"]) == (Decimal("91.30"), "%", 2)
