"""Forms and tables as a spreadsheet exports them: percentages written as shares of one
(0.9715), a 合计 row whose label stands in the 序号 column, and a department's list of its
projects with each one's 自评得分. Every text here is made up for the tests."""
from conftest import error_flags, text_record

_FORM = ("北岸县2023年度项目支出绩效自评表\n金额单位：万元\n项目名称\t乡村道路养护补助\n"
         "项目资金\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
         "年度资金总额\t420.0000\t420.0000\t408.0000\t10\t{rate}\t9.71\n"
         "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
         "产出指标\t数量指标\t养护里程\t≥180公里\t186公里\t30\t30\n"
         "产出指标\t时效指标\t养护资金拨付及时率\t≥95%\t{actual}\t30\t30\n"
         "满意度指标\t服务对象满意度指标\t沿线群众满意度\t≥90%\t93.5%\t30\t29.29\n"
         "总分\t\t\t\t\t100\t99\n")


def _percents(record: dict) -> dict:
    return {f["text"]: str(f["value"]) for f in record["facts"] if f["kind"] == "percent"}


def test_an_actual_value_written_as_a_share_of_one_is_a_percentage(tmp_path):
    record = text_record(tmp_path, _FORM.format(rate="0.9714", actual="0.9820"))
    assert _percents(record)["0.9820"] == "98.2000"
    [row] = [r for r in record["forms"][0]["indicators"] if r["path"][-1] == "养护资金拨付及时率"]
    assert row["actual"]["unit"] == "%"
    assert not error_flags(record)


def test_a_bare_figure_beside_a_percentage_target_is_not_made_one_unless_a_share(tmp_path):
    # (12 beside ≥95%: no share of one; what it is, is not known)
    record = text_record(tmp_path, _FORM.format(rate="0.9714", actual="12"))
    assert "12" not in _percents(record)


def test_a_share_of_one_stated_as_the_rate_is_shown_as_written_and_as_a_percentage(tmp_path):
    [flag] = error_flags(text_record(tmp_path, _FORM.format(rate="0.9215", actual="0.9820")), "form.execution_rate")
    assert "表列0.9215（即92.15%）" in flag["message"] and "97.14%" in flag["message"]


_SUMMARY = ("附表\t部门项目支出绩效自评情况汇总表\n单位：万元\n"
            "序号\t项目名称\t预算数\t执行数\t执行率\t自评得分\t自评等级\n"
            "1\t城区环卫保洁经费\t1,500.0000\t1,462.5000\t0.9750\t97.50\t优\n"
            "2\t公厕改造提升\t300.0000\t255.0000\t0.8500\t85.00\t良\n"
            "3\t垃圾分类宣传\t60.0000\t58.2000\t0.9700\t96.00\t优\n"
            "合计\t\t1,860.0000\t1,775.7000\t{rate}\t\t\n")


def test_a_total_row_labelled_in_the_number_column_keeps_its_cells_columns(tmp_path):
    record = text_record(tmp_path, "北岸县城市管理局2023年度部门整体支出绩效自评表\n" + _SUMMARY.format(rate="0.9547"))
    assert _percents(record).get("0.9547") == "95.4700"
    assert not any(f["kind"] == "score" and f["text"] == "0.9547" for f in record["facts"])


def test_a_list_of_projects_with_their_own_scores_is_read_row_by_row_on_one_line(tmp_path):
    # (a page's text, the rates with their %: 0.8500 is 85.00%)
    table = _SUMMARY.format(rate="95.47%").replace("0.9750", "97.50%").replace("0.8500", "85.00%").replace("0.9700", "97.00%")
    line = "  ".join(cell for row in table.splitlines() for cell in row.split("\t") if cell)
    record = text_record(tmp_path, "北岸县城市管理局2023年度部门整体支出绩效自评表  " + line + "\n")
    scores = {f["text"] for f in record["facts"] if f["kind"] == "score"}
    assert {"97.50", "85.00", "96.00"} <= scores
    amounts = {f["text"] for f in record["facts"] if f["kind"] == "amount"}
    assert {"300.0000", "255.0000", "60.0000", "58.2000"} <= amounts
