#!/usr/bin/env bash
# Installs or upgrades kaowu (考务) on a Debian 12 server. Run as root from a checkout:
#
#   sudo deploy/install.sh                         # root folder /srv/kaowu
#   sudo KAOWU_ROOT=/data/kaowu deploy/install.sh  # another root folder
#
# Safe to run again: packages, user, root folder and unit are brought to the state below and
# nothing that exists is thrown away (kaowu init keeps data/, archive/ and kaowu.json).
# Re-running after `git pull` is the upgrade: it rebuilds, replaces the binary and schemas, and
# restarts the daemon (SIGTERM: the file in progress is finished first).
#
# It does not register institutions; it prints the command that does.
set -euo pipefail

readonly KAOWU_USER=kaowu
readonly BIN=/usr/local/bin/kaowu
readonly SHARE=/usr/local/share/kaowu
readonly DOC=/usr/local/share/doc/kaowu
readonly UNIT=/etc/systemd/system/kaowu.service
ROOT=${KAOWU_ROOT:-/srv/kaowu}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root (sudo $0)"
[[ -f /etc/debian_version ]] || die "this installer is for Debian 12; see deploy/OPERATIONS.md"
[[ -f $REPO/Package.swift && -d $REPO/schemas ]] || die "$REPO is not a kaowu checkout"
# The root goes into the unit file through sed and into ReadWritePaths: keep it plain.
[[ $ROOT =~ ^/[A-Za-z0-9._/-]+$ ]] || die "KAOWU_ROOT must be an absolute path of [A-Za-z0-9._/-]"
ROOT=${ROOT%/}

say "Installing build and runtime packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update
# -dev packages to build; the runtime libraries by name so removing -dev later keeps them;
# sqlite3 for online backups (see OPERATIONS.md).
apt-get install -y --no-install-recommends \
    pkg-config libinotifytools0-dev libxlsxwriter-dev libsqlite3-dev libfreexl-dev zlib1g-dev \
    libturbojpeg0-dev libjpeg62-turbo-dev libspng-dev libdeflate-dev \
    libinotifytools0 libxlsxwriter4 libsqlite3-0 libfreexl1 zlib1g \
    libturbojpeg0 libjpeg62-turbo libspng0 libdeflate0 \
    sqlite3

say "Finding the Swift toolchain"
SWIFT=${SWIFT:-$(command -v swift || true)}
if [[ -z $SWIFT ]]; then
    for candidate in /opt/swift/usr/bin/swift /usr/share/swift/usr/bin/swift; do
        if [[ -x $candidate ]]; then SWIFT=$candidate; break; fi
    done
fi
if [[ -z $SWIFT || ! -x $SWIFT ]]; then
    die "no Swift toolchain found (need Swift 6). Install one from https://www.swift.org/install/linux/
  (e.g. unpack the Debian 12 tarball to /opt/swift), then re-run with it on PATH or with
  SWIFT=/opt/swift/usr/bin/swift $0"
fi
"$SWIFT" --version

say "Building kaowu (release) in $REPO"
# The Swift runtime is linked in, so the binary needs only the Debian libraries above.
(cd "$REPO" && "$SWIFT" build -c release --static-swift-stdlib --product kaowu)
BUILT="$(cd "$REPO" && "$SWIFT" build -c release --static-swift-stdlib --show-bin-path)/kaowu"
[[ -x $BUILT ]] || die "build finished but $BUILT is missing"

say "Installing $BIN, $SHARE/schemas and $DOC"
# Install beside and rename over: replacing a running binary in place fails (text file busy).
install -m 0755 "$BUILT" "$BIN.new"
mv -f "$BIN.new" "$BIN"
rm -rf "$SHARE/schemas.new"
install -d -m 0755 "$SHARE/schemas.new"
install -m 0644 "$REPO"/schemas/*.json "$SHARE/schemas.new/"
rm -rf "$SHARE/schemas"
mv "$SHARE/schemas.new" "$SHARE/schemas"
install -d -m 0755 "$DOC"
install -m 0644 "$REPO/deploy/OPERATIONS.md" "$REPO/deploy/smb.conf.example" "$DOC/"

say "Creating system user $KAOWU_USER"
getent group "$KAOWU_USER" >/dev/null || groupadd --system "$KAOWU_USER"
if ! id -u "$KAOWU_USER" >/dev/null 2>&1; then
    useradd --system --gid "$KAOWU_USER" --home-dir "$ROOT" --no-create-home \
        --shell /usr/sbin/nologin --comment "kaowu daemon" "$KAOWU_USER"
fi

say "Preparing the root folder $ROOT"
# The same umask as the unit's, so what init creates looks like what the daemon creates.
umask 0027
install -d -o "$KAOWU_USER" -g "$KAOWU_USER" -m 0750 "$ROOT"
(cd / && runuser -u "$KAOWU_USER" -- "$BIN" init --root "$ROOT")
# Personal data (PIPL): the database and the archived originals are for the daemon only.
chmod 0700 "$ROOT/data" "$ROOT/archive"

say "Installing the systemd unit"
sed "s#/srv/kaowu#$ROOT#g" "$REPO/deploy/kaowu.service" > "$UNIT.new"
chmod 0644 "$UNIT.new"
mv -f "$UNIT.new" "$UNIT"
if [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload
    systemctl enable kaowu.service
    # restart = graceful stop (SIGTERM) and start with the new binary; start if it was stopped.
    systemctl restart kaowu.service
    systemctl --no-pager --lines=5 status kaowu.service || true
else
    systemctl enable kaowu.service
    echo "systemd is not running here: the unit is installed and enabled, not started."
fi

cat <<EOF

kaowu is installed.
  binary   $BIN ($("$BIN" --version))
  schemas  $SHARE/schemas
  root     $ROOT (owned by $KAOWU_USER; data/ and archive/ are 0700)
  logs     journalctl -u kaowu -f
  notes    $DOC/OPERATIONS.md

This script registers no institution. Register each school (试点院校) and organisation
(培训评价组织) as the $KAOWU_USER user (so the files it creates stay the daemon's), e.g.:

  runuser -u $KAOWU_USER -- $BIN institution add S001 --name '某某职业技术学院' --role school --root $ROOT
  runuser -u $KAOWU_USER -- $BIN institution add O001 --name '某某培训评价组织' --role org --root $ROOT

Then share inbox/<code> and outbox/<code> over Samba: see $DOC/smb.conf.example.
EOF
