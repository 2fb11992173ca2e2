#!/usr/bin/env bash
# Runs the whole benchmark suite and rewrites Benchmarks/RESULTS.md (see Benchmarks/README.md).
#   bash Benchmarks/run.sh [--label NOTE] [--runs N] [--sizes 10k,100k,1M] ...
#   bash Benchmarks/run.sh --short     10k rows, 5 drops, 1k photos, a 2k-candidate export, one
#                                      run; for CI: writes its results to the work folder only
#                                      and uses the debug build tests made
# Generated data goes to $KAOWU_BENCH_WORK (default /tmp/kaowu-bench), never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pair in openpyxl:openpyxl xlsxwriter:xlsxwriter python_calamine:python-calamine \
    pandas:pandas PIL:pillow numpy:numpy; do
    python3 -c "import ${pair%%:*}" 2>/dev/null || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
    python3 -m pip install --quiet "${missing[@]}"
fi
if [[ ! -x /usr/bin/time ]]; then
    apt-get install -y -qq time
fi
for tool in unzip sqlite3; do
    command -v "$tool" >/dev/null || apt-get install -y -qq "$tool"
done
# The photo floor (floor_photos.c) links libjpeg-turbo and zlib; kaowu's build needs both too.
for header in /usr/include/turbojpeg.h:libturbojpeg0-dev /usr/include/zlib.h:zlib1g-dev; do
    [[ -e ${header%%:*} ]] || apt-get install -y -qq "${header#*:}"
done

work=${KAOWU_BENCH_WORK:-/tmp/kaowu-bench}
if [[ " $* " == *" --short "* ]]; then
    # Times are not asserted in CI, so the debug build the tests already made will do.
    swift build --product kaowu
    kaowu=$(swift build --show-bin-path)/kaowu
    exec python3 Benchmarks/bench.py --kaowu "$kaowu" --build debug --work "$work" \
        --out "$work/RESULTS-short.md" "$@"
fi
swift build -c release --scratch-path .build-release --product kaowu
kaowu=$(swift build -c release --scratch-path .build-release --show-bin-path)/kaowu
python3 Benchmarks/bench.py --kaowu "$kaowu" --build release --work "$work" "$@"
