"""Command line: a thin layer over library functions. Here the commands that read reports
(`run`, `extract`, `eval`, `import`) and their OCR options; the commands over what a store
holds are cli_store.py's, and the group they are all registered on is cli_common.py's.

Exit codes: 0 every input ok (or skipped as unchanged), 1 some inputs failed (the rest
were still processed), 2 usage error, 130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import cli_store  # noqa: F401  (registers the store's commands on main)
from .cli_common import main

INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT
STATUSES = ("ok", "skipped", "duplicate", "failed")


def ocr_options(command):
    """--no-ocr, --only-ocr and the OCR time limits, shared by `run` and `import`."""
    seconds = click.FloatRange(min=0, min_open=True)
    for option in reversed([
        click.option("--no-ocr", is_flag=True,
                     help="不做 OCR：需要 OCR 的文件（扫描页）记为 skipped / needs_ocr，留待下次运行 / "
                          "No OCR: files with scanned pages are recorded as skipped with code needs_ocr, "
                          "left for a later run."),
        click.option("--only-ocr", is_flag=True,
                     help="只处理需要 OCR 的文件（如上次 --no-ocr 留下的），其余记为 skipped / no_ocr_needed / "
                          "Process only files that need OCR (such as those a --no-ocr run left); the others are "
                          "recorded as skipped with code no_ocr_needed."),
        click.option("--ocr-page-seconds", type=seconds, default=None, envvar="EXTRACTOR_OCR_PAGE_SECONDS",
                     help="每页 OCR 时限（秒，默认 60），超时的页记为未读 / OCR time limit per page in seconds "
                          "(default 60); a page past it is killed and listed as not read."),
        click.option("--ocr-file-seconds", type=seconds, default=None, envvar="EXTRACTOR_OCR_FILE_SECONDS",
                     help="每个文件 OCR 总时限（秒，默认 300），用尽后其余页记为未读 / OCR time limit per file in "
                          "seconds (default 300); pages left when it is used up are listed as not read."),
    ]):
        command = option(command)
    return command


def apply_ocr_options(no_ocr: bool, only_ocr: bool, page_seconds, file_seconds) -> None:
    """The OCR settings into the environment, where this process and its workers read them."""
    from .ingest.ocr_budget import OcrSettings, current

    if no_ocr and only_ocr:
        raise click.UsageError("--no-ocr 与 --only-ocr 不能同时使用 / --no-ocr and --only-ocr exclude each other")
    now = current()
    OcrSettings("off" if no_ocr else "only" if only_ocr else now.mode,
                page_seconds or now.page_seconds, file_seconds or now.file_seconds).export()


def left_for_ocr(deferred: int) -> None:
    """Say how many files a --no-ocr run left, and how to read them."""
    if deferred:
        click.echo(f"  {deferred} 个文件需要 OCR，已跳过；不带 --no-ocr（或用 --only-ocr）再运行即可处理 / "
                   f"{deferred} files need OCR and were left: run again without --no-ocr (or with --only-ocr)",
                   err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "outdir", default="outputs", show_default=True, type=click.Path(path_type=Path),
              help="输出文件夹 / Output folder.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(1, 64),
              help="并行进程数 / Worker processes.")
@click.option("--force", is_flag=True, help="即使文件未变也重新处理 / Re-process files even when unchanged since the last run.")
@click.option("--progress/--no-progress", default=None, help="进度条（默认：终端上显示）/ Progress bar (default: on when stderr is a terminal).")
@ocr_options
def run(paths, outdir, jobs, force, progress, no_ocr, only_ocr, ocr_page_seconds, ocr_file_seconds):
    """处理报告（文件或文件夹，默认 corpus/），输出到 OUTDIR：每份报告一个 JSON 记录，以及
    facts.csv、flags.csv、dataset.{csv,parquet,xlsx}、manifest.csv、audit.html。

    Process reports (files or folders; default corpus/) into OUTDIR: one JSON record per
    report, facts.csv, flags.csv, dataset.{csv,parquet,xlsx}, manifest.csv, audit.html."""
    from .runner import run_batch

    if not paths:
        paths = (Path("corpus"),)
    missing = [str(p) for p in paths if not p.exists()]
    if missing and len(missing) == len(paths):
        raise click.UsageError(f"no such file or folder: {', '.join(missing)}")
    apply_ocr_options(no_ocr, only_ocr, ocr_page_seconds, ocr_file_seconds)
    try:
        summary = run_batch(list(paths), outdir, jobs=jobs, progress=progress, force=force)
    except KeyboardInterrupt:  # a second Ctrl-C while the outputs were being written
        click.echo(f"已中断，{outdir} 中原有的输出未改动 / interrupted; the previous outputs in {outdir} "
                   "are left as they were", err=True)
        sys.exit(INTERRUPTED)
    if summary.interrupted:
        click.echo(f"已中断：完成 {summary.done}/{summary.inputs} 个输入，其结果已写入 {outdir} / interrupted: "
                   f"{summary.done} of {summary.inputs} inputs done, their outputs written to {outdir}", err=True)
        sys.exit(INTERRUPTED)
    counts = summary.counts
    click.echo(f"{summary.inputs} inputs: " + ", ".join(f"{counts[k]} {k}" for k in STATUSES if counts[k])
               + f" → {outdir}", err=True)
    for path, error in summary.failed:
        click.echo(f"  failed: {path}: {error}", err=True)
    left_for_ocr(summary.codes["needs_ocr"])
    sys.exit(1 if counts["failed"] else 0)


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def extract(file):
    """以 JSON 输出一份报告的记录。

    Print one report's record as JSON."""
    from .errors import ExtractorError
    from .pipeline import extract_file
    from .record import dumps

    if not file.exists():
        raise click.UsageError(f"no such file: {file}")
    try:
        record = extract_file(file)
    except ExtractorError as e:
        click.echo(f"error: {file}: {e} [{e.code}]", err=True)
        sys.exit(1)
    except Exception as e:  # a bug or a pathological file: say so plainly, as `run` does
        click.echo(f"error: {file}: {type(e).__name__}: {e} [internal_error]", err=True)
        sys.exit(1)
    click.echo(dumps(record))


