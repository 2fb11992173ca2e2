#!/usr/bin/env bash
# Runs every test: installs what is missing, makes the fixtures (real files written by
# openpyxl, XlsxWriter and LibreOffice), then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --test
python3 Tests/Fixtures/make_fixtures.py
swift test "$@"
