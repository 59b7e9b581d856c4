#!/usr/bin/env bash
# Checks the Prometheus alerting rules and their unit tests with promtool, installing
# Debian's `prometheus` package (which ships promtool) when promtool is missing.
#
#   deploy/prometheus/check.sh              check prometheus.yml, check and unit-test spike-alerts.yml
#   deploy/prometheus/check.sh METRICS      also lint a saved /metrics page
#
# Idempotent: when promtool is on PATH nothing is installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

install_promtool() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "check.sh: promtool is missing and apt-get is not available;" \
      "install Prometheus' promtool and run again" >&2
    exit 2
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "check.sh: promtool is missing; installing the prometheus package needs root" \
        "and sudo is not available: run 'apt-get install -y prometheus' as root" >&2
      exit 2
    fi
  fi
  echo "check.sh: promtool is missing; installing Debian's prometheus package"
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y --no-install-recommends prometheus; then
    "${sudo[@]}" apt-get update
    "${sudo[@]}" apt-get install -y --no-install-recommends prometheus
  fi
  if ! command -v promtool >/dev/null 2>&1; then
    echo "check.sh: the prometheus package is installed but promtool is not on PATH" >&2
    exit 2
  fi
}

if [ "$#" -ge 1 ]; then
  exec 3<"$1" # opened before the cd below, so a relative path works
fi

command -v promtool >/dev/null 2>&1 || install_promtool

cd "$here"
promtool check config prometheus.yml
promtool check rules spike-alerts.yml
promtool test rules spike-alerts.test.yml
# Every alert has a severity, a unit test and a runbook section its runbook_url names.
runbook=../../docs/operations/alerts.md
status=0
for alert in $(sed -n 's/^ *- alert: *//p' spike-alerts.yml); do
  anchor=$(printf '%s' "$alert" | tr '[:upper:]' '[:lower:]')
  block=$(sed -n "/^ *- alert: *$alert\$/,/^ *- alert:/p" spike-alerts.yml)
  grep -q "severity: *\(critical\|warning\)" <<<"$block" \
    || { echo "check.sh: $alert has no severity label (critical or warning)" >&2; status=1; }
  grep -q "runbook_url: *docs/operations/alerts.md#$anchor\$" <<<"$block" \
    || { echo "check.sh: $alert's runbook_url is not docs/operations/alerts.md#$anchor" >&2; status=1; }
  grep -q "^## $alert\$" "$runbook" \
    || { echo "check.sh: docs/operations/alerts.md has no section '## $alert'" >&2; status=1; }
  grep -q "alertname: *$alert\$" spike-alerts.test.yml \
    || { echo "check.sh: spike-alerts.test.yml does not test $alert" >&2; status=1; }
done
[ "$status" -eq 0 ] || exit 1
echo "check.sh: every alert has a severity, a unit test and a runbook section"

if [ "$#" -ge 1 ]; then
  promtool check metrics <&3
  echo "check.sh: promtool check metrics accepts $1"
fi
