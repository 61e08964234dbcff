"""Our facts as spaCy documents: every fact an entity whose text is exactly its quote, on
every seed and corpus report; a DocBin that loads back; spaCy never imported by extraction."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy", reason="the [spacy] extra is not installed")

from extractor.pipeline import extract_file  # noqa: E402
from extractor.spacy_doc import to_spacy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = sorted(p for p in (ROOT / "corpus").iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


def _reports():
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    return seeds + CORPUS


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("zh")


@pytest.mark.parametrize("path", _reports(), ids=lambda p: p.name)
def test_every_fact_is_an_entity_with_its_exact_quote(path, nlp):
    record = extract_file(path)
    doc = to_spacy(record, nlp)
    by_id = {f["id"]: f for f in record["facts"]}
    assert len(doc.ents) == len(record["facts"])
    for ent in doc.ents:
        fact = by_id[ent._.fact_id]
        assert ent.text == fact["source"]["quote"] == fact["text"]
        assert ent.label_ == fact["kind"].upper()
        assert ent._.fact_value == str(fact["value"]) and ent._.fact_unit == fact["unit"]
    for span in doc.spans["flag_evidence"]:
        assert span.label_ in {f["rule"] for f in record["flags"]}
    assert len(doc.spans["problems"]) >= len(record["problems"])


def test_export_writes_a_docbin_that_loads_back(tmp_path, nlp):
    out = tmp_path / "reports"
    run = subprocess.run([sys.executable, "-m", "extractor.cli", "run", str(ROOT / "corpus" / "a_project_utf8.txt"),
                          str(ROOT / "corpus" / "c03_flat_tables.txt"), "-o", str(out), "--no-progress"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    target = tmp_path / "facts.spacy"
    export = subprocess.run([sys.executable, "-m", "extractor.cli", "export", "--spacy", str(target), str(out / "reports")],
                            capture_output=True, text=True)
    assert export.returncode == 0, export.stderr
    from extractor.spacy_doc import _register_extensions
    from spacy.tokens import DocBin

    _register_extensions()
    docs = list(DocBin().from_disk(target).get_docs(nlp.vocab))
    assert len(docs) == 2
    assert all(doc.ents for doc in docs)
    assert {doc.user_data["report_id"] for doc in docs} == {p.stem for p in (out / "reports").glob("*.json")}
    assert all(ent._.fact_id for doc in docs for ent in doc.ents)


def test_a_changed_file_is_refused(tmp_path, nlp):
    from extractor.spacy_doc import SourceChanged

    path = tmp_path / "r.txt"
    path.write_text("某县2020年项目资金到位120万元。\n", encoding="utf-8")
    record = extract_file(path)
    path.write_text("某县2020年项目资金到位130万元。\n", encoding="utf-8")
    with pytest.raises(SourceChanged):
        to_spacy(record, nlp)


def test_extraction_does_not_import_spacy():
    code = ("import sys; from extractor.pipeline import extract_file; "
            f"extract_file({str(ROOT / 'corpus' / 'a_project_utf8.txt')!r}); "
            "import extractor; print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
