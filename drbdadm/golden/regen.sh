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
  "added-volume ok/06-9-two-vol.res one-volume-06" "two-vol-standalone ok/06-9-two-vol.res standalone-06" "added-path ok/09-9-multipath.res one-path-09"
  "paths-replaced ok/09-9-multipath.res same-05" "diskless-same ok/11-9-diskless.res diskless-05"
  "diskless-had-disk ok/11-9-diskless.res same-05" "all-net-partial ok/13-all-net.res net-partial-13"
  "all-net-none ok/13-all-net.res same-05" "all-disk ok/14-all-disk.res three-volumes-two-paths"
  "conn-complex ok/23-conn-options.res complex-23"
  "conn-removed ok/23-conn-options.res three-volumes-two-paths"
  "conn-new-peer ok/23-conn-options.res net-protocol-A" "mesh-one-peer ok/07-9-three-mesh.res same-05"
  "common-inherit ok/12-common-inherit.res same-05" "units ok/30-units.res same-05"
  "proxy-nothing ok/24-proxy.res nothing" "proxy-paths ok/24-proxy.res same-05"
  "proxy-wrong-peer ok/24-proxy.res wrong-peer-05" "mixed-nothing cli/mixed.res nothing"
  "multi-same cli/multi.res same-05" "pd-opts-nothing cli/pd-volume-opts.res nothing"
)

