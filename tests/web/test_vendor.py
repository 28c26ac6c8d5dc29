"""Vendored scripts: exactly the pinned npm files, as the manifest and the lock file say."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "filiere" / "web" / "static" / "vendor"


def test_vendored_files_match_the_manifest_and_the_lock() -> None:
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert set(manifest) == {p.name for p in VENDOR.iterdir()} - {"MANIFEST.json"}
    for name, entry in manifest.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == entry["sha256"], name
        assert lock["packages"][f"node_modules/{entry['package']}"]["version"] == entry["version"]
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == {"cytoscape": manifest["cytoscape.min.js"]["version"]}


def test_no_page_loads_anything_from_elsewhere() -> None:
    web = ROOT / "filiere" / "web"
    for path in [*(web / "templates").glob("*.html"), *(web / "static").glob("*.js"), *(web / "static").glob("*.css")]:
        # XML namespace names (http://www.w3.org/…) are identifiers, not addresses anything is loaded from.
        text = path.read_text(encoding="utf-8").replace("http://www.w3.org/", "")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path
