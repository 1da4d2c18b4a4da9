#!/usr/bin/env bash
# Regenerates drbdadm/src/test/resources/meta/*.txt from Debian's drbdmeta (drbd-utils 9.22).
# Needs /usr/sbin/drbdmeta (apt-get install drbd-utils) and python3; runs on sparse files only.
# Side effects of drbdmeta itself: /var/lock/drbd-147-<minor>, /var/lib/drbd/drbd-minor-*.lkbd
# (scenarios that show a minor's .lkbd file remove it before they start). Needs root, like drbdmeta.
# Usage: metadata/golden/regen.sh [SCENARIO...]   (all scenarios when none is named)
set -euo pipefail
exec python3 "$(dirname "$0")/regen.py" "$@"
