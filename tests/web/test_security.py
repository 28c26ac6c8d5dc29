"""Headers on every answer, and hostile evidence text shown inert wherever it appears."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient
from workbench_case import CHAT, Built

from filiere.web.security import CSP
from filiere.web.text import highlighted, visible, with_evidence


def test_strict_policy_and_security_headers_on_pages_errors_and_static(built: Built, investigator: TestClient) -> None:
    for path in (f"/cases/{built.name}", "/login", f"/cases/{built.name}/nope", "/static/app.css",
                 f"/cases/{built.name}.json"):  # fmt: skip
        headers = investigator.get(path).headers
        assert headers["content-security-policy"] == CSP, path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
    assert "default-src 'self'" in CSP and "script-src 'self';" in CSP and "unsafe" not in CSP
    assert investigator.get(f"/cases/{built.name}").headers["cache-control"] == "no-store"


def test_pages_carry_no_inline_script_or_style(built: Built, investigator: TestClient) -> None:
    case = f"/cases/{built.name}"
    for path in (case, f"{case}/network", f"{case}/map?actor=3", f"{case}/conversation?key={CHAT}", f"{case}/actors/2",
                 "/cases"):  # fmt: skip
        page = investigator.get(path).text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == [], path
        assert " style=" not in page and "<style" not in page, path
        assert not re.search(r"<[^>]+\son[a-z]+=", page), path


def test_hostile_message_is_inert_in_every_page_that_shows_it(built: Built, investigator: TestClient) -> None:
    case = f"/cases/{built.name}"
    chat = investigator.get(f"{case}/conversation?key={CHAT}").text
    by_word = investigator.get(f"{case}/search?q=alert").text
    by_formula = investigator.get(f"{case}/search?q=HYPERLINK").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chat
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in by_word
    assert "=<mark>HYPERLINK</mark>(&#34;http://x.invalid&#34;,&#34;y&#34;)" in by_formula
    assert "=HYPERLINK(&#34;http://x.invalid&#34;,&#34;y&#34;)" in chat
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;" in chat
    for page in (chat, by_word, by_formula):
        assert "<script>alert" not in page
        assert "<mark>alert</mark>(1)</script>" not in page
        assert 'href="javascript:' not in page.lower()
        assert "\u202e" not in page  # the override is shown as a token, never applied
        assert "⟨U+202E⟩" in page
    # The JSON twin keeps the exact text: escaping is the page's job, the data stays evidence.
    hits = investigator.get(f"{case}/search.json?q=alert").json()["hits"]
    assert hits[0]["text"].startswith("<script>alert(1)</script>")


def test_evidence_is_always_downloaded_never_rendered(built: Built, investigator: TestClient) -> None:
    answer = investigator.get(f"/cases/{built.name}/evidence/{built.sha256}")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/octet-stream"
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert answer.content == b'{"fictional": "export"}\n'


def test_visible_shows_controls_and_escapes() -> None:
    assert visible('<b a="1">') == "&lt;b a=&#34;1&#34;&gt;"
    assert visible("a\u202eb\u2066c\x07d") == (
        'a<span class="ctl" title="U+202E">⟨U+202E⟩</span>b<span class="ctl" title="U+2066">⟨U+2066⟩</span>'
        'c<span class="ctl" title="U+0007">⟨U+0007⟩</span>d'
    )
    assert visible("ligne 1\nligne 2\temoji 👨‍👩‍👧") == "ligne 1\nligne 2\temoji 👨‍👩‍👧"  # joiners untouched


def test_highlights_turn_markers_into_marks_and_escape_the_rest() -> None:
    assert highlighted("\ue000<beuh>\ue001 & co") == "<mark>&lt;beuh&gt;</mark> &amp; co"
    assert highlighted("no marker") == "no marker"


def test_detection_spans_are_marked_with_their_rules_and_bad_spans_left_out() -> None:
    text = "beuh <10€>"
    spans = [
        {"start": 0, "end": 4, "text": "beuh", "rule": "product:cannabis_herb"},
        {"start": 5, "end": 10, "text": "<10€>", "rule": 'price"><x'},
        {"start": 2, "end": 4, "rule": "cue"},  # overlaps the first: both rules on the overlap
        {"start": 8, "end": 99, "rule": "out of range"},
        {"start": 0, "end": 4, "text": "weed", "rule": "offsets from another text"},
        "junk",
    ]
    assert with_evidence(text, spans) == (
        '<mark class="ev" title="product:cannabis_herb">be</mark>'
        '<mark class="ev" title="cue, product:cannabis_herb">uh</mark> '
        '<mark class="ev" title="price&#34;&gt;&lt;x">&lt;10€&gt;</mark>'
    )
    assert with_evidence("<x>", []) == "&lt;x&gt;"


def test_gexf_export_is_well_formed_with_hostile_labels(built: Built, investigator: TestClient) -> None:
    with __import__("filiere.case", fromlist=["Case"]).Case.open(built.cases_dir / built.name) as case:
        case.conn.execute(
            "UPDATE actors SET label = ? WHERE id = ?", ('<b>"&\x01evil\u202e', built.actors["Nino Livreur"])
        )
    answer = investigator.get(f"/cases/{built.name}/network.gexf")
    assert answer.headers["content-disposition"] == 'attachment; filename="cerise-network.gexf"'
    root = ET.fromstring(answer.content)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    labels = sorted(n.get("label") or "" for n in root.iterfind(".//g:node", ns))
    assert labels == ['<b>"&evil\u202e', "Cerise Dispatch", "Cerise Livraison"]
    assert len(root.findall(".//g:edge", ns)) == 3


def test_links_are_relative_whatever_the_host_header(built: Built, investigator: TestClient) -> None:
    page = investigator.get(f"/cases/{built.name}/search?q=beuh", headers={"Host": "evil.invalid"}).text
    assert "evil.invalid" not in page
    assert 'href="/cases/cerise/search?q=beuh&amp;lang=en"' in page
