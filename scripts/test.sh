#!/usr/bin/env bash
# Runs every test: installs what is missing, makes the fixtures (real files written by
# openpyxl, XlsxWriter and LibreOffice), then the XCTest suites through `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --test
python3 Tests/Fixtures/make_fixtures.py
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The suites are XCTest; Swift Testing would close the run with a line counting zero tests.
status=0
swift test --disable-swift-testing "$@" 2>&1 | tee "$log" || status=$?
passed=$(grep -cE "^Test Case '.*' passed \(" "$log" || true)
failed=$(grep -cE "^Test Case '.*' failed \(" "$log" || true)
echo "tests: $passed passed, $failed failed"
exit "$status"
