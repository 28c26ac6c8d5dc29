"""``filiere demo generate`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from filiere.cli.demo import demo


def test_generate_command(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "case"
    result = runner.invoke(demo, ["generate", str(out), "--seed", "5", "--scale", "250", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["telegram_messages"] == summary["whatsapp_lines"] == 250
    assert (out / "truth.json").is_file() and summary["seed"] == 5
    again = runner.invoke(demo, ["generate", str(out), "--scale", "250"], env={"FILIERE_LANG": "en"})
    assert again.exit_code == 64 and "not empty" in again.output and "--force" in again.output
    forced = runner.invoke(demo, ["generate", str(out), "--scale", "250", "--force"], env={"FILIERE_LANG": "fr"})
    assert forced.exit_code == 0 and "Cas fictif écrit" in forced.output
    bad = runner.invoke(demo, ["generate", str(tmp_path / "other"), "--scale", "huge"])
    assert bad.exit_code == 64
