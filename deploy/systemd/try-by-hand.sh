#!/usr/bin/env bash
# Runs the units' ExecStart commands by hand, without systemd, with the environment file
# templates of env/, to prove the templates work: three keepers, Nexus, bootstrap, a put
# and a get, the recovery shards, bootstrap refusing a second time, a Nexus restart unsealing from the keepers
# and a restarted keeper refilled by Nexus.
#
#   unshare -n sh -c 'ip link set lo up && deploy/systemd/try-by-hand.sh DIST DEV'
#
# DIST: the distribution (spike-dist/target/spike); DEV: a `spike dev up` directory whose
# dev CA SVIDs (DEV/svid/<role>.crt/.key, DEV/ca/bundle.pem) fill /etc/spike/svid/.
# Needs root (setpriv), and a private network namespace (it binds 8443, 8543, 8643, 8553, 8554).
# What systemd would do is done by hand: the env files are read in the units' order
# (Environment=, spike.env, the component's file), each component runs under its own uid
# (61001 Nexus, 61002 keepers, 61003 bootstrap; no passwd entry needed) with no_new_privs,
# no capabilities and umask 0077. /etc/spike and /var/lib/spike are rewritten to a scratch
# directory; SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL is shortened to 3s. Everything it starts
# is stopped on exit.
set -euo pipefail
[ "$#" -eq 2 ] || { echo "usage: $0 DIST DEV" >&2; exit 2; }
dist=$(cd "$1" && pwd); dev=$(cd "$2" && pwd); here="$(cd "$(dirname "$0")" && pwd)"
t=$(mktemp -d); chmod 755 "$t"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$t"' EXIT
mkdir -p "$t/etc/spike" "$t/var/lib/spike/nexus" "$t/var/lib/spike/backup" "$t/logs"
for f in "$here"/env/*.env; do
  sed "s#/etc/spike/#$t/etc/spike/#g; s#/var/lib/spike/#$t/var/lib/spike/#g" "$f" >"$t/etc/spike/$(basename "$f")"
done
# keeper-N.env as the guide makes them
for n in 2 3; do
  sed "s#keeper-1/#keeper-$n/#; s#^SPIKE_KEEPER_TLS_PORT=8443#SPIKE_KEEPER_TLS_PORT=$((8343 + 100 * n))#" \
    "$t/etc/spike/keeper-1.env" >"$t/etc/spike/keeper-$n.env"
done
sed -i 's/^SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL=5m$/SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL=3s/' "$t/etc/spike/nexus.env"
chmod 600 "$t"/etc/spike/*.env
svid() { # component dev-role uid
  install -d -m 0700 -o "$3" -g "$3" "$t/etc/spike/svid/$1"
  install -m 0600 -o "$3" -g "$3" "$dev/svid/$2.crt" "$t/etc/spike/svid/$1/svid.pem"
  install -m 0600 -o "$3" -g "$3" "$dev/svid/$2.key" "$t/etc/spike/svid/$1/svid_key.pem"
  install -m 0600 -o "$3" -g "$3" "$dev/ca/bundle.pem" "$t/etc/spike/svid/$1/svid_bundle.pem"
}
svid nexus nexus 61001
for n in 1 2 3; do svid "keeper-$n" "keeper-$n" 61002; done
svid bootstrap bootstrap 61003
chown 61001:61001 "$t/var/lib/spike/nexus" "$t/var/lib/spike/backup"
chmod 700 "$t/var/lib/spike/nexus" "$t/var/lib/spike/backup"

# run LOG UID ENVFILE CWD PROGRAM [VAR=value...]: the unit's Environment= (VAR=value),
# spike.env, the component's env file, then ExecStart (replaces this subshell: same pid).
run() {
  local log=$1 uid=$2 envfile=$3 cwd=$4 program=$5
  shift 5
  exec env -i PATH=/usr/bin:/bin "$@" bash -c "cd $cwd && umask 0077 && set -a && . $t/etc/spike/spike.env \
    && . $envfile && set +a && exec setpriv --reuid=$uid --regid=$uid --clear-groups --no-new-privs \
    --bounding-set=-all --inh-caps=-all $program" >"$t/logs/$log.log" 2>&1
}
keeper() { (run "keeper-$1$2" 61002 "$t/etc/spike/keeper-$1.env" / "$dist/bin/keeper") & pids+=($!); }
nexus() {
  (run "nexus$1" 61001 "$t/etc/spike/nexus.env" "$t/var/lib/spike/nexus" "$dist/bin/nexus" \
    SPIKE_NEXUS_DATA_DIR="$t/var/lib/spike/nexus") &
  nexus_pid=$!; pids+=($!)
}
bootstrap() { (run "bootstrap$1" 61003 "$t/etc/spike/bootstrap.env" / "$dist/bin/bootstrap"); }
ready() { for _ in $(seq 1 90); do curl -sf http://127.0.0.1:8554/readyz >/dev/null && return; sleep 1; done; return 1; }
fail() { echo "try-by-hand: FAIL: $*" >&2; tail -n 5 "$t"/logs/*.log >&2; exit 1; }

for n in 1 2 3; do keeper "$n" ""; done
nexus ""
sleep 5
bootstrap "" || fail "bootstrap exited $?"
cat "$t/logs/bootstrap.log"
ready || fail "Nexus is not ready after bootstrap"
# the first spike call, as an operator with the dev CA's superuser SVID
JAVA_HOME=$(sed -n 's/^JAVA_HOME=//p' "$t/etc/spike/spike.env")
export JAVA_HOME SPIKE_NEXUS_API_URL=https://localhost:8553 SPIKE_TRUST_BUNDLE="$dev/ca/bundle.pem" \
  SPIKE_SVID_CERT="$dev/svid/superuser.crt" SPIKE_SVID_KEY="$dev/svid/superuser.key"
"$dist/bin/spike" secret put apps/web/db user=u pass=p
[ "$("$dist/bin/spike" secret get apps/web/db pass)" = p ] || fail "get after put"
echo "try-by-hand: put and get pass"

SPIKE_SVID_CERT="$dev/svid/recover.crt" SPIKE_SVID_KEY="$dev/svid/recover.key" \
  "$dist/bin/spike" operator recover --dir "$t/recover"
[ "$(find "$t/recover" -name 'spike.recovery.*.txt' | wc -l)" -eq 3 ] || fail "recover wrote no 3 shard files"
echo "try-by-hand: recover wrote $(cd "$t/recover" && echo spike.recovery.*.txt)"

if bootstrap "-again"; then fail "a second bootstrap succeeded"; fi
grep -q "already has a root key" "$t/logs/bootstrap-again.log" || fail "a second bootstrap did not say why it refused"
echo "try-by-hand: a second bootstrap refuses: $(tail -n 1 "$t/logs/bootstrap-again.log")"

kill "$nexus_pid"; wait "$nexus_pid" && code=0 || code=$?
[ "$code" -eq 143 ] || fail "Nexus exited $code on SIGTERM, not 143 (the units' SuccessExitStatus)"
nexus "-restarted"
ready || fail "Nexus did not unseal from the keepers after a restart"
[ "$("$dist/bin/spike" secret get apps/web/db pass)" = p ] || fail "get after the Nexus restart"
echo "try-by-hand: Nexus restarted (SIGTERM exit 143), unsealed from the keepers, get passes"

kill "${pids[0]}"; wait "${pids[0]}" || true
keeper 1 "-restarted"
for _ in $(seq 1 30); do
  grep -q "new shard received from spiffe://.*/spike/nexus" "$t/logs/keeper-1-restarted.log" && break
  sleep 1
done
grep -q "new shard received from spiffe://.*/spike/nexus" "$t/logs/keeper-1-restarted.log" \
  || fail "the restarted keeper 1 got no shard from Nexus"
echo "try-by-hand: keeper 1 restarted and got its shard back from Nexus"
echo "try-by-hand: files Nexus wrote:"
ls -ln "$t/var/lib/spike/nexus"
echo "try-by-hand: PASS"
