#!/usr/bin/env python3
"""Build the CAMEO tables under data/cameo/.

Sources (PyPI, pinned in _common.PINS):
  * gdeltforge: CAMEO event code labels, actor type codes, actor country
    codes, known group codes, and GDELT's FIPS 10-4 geography country codes.
  * gdelt (gdeltPyR): GDELT's CAMEO lookup table with a Goldstein score per
    event code, the scores GDELT publishes in its events.
  * gdelt-py: FIPS 10-4 to ISO 3166 mapping.

gdelt-py also ships CAMEO labels and Goldstein scores, but its scores are not
GDELT's (282 of 316 differ, e.g. 190 is -8.0 there, -10.0 in GDELT), so they
are not used.

Country codes are resolved against data/countries/countries.tsv and
data/gazetteer/admin1.tsv, so run build_countries.py and build_gazetteer.py
first.

Usage: python3 scripts/data/build_cameo.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from _common import (
    DATA_DIR,
    clean_field,
    fetch,
    fold_key,
    read_tsv,
    workdir,
    write_tsv,
)

CAMEO_DIR = DATA_DIR / "cameo"


def quad_class(code: str) -> int:
    """CAMEO quad class from the two-digit root: 1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def event_code_rows(labels: dict[str, str], gdelt: dict) -> list[list[str]]:
    """One row per event code: GDELT's code list plus CAMEO codes GDELT does not use.

    Labels come from gdeltforge (the CAMEO manual's wording) and fall back
    to GDELT's own label. Scores are GDELT's; a code GDELT has no score for
    (CAMEO 155, 176, 1834) takes its parent code's score.
    """
    scores = {code: float(value) for code, value in gdelt["GoldsteinScale"].items()}
    gdelt_labels = gdelt["Description"]
    codes = {c for c in labels if re.fullmatch(r"\d{2,4}", c)} | set(scores)
    rows = []
    for code in codes:
        score = scores.get(code)
        parent = code[:-1]
        while score is None and len(parent) >= 2:
            score = scores.get(parent)
            parent = parent[:-1]
        if score is None:
            raise SystemExit(f"event code {code}: no Goldstein score for it or a parent")
        label = labels.get(code) or gdelt_labels[code]
        rows.append([code, clean_field(label), f"{score:.1f}", str(quad_class(code))])
    rows.sort(key=lambda r: r[0])
    return rows


def actor_type_rows(types: dict[str, str]) -> list[list[str]]:
    """Code, short label (text before the first colon, else the first comma) and
    the full description."""
    rows = []
    for code, description in types.items():
        description = clean_field(description)
        separator = ":" if ":" in description else ","
        label = description.split(separator, 1)[0].strip()
        rows.append([code, label, description])
    rows.sort(key=lambda r: r[0])
    return rows


class PlaceNames:
    """Resolves a place name to ISO3 through our country and admin1 tables."""

    def __init__(self) -> None:
        self.countries: dict[str, set[str]] = {}
        for row in read_tsv(DATA_DIR / "countries" / "countries.tsv"):
            names = [row["name"], row["official"], *row["alt_names"].split("|")]
            for name in filter(None, names):
                self.countries.setdefault(self._key(name), set()).add(row["iso3"])
        self.admin1: dict[str, set[str]] = {}
        for row in read_tsv(DATA_DIR / "gazetteer" / "admin1.tsv"):
            for name in filter(None, [row["name"], *row["alt_names"].split("|")]):
                self.admin1.setdefault(self._key(name), set()).add(row["country"])
        self.iso3 = {iso for isos in self.countries.values() for iso in isos}

    @staticmethod
    def _key(name: str) -> str:
        name = re.sub(r"\(.*?\)", " ", name)
        key = fold_key(name)
        return key[4:] if key.startswith("the ") else key

    def resolve(self, name: str) -> tuple[str, str]:
        """(iso3, kind): kind is country, subnational (an admin1 region) or region."""
        variants = [name, *re.findall(r"\((.*?)\)", name)]
        for table, kind in ((self.countries, "country"), (self.admin1, "subnational")):
            for variant in variants:
                matches = table.get(self._key(variant), set())
                if len(matches) == 1:
                    return next(iter(matches)), kind
        return "", "region"


def cameo_country_rows(codes: dict[str, str], places: PlaceNames) -> list[list[str]]:
    """CAMEO actor country codes: most are ISO3; the rest resolve by name or are regions."""
    rows = []
    for code, name in codes.items():
        name = clean_field(name)
        if code in places.iso3:
            iso3, kind = code, "country"
        else:
            iso3, kind = places.resolve(name)
        rows.append([code, name, iso3, kind])
    rows.sort(key=lambda r: r[0])
    return rows


def fips_rows(geo_codes: dict[str, str], fips_to_iso: dict, places: PlaceNames) -> list[list[str]]:
    """GDELT geography (FIPS 10-4) country codes with our ISO3 for each, where one exists."""
    iso2_to_iso3 = {r["iso2"]: r["iso3"] for r in read_tsv(DATA_DIR / "countries" / "countries.tsv")}
    rows = []
    for fips in sorted(set(geo_codes) | set(fips_to_iso)):
        known = fips_to_iso.get(fips)
        name = clean_field(geo_codes.get(fips) or known["name"])
        iso3 = ""
        if known is not None:
            iso3 = iso2_to_iso3.get(known.get("iso2") or "", "")
            if not iso3 and known.get("iso3") in places.iso3:
                iso3 = known["iso3"]
        if not iso3:
            iso3, _ = places.resolve(name)
        rows.append([fips, name, iso3])
    return rows


def main() -> None:
    places = PlaceNames()
    with workdir() as tmp:
        forge = json.loads(fetch("gdeltforge", Path(tmp)).text("gdeltforge/data/cameo_codes.json"))
        gdelt = json.loads(fetch("gdelt", Path(tmp)).text("data/data/cameoCodes.json"))
        fips = json.loads(fetch("gdelt-py", Path(tmp)).text("py_gdelt/lookups/data/countries.json"))
    write_tsv(CAMEO_DIR / "event_codes.tsv", ["code", "label", "goldstein", "quad_class"],
              event_code_rows(forge["EVENT_CODES"], gdelt))
    write_tsv(CAMEO_DIR / "actor_types.tsv", ["code", "label", "description"],
              actor_type_rows(forge["ACTOR_TYPE_CODES"]))
    country_rows = cameo_country_rows(forge["ACTOR_COUNTRY_CODES"], places)
    write_tsv(CAMEO_DIR / "countries.tsv", ["code", "name", "iso3", "kind"], country_rows)
    write_tsv(CAMEO_DIR / "known_groups.tsv", ["code", "name"],
              sorted([code, clean_field(name)] for code, name in forge["ACTOR_KNOWN_GROUP_CODES"].items()))
    write_tsv(CAMEO_DIR / "fips_countries.tsv", ["fips", "name", "iso3"],
              fips_rows(forge["GEO_COUNTRY_CODES"], fips, places))
    unresolved = [r[0] for r in country_rows if not r[2]]
    print(f"CAMEO country codes with no ISO3 (regions): {unresolved}", file=sys.stderr)


if __name__ == "__main__":
    main()
