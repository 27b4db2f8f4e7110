#!/usr/bin/env python3
"""Build data/countries/countries.tsv from the npm package world-countries.

One row per country or territory. Alternative names come only from the
package (common and official English names, its `altSpellings`, and ASCII
spellings of those), filtered to Latin-script names that can appear in
English text. Hand-written aliases live in data/countries/aliases.tsv, which
this script does not touch.

Usage: python3 scripts/data/build_countries.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from _common import (
    DATA_DIR,
    ascii_fold,
    clean_field,
    fetch,
    fmt_coord,
    is_latin_name,
    join_list,
    workdir,
    write_tsv,
)

HEADER = [
    "iso3", "iso2", "name", "official", "alt_names", "demonyms",
    "capital", "lat", "lon", "region", "subregion",
]

# Spellings the package lists that, in English text, are ordinary words or
# mostly mean something else: "Island" (Iceland), "Mann" (Isle of Man; a
# surname), "Prathet" (Thai for "country"), and "Congo" for the Republic of
# the Congo, which in wire copy more often means DR Congo. Left out so a
# matcher does not tag them as these countries.
EXCLUDED_ALT_SPELLINGS = {
    ("ISL", "Island"),
    ("IMN", "Mann"),
    ("THA", "Prathet"),
    ("COG", "Congo"),
}


def alt_names(country: dict) -> list[str]:
    """Distinct English-usable names for a country, excluding its common name."""
    iso2, iso3 = country["cca2"], country["cca3"]
    common = country["name"]["common"]
    candidates = [country["name"]["official"], *country.get("altSpellings", [])]
    names: list[str] = []
    seen = {common}
    for raw in candidates:
        alt = clean_field(raw)
        if alt == iso2 or (iso3, alt) in EXCLUDED_ALT_SPELLINGS:
            continue
        # Inverted catalogue forms such as "Korea, Republic of" never occur in prose.
        if "," in alt or "(" in alt or not is_latin_name(alt) or len(alt) < 2:
            continue
        for form in (alt, ascii_fold(alt)):
            if form and form not in seen:
                seen.add(form)
                names.append(form)
    folded_common = ascii_fold(common)
    if folded_common not in seen:
        names.append(folded_common)
    return names


def demonyms(country: dict) -> list[str]:
    """English demonyms, m then f, split where the package joins two ("Antiguan, Barbudan")."""
    eng = country.get("demonyms", {}).get("eng", {})
    result: list[str] = []
    for key in ("m", "f"):
        for part in re.split(r",\s*|\s+or\s+", eng.get(key, "") or ""):
            part = clean_field(part)
            if part and part not in result:
                result.append(part)
    return result


def build_rows(countries: list[dict]) -> list[list[str]]:
    rows = []
    for country in countries:
        lat, lon = country.get("latlng", [0, 0])
        rows.append(
            [
                country["cca3"],
                country["cca2"],
                clean_field(country["name"]["common"]),
                clean_field(country["name"]["official"]),
                join_list(alt_names(country)),
                join_list(demonyms(country)),
                join_list([clean_field(c) for c in country.get("capital", [])]),
                fmt_coord(lat),
                fmt_coord(lon),
                clean_field(country.get("region", "")),
                clean_field(country.get("subregion", "")),
            ]
        )
    rows.sort(key=lambda row: row[0])
    return rows


def main() -> None:
    with workdir() as tmp:
        package = fetch("world-countries", Path(tmp))
        countries = json.loads(package.text("package/countries.json"))
    write_tsv(DATA_DIR / "countries" / "countries.tsv", HEADER, build_rows(countries))


if __name__ == "__main__":
    main()
