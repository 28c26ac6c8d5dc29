"""The workbench as an investigator uses it, in Debian's Chromium driven by Playwright.

Few and meaningful: one walk through the main pages (log in, open the case, upload, search, open an
actor, confirm a merge, open the network and expand a node) and a user who is not a member being
refused. Any console error — a script failing, a resource refused by the Content-Security-Policy —
fails the walk.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright import sync_api as playwright
from workbench_case import PASSWORD, Built

from filiere.case import Case
from filiere.web import create_app
from filiere.web.server import running

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip

# `make test` installs both (Debian's chromium, and playwright from the test extras): a machine without
# them fails here, loudly, rather than skipping the only tests that drive a real browser.
assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium"


@pytest.fixture
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def base_url(built: Built) -> Iterator[str]:
    with running(create_app(built.cases_dir)) as url:
        yield url


def _page(browser: object, errors: list[str]) -> object:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def _log_in(page: object, base_url: str, name: str) -> None:
    page.goto(f"{base_url}/login")  # type: ignore[attr-defined]
    page.fill("input[name=name]", name)  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORD)  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]


def test_an_investigator_works_through_the_case(built: Built, browser: object, base_url: str, tmp_path: Path) -> None:
    errors: list[str] = []
    page: object = _page(browser, errors)
    expect = playwright.expect
    _log_in(page, base_url, "enqueteur")
    expect(page.locator("h1")).to_have_text("Mes affaires")  # type: ignore[attr-defined]

    page.click("text=Affaire Cerise (fictive)")  # type: ignore[attr-defined]
    expect(page.locator(".count").first).to_contain_text("pièces")  # type: ignore[attr-defined]
    evidence = tmp_path / "scelle-2.bin"
    evidence.write_bytes(b"\x00\x01 nothing reads this \xff")
    page.set_input_files("input[name=files]", str(evidence))  # type: ignore[attr-defined]
    page.click("#upload button[type=submit]")  # type: ignore[attr-defined]
    expect(page.locator("#upload-report table")).to_contain_text("scelle-2.bin")  # type: ignore[attr-defined]
    expect(page.locator("#upload-report table")).to_contain_text("format non reconnu")  # type: ignore[attr-defined]

    page.click(".tabs >> text=Recherche")  # type: ignore[attr-defined]
    page.fill("input[name=q]", '"de midi" beu*')  # type: ignore[attr-defined]
    page.click("form.search-form button[type=submit]")  # type: ignore[attr-defined]
    expect(page.locator("ol.hits mark")).to_have_text(["beuh", "de midi"])  # type: ignore[attr-defined]
    expect(page.locator(".result-count")).to_contain_text("1")  # type: ignore[attr-defined]

    page.click(".tabs >> text=Tableau de bord")  # type: ignore[attr-defined]
    page.click("text=Cerise Dispatch")  # type: ignore[attr-defined]
    expect(page.locator("h1")).to_contain_text("Cerise Dispatch")  # type: ignore[attr-defined]
    page.fill("form.judge input[name=note]", "confirmé par la téléphonie")  # type: ignore[attr-defined]
    page.click("form.judge button[value=confirm]")  # type: ignore[attr-defined]
    expect(page.locator("#links")).to_contain_text("confirmé par enqueteur")  # type: ignore[attr-defined]

    livraison = built.actors["Cerise Livraison"]
    page.goto(f"{base_url}/cases/{built.name}/network?focus={livraison}")  # type: ignore[attr-defined]
    page.wait_for_selector("#cy[data-ready]")  # type: ignore[attr-defined]
    expect(page.locator("#net-count")).to_have_text("2 / 1")  # type: ignore[attr-defined]
    box = page.locator("#cy").bounding_box()  # type: ignore[attr-defined]
    spot = page.evaluate(  # type: ignore[attr-defined]
        "() => window.filiereNetwork.nodes().filter(n => n.data('label') === 'Cerise Dispatch')[0].renderedPosition()"
    )
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])  # type: ignore[attr-defined]
    expect(page.locator("#net-selection")).to_contain_text("standardiste")  # type: ignore[attr-defined]
    page.click("#net-expand")  # type: ignore[attr-defined]
    expect(page.locator("#net-count")).to_have_text("3 / 3")  # type: ignore[attr-defined]

    assert errors == []
    with Case.open(built.cases_dir / built.name) as case:
        judged = case.conn.execute("SELECT user, decision, note FROM judgements").fetchall()
        pages = [e.detail["page"] for e in case.custody_log() if e.action == "web.view"]
    assert [tuple(r) for r in judged] == [("enqueteur", "confirm", "confirmé par la téléphonie")]
    assert {"dashboard", "search", "actor", "network"} <= set(pages)


def test_a_user_who_is_not_a_member_is_refused(built: Built, browser: object, base_url: str) -> None:
    errors: list[str] = []
    page: object = _page(browser, errors)
    _log_in(page, base_url, "intrus")
    playwright.expect(page.locator(".empty")).to_contain_text("Aucune affaire")  # type: ignore[attr-defined]
    answer = page.goto(f"{base_url}/cases/{built.name}/search?q=beuh")  # type: ignore[attr-defined]
    assert answer.status == 404
    playwright.expect(page.locator("h1")).to_have_text("404")  # type: ignore[attr-defined]
    assert not re.search("Cerise", page.content())  # type: ignore[attr-defined]
    assert [e for e in errors if "404" not in e] == []
