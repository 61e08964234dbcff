"""Command line: a thin layer over library functions.

Exit codes: 0 every input ok (or skipped as unchanged), 1 some inputs failed (the rest
were still processed), 2 usage error, 130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import errno
import sys
from pathlib import Path

import click

from . import __version__

INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT
STATUSES = ("ok", "skipped", "duplicate", "failed")


def fail(message: str, code: int = 2):
    """One clear line on stderr, then exit (2: a usage or environment error)."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def open_store(db):
    """An existing store, or one clear line and exit 2 when the file is not one."""
    from .store import NotAStore, Store

    try:
        return Store(db, create=False)
    except NotAStore as e:
        fail(f"{db} 不是 extractor 的数据库 / {e}")


class _BilingualHelp:
    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示帮助 / Show this message and exit."
        return option


class _Command(_BilingualHelp, click.Command):
    pass


class _Group(_BilingualHelp, click.Group):
    command_class = _Command


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor", help="显示版本 / Show the version and exit.")
def main():
    """从绩效评价报告中提取结构化、可核查的数据。

    Structured, checkable data from Chinese performance-evaluation reports (绩效评价报告)."""


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


@main.command()
@click.option("--db", required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True), help="SQLite 数据库 / SQLite store.")
@click.option("-o", "--out", "target", type=click.Path(path_type=Path, dir_okay=False),
              help="输出文件：.csv、.parquet 或 .xlsx / Output file: .csv, .parquet or .xlsx.")
@click.option("--charts", "charts_dir", type=click.Path(path_type=Path, file_okay=False),
              help="同时在此文件夹中绘制 PNG 图表 / Also draw PNG charts into this folder.")
def dataset(db, target, charts_dir):
    """从数据库生成每份报告一行的对比数据集（以及图表）。

    Write the one-row-per-report comparison dataset from the store (and charts)."""
    from .dataset import write_dataset

    if target is None and charts_dir is None:
        raise click.UsageError("give -o OUT.{csv,parquet,xlsx}, --charts DIR, or both")
    if target is not None and target.suffix.lower() not in (".csv", ".parquet", ".xlsx"):
        raise click.UsageError("the output must end in .csv, .parquet or .xlsx")
    with open_store(db) as store:
        records = store.records()
    if target is not None:
        write_dataset(records, target)
        click.echo(f"{len(records)} reports → {target}", err=True)
    if charts_dir is not None:
        from .charts import write_charts

        for path in write_charts(records, charts_dir):
            click.echo(f"chart → {path}", err=True)


@main.command()
@click.option("--db", required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True), help="SQLite 数据库 / SQLite store.")
@click.option("--port", default=8765, show_default=True, type=int, help="端口 / Port.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="绑定的地址；本机以外（如 0.0.0.0）须先用 extractor users add 添加账号，审核人需登录 / Address to bind; "
                   "beyond loopback (e.g. 0.0.0.0) reviewers log in with accounts made by extractor users add.")
@click.option("--login", "login", is_flag=True,
              help="在本机上也要求登录（审核决定记在账号名下）/ Require logins on loopback too (decisions under the account's name).")
def review(db, port, host, login):
    """审核应用：在浏览器中逐条查看标记及其原文证据并作出审核决定。

    The auditors' review app: decide every flag, with its evidence in view."""
    from .review import NoAccounts, serve
    from .store import NotAStore

    try:
        server = serve(db, host, port, login=login)
    except NotAStore as e:
        fail(f"{db} 不是 extractor 的数据库 / {e}")
    except NoAccounts:
        fail(f"拒绝在 {host} 上提供审核应用：{'本机以外' if not login else '要求登录'}时审核人须登录，但数据库中还没有账号；"
             f"请先运行 extractor users add 姓名 --db {db} / refusing to serve on {host}: reviewers must log in there "
             "and the store has no accounts yet; add one with extractor users add NAME")
    except OSError as e:
        if e.errno in (errno.EADDRINUSE, errno.EACCES):
            fail(f"端口 {port} 无法使用（已被占用或无权限），请用 --port 换一个 / port {port} is not available "
                 f"({e.strerror}); choose another with --port")
        fail(f"无法在 {host}:{port} 上启动 / cannot serve on {host}:{port}: {e.strerror or e}")
    click.echo(f"review app on http://{host}:{server.server_port}/ (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


@main.group(cls=_Group)
def users():
    """审核应用的账号（在本机以外提供服务时审核人须登录）。

    Reviewer accounts of the review app (needed to serve it beyond loopback)."""


_DB = click.option("--db", required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True),
                   help="SQLite 数据库 / SQLite store.")


