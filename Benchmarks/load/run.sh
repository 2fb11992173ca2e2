#!/usr/bin/env bash
# The deadline-day load test (issue 7): see deadline_day.py for what it drops and checks.
#   bash Benchmarks/load/run.sh            200 schools, 2,000 files; rewrites Benchmarks/load/RESULTS.md
#   bash Benchmarks/load/run.sh --short    20 schools, 100 files (under a minute), debug build; for
#                                          CI: results go to the work folder only
# Extra options go to deadline_day.py (--label NOTE, --max-rss-mb N, --timeout S, ...).
# Everything generated goes to $KAOWU_LOAD_WORK (default /tmp/kaowu-load), never into the repository.
# Exits non-zero when any check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
for pair in openpyxl:openpyxl xlsxwriter:xlsxwriter PIL:pillow; do
    python3 -c "import ${pair%%:*}" 2>/dev/null || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
    python3 -m pip install --quiet "${missing[@]}"
fi

work=${KAOWU_LOAD_WORK:-/tmp/kaowu-load}
if [[ " $* " == *" --short "* ]]; then
    # CI: the debug build the tests already made will do (nothing here asserts a time).
    swift build --product kaowu
    exec python3 Benchmarks/load/deadline_day.py --kaowu "$(swift build --show-bin-path)/kaowu" \
        --build debug --schemas "$PWD/schemas" --work "$work" --out "$work-RESULTS-short.md" "$@"
fi
swift build -c release --scratch-path .build-release --product kaowu
kaowu=$(swift build -c release --scratch-path .build-release --show-bin-path)/kaowu
exec python3 Benchmarks/load/deadline_day.py --kaowu "$kaowu" --schemas "$PWD/schemas" \
    --work "$work" --out Benchmarks/load/RESULTS.md "$@"
