#!/usr/bin/env python3
"""Check the files under data/ for shape and a few known facts.

Checks every generated and hand-written table: header and field counts,
unique keys, country codes that exist in countries.tsv, coordinates in
range, admin1 names in the hand-written alias tables that exist in
admin1.tsv, and spot facts a reader would expect (Tripoli in Libya and in
Lebanon, Georgia the country and the US state, CAMEO 190 at -10 on the
Goldstein scale). Needs no network. Exits non-zero on any failure.

Usage: python3 scripts/data/check_data.py
"""

from __future__ import annotations

import sys

from _common import DATA_DIR, read_tsv

failures: list[str] = []
passes = 0


def check(condition: bool, message: str) -> None:
    global passes
    if condition:
        passes += 1
    else:
        failures.append(message)


def check_unique(rows: list[dict], key: tuple[str, ...], table: str) -> None:
    seen = set()
    for row in rows:
        value = tuple(row[k] for k in key)
        check(value not in seen, f"{table}: duplicate key {value}")
        seen.add(value)


def check_coords(rows: list[dict], table: str, allow_empty: bool = False) -> None:
    for row in rows:
        if allow_empty and row["lat"] == "" and row["lon"] == "":
            continue
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            check(False, f"{table}: bad coordinates in {row}")
            continue
        check(-90 <= lat <= 90 and -180 <= lon <= 180, f"{table}: coordinates out of range in {row}")


def main() -> None:
    countries = read_tsv(DATA_DIR / "countries" / "countries.tsv")
    country_aliases = read_tsv(DATA_DIR / "countries" / "aliases.tsv")
    cities = read_tsv(DATA_DIR / "gazetteer" / "cities.tsv")
    admin1 = read_tsv(DATA_DIR / "gazetteer" / "admin1.tsv")
    place_aliases = read_tsv(DATA_DIR / "gazetteer" / "aliases.tsv")
    events = read_tsv(DATA_DIR / "cameo" / "event_codes.tsv")
    actor_types = read_tsv(DATA_DIR / "cameo" / "actor_types.tsv")
    cameo_countries = read_tsv(DATA_DIR / "cameo" / "countries.tsv")
    fips = read_tsv(DATA_DIR / "cameo" / "fips_countries.tsv")

    iso3 = {row["iso3"] for row in countries}
    by_iso3 = {row["iso3"]: row for row in countries}

    # Shape and references.
    check_unique(countries, ("iso3",), "countries.tsv")
    check_unique(countries, ("iso2",), "countries.tsv")
    check_coords(countries, "countries.tsv")
    check_unique(country_aliases, ("iso3", "alias"), "countries/aliases.tsv")
    for row in country_aliases:
        check(row["iso3"] in iso3, f"countries/aliases.tsv: unknown iso3 {row['iso3']}")
        check(row["kind"] in ("name", "demonym"), f"countries/aliases.tsv: bad kind {row}")
        check(row["alias"].strip() == row["alias"] != "", f"countries/aliases.tsv: bad alias {row}")
    check_unique(cities, ("geonameid",), "cities.tsv")
    check_coords(cities, "cities.tsv")
    for row in cities:
        check(row["country"] in iso3, f"cities.tsv: unknown country in {row['geonameid']}")
        check(row["population"].isdigit(), f"cities.tsv: bad population in {row['geonameid']}")
    check_unique(admin1, ("country", "code"), "admin1.tsv")
    check_coords(admin1, "admin1.tsv", allow_empty=True)
    admin1_names = {(row["country"], row["name"]): row for row in admin1}
    check_unique(place_aliases, ("key",), "gazetteer/aliases.tsv")
    check_coords(place_aliases, "gazetteer/aliases.tsv")
    for row in place_aliases:
        where = f"gazetteer/aliases.tsv {row['key']}"
        check(row["kind"] in ("region", "city", "area"), f"{where}: bad kind {row['kind']}")
        check(row["country"] == "" or row["country"] in iso3, f"{where}: unknown country")
        check(row["coord_source"] in ("admin1", "city", "country", "approx"),
              f"{where}: bad coord_source {row['coord_source']}")
        if row["admin1"]:
            region = admin1_names.get((row["country"], row["admin1"]))
            check(region is not None, f"{where}: admin1 {row['admin1']!r} not in admin1.tsv")
            if region is not None and row["coord_source"] == "admin1":
                close = (abs(float(region["lat"]) - float(row["lat"])) <= 0.01
                         and abs(float(region["lon"]) - float(row["lon"])) <= 0.01)
                check(close, f"{where}: coordinates differ from admin1.tsv {region['name']}")
        if row["coord_source"] == "country":
            country = by_iso3[row["country"]]
            check(abs(float(country["lat"]) - float(row["lat"])) <= 0.01,
                  f"{where}: coordinates differ from countries.tsv")
    check_unique(events, ("code",), "event_codes.tsv")
    for row in events:
        check(-10 <= float(row["goldstein"]) <= 10, f"event_codes.tsv: bad score {row}")
        check(row["quad_class"] in ("1", "2", "3", "4"), f"event_codes.tsv: bad quad class {row}")
    check_unique(actor_types, ("code",), "actor_types.tsv")
    check_unique(cameo_countries, ("code",), "cameo/countries.tsv")
    for row in cameo_countries + fips:
        check(row["iso3"] == "" or row["iso3"] in iso3, f"cameo: unknown iso3 in {row}")
    check_unique(fips, ("fips",), "fips_countries.tsv")

    # Facts.
    tripoli = {
        row["country"] for row in cities
        if "Tripoli" in {row["name"], row["ascii"], *row["alt_names"].split("|")}
    }
    check({"LBY", "LBN"} <= tripoli, f"Tripoli should be in LBY and LBN, found {tripoli}")
    check(by_iso3["GEO"]["name"] == "Georgia", "Georgia the country is missing")
    check(("USA", "Georgia") in admin1_names, "Georgia the US state is missing")
    check("Azerbaijani" in by_iso3["AZE"]["demonyms"].split("|"), "Azerbaijani demonym missing")
    check(any(r["iso3"] == "AZE" and r["alias"] == "Azeri" for r in country_aliases),
          "Azeri alias missing")
    karabakh = {r["key"]: r for r in place_aliases}
    check("Khankendi" in karabakh["stepanakert"]["alt_names"].split("|"),
          "Stepanakert should list Khankendi")
    check("Karabakh" in karabakh["nagorno-karabakh"]["alt_names"].split("|"),
          "Nagorno-Karabakh should list Karabakh")
    goldstein = {r["code"]: float(r["goldstein"]) for r in events}
    check(goldstein.get("190") == -10.0, f"Goldstein of 190 should be -10, is {goldstein.get('190')}")
    check(goldstein.get("0874") == 10.0, "Goldstein of 0874 should be 10")
    quad = {r["code"]: r["quad_class"] for r in events}
    check(quad.get("190") == "4" and quad.get("042") == "1", "quad classes of 190 and 042")
    check({"GOV", "MIL", "REB", "CVL", "IGO"} <= {r["code"] for r in actor_types},
          "actor types GOV MIL REB CVL IGO")
    cameo_iso = {r["code"]: r["iso3"] for r in cameo_countries}
    check(cameo_iso.get("ROM") == "ROU" and cameo_iso.get("AZE") == "AZE", "CAMEO ROM/AZE mapping")

    for message in failures[:50]:
        print(f"FAIL {message}", file=sys.stderr)
    print(f"{passes} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
