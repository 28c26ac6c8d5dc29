"""Command-line entry point (thin): parse, call the library, print."""

from __future__ import annotations

import click

from filiere import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="filiere")
def cli() -> None:
    """filiere: remonter la filière (offline investigation workbench)."""


def main() -> None:
    cli()
