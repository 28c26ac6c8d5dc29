"""Command-line entry point (thin): parse arguments, call the library, print.

Every ``FiliereError`` becomes a message on standard error that says what went wrong and what to
do, with the error's exit code; never a traceback.
"""

from __future__ import annotations

from typing import Any

import click

from filiere import __version__
from filiere.errors import FiliereError
from filiere.i18n import tr


class FiliereGroup(click.Group):
    """A click group that turns filiere's errors into messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FiliereError as exc:
            click.secho(tr("erreur : ", "error: ") + exc.message, err=True, fg="red")
            if exc.hint:
                click.echo("→ " + exc.hint, err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo(tr("interrompu", "interrupted"), err=True)
            ctx.exit(130)


@click.group(cls=FiliereGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="filiere")
def cli() -> None:
    """filiere : remonter la filière. Atelier d'enquête hors ligne (stupéfiants, cyber).

    filiere: trace the network back. Offline investigation workbench (cyber-narcotics).
    """


def _register() -> None:
    from filiere.cli.analysis import actors, analyze, judge, search_command
    from filiere.cli.case_cmds import add, case, log, verify
    from filiere.cli.demo import demo
    from filiere.cli.detect import detect_command
    from filiere.cli.network import network
    from filiere.cli.parse import parse
    from filiere.cli.web import serve, user

    for command in (
        case,
        add,
        verify,
        log,
        parse,
        analyze,
        actors,
        judge,
        search_command,
        detect_command,
        network,
        demo,
        serve,
        user,
    ):
        cli.add_command(command)


_register()


def main() -> None:
    cli()
