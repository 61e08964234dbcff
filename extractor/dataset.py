"""The cross-county comparison dataset: one row per report, and a long table of facts."""
from __future__ import annotations

import gzip
from collections import Counter
from decimal import Decimal
from functools import lru_cache

from .dataset_columns import column_values
from .patterns import load_json

META_COLUMNS = ["title", "province", "city", "county", "admin_code", "year", "report_type", "agency",
                "evaluator", "self_evaluation", "date", "score", "grade"]


@lru_cache(maxsize=1)
def _spec() -> dict:
    return load_json("dataset.json")


def report_row(record: dict) -> dict:
    meta = record.get("metadata", {})
    row = {"report_id": record["report_id"], "source_path": record["source"]["path"]}
    row.update({k: meta.get(k) for k in META_COLUMNS})
    row.update(column_values(record))
    severities = Counter(f.get("severity") for f in record.get("flags", []))
    categories = Counter(p.get("category") for p in record.get("problems", []) if p.get("category"))
    row.update({
        "n_facts": len(record.get("facts", [])),
        "n_problems": len(record.get("problems", [])),
        "n_recommendations": len(record.get("recommendations", [])),
        "problem_categories": "；".join(f"{k}:{v}" for k, v in sorted(categories.items())),
        "flags_error": severities.get("error", 0),
        "flags_warning": severities.get("warning", 0),
        "flags_info": severities.get("info", 0),
    })
    row.update(_evaluation_columns(record))
    return row


EVALUATION_COLUMNS = ["evaluation_start", "evaluation_end", "questionnaires_issued", "questionnaires_returned",
                      "satisfaction", "satisfaction_unit", "n_references"]


def _evaluation_columns(record: dict) -> dict:
    """When the evaluation ran, its surveys (questionnaires summed over them; the first
    survey's overall satisfaction) and how many documents the report cites."""
    period = record.get("metadata", {}).get("evaluation_period") or {}
    surveys = record.get("surveys", [])
    returned = [s["returned"] for s in surveys]
    first = surveys[0] if surveys else {}
    return {
        "evaluation_start": period.get("start"), "evaluation_end": period.get("end"),
        "questionnaires_issued": sum(s["issued"] for s in surveys) if surveys else None,
        "questionnaires_returned": sum(returned) if surveys and None not in returned else None,
        "satisfaction": first.get("satisfaction"), "satisfaction_unit": first.get("satisfaction_unit"),
        "n_references": len(record.get("references", [])),
    }


FACT_COLUMNS = ["report_id", "source_path", "id", "kind", "value", "unit", "text", "decimals", "approx", "label",
                "subject", "year", "page", "block", "table", "row", "col", "start", "end", "quote"]


def fact_rows(record: dict) -> list:
    rows = []
    for f in record.get("facts", []):
        src = f.get("source", {})
        rows.append({
            "report_id": record["report_id"], "source_path": record["source"]["path"],
            **{k: f.get(k) for k in ("id", "kind", "value", "unit", "text", "decimals", "approx", "label", "subject", "year")},
            **{k: src.get(k) for k in ("page", "block", "table", "row", "col", "start", "end", "quote")},
        })
    return rows


FLAG_COLUMNS = ["report_id", "source_path", "id", "rule", "severity", "message", "stated", "computed", "difference",
                "tolerance", "evidence", "explanation", "confidence"]


def flag_rows(record: dict) -> list:
    rows = []
    for fl in record.get("flags", []):
        rows.append({
            "report_id": record["report_id"], "source_path": record["source"]["path"],
            **{k: fl.get(k) for k in FLAG_COLUMNS[2:]},
        })
        rows[-1]["evidence"] = " ".join(fl.get("evidence", []))
    return rows


def report_columns() -> list:
    return (["report_id", "source_path"] + META_COLUMNS + list(_spec()["columns"])
            + ["n_facts", "n_problems", "n_recommendations", "problem_categories",
               "flags_error", "flags_warning", "flags_info"] + EVALUATION_COLUMNS)


def reports_frame(records: list):
    import pandas as pd

    return pd.DataFrame([report_row(r) for r in records], columns=report_columns())


def facts_frame(records: list):
    import pandas as pd

    return pd.DataFrame([row for r in records for row in fact_rows(r)], columns=FACT_COLUMNS)


DATASET_SUFFIXES = (".csv", ".parquet", ".xlsx")


def write_dataset(records, target) -> None:
    """Write the per-report table to .csv, .parquet or .xlsx (by suffix). The Excel file
    gets Chinese headers, a frozen header row and a second sheet with every fact."""
    write_datasets(records, [target])


