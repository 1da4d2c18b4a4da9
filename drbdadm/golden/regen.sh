#!/usr/bin/env bash
# Regenerates the drbdadm golden files from Debian's drbd-utils 9.22 drbdadm (the oracle).
# Usage: drbdadm/golden/regen.sh   (needs /usr/sbin/drbdadm from drbd-utils 9.22)
# Sections end with one extra newline (so output without a final newline survives).
# Each golden file holds, per command: the arguments, exit code, stdout and stderr, with the
# module's absolute path replaced by @MOD@ so the files do not depend on the checkout place.
set -euo pipefail
mod=$(cd "$(dirname "$0")/.." && pwd)
cd "$mod"
oracle=${DRBDADM_ORACLE:-drbdadm}
res=src/test/resources
out=$res/golden
mkdir -p "$out/ok" "$out/bad"
export DRBD_DRIVER_VERSION_OVERRIDE=9.0.0

commands=(
  "dump" "dump -v" "-d up all" "-d down all" "-d attach all" "-d detach all" "-d connect all"
  "-d disconnect all" "-d primary --force all" "-d secondary all" "-d create-md all"
  "-d create-md --max-peers=5 all" "-d invalidate all" "-d outdate all" "-d resize all"
  "-d verify all" "-d pause-sync all" "-d resume-sync all" "-d new-current-uuid r0/0"
  "-d -n VAR up all" "sh-resources" "sh-ll-dev all" "sh-md-dev all" "sh-md-idx all"
  "sh-minor all" "sh-dev all" "sh-ip all" "sh-resource r0" "-d down r0" "-d up nosuch"
  "dump-xml" "dump-xml r0"
)

# adjust against a fake "drbdsetup show": golden name, config (under conf/), show file (conf/show/)
adjusts=(
  "same ok/05-9-two-host.res same-05" "path-changed ok/05-9-two-host.res path-changed-05"
  "nothing-running ok/05-9-two-host.res nothing" "protocol ok/05-9-two-host.res net-protocol-A"
  "disk-options ok/05-9-two-host.res disk-options-05" "disk-changed ok/05-9-two-host.res disk-changed-05"
  "running-diskless ok/05-9-two-host.res diskless-05" "res-options ok/05-9-two-host.res res-options-05"
  "wrong-peer ok/05-9-two-host.res wrong-peer-05" "removed-volume ok/05-9-two-host.res two-volumes-05"
  "other-resource ok/05-9-two-host.res other-resource"
  "defaults-spelled ok/05-9-two-host.res defaults-spelled-05"
  "disk-defaults ok/05-9-two-host.res disk-defaults-05"
  "removed-diskless-volume ok/05-9-two-host.res diskless-volume-1"
  "quorum ok/05-9-two-host.res quorum-05" "two-vol-same ok/06-9-two-vol.res same-06"
  "added-volume ok/06-9-two-vol.res one-volume-06" "added-path ok/09-9-multipath.res one-path-09"
  "paths-replaced ok/09-9-multipath.res same-05" "diskless-same ok/11-9-diskless.res diskless-05"
  "diskless-had-disk ok/11-9-diskless.res same-05" "all-net-partial ok/13-all-net.res net-partial-13"
  "all-net-none ok/13-all-net.res same-05" "all-disk ok/14-all-disk.res three-volumes-two-paths"
  "conn-complex ok/23-conn-options.res complex-23"
  "conn-removed ok/23-conn-options.res three-volumes-two-paths"
  "conn-new-peer ok/23-conn-options.res net-protocol-A" "mesh-one-peer ok/07-9-three-mesh.res same-05"
  "common-inherit ok/12-common-inherit.res same-05" "units ok/30-units.res same-05"
)

block() { # node config args...  (env SHOW: a fake drbdsetup show file)
  local node=$1 conf=$2; shift 2
  local so se rc
  so=$(mktemp) se=$(mktemp)
  rc=0
  if [[ -n ${SHOW:-} ]]; then
    FAKE_DRBDSETUP_SHOW=$SHOW __DRBD_NODE__=$node "$oracle" -c "$conf" "$@" >"$so" 2>"$se" </dev/null || rc=$?
  else
    __DRBD_NODE__=$node "$oracle" -c "$conf" "$@" >"$so" 2>"$se" </dev/null || rc=$?
  fi
  printf '### node %s\n' "$node"
  [[ -n ${SHOW:-} ]] && printf '### show %s\n' "$SHOW"
  printf '### args -c %s %s\n### rc %s\n### stdout\n' "$conf" "$*" "$rc"
  sed "s#$mod#@MOD@#g" "$so"
  printf '\n### stderr\n'
  # drop the oracle's version-probe noise (no modinfo on build hosts)
  { grep -v '^sh: 1: modinfo: not found$' "$se" || true; } | sed "s#$mod#@MOD@#g"
  printf '\n### end\n'
  rm -f "$so" "$se"
}

for f in $res/conf/ok/*.res $res/conf/inc/drbd.conf; do
  base=$(basename "$f" .res)
  [[ $f == */inc/* ]] && base=include
  node=alpha
  [[ $base == 19-stacked ]] && node=alpha
  {
    for c in "${commands[@]}"; do
      # shellcheck disable=SC2086
      block "$node" "$f" $c
    done
  } >"$out/ok/$base.txt"
done
for f in $res/conf/bad/*.res; do
  base=$(basename "$f" .res)
  { block alpha "$f" dump; block alpha "$f" -d up all; } >"$out/bad/$base.txt"
done
mkdir -p "$out/adjust"
for a in "${adjusts[@]}"; do
  read -r name conf show <<<"$a"
  {
    SHOW=$res/conf/show/$show.show block alpha "$res/conf/$conf" -d adjust all
    SHOW=$res/conf/show/$show.show block alpha "$res/conf/$conf" -d adjust r0
  } >"$out/adjust/$name.txt"
done
echo "goldens written to $out"
