"""Score the extractor on the real development set (see README.md beside this file).

    .venv/bin/python corpus/realdev/run_eval.py [--split test|tune|all] [--pdf] [--json]

Writes each document's hand-typed gold from index.jsonl as a gold file, gathers the texts
present in texts/ (git-ignored: third-party text is never committed) for the split, and runs
`extractor eval` on them; with --pdf also on PDFs LibreOffice makes from the same texts
(cached by the text's sha256). Documents whose text is missing are skipped and counted.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from extractor.evaluate import evaluate, format_scores  # noqa: E402

# the collectors' names for the sums of a form's weights and scores: one rule checks both
RULE_ALIASES = {"form.weight_total": "form.score_total"}


def load_index(path: Path = HERE / "index.jsonl") -> list:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def present_entries(split: str, texts: Path) -> list:
    """The split's entries whose text is in `texts`, saying how many are skipped (and when
    none is there)."""
    entries = [e for e in load_index() if split == "all" or e["split"] == split]
    present = [e for e in entries if (texts / f"{e['id']}.txt").exists()]
    if len(present) < len(entries):
        print(f"{len(entries) - len(present)} of {len(entries)} documents skipped: text not in {texts}", file=sys.stderr)
    if not present:
        print("no texts present: nothing to score", file=sys.stderr)
    return present


def gold_file(entry: dict) -> dict:
    gold = entry["gold"]
    return {
        "file": f"{entry['id']}.txt",
        "metadata": {k: v for k, v in gold.get("metadata", {}).items() if v is not None},
        "facts": gold["facts"],
        # always present, so every flag raised on a clean document counts against precision
        "flags": [{**f, "rule": RULE_ALIASES.get(f["rule"], f["rule"])} for f in gold.get("flags", [])],
    }


def _pdf_of(text: Path, cache: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    digest = hashlib.sha256(text.read_bytes()).hexdigest()[:16]
    out = cache / f"{text.stem}.{digest}.pdf"
    if not out.exists():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless",
                            "--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "pdf", "--outdir", tmp, str(text)],
                           check=True, capture_output=True, timeout=180)
            shutil.move(str(Path(tmp) / f"{text.stem}.pdf"), out)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["test", "tune", "all"], default="test")
    ap.add_argument("--pdf", action="store_true", help="also score PDFs made from the texts by LibreOffice")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--texts", type=Path, default=HERE / "texts")
    args = ap.parse_args(argv)

    present = present_entries(args.split, args.texts)
    if not present:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, docs = Path(tmp) / "gold", Path(tmp) / "docs"
        gold_dir.mkdir()
        docs.mkdir()
        cache = HERE / "cache"
        cache.mkdir(exist_ok=True)
        for e in present:
            (gold_dir / f"{e['id']}.json").write_text(json.dumps(gold_file(e), ensure_ascii=False), encoding="utf-8")
            text = args.texts / f"{e['id']}.txt"
            shutil.copy(text, docs / text.name)
            if args.pdf:
                pdf = _pdf_of(text, cache)
                if pdf is not None:
                    shutil.copy(pdf, docs / f"{e['id']}.pdf")
        scores = evaluate(gold_dir, [docs])
    if args.json:
        print(json.dumps({k: v for k, v in scores.items() if k != "reports"}, ensure_ascii=False, indent=2))
    else:
        print(f"split: {args.split}  documents: {len(present)}")
        print(format_scores(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
