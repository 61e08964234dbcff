"""`extractor run` writes its tables as reports finish, from spools, in chunks. What it
writes must be what writing each table whole from the records (as the batch job did before
it streamed) writes: the same bytes for the CSVs and audit.html, the same schema and rows
for the parquet file, the same cells for the workbook."""
import copy
import zipfile
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq

from conftest import CORPUS
from extractor import dataset, workbook
from extractor.dataset import FACT_COLUMNS, FLAG_COLUMNS, _column_widths, _excel_value, fact_rows, flag_rows
from extractor.emit import write_csv
from extractor.pipeline import extract_file
from extractor.render import environment
from extractor.runner import collect_inputs, run_batch

# audit.html as one template over all records, as it was before the page was streamed
WHOLE_AUDIT_PAGE = """<!doctype html>
{% from "_flag.html" import flag_card %}
<html lang="zh"><head><meta charset="utf-8"><title>审核 · extractor</title>
<style>{% include "style.css" %}</style></head><body>
<h1>报告与标记</h1>
<table><tr><th>报告</th><th>地区</th><th>年度</th><th>类型</th><th>得分</th><th>等级</th><th>错误</th><th>警告</th><th>提示</th></tr>
{% for rec in reports %}
<tr><td><a href="#{{ rec.record.report_id }}">{{ rec.record.metadata.title or rec.record.source.path }}</a></td>
<td>{{ rec.region }}</td><td>{{ rec.record.metadata.year | num }}</td><td>{{ zh('report_types', rec.record.metadata.report_type) }}</td>
<td>{{ rec.record.metadata.score | num }}</td><td>{{ rec.record.metadata.grade or '' }}</td>
{% for n in rec.severity_counts %}<td>{{ n }}</td>{% endfor %}</tr>
{% endfor %}
</table>
{% for rec in reports %}
{% set m = rec.record.metadata %}
<h2 id="{{ rec.record.report_id }}">{{ m.title or '' }}</h2>
<p class="where">{{ rec.record.source.path }} · sha256 {{ rec.record.source.sha256[:12] }}…</p>
<table class="meta">
{% for label, value in [('地区代码', m.admin_code), ('被评价单位', m.agency), ('评价机构', m.evaluator), ('类型', zh('report_types', m.report_type)), ('日期', m.date)] %}
<tr><td>{{ label }}</td><td>{{ value | num }}</td></tr>
{% endfor %}
</table>
{% for flag in rec.record.flags %}{{ flag_card(rec.record, flag) }}{% else %}<p>没有标记。</p>{% endfor %}
{% endfor %}
</body></html>
"""


def whole_workbook(frame, facts: list, target) -> None:
    """The workbook as it was written before: both sheets from lists held whole."""
    table = frame.rename(columns=dataset._spec()["headers_zh"])
    columns = [[_excel_value(v) for v in table[c]] for c in table.columns]
    reports = [[_excel_value(c) for c in table.columns]] + [list(row) for row in zip(*columns)]
    facts = [FACT_COLUMNS] + [[_excel_value(v) for v in map(f.get, FACT_COLUMNS)] for f in facts]
    workbook.write_workbook(target, [(t, rows, _column_widths(rows[:50])) for t, rows in (("报告", reports),
                                                                                      ("事实", facts))])


def assert_same_as_whole(records: list, written: dict, tmp_path) -> None:
    facts = [row for r in records for row in fact_rows(r)]
    write_csv(tmp_path / "facts.csv", FACT_COLUMNS, facts)
    write_csv(tmp_path / "flags.csv", FLAG_COLUMNS, [row for r in records for row in flag_rows(r)])
    for name in ("facts.csv", "flags.csv"):
        assert written[name].read_bytes() == (tmp_path / name).read_bytes(), name
    frame = dataset.reports_frame(records)
    frame.to_csv(tmp_path / "dataset.csv", index=False, encoding="utf-8-sig")
    assert written["dataset.csv"].read_bytes() == (tmp_path / "dataset.csv").read_bytes()
    whole = pa.Table.from_pandas(frame, preserve_index=False)
    streamed = pq.read_table(written["dataset.parquet"])
    assert streamed.schema.equals(whole.schema, check_metadata=True)
    assert streamed.equals(whole)
    whole_workbook(frame, facts, tmp_path / "whole.xlsx")
    with zipfile.ZipFile(tmp_path / "whole.xlsx") as a, zipfile.ZipFile(written["dataset.xlsx"]) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
    reports = [{"record": r, "region": "".join(filter(None, [r["metadata"].get(k) for k in ("province", "city", "county")])),
                "severity_counts": [sum(1 for f in r["flags"] if f.get("severity") == s) for s in ("error", "warning", "info")]}
               for r in records]
    page = environment().from_string(WHOLE_AUDIT_PAGE).render(reports=reports)
    assert written["audit.html"].read_text(encoding="utf-8") == page