@main.command(name="eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="标准答案 JSON 文件夹（每份报告一个，同名）/ Folder of gold JSON files (one per report, named after it).")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--min-recall", default=0.0, show_default=True, type=float, help="事实召回率低于此值则失败（退出码 1）/ Fail (exit 1) below this fact recall.")
@click.option("--min-precision", default=0.0, show_default=True, type=float,
              help="事实精确率低于此值则失败 / Fail (exit 1) below this fact precision.")
@click.option("--min-label-accuracy", default=0.0, show_default=True, type=float,
              help="标签准确率低于此值则失败 / Fail (exit 1) below this share of matched facts with the gold label.")
@click.option("--min-section-recall", default=0.0, show_default=True, type=float,
              help="问题与建议召回率低于此值或有重复条目则失败 / Fail (exit 1) below this recall of problem and recommendation items, or on a duplicated item.")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出得分 / Print the scores as JSON.")
def eval_cmd(gold_dir, paths, min_recall, min_precision, min_label_accuracy, min_section_recall, as_json):
    """对照标准答案评估提取结果：按事实类型的精确率、召回率、F1，以及元数据、问题与建议。
    PATHS 默认为标准答案文件夹的上级。

    Score extraction against gold files: precision / recall / F1 per fact kind, and
    for metadata, problems and recommendations. PATHS default to the gold folder's parent."""
    from .evaluate import evaluate, format_scores

    scores = evaluate(gold_dir, list(paths) or [gold_dir.parent])
    if as_json:
        import json
        click.echo(json.dumps(scores, ensure_ascii=False, indent=2))
    else:
        click.echo(format_scores(scores))
    overall = scores["facts"]["all"]
    sections = {k: v["recall"] for k, v in scores["sections"].items() if k.startswith("all:")}
    misses = []
    if overall["recall"] < min_recall:
        misses.append(f"fact recall {overall['recall']:.3f} (min {min_recall})")
    if overall["precision"] < min_precision:
        misses.append(f"fact precision {overall['precision']:.3f} (min {min_precision})")
    label = scores["label_accuracy"].get("all")
    if min_label_accuracy and (label or 0) < min_label_accuracy:
        misses.append(f"label accuracy {label or 0:.3f} (min {min_label_accuracy})")
    misses += [f"{k[4:]} recall {v:.3f} (min {min_section_recall})" for k, v in sections.items() if v < min_section_recall]
    if min_section_recall and scores["duplicated_items"]:
        misses.append(f"{scores['duplicated_items']} duplicated problem/recommendation items")
    if misses:
        click.echo("below threshold: " + "; ".join(misses), err=True)
        sys.exit(1)


@main.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--db", required=True, type=click.Path(path_type=Path, dir_okay=False), help="SQLite 数据库（不存在则创建）/ SQLite store (created if missing).")
@click.option("-j", "--jobs", default=None, type=click.IntRange(1, 64), help="并行进程数（默认：全部核心）/ Worker processes (default: all cores).")
@click.option("--progress/--no-progress", default=None, help="进度条（默认：终端上显示）/ Progress bar (default: on when stderr is a terminal).")
@click.option("--dask", "scheduler", default=None, metavar="ADDRESS",
              help="在 Dask 集群上运行：调度器地址或 local（需安装 [dask]）/ Run on a Dask cluster: a scheduler address, or 'local' (needs the [dask] extra).")
@ocr_options
def import_cmd(paths, db, jobs, progress, scheduler, no_ocr, only_ocr, ocr_page_seconds, ocr_file_seconds):
    """把文件夹、文件和 .zip、.rar、.7z 压缩包导入数据库；可重复运行、可断点续做：本版本已导入的文件会跳过。

    Import folders, files and .zip, .rar and .7z archives into the store. Idempotent and resumable:
    files already stored by this extractor version are skipped."""
    from .importer import import_paths

    if scheduler:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise click.UsageError("--dask needs Dask: pip install -e '.[dask]'")
    apply_ocr_options(no_ocr, only_ocr, ocr_page_seconds, ocr_file_seconds)
    from .workers import Interrupted

    try:
        counts = import_paths(list(paths), db, jobs=jobs, progress=progress, dask=scheduler)
    except Interrupted as e:
        done = sum(e.counts.values())
        click.echo(f"已中断：完成 {done}/{e.total} 个输入，均已存入 {db}，再次运行即可接着导入 / interrupted: "
                   f"{done} of {e.total} inputs done and stored in {db}; run again to import the rest", err=True)
        sys.exit(INTERRUPTED)
    click.echo(", ".join(f"{v} {k}" for k, v in counts.items() if v) + f" → {db}", err=True)
    sys.exit(1 if counts["failed"] else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
