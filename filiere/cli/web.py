"""``filiere serve`` (the web workbench) and ``filiere user`` (its accounts and case membership)."""

from __future__ import annotations

import sys
from contextlib import closing
from pathlib import Path

import click

from filiere.errors import UsageError
from filiere.i18n import tr
from filiere.store import users

CASES_DIR = click.Path(file_okay=False, path_type=Path)


@click.command()
@click.argument("cases_dir", type=CASES_DIR, default=Path("cases"))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=tr("adresse d'écoute (127.0.0.1 : ce poste seulement)", "address to listen on (127.0.0.1: this machine only)"),
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help=tr("port", "port"))
@click.option(
    "--secure-cookies",
    is_flag=True,
    help=tr("cookies « Secure » (derrière un mandataire HTTPS)", "'Secure' cookies (behind an HTTPS proxy)"),
)
def serve(cases_dir: Path, host: str, port: int, secure_cookies: bool) -> None:
    """Ouvre l'atelier web sur les affaires de CASES_DIR. / Serve the web workbench over the cases in CASES_DIR.

    Users and their access to each case are managed with 'filiere user'.
    """  # fmt: skip
    import uvicorn

    from filiere.web.app import create_app

    cases_dir.mkdir(parents=True, exist_ok=True)
    with closing(users.open_users(cases_dir)) as conn:
        if not users.list_users(conn):
            hint = tr("aucun utilisateur : créez-en un avec « filiere user add NOM --role administrator »",
                      "no user yet: create one with 'filiere user add NAME --role administrator'")  # fmt: skip
            click.echo(hint, err=True)
    click.echo(tr(f"filiere : http://{host}:{port}/  (Ctrl+C pour arrêter)",
                  f"filiere: http://{host}:{port}/  (Ctrl+C to stop)"))  # fmt: skip
    app = create_app(cases_dir, secure_cookies=secure_cookies, warm=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@click.group()
def user() -> None:
    """Comptes de l'atelier web et accès aux affaires. / Web workbench accounts and case access."""


def _cases_option(func: click.decorators.FC) -> click.decorators.FC:
    return click.option("--cases-dir", type=CASES_DIR, default=Path("cases"), show_default=True, envvar="FILIERE_CASES",
                        help=tr("dossier des affaires (celui de « filiere serve »)",
                                "folder of the cases (the one given to 'filiere serve')"))(func)  # fmt: skip


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    value: str = click.prompt(tr("mot de passe", "password"), hide_input=True, confirmation_prompt=True)
    return value


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(users.ROLES), required=True, help=tr("rôle", "role"))
@click.option(
    "--password-stdin",
    is_flag=True,
    help=tr("lire le mot de passe sur l'entrée standard", "read the password from standard input"),
)
@_cases_option
def user_add(name: str, role: str, password_stdin: bool, cases_dir: Path) -> None:
    """Crée un utilisateur. / Create a user."""
    cases_dir.mkdir(parents=True, exist_ok=True)
    password = _password(password_stdin)
    with closing(users.open_users(cases_dir)) as conn:
        created = users.add_user(conn, name, role, password)
    click.echo(
        tr(f"utilisateur créé : {created.name} ({created.role})", f"user created: {created.name} ({created.role})")
    )


@user.command("grant")
@click.argument("name")
@click.argument("case")
@_cases_option
def user_grant(name: str, case: str, cases_dir: Path) -> None:
    """Ouvre l'affaire CASE (nom de dossier) à NAME. / Give NAME access to case CASE (its folder name)."""
    from filiere.web.access import CASE_NAME, case_names

    if not CASE_NAME.fullmatch(case) or case not in case_names(cases_dir):
        raise UsageError(
            tr(f"pas d'affaire « {case} » dans {cases_dir}", f"no case '{case}' in {cases_dir}"),
            hint=tr("donnez le nom du dossier de l'affaire (lettres, chiffres, - et _) dans le dossier des affaires",
                    "give the case's folder name (letters, digits, - and _), inside the cases folder"),
        )  # fmt: skip
    with closing(users.open_users(cases_dir)) as conn:
        users.grant(conn, name, case, by=_actor())
    click.echo(tr(f"{name} a accès à {case}", f"{name} may open {case}"))


@user.command("revoke")
@click.argument("name")
@click.argument("case")
@_cases_option
def user_revoke(name: str, case: str, cases_dir: Path) -> None:
    """Retire l'accès à une affaire. / Take away access to a case."""
    with closing(users.open_users(cases_dir)) as conn:
        users.revoke(conn, name, case)
    click.echo(tr(f"{name} n'a plus accès à {case}", f"{name} may no longer open {case}"))


@user.command("list")
@_cases_option
def user_list(cases_dir: Path) -> None:
    """Liste les utilisateurs et leurs affaires. / List users and their cases."""
    with closing(users.open_users(cases_dir)) as conn:
        for found in users.list_users(conn):
            click.echo(f"{found.name}\t{found.role}\t{', '.join(users.cases_of(conn, found)) or '—'}")


def _actor() -> str:
    from filiere.case import current_actor

    return current_actor()