# single command lines: config (under conf/) | arguments; for the command line itself (help,
# options, addressing) and for configs that need commands the ok/ list does not run
clis=(
  "ok/05-9-two-host.res|hidden-commands" "ok/05-9-two-host.res|hidden-commands foo"
  "ok/05-9-two-host.res|help" "ok/05-9-two-host.res|help attach"
  "ok/05-9-two-host.res|help hidden-commands" "ok/05-9-two-host.res|help nosuch"
  "ok/05-9-two-host.res|-h up" "ok/05-9-two-host.res|up" "ok/05-9-two-host.res|"
  "ok/05-9-two-host.res|nosuch" "ok/05-9-two-host.res|--bogus up all"
  "ok/05-9-two-host.res|-x up all" "ok/05-9-two-host.res|--c primary r0"
  "ok/05-9-two-host.res|primary --s=1 r0" "ok/05-9-two-host.res|-d primary --forc=1 r0"
  "ok/05-9-two-host.res|-d up all --discard-my-data"
  "ok/05-9-two-host.res|-d attach --size 10G r0"
  "ok/05-9-two-host.res|-d create-md --max-peers 3 --force r0"
  "ok/05-9-two-host.res|-d outdate --force r0" "ok/05-9-two-host.res|-d primary r0 --drbdsetup"
  "ok/05-9-two-host.res|-d primary r0 -s" "ok/05-9-two-host.res|-d --dry-run=1 up r0"
  "ok/05-9-two-host.res|-d -- primary r0" "ok/05-9-two-host.res|-d primary r0 -- --force"
  "ok/05-9-two-host.res|-s /nonexistent/drbdsetup -d up r0"
  "ok/05-9-two-host.res|-m /nonexistent/drbdmeta dump"
  "ok/05-9-two-host.res|r0 -d up" "ok/05-9-two-host.res|-d invalidate --force r0"
  "ok/05-9-two-host.res|-d dstate --force r0" "ok/05-9-two-host.res|-nV -d primary r0"
  "ok/05-9-two-host.res|-t src/test/resources/conf/cli/tinc/extra.res -d up r0"
  "ok/14-all-disk.res|-d attach --size=5G all" "ok/14-all-disk.res|-d disk-options --al-extents=7 all"
  "ok/14-all-disk.res|-d resize --assume-clean all" "ok/14-all-disk.res|-d check-resize all"
  "ok/14-all-disk.res|-d peer-device-options --c-max-rate=1 all"
  "ok/15-all-options.res|-d resource-options --cpu-mask=1 all"
  "ok/16-startup-handlers.res|-d wait-connect r0:beta"
  "ok/16-startup-handlers.res|-d wait-sync r0:beta/0" "ok/16-startup-handlers.res|-d wait-sync all"
  "ok/23-conn-options.res|-d invalidate-remote all" "ok/23-conn-options.res|-d peer-device-options all"
  "ok/23-conn-options.res|-d new-peer --protocol=A all"
  "ok/24-proxy.res|-d proxy-up all" "ok/24-proxy.res|-d proxy-down r0"
  "ok/24-proxy.res|-d proxy-up r0/0" "ok/05-9-two-host.res|-d proxy-up all"
  "cli/multi.res|-d connect r1 r0/1" "cli/multi.res|-d attach r1 nosuch"
  "cli/multi.res|-d attach nosuch r1" "cli/multi.res|-d attach nosuch"
  "cli/multi.res|-d attach nosuch nosuch2" "cli/multi.res|-d attach r0/7"
  "cli/multi.res|-d attach r1 r0:nosuch" "cli/multi.res|-d attach r0/x"
  "cli/multi.res|-d attach r0/" "cli/multi.res|-d attach minor-9"
  "cli/multi.res|-d attach minor-5" "cli/multi.res|-d connect minor-5"
  "cli/multi.res|-d up r1 r1" "cli/multi.res|-d connect r0 r0:beta"
  "cli/multi.res|-d attach all nosuch" "cli/multi.res|-d attach r0:gamma"
  "cli/multi.res|-d up r0:gamma" "cli/multi.res|-d down r0:gamma"
  "cli/multi.res|-d invalidate r0:gamma" "cli/multi.res|-d invalidate --reset-bitmap=no r0:gamma"
  "cli/multi.res|-d get-gi all" "cli/multi.res|-d show-gi r0:beta" "cli/multi.res|-d set-gi r0/1"
  "cli/multi.res|-d set-gi all" "cli/multi.res|-d forget-peer all" "cli/multi.res|-d forget-peer --force r1"
  "cli/multi.res|-d wait-connect r0:beta" "cli/multi.res|-d wait-connect r0/1"
  "cli/multi.res|-d new-current-uuid r0" "cli/multi.res|-d new-current-uuid --clear-bitmap all"
  "cli/multi.res|sh-udev all" "cli/multi.res|sh-udev r0:beta" "cli/multi.res|-d create-md r0:beta"
  "cli/multi.res|sh-ip all" "cli/multi.res|sh-ip r0:gamma" "cli/multi.res|sh-resources"
  "cli/multi.res|sh-resources r1" "cli/multi.res|sh-nop nosuch" "cli/multi.res|sh-lr-of r1"
  "cli/multi.res|-d up r1 r0/1" "cli/multi.res|-d down r1 nosuch" "cli/multi.res|-d check-resize all"
  "cli/multi.res|-d resize --assume-clean r1" "cli/multi.res|dump all" "cli/multi.res|dump-xml all"
  "cli/multi.res|dump r1/0" "cli/multi.res|-d primary r1/0" "cli/multi.res|-d verify --start=10 r1"
  "cli/mixed.res|-d attach all" "cli/mixed.res|-d forget-peer all" "cli/mixed.res|sh-md-dev all"
  "cli/mixed.res|-d detach all" "cli/mixed.res|-d get-gi all" "cli/mixed.res|-d up all"
  "cli/mixed.res|-d resize r1 r0" "cli/mixed.res|-d new-current-uuid r0/1" "cli/mixed.res|dump -v"
  "cli/pd-volume-opts.res|-d up all" "cli/pd-volume-opts.res|dump -v"
  "cli/pd-volume-opts.res|-d peer-device-options all" "cli/resync-after.res|-d attach r0"
  "cli/resync-after.res|-d disk-options all" "cli/resync-after.res|dump -v"
  "cli/three-res.res|sh-resources" "cli/three-res.res|-d up all"
  "cli/tinc/main.conf|-t src/test/resources/conf/cli/tinc/extra.res dump"
  "cli/tinc/main.conf|-t src/test/resources/conf/cli/tinc/extra.res sh-nop"
  "cli/tinc/main.conf|-t src/test/resources/conf/cli/tinc/extra.res dump-xml r0"
  "cli/tinc/main.conf|-t src/test/resources/conf/cli/tinc/clash.res sh-nop"
  "cli/tinc/main.conf|-t src/test/resources/conf/cli/tinc/extra.res sh-resources"
  "cli/tinc/main.conf|-t /nonexistent.res sh-nop"
  "cli/tinc/main.conf|-E src/test/resources/conf/cli/tinc/d/r1.res sh-resources"
  "cli/tinc/main.conf|-E src/test/resources/conf/cli/tinc/d/r1.res -E src/test/resources/conf/cli/tinc/d/r0.res sh-resources"
  "cli/tinc/main.conf|-E /nonexistent.res sh-resources"
  "cli/tinc/main.conf|-E src/test/resources/conf/cli/tinc/d/r1.res -t src/test/resources/conf/cli/tinc/clash.res dump"
  "cli/stacked.res|dump" "cli/stacked.res|dump -v" "cli/stacked.res|dump-xml"
  "cli/stacked.res|-d up all" "cli/stacked.res|-S -d up all" "cli/stacked.res|-d up r0-U"
  "cli/stacked.res|sh-resources" "cli/stacked.res|-S sh-resources" "cli/stacked.res|-S sh-lr-of r0-U"
  "cli/stacked.res|sh-lr-of r0" "cli/stacked.res|-S sh-ll-dev all" "cli/stacked.res|-S sh-md-dev all"
  "cli/stacked.res|-S -d create-md all" "cli/stacked.res|-S -d down all"
  "cli/stacked.res|-S -d new-current-uuid r0-U/0"
  "cli/stacked.res|-d up all|charlie" "cli/stacked.res|dump -v|charlie"
  "cli/stacked.res|-S -d up all|charlie" "cli/stacked.res|dump-xml|delta" "cli/stacked.res|dump|delta"
  "cli/stacked-mesh.res|dump" "cli/stacked-mesh.res|sh-resources"
  "cli/stacked.res|-S -d up all|delta" "cli/no-global.res|dump-xml|gamma"
  "cli/no-global.res|dump -v|gamma" "cli/no-global.res|dump|gamma"
  "cli/device-names.res|dump" "cli/device-names.res|dump|beta"
  "cli/device-names2.res|dump" "cli/device-names2.res|dump|beta"
  "cli/resync-after.res|dump|gamma" "cli/resync-after.res|sh-dev all|gamma"
  "ok/17-syncer.res|-d up all|beta" "bad/56-volume-forms.res|sh-resources"
  "ok/05-9-two-host.res|-d adjust --skip-disk all||two-volumes-05"
  "ok/14-all-disk.res|-d adjust --skip-net all||nothing"
  "ok/14-all-disk.res|-d adjust --skip-disk=no all||nothing"
  "ok/23-conn-options.res|-d adjust --discard-my-data --tentative all||complex-23"
  "ok/05-9-two-host.res|-d adjust --tentative=no r0||path-changed-05"
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
  # drop the oracle's version-probe noise (no modinfo on build hosts); sed, unlike grep, keeps
  # a missing final newline missing
  sed -e '/^sh: 1: modinfo: not found$/d' -e "s#$mod#@MOD@#g" "$se"
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
mkdir -p "$out/cli"
{
  for c in "${clis[@]}"; do
    IFS='|' read -r conf args node show <<<"$c"
    # shellcheck disable=SC2086
    SHOW=${show:+$res/conf/show/$show.show} block "${node:-alpha}" "$res/conf/$conf" $args
  done
} >"$out/cli/cli.txt"
echo "goldens written to $out"
