"""The map's projection and zone placing, and the server-side charts."""

from __future__ import annotations

import pytest

from filiere.web import charts, geo


def test_projection_keeps_north_up_and_east_right() -> None:
    proj = geo.fit([(2.30, 48.85), (2.40, 48.90)])
    west, east = proj.xy(2.30, 48.87), proj.xy(2.40, 48.87)
    north, south = proj.xy(2.35, 48.90), proj.xy(2.35, 48.85)
    assert west[0] < east[0] and north[1] < south[1]
    # Equirectangular with the cosine of the middle latitude: 0.1° of longitude is shorter than 0.1° of latitude.
    assert (east[0] - west[0]) / (south[1] - north[1]) == pytest.approx(2 * 0.6579, rel=0.01)
    assert geo.inside(proj, 2.35, 48.87) and not geo.inside(proj, 2.60, 48.87)


def test_no_point_gives_ile_de_france_and_junk_is_ignored() -> None:
    assert (geo.fit([]).west, geo.fit([]).north) == (geo.IDF[0], geo.IDF[3])
    assert geo.fit([(999.0, 48.0)]) == geo.fit([])


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("postcode", "75011", geo.ARRONDISSEMENTS[11]),
        ("arrondissement", "18", geo.ARRONDISSEMENTS[18]),
        ("arrondissement", "75020", geo.ARRONDISSEMENTS[20]),
        ("departement", "93", geo.DEPARTMENTS["93"]),
        ("city", "montreuil", geo.TOWNS["Montreuil"]),
        ("postcode", "93230", None),  # a town this table does not place: no point rather than a wrong one
        ("postcode", "75099", None),
        ("place", "", None),
    ],
)
def test_zone_points(kind: str, value: str, expected: tuple[float, float] | None) -> None:
    assert geo.zone_point(kind, value) == expected


def test_heatmap_escapes_and_shades() -> None:
    grid = [[0] * 24 for _ in range(7)]
    grid[4][21] = 10
    grid[0][3] = 1
    svg = charts.heatmap(grid, "fr", "<msgs>")
    assert svg.count("<rect") == 7 * 24
    assert "ven 21h–22h : 10 &lt;msgs&gt;" in svg and 'fill="#1e3a8a"' in svg  # the peak is the darkest
    assert "lun 0h–1h : 0" in svg and 'fill="#f8fafc"' in svg


def test_lines_and_bars_say_when_there_is_nothing() -> None:
    assert charts.lines([], [], "y", "<rien>") == '<p class="empty">&lt;rien&gt;</p>'
    assert charts.bars([], "u", "rien") == '<p class="empty">rien</p>'
    svg = charts.lines([{"points": [{"x": "2026-03-02", "y": 10.0, "n": 2}]}], ['<b>"x"</b>'], "€/g", "")
    assert "&lt;b&gt;&#34;x&#34;&lt;/b&gt;" in svg and "<b>" not in svg
    many = charts.bars([(f"d{i}", 1) for i in range(300)], "u", "")
    assert many.count("<rect") == 100  # 300 days drawn as 100 bars of 3 days


def test_a_price_line_says_how_many_currencies_were_inferred() -> None:
    from filiere.web.lang import Words
    from filiere.web.routes.dashboard import price_chart

    point = {"week": "2026-03-02", "n": 5, "mean": 70.0, "low": 60.0, "high": 80.0}
    inferred = {"product": "cocaine", "unit": "g", "currency": "EUR", "n": 5, "inferred": 2, "points": [point]}
    written = {**inferred, "product": "cannabis_herb", "inferred": 0}
    chart = str(price_chart([inferred, written], Words("fr")))
    assert "cocaïne (EUR/g) — devise déduite 2/5" in chart
    assert "herbe de cannabis (EUR/g)<" in chart  # its currencies were all written
