"""Copy the pinned npm packages of package-lock.json into filiere/web/static/vendor/ (run by hand).

The workbench runs on closed networks: every script it serves is a committed file. This script is
how those files are refreshed: ``npm ci`` in a scratch folder (exact versions and integrity hashes
from the lock file, no install scripts), then the distributed files and their licences are copied,
and ``MANIFEST.json`` records each file's package, version and SHA-256 (a test checks it).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "filiere" / "web" / "static" / "vendor"
# package -> {file inside the package: name under vendor/}
FILES = {
    "cytoscape": {"dist/cytoscape.min.js": "cytoscape.min.js", "LICENSE": "cytoscape.LICENSE.txt"},
}


def main() -> int:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    manifest: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("package.json", "package-lock.json"):
            shutil.copy(ROOT / name, Path(scratch) / name)
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=scratch, check=True)
        VENDOR.mkdir(parents=True, exist_ok=True)
        for package, files in FILES.items():
            version = lock["packages"][f"node_modules/{package}"]["version"]
            for inside, target_name in files.items():
                target = VENDOR / target_name
                shutil.copy(Path(scratch) / "node_modules" / package / inside, target)
                digest = hashlib.sha256(target.read_bytes()).hexdigest()
                manifest[target_name] = {"package": package, "version": version, "file": inside, "sha256": digest}
                print(f"{target.relative_to(ROOT)}  {package}@{version}  {digest}")
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
