#!/bin/sh
# Makes podman ready for ContainerIT (spike-it) and for the commands of docs/operations/containers.md
# on a Debian or Ubuntu machine; run as root, as often as you like (it changes nothing the second time).
# - installs podman and runc with apt when either is missing;
# - selects runc as the OCI runtime (crun refuses the hybrid cgroup v1/v2 setup of these machines) and
#   explicit ulimits (podman's defaults exceed the hard limits here: "error setting rlimit type 7"),
#   in a drop-in file of its own, /etc/containers/containers.conf.d/50-spike.conf;
# - prints the runtime and storage driver podman then uses, or fails saying what is wrong.
set -eu

missing=""
command -v podman >/dev/null 2>&1 || missing="$missing podman"
command -v runc >/dev/null 2>&1 || missing="$missing runc"
if [ -n "$missing" ]; then
  echo "podman-setup: installing$missing"
  apt-get update -q
  # shellcheck disable=SC2086 # a list of package names
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
fi

conf_dir=/etc/containers/containers.conf.d
conf=$conf_dir/50-spike.conf
want='# Written by deploy/container/podman-setup.sh (spike-java).
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"'
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$want" ]; then
  mkdir -p "$conf_dir"
  printf '%s\n' "$want" >"$conf"
  echo "podman-setup: wrote $conf"
fi

if ! info=$(podman info --format '{{.Host.OCIRuntime.Name}} {{.Store.GraphDriverName}}' 2>&1); then
  echo "podman-setup: podman cannot run here: $info" >&2
  exit 1
fi
runtime=${info%% *}
[ "$runtime" = runc ] || { echo "podman-setup: podman uses runtime '$runtime', not runc: is $conf overridden?" >&2; exit 1; }
echo "podman-setup: podman $(podman version --format '{{.Client.Version}}'), runtime $runtime, storage driver ${info#* }"
