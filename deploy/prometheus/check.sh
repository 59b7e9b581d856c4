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

command -v promtool >/dev/null 2>&1 || install_promtool

cd "$here"
promtool check config prometheus.yml
promtool check rules spike-alerts.yml
promtool test rules spike-alerts.test.yml
if [ "$#" -ge 1 ]; then
  promtool check metrics < "$1"
fi
