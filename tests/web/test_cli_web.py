"""``filiere user``: creating accounts and opening cases to them from the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from workbench_case import Built

from filiere.cli import FiliereGroup
from filiere.cli.web import serve, user
from filiere.store import users


def test_add_grant_list_revoke(built: Built) -> None:
    runner = CliRunner()
    where = ["--cases-dir", str(built.cases_dir)]
    added = runner.invoke(user, ["add", "martin", "--role", "investigator", "--password-stdin", *where],
                          input="phrase de passe longue\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "user created: martin (investigator)" in added.output
    granted = runner.invoke(user, ["grant", "martin", built.name, *where])
    assert granted.exit_code == 0, granted.output
    listed = runner.invoke(user, ["list", *where])
    assert "martin\tinvestigator\tcerise" in listed.output
    conn = users.open_users(built.cases_dir)
    try:
        assert users.authenticate(conn, "martin", "phrase de passe longue") is not None
    finally:
        conn.close()
    revoked = runner.invoke(user, ["revoke", "martin", built.name, *where])
    assert revoked.exit_code == 0 and "martin\tinvestigator\t—" in runner.invoke(user, ["list", *where]).output


def test_prompted_password_is_confirmed(tmp_path: Path) -> None:
    runner = CliRunner()
    answer = runner.invoke(user, ["add", "chef", "--role", "administrator", "--cases-dir", str(tmp_path)],
                           input="phrase de passe longue\nphrase de passe longue\n")  # fmt: skip
    assert answer.exit_code == 0, answer.output


def test_errors_say_what_to_do(built: Built, tmp_path: Path) -> None:
    # The commands as the main entry point runs them: filiere's errors become messages and exit codes.
    cli = FiliereGroup("filiere", commands={"user": user, "serve": serve})
    runner = CliRunner()
    where = ["--cases-dir", str(built.cases_dir)]
    short = runner.invoke(cli, ["user", "add", "x", "--role", "reader", "--password-stdin", *where], input="court\n")
    assert short.exit_code == 64 and "password too short" in short.output
    missing = runner.invoke(cli, ["user", "grant", "enqueteur", "../cerise", *where])
    assert missing.exit_code == 64 and "no case '../cerise'" in missing.output


def test_serve_has_the_documented_defaults() -> None:
    options = {p.name: p.default for p in serve.params}
    assert options["host"] == "127.0.0.1" and options["port"] == 8000 and str(options["cases_dir"]) == "cases"
