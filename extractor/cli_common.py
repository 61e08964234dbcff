"""What every command of the command line shares: the `extractor` group they are registered
on, with its bilingual help, one clear line and an exit for a usage or environment error, and
opening an existing store. A module of its own so that the commands' modules (cli.py,
cli_store.py) import it and never each other: `python -m extractor.cli` runs cli.py as
__main__, and a module importing cli.py would build a second group."""
from __future__ import annotations

import sys

import click

from . import __version__


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
