"""The dataset's charts: a report that came as .txt and .docx is counted once, the legend
stands beside the plot, every problem category has its own colour and the scatter's
labels do not cover each other."""
from decimal import Decimal

import pytest

from extractor.charts import chart_figures, palette, problem_counts, write_charts
from extractor.pipeline import extract_file
from extractor.renditions import distinct_reports

# Written for these tests: two counties' reports, each with problems of two categories.
REPORT = ("{county}2021年度医疗救助资金项目绩效评价报告\n\n"
          "一、资金情况\n2021年项目年初预算资金200.00万元，全年实际支出190.00万元，预算执行率为95.00%。\n"
          "二、评价结论\n经评价，该项目综合得分为{score}分，评价等级为“{grade}”。\n"
          "三、存在的问题\n（一）预算编制不够细化\n年中追加较多。\n（二）绩效目标设置不够量化\n难以考核。\n"
          "四、建议\n（一）建议细化预算编制\n减少追加。\n")


def _docx(path, text):
    from docx import Document

    doc = Document()
    for line in text.split("\n"):
        if line:
            doc.add_paragraph(line)
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Report A as .txt and .docx, report B as .txt: three files, two reports."""
    folder = tmp_path_factory.mktemp("batch")
    a = REPORT.format(county="河北省阜平县", score="91", grade="优")
    b = REPORT.format(county="江西省于都县", score="84", grade="良")
    (folder / "a.txt").write_text(a, encoding="utf-8")
    (folder / "b.txt").write_text(b, encoding="utf-8")
    paths = [folder / "a.txt", _docx(folder / "a.docx", a), folder / "b.txt"]
    return [extract_file(p) for p in paths]


def test_renditions_of_one_report_count_once(batch):
    assert [r["source"]["format"] for r in distinct_reports(batch)] == ["txt", "txt"]
    once = problem_counts(batch)
    # per province, each category as many times as one rendition states it
    single = problem_counts([batch[0], batch[2]])
    assert once == single and sum(once["河北省"].values()) == len(batch[0]["problems"]) == 2


def test_the_problem_chart_counts_each_report_once(batch):
    fig = chart_figures(batch)["problem_categories_by_province"]
    ax = fig.axes[0]
    widths = {}
    for container in ax.containers:
        for bar, province in zip(container, [t.get_text() for t in ax.get_yticklabels()]):
            widths[(province, container.get_label())] = bar.get_width()
    expected = problem_counts([batch[0], batch[2]])
    for province, counter in expected.items():
        for category, n in counter.items():
            assert widths[(province, category)] == n


def test_the_legend_stands_outside_the_axes(batch):
    fig = chart_figures(batch)["problem_categories_by_province"]
    ax = fig.axes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend, plot = ax.get_legend().get_window_extent(renderer), ax.get_window_extent(renderer)
    assert legend.x0 >= plot.x1 and not legend.overlaps(plot)


def test_a_palette_gives_every_category_its_own_colour():
    for n in (3, 10, 14, 20, 31):
        colours = palette(n)
        assert len(colours) == n and len(set(colours)) == n


def test_scatter_labels_do_not_overlap():
    """Five reports at almost the same point, three with the same place name."""
    records = []
    for n, county in enumerate(["阜平县", "阜平县", "阜平县", "于都县", "正安县"]):
        records.append({"report_id": f"r{n}", "source": {"path": f"r{n}.txt", "format": "txt", "sha256": str(n)},
                        "metadata": {"title": f"报告{n}", "county": county, "year": 2021,
                                     "score": Decimal("90") + n // 3, "grade": "优"},
                        "facts": [{"id": "f1", "kind": "percent", "value": Decimal("95"), "unit": "%", "text": "95%",
                                   "label": "执行率", "context": "预算执行率为", "source": {"block": 1}}]})
    fig = chart_figures(records)["execution_rate_vs_score"]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in fig.axes[0].texts]
    assert len(boxes) == 5
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_charts_are_written_as_png(batch, tmp_path):
    paths = write_charts(batch, tmp_path)
    assert {p.name for p in paths} == {"scores_by_county.png", "execution_rate_vs_score.png",
                                       "problem_categories_by_province.png"}
    assert all(p.stat().st_size > 1000 for p in paths)


def test_two_files_of_one_format_under_one_title_are_two_reports():
    def record(sha, fmt):
        return {"metadata": {"title": "2017年度部门整体支出绩效评价报告", "province": None, "city": None,
                             "county": None, "year": 2017}, "source": {"sha256": sha, "format": fmt}}

    # a generic title two offices share: not renditions of one report
    assert len(distinct_reports([record("a", "txt"), record("b", "txt")])) == 2
    # the same report as .txt and .pdf: one
    assert len(distinct_reports([record("a", "txt"), record("c", "pdf")])) == 1