def write_datasets(records, targets: list) -> None:
    """write_dataset for several targets, the records (any iterable) read once."""
    from .spool import write_all

    write_all(DatasetWriter, records, targets)


class DatasetWriter:
    """The per-report table and the workbook's facts sheet, built as reports come, so a
    batch of any size is written in memory that does not grow with it: each report's row
    is spooled to a file in `workdir`, each fact's worksheet row is written as XML to a
    compressed part file, and write() turns them into .csv, .parquet (by row groups) and
    .xlsx in chunks.

    The files hold what writing the whole table at once with pandas wrote: a column's type
    is decided over the whole table (pandas' own inference, run on one example of each kind
    of value the column held, its extreme integers and its widest decimals), then each
    chunk is cast to it."""

    CHUNK_ROWS = 2000

    def __init__(self, workdir):
        from pathlib import Path

        self.workdir = Path(workdir)
        self.columns = report_columns()
        self._spool = open(self.workdir / "reports.pickle", "wb")
        self._examples: dict = {c: {} for c in self.columns}
        self.rows = 0
        self.facts = _FactsSheet(self.workdir)

    def add(self, record: dict, facts: list | None = None) -> None:
        """One report: its row, and its fact rows (fact_rows(record) unless given)."""
        import pickle

        row = report_row(record)
        pickle.dump(row, self._spool, protocol=pickle.HIGHEST_PROTOCOL)
        for column in self.columns:
            _note_example(self._examples[column], row.get(column))
        self.rows += 1
        self.facts.add(fact_rows(record) if facts is None else facts)

    def write(self, targets: list) -> None:
        from pathlib import Path

        targets = [Path(t) for t in targets]
        for target in targets:
            if target.suffix.lower() not in DATASET_SUFFIXES:
                raise ValueError(f"unsupported dataset format '{target.suffix.lower()}' (use .csv, .parquet or .xlsx)")
        self._spool.close()
        self.facts.close()
        for target in targets:
            {".csv": self._to_csv, ".parquet": self._to_parquet, ".xlsx": self._to_excel}[target.suffix.lower()](target)

    def _dtypes(self) -> dict:
        import pandas as pd

        examples = {c: list(kinds.values()) for c, kinds in self._examples.items()}
        n = max((len(v) for v in examples.values()), default=0)
        rows = [{c: v[min(i, len(v) - 1)] if v else None for c, v in examples.items()} for i in range(n)]
        self._example_frame = pd.DataFrame(rows, columns=self.columns)
        return dict(self._example_frame.dtypes)

    def frames(self):
        """The table in chunks, each column of the type the whole table gives it."""
        import pickle

        import pandas as pd

        if not self.rows:
            yield pd.DataFrame([], columns=self.columns)
            return
        dtypes = self._dtypes()
        with open(self.workdir / "reports.pickle", "rb") as f:
            left = self.rows
            while left:
                rows = [pickle.load(f) for _ in range(min(left, self.CHUNK_ROWS))]
                left -= len(rows)
                frame = pd.DataFrame(rows, columns=self.columns)
                for c in self.columns:
                    if frame[c].dtype != dtypes[c]:
                        values = pd.Series([r.get(c) for r in rows], dtype=object)
                        frame[c] = values if dtypes[c] == object else values.astype(dtypes[c])
                yield frame

    def _to_csv(self, target) -> None:
        with open(target, "w", encoding="utf-8-sig", newline="") as f:
            for k, frame in enumerate(self.frames()):
                frame.to_csv(f, index=False, header=k == 0)

    def _to_parquet(self, target) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        # Money columns hold Decimals: stored as decimal128, exactly, not as floats.
        frames = self.frames()
        if not self.rows:
            pq.write_table(pa.Table.from_pandas(next(frames), preserve_index=False), target)
            return
        self._dtypes()
        schema = pa.Table.from_pandas(self._example_frame, preserve_index=False).schema
        with pq.ParquetWriter(target, schema) as writer:
            for frame in frames:
                writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))

    def _to_excel(self, target) -> None:
        """Cell values are converted the way pandas' to_excel converts them, so the workbook
        reads back as the one pandas writes."""
        from .workbook import StreamedSheet, write_streamed_workbook

        headers = _spec()["headers_zh"]
        header = [_excel_value(headers.get(c, c)) for c in self.columns]

        def rows_of(frame) -> list:
            return list(zip(*([_excel_value(v) for v in frame[c]] for c in self.columns)))

        first: list = []  # the rows the column widths are taken from
        for frame in self.frames():
            first += rows_of(frame.head(49 - len(first)))
            if len(first) >= 49:
                break
        widths = _column_widths([header] + first)

        def body(k: int):
            from .workbook import rows_xml

            start = 2
            for frame in self.frames():
                rows = rows_of(frame)
                yield rows_xml(rows, start, len(header))
                start += len(rows)

        write_streamed_workbook(target, [StreamedSheet("报告", header, self.rows, widths, body), self.facts.sheet()])