def _account_call(db, call, *args):
    from .accounts import AccountError

    with open_store(db) as store:
        try:
            return call(store.db, *args)
        except AccountError as e:
            fail(f"{e.zh} / {e.en}")


@users.command("add")
@click.argument("name")
@_DB
@click.option("--password-stdin", is_flag=True, help="从标准输入读取密码（供脚本使用）/ Read the password from stdin (for scripts).")
def users_add(name, db, password_stdin):
    """添加账号 NAME，密码在提示时输入（以 scrypt 散列保存）。

    Add the account NAME; the password is prompted for (stored as an scrypt hash)."""
    from .accounts import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("密码 / Password", hide_input=True, confirmation_prompt="再输一次 / Repeat")
    _account_call(db, add_user, name, password)
    click.echo(f"账号 {name} 已添加 / account {name} added", err=True)


@users.command("list")
@_DB
def users_list(db):
    """列出账号。 / List the accounts."""
    from .accounts import users as all_users

    click.echo("账号 name\t创建时间 created (UTC)\t登录中 sessions")
    for name, created, sessions in _account_call(db, all_users):
        click.echo(f"{name}\t{created}\t{sessions}")


@users.command("remove")
@click.argument("name")
@_DB
def users_remove(name, db):
    """删除账号 NAME 并结束其登录（其审核记录保留）。

    Remove the account NAME and end its sessions (its decisions stay)."""
    from .accounts import remove_user

    _account_call(db, remove_user, name)
    click.echo(f"账号 {name} 已删除 / account {name} removed", err=True)


@main.command()
@click.option("--db", required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True), help="SQLite 数据库 / SQLite store.")
@click.option("-o", "--out", "outdir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="输出文件夹 / Output folder.")
def audit(db, outdir):
    """为数据库中的每份报告生成静态审核页面（audit.html）。

    Write the static audit pages (audit.html) for every report in the store."""
    from .audit import write_audit_html

    with open_store(db) as store:
        outdir.mkdir(parents=True, exist_ok=True)
        write_audit_html(store.records(), outdir / "audit.html")
    click.echo(f"→ {outdir / 'audit.html'}", err=True)


@main.command()
@click.option("--spacy", "spacy_out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="写出 spaCy DocBin 文件（需安装 [spacy]）/ Write the reports as a spaCy DocBin (needs the [spacy] extra).")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="导出数据库中的报告 / Export the reports of a store.")
@click.argument("records", nargs=-1, type=click.Path(path_type=Path, exists=True))
def export(spacy_out, db, records):
    """导出报告供其他工具使用：RECORDS（记录 JSON 文件或其文件夹，即 run 写在 reports/ 下的）
    或 --db 数据库；每份报告的原文件会重新读取以取得正文。

    Export reports for other tools: RECORDS (record .json files or folders of them, as
    `run` writes under reports/) or --db, each report's file read again for its text."""
    import json
    from decimal import Decimal

    from .errors import ExtractorError

    try:
        from .spacy_doc import write_docbin
        import spacy  # noqa: F401
    except ImportError:
        fail('未安装 spaCy / spaCy is not installed: pip install "extractor[spacy]"')
    if bool(db) == bool(records):
        raise click.UsageError("请给出记录文件（或其文件夹）或 --db，二者择一 / "
                               "give record files (or folders of them) or --db, not both")
    if db:
        with open_store(db) as store:
            loaded = store.records()
    else:
        files = [f for r in records for f in (sorted(r.rglob("*.json")) if r.is_dir() else [r])]
        loaded = [json.loads(f.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal) for f in files]
    try:
        n = write_docbin(loaded, spacy_out)
    except ExtractorError as e:
        fail(str(e))
    click.echo(f"{n} reports → {spacy_out}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
