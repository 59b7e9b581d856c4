#!/usr/bin/env bash
# Checks the systemd units offline (no running systemd needed):
#   1. `systemd-analyze verify` on spike-nexus, spike-keeper@1 and spike-bootstrap with the
#      shared drop-in spike-.service.d/, in a scratch root holding /opt/spike/bin stubs;
#      any diagnostic (an unknown or misspelled directive, a bad value, a missing
#      ExecStart program) fails the check, not only verify's exit code;
#   2. `systemd-analyze security --offline=yes`: each unit's exposure must stay at or
#      below 1.5 (the sandbox drop-in must keep applying);
#   3. `systemd-sysusers` creates the users of spike.sysusers.conf in the scratch root;
#   4. self-test: a copy of the Nexus unit with a misspelled directive, and one whose
#      ExecStart program is missing, must both fail step 1.
# Installs Debian's systemd package (systemd-analyze) when it is missing. Idempotent;
# runs in a few seconds and leaves nothing behind.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
units=(spike-nexus.service spike-keeper@1.service spike-bootstrap.service)
max_exposure=15 # tenths: 1.5

if ! command -v systemd-analyze >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 \
    || { echo "check.sh: systemd-analyze is missing; install the systemd package" >&2; exit 2; }
  [ "$(id -u)" -eq 0 ] \
    || { echo "check.sh: systemd-analyze is missing; run 'apt-get install -y systemd' as root" >&2; exit 2; }
  echo "check.sh: systemd-analyze is missing; installing Debian's systemd package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends systemd \
    || { apt-get update -q && apt-get install -y -q --no-install-recommends systemd; }
fi

# A copy of the host's unit directory supplies sysinit.target and friends to the scratch root.
sys_units=""
for d in /usr/lib/systemd/system /lib/systemd/system; do
  [ -f "$d/sysinit.target" ] && { sys_units=$d; break; }
done
[ -n "$sys_units" ] || { echo "check.sh: no sysinit.target under /usr/lib/systemd/system" >&2; exit 2; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/opt/spike/bin" "$root/etc/systemd/system" "$root/usr/lib/systemd" "$root/etc/sysusers.d"
cp -a "$sys_units" "$root/usr/lib/systemd/system"
for b in nexus keeper bootstrap spike; do
  printf '#!/bin/sh\nexit 0\n' >"$root/opt/spike/bin/$b"
  chmod 755 "$root/opt/spike/bin/$b"
done

# install_units DIR: the units and the drop-in of DIR into the scratch root.
install_units() {
  rm -rf "$root/etc/systemd/system"/spike-*
  cp -r "$1"/spike-*.service "$1/spike-.service.d" "$root/etc/systemd/system/"
}

# verify_units: systemd-analyze verify on every unit; prints what it reports, fails on any output.
verify_units() {
  local out status=0
  for unit in "${units[@]}"; do
    if ! out=$(cd "$root" && SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no \
        --root="$root" "$root/etc/systemd/system/$unit" 2>&1) || [ -n "$out" ]; then
      printf 'check.sh: systemd-analyze verify %s:\n%s\n' "$unit" "$out" >&2
      status=1
    fi
  done
  return "$status"
}

install_units "$here"
verify_units
echo "check.sh: systemd-analyze verify: ${units[*]} pass (with spike-.service.d/10-hardening.conf)"

for unit in "${units[@]}"; do
  level=$(cd "$root" && systemd-analyze security --offline=yes --root="$root" "$unit" 2>&1 \
    | sed -n 's/^→ Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  [ -n "$level" ] || { echo "check.sh: systemd-analyze security printed no exposure for $unit" >&2; exit 1; }
  tenths=$(printf '%s' "$level" | tr -d .)
  if [ "$((10#$tenths))" -gt "$max_exposure" ]; then
    echo "check.sh: $unit exposure $level is above 1.5 (systemd-analyze security --offline=yes)" >&2
    exit 1
  fi
  echo "check.sh: systemd-analyze security $unit: exposure $level (at most 1.5)"
done

cp "$here/spike.sysusers.conf" "$root/etc/sysusers.d/spike.conf"
systemd-sysusers --root="$root" >/dev/null 2>&1
for user in spike-nexus spike-keeper spike-bootstrap; do
  grep -q "^$user:" "$root/etc/passwd" \
    || { echo "check.sh: systemd-sysusers did not create $user" >&2; exit 1; }
done
echo "check.sh: systemd-sysusers creates spike-nexus, spike-keeper, spike-bootstrap"

# Self-test: the check above must catch a broken unit.
broken="$root/broken"
mkdir -p "$broken"
cp -r "$here"/spike-*.service "$here/spike-.service.d" "$broken/"
sed -i 's/^NoNewPrivileges=/NoNewPrivilege=/' "$broken/spike-.service.d/10-hardening.conf"
install_units "$broken"
if verify_units 2>/dev/null; then
  echo "check.sh: self-test: a misspelled directive (NoNewPrivilege=) passed verify" >&2
  exit 1
fi
cp "$here/spike-.service.d/10-hardening.conf" "$broken/spike-.service.d/"
sed -i 's#^ExecStart=/opt/spike/bin/nexus$#ExecStart=/opt/spike/bin/nexus-missing#' "$broken/spike-nexus.service"
install_units "$broken"
if verify_units 2>/dev/null; then
  echo "check.sh: self-test: an ExecStart program that does not exist passed verify" >&2
  exit 1
fi
echo "check.sh: self-test: a misspelled directive and a missing ExecStart program both fail"
