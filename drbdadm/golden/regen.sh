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
)

block() { # node config args...
  local node=$1 conf=$2; shift 2
  local so se rc
  so=$(mktemp) se=$(mktemp)
  rc=0
  __DRBD_NODE__=$node "$oracle" -c "$conf" "$@" >"$so" 2>"$se" </dev/null || rc=$?
  printf '### node %s\n### args -c %s %s\n### rc %s\n### stdout\n' "$node" "$conf" "$*" "$rc"
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
echo "goldens written to $out"
