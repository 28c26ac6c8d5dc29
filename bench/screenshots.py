"""A screenshot of each main page of the workbench, written under docs/screenshots/ for the README.

    .venv/bin/python bench/screenshots.py                      # on a fictional case built for the purpose
    .venv/bin/python bench/screenshots.py CASES_DIR CASE       # on an existing (fictional!) case

Debian's Chromium, driven by Playwright, on a server running in this process on 127.0.0.1; no
browser is downloaded. A ``screenshots`` account is created in CASES_DIR.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

from filiere.case import Case
from filiere.store import users
from filiere.store.webqueries import network, overview, places
from filiere.web import create_app
from filiere.web.server import running

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
USER = "screenshots"
MAX_HEIGHT = 1800


def targets(cases_dir: Path, case: str) -> dict[str, str]:
    base = f"/cases/{case}"
    with Case.open(cases_dir / case) as opened:
        conn = opened.conn
        convs = overview.conversations(conn)
        chat = next((c["key"] for c in convs if c["kind"] == "direct"), convs[0]["key"])
        channel = next((c["key"] for c in convs if c["kind"] == "channel"), chat)
        dispatchers = [a["id"] for a in places.actors_with_role(conn, "dispatcher")] or network.top_actors(
            conn, "pagerank", 1
        )
        couriers = places.actors_with_role(conn, "courier")
    shots = {
        "01-affaires": "/cases",
        "02-tableau-de-bord": base,
        "03-recherche": f"{base}/search?q=livraison+%22de+midi%22",
        "04-conversation": f"{base}/conversation?key={quote(chat)}",
        "05-canal": f"{base}/channel?key={quote(channel)}",
        "07-reseau": f"{base}/network",
    }
    if dispatchers:
        shots["06-acteur"] = f"{base}/actors/{dispatchers[0]}"
    if couriers:
        shots["08-carte"] = f"{base}/map?actor={couriers[0]['id']}"
    return dict(sorted(shots.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases_dir", type=Path, nargs="?")
    parser.add_argument("case", nargs="?", default="bench")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--messages", type=int, default=30_000, help="size of the fictional case built when no folder is given"
    )
    args = parser.parse_args()
    scratch = None
    if args.cases_dir is None:
        from web_sample import build

        scratch = tempfile.TemporaryDirectory()
        args.cases_dir = Path(scratch.name) / "cases"
        build(args.cases_dir, args.messages, name=args.case)
    password = secrets.token_urlsafe(18)
    with closing(users.open_users(args.cases_dir)) as conn:
        if users.get_user(conn, USER) is None:
            users.add_user(conn, USER, "investigator", password)
        else:
            users.set_password(conn, USER, password)
        users.grant(conn, USER, args.case, by=USER)
    args.out.mkdir(parents=True, exist_ok=True)
    shots = targets(args.cases_dir, args.case)
    with running(create_app(args.cases_dir)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*FLAGS, "--lang=fr-FR"])
        page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris")
        page.goto(f"{base}/login")
        page.fill("input[name=name]", USER)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        for name, path in shots.items():
            page.goto(base + path)
            if "/network" in path:
                page.wait_for_selector("#cy[data-ready]")
                page.wait_for_timeout(300)
            # Whole pages, cut at a height a README can show.
            height = min(int(page.evaluate("document.documentElement.scrollHeight")), MAX_HEIGHT)
            clip = {"x": 0, "y": 0, "width": 1440, "height": height}
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=True, clip=clip)
            print(args.out / f"{name}.png")
        browser.close()
    if scratch is not None:
        scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
