#!/usr/bin/env bash
# Installs what building and testing kaowu needs on Debian: the C libraries kaowu links,
# LibreOffice and poppler (tests read files LibreOffice wrote and render reports), and the
# Python packages the test fixtures are made with. Installs only what is missing.
set -euo pipefail

debs=(pkg-config libinotifytools0-dev libxlsxwriter-dev libsqlite3-dev libfreexl-dev zlib1g-dev
  libturbojpeg0-dev libjpeg62-turbo-dev libspng-dev libdeflate-dev sqlite3 python3-pip)
if [[ "${1:-}" == "--test" ]]; then
  debs+=(libreoffice-calc poppler-utils fonts-noto-cjk)
fi

missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ "${1:-}" == "--test" ]]; then
  python3 -c "import openpyxl, xlsxwriter, PIL" 2>/dev/null \
    || python3 -m pip install -q openpyxl xlsxwriter pillow
fi
command -v swift >/dev/null || { echo "kaowu needs the Swift 6 toolchain (swift) on PATH" >&2; exit 1; }
