"""The commands over what a store holds (`extractor import` fills it): the comparison dataset
and its charts, the review app and its reviewer accounts, the static audit pages, and the
export for other tools (which also takes the record files `run` writes). They start from
reports already extracted, so none of them takes the extraction's options (workers, OCR)."""
from __future__ import annotations

import errno
import sys
from pathlib import Path

import click

from .cli_common import _Group, fail, main, open_store


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
