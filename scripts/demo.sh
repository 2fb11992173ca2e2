#!/usr/bin/env bash
# Sets up and runs the daemon on this repository's own inbox/ and outbox/, with a demo school
# (S001 演示职业技术学院) and a demo organisation (O001 演示培训评价组织). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
swift build -c release
kaowu=.build/release/kaowu
root=$(pwd)

$kaowu init --root "$root"
$kaowu institution list --root "$root" | grep -q '^S001' \
  || $kaowu institution add S001 --name 演示职业技术学院 --role school --root "$root"
$kaowu institution list --root "$root" | grep -q '^O001' \
  || $kaowu institution add O001 --name 演示培训评价组织 --role org --root "$root"

cat <<MSG

kaowu is watching $root/inbox
  drop a roster into  inbox/S001/院校考生导入/   (blank template: outbox/S001/模板/院校考生导入模板.xlsx)
  the report appears in outbox/S001/院校考生导入/
MSG
exec $kaowu serve --root "$root"
