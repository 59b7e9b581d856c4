#!/usr/bin/env bash
# Registers every SPIKE role with a SPIRE server outside Kubernetes (hosts running the systemd
# units of deploy/systemd, or any process a SPIRE agent attests): one `spire-server entry create`
# per role, with the role's SPIFFE ID (docs/ARCHITECTURE.md) and the selectors that pick its
# process on the agent's host. Run it where spire-server can reach the server's API socket.
#
#   deploy/spire/entries.sh --parent-id spiffe://spike.ist/spire/agent/x509pop/HOST [options]
#
# Options:
#   --parent-id ID     SPIFFE ID of the SPIRE agent that attests the SPIKE processes (list them
#                      with `spire-server agent list`); required unless every *_PARENT_ID is set
#   --trust-domain TD  the SPIRE server's trust domain, which must equal SPIKE_TRUST_ROOT
#                      (default: $SPIKE_TRUST_ROOT, else spike.ist)
#   --keepers N        how many keepers (SPIKE_NEXUS_SHAMIR_SHARES; default 3)
#   --socket PATH      the SPIRE server API socket (spire-server's -socketPath; default: its own)
#   --dry-run          print the commands instead of running them
#
# Selectors and parents, per role, from the environment (space-separated selector lists; in the
# keeper's, %n stands for the keeper number 1..N). The defaults match the systemd units and
# users of deploy/systemd, attested by the agent's unix and systemd workload attestors:
#   NEXUS_SELECTORS      unix:user:spike-nexus systemd:id:spike-nexus.service
#   KEEPER_SELECTORS     unix:user:spike-keeper systemd:id:spike-keeper@%n.service
#   BOOTSTRAP_SELECTORS  unix:user:spike-bootstrap systemd:id:spike-bootstrap.service
#   SUPERUSER_SELECTORS  unix:user:spike-pilot         (the operators' `spike` CLI account)
#   RECOVER_SELECTORS    unix:user:spike-recover       (custodians fetching recovery shards)
#   RESTORE_SELECTORS    unix:user:spike-restore       (custodians feeding shards back)
#   NEXUS_PARENT_ID, KEEPER_PARENT_ID (may hold %n), BOOTSTRAP_PARENT_ID, PILOT_PARENT_ID:
#                        the agent of that role's host, when not --parent-id
# Set a role's selectors to "-" to leave that role out (e.g. RECOVER_SELECTORS=- when recover
# SVIDs are minted only at break-glass time: docs/operations/spire.md).
#
# Idempotent: an entry whose SPIFFE ID and parent already exist is left alone (`entry show`).
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

parent=""
trust_domain="${SPIKE_TRUST_ROOT:-spike.ist}"
keepers=3
socket=()
dry_run=0
while [ "$#" -gt 0 ]; do
  case "$1" in
    --parent-id) parent=${2:?--parent-id needs a SPIFFE ID}; shift 2 ;;
    --trust-domain) trust_domain=${2:?--trust-domain needs a name}; shift 2 ;;
    --keepers) keepers=${2:?--keepers needs a number}; shift 2 ;;
    --socket) socket=(-socketPath "${2:?--socket needs a path}"); shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h | --help) usage ;;
    *) echo "entries.sh: unknown argument $1" >&2; usage ;;
  esac
done
case "$keepers" in
  '' | *[!0-9]* | 0) echo "entries.sh: --keepers must be a whole number of at least 1" >&2; exit 2 ;;
esac
if ! printf '%s' "$trust_domain" | grep -Eq '^[a-z0-9._-]+$'; then
  echo "entries.sh: --trust-domain '$trust_domain' is not a trust domain name (lowercase letters, digits, '.', '-', '_')" >&2
  exit 2
fi

# One entry: SPIFFE ID path, parent ID, selectors (one word each).
entry() {
  local path=$1 parent_id=$2
  shift 2
  local id="spiffe://$trust_domain$path"
  if [ -z "$parent_id" ]; then
    echo "entries.sh: no parent ID for $id: pass --parent-id or set the role's *_PARENT_ID" >&2
    exit 2
  fi
  local cmd=(spire-server entry create "${socket[@]}" -parentID "$parent_id" -spiffeID "$id")
  local s
  for s in "$@"; do
    cmd+=(-selector "$s")
  done
  if [ "$dry_run" -eq 1 ]; then
    printf '%q ' "${cmd[@]}" | sed 's/ $/\n/'
    return
  fi
  if spire-server entry show "${socket[@]}" -spiffeID "$id" -parentID "$parent_id" \
    | grep -q '^Found [1-9]'; then
    echo "entries.sh: $id (parent $parent_id) is registered already"
    return
  fi
  "${cmd[@]}"
}

# A role: SPIFFE ID path, parent ID, selector list ("-": leave the role out).
role() {
  local path=$1 parent_id=$2 selectors=$3
  if [ "$selectors" = "-" ]; then
    echo "entries.sh: leaving out spiffe://$trust_domain$path" >&2
    return
  fi
  # shellcheck disable=SC2086 # the selector list is split on spaces on purpose
  entry "$path" "$parent_id" $selectors
}

role /spike/nexus "${NEXUS_PARENT_ID:-$parent}" \
  "${NEXUS_SELECTORS:-unix:user:spike-nexus systemd:id:spike-nexus.service}"
for n in $(seq 1 "$keepers"); do
  selectors="${KEEPER_SELECTORS:-unix:user:spike-keeper systemd:id:spike-keeper@%n.service}"
  keeper_parent="${KEEPER_PARENT_ID:-$parent}"
  role "/spike/keeper/$n" "${keeper_parent//%n/$n}" "${selectors//%n/$n}"
done
role /spike/bootstrap "${BOOTSTRAP_PARENT_ID:-$parent}" \
  "${BOOTSTRAP_SELECTORS:-unix:user:spike-bootstrap systemd:id:spike-bootstrap.service}"
role /spike/pilot/role/superuser "${PILOT_PARENT_ID:-$parent}" "${SUPERUSER_SELECTORS:-unix:user:spike-pilot}"
role /spike/pilot/role/recover "${PILOT_PARENT_ID:-$parent}" "${RECOVER_SELECTORS:-unix:user:spike-recover}"
role /spike/pilot/role/restore "${PILOT_PARENT_ID:-$parent}" "${RESTORE_SELECTORS:-unix:user:spike-restore}"