def _note_example(kinds: dict, value) -> None:
    """Keep, for a column, one value of each type it holds (the type decides how pandas and
    pyarrow store it), and of the numbers those that decide the storage's range: the
    smallest and largest integer, the decimal with the most digits before the point and
    the one with the most after it."""
    kind = type(value)
    if kind is int:
        for key, better in (("int-", value < kinds.get("int-", value + 1)), ("int+", value > kinds.get("int+", value - 1))):
            if better:
                kinds[key] = value
    elif kind is Decimal and value.is_finite():
        before, after = _decimal_sizes(value)
        for key, size in (("dec<", before), ("dec>", after)):
            held = kinds.get(key)
            if held is None or size > _decimal_sizes(held)[key == "dec>"]:
                kinds[key] = value
    elif kind not in kinds:
        kinds[kind] = value


def _decimal_sizes(value: Decimal) -> tuple:
    """Digits before and after the point, as pyarrow counts them for a decimal type."""
    _, digits, exponent = value.as_tuple()
    return len(digits) + exponent, -exponent


class _FactsSheet:
    """The workbook's facts sheet, its rows written as worksheet XML, as they come, to one
    compressed part file per sheet (a batch past Excel's row limit goes on in 事实 2 …)."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.rows = 0
        self.first: list = []  # the first rows, which the column widths are taken from
        self._part = None
        self._out = None

    def add(self, facts: list) -> None:
        from .workbook import MAX_ROWS, part_and_row, rows_xml

        rows = [[v if type(v) in _AS_THEY_ARE else _excel_value(v) for v in map(f.get, FACT_COLUMNS)] for f in facts]
        if len(self.first) < 49:
            self.first += rows[:49 - len(self.first)]
        i = 0
        while i < len(rows):
            part, r = part_and_row(self.rows + i)
            n = min(len(rows) - i, MAX_ROWS - r + 1)  # to the end of this part at most
            self._open(part).write(rows_xml(rows[i:i + n], r, len(FACT_COLUMNS)))
            i += n
        self.rows += len(rows)

    def _open(self, part: int):
        if part != self._part:
            self.close()
            self._part, self._out = part, gzip.open(self.workdir / f"facts.{part}.xml.gz", "wt", encoding="utf-8",
                                                    compresslevel=1)
        return self._out

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = self._part = None

    def sheet(self):
        from .workbook import StreamedSheet

        def body(k: int):
            path = self.workdir / f"facts.{k}.xml.gz"
            if path.exists():
                with gzip.open(path, "rt", encoding="utf-8") as f:
                    while chunk := f.read(1 << 20):
                        yield chunk

        return StreamedSheet("事实", FACT_COLUMNS, self.rows, _column_widths([FACT_COLUMNS] + self.first), body)


_AS_THEY_ARE = frozenset({str, int, bool, type(None)})


def _excel_value(value):
    """pandas' to_excel conversion: missing → "", infinities as text, numbers and bools as
    Python numbers, Decimals kept exact, anything else as its text. Plain str, int, bool,
    float and Decimal values are decided here without pandas' slower general checks."""
    kind = type(value)
    if kind is int or kind is bool or (kind is str and len(value) <= 32767):
        return value
    if value is None:
        return ""
    if kind is Decimal:
        return "" if value.is_nan() else value  # pandas counts Decimal("NaN") as missing
    if kind is float:
        if value != value:
            return ""
        return value if abs(value) != float("inf") else ("inf" if value > 0 else "-inf")
    return _excel_value_general(value)


def _excel_value_general(value):
    import math
    import warnings

    from pandas import isna
    from pandas.api.types import is_bool, is_float, is_integer, is_scalar

    if is_scalar(value) and isna(value):
        return ""
    if is_float(value) and math.isinf(value):
        value = "inf" if value > 0 else "-inf"
    if is_integer(value):
        return int(value)
    if is_float(value):
        return float(value)
    if is_bool(value):
        return bool(value)
    if isinstance(value, Decimal):
        return value
    text = str(value)
    if len(text) > 32767:
        warnings.warn("Cell contents too long, truncated to 32767 characters", UserWarning, stacklevel=2)
    return text


def _column_widths(rows: list) -> list:
    """A width per column from the header and the first rows: wide enough for the text,
    within 10 to 60."""
    return [min(max(10, max(len(str(v or "")) for v in column) * 1.6), 60) for column in zip(*rows)]