def test_run_on_corpus_writes_what_whole_tables_would(tmp_path, monkeypatch):
    # small chunks and sheets, so that every table is written in several pieces
    monkeypatch.setattr(dataset.DatasetWriter, "CHUNK_ROWS", 4)
    monkeypatch.setattr(workbook, "MAX_ROWS", 300)
    out = tmp_path / "out"
    summary = run_batch([CORPUS], out, jobs=2, progress=False)
    assert summary.counts["ok"] == summary.inputs >= 10
    records = [extract_file(str(p)) for p in collect_inputs([CORPUS])]
    assert sum(len(r["facts"]) for r in records) > 2 * 300  # the facts sheet goes on in 事实 2, 事实 3
    expected = tmp_path / "expected"
    expected.mkdir()
    assert_same_as_whole(records, {n: out / n for n in ("facts.csv", "flags.csv", "dataset.csv", "dataset.parquet",
                                                        "dataset.xlsx", "audit.html")}, expected)
    # a re-run reads the unchanged reports back from their records, and writes them the same way
    summary = run_batch([CORPUS], out, jobs=1, progress=False)
    assert summary.counts["skipped"] == summary.inputs
    records = [r for r in map(_load, sorted((out / "reports").glob("*.json"))) if r]
    records.sort(key=lambda r: [str(p) for p in collect_inputs([CORPUS])].index(r["source"]["path"]))
    assert_same_as_whole(records, {n: out / n for n in ("facts.csv", "flags.csv", "dataset.csv", "dataset.parquet",
                                                        "dataset.xlsx", "audit.html")}, expected)


def _load(path):
    from extractor.runner import load_record
    return load_record(path)


def test_a_column_gets_the_type_of_the_whole_table_in_every_chunk(tmp_path, monkeypatch):
    """Years missing in the first chunk and present later (float in pandas), a flag column
    of bools and blanks, decimals of growing scale and size: each chunk is cast to the type
    the whole column has."""
    monkeypatch.setattr(dataset.DatasetWriter, "CHUNK_ROWS", 2)
    base = extract_file(str(CORPUS / "a_project_utf8.txt"))
    records = []
    for i in range(7):
        r = copy.deepcopy(base)
        r["report_id"] = f"r{i}"
        r["metadata"]["year"] = None if i < 3 else 2018 + i
        r["metadata"]["self_evaluation"] = None if i == 5 else bool(i % 2)
        r["metadata"]["score"] = Decimal(90) if i < 4 else Decimal("12345678.125") if i == 6 else Decimal("88.5")
        r["metadata"]["county"] = None if i < 5 else "某县"
        records.append(r)
    targets = {f"dataset.{s}": tmp_path / f"dataset.{s}" for s in ("csv", "parquet", "xlsx")}
    (tmp_path / "streamed").mkdir()
    writer = dataset.DatasetWriter(tmp_path / "streamed")
    for r in records:
        writer.add(r)
    writer.write(list(targets.values()))
    expected = tmp_path / "expected"
    expected.mkdir()
    frame = dataset.reports_frame(records)
    assert str(frame["year"].dtype) == "float64"
    frame.to_csv(expected / "dataset.csv", index=False, encoding="utf-8-sig")
    assert targets["dataset.csv"].read_bytes() == (expected / "dataset.csv").read_bytes()
    whole = pa.Table.from_pandas(frame, preserve_index=False)
    assert pq.read_table(targets["dataset.parquet"]).schema.equals(whole.schema, check_metadata=True)
    assert pq.read_table(targets["dataset.parquet"]).equals(whole)
    assert pq.ParquetFile(targets["dataset.parquet"]).num_row_groups == 4
