#!/bin/sh
# jdrbd notification handler: records that DRBD called a handler (split-brain, pri-lost, ...).
#
#   handlers { split-brain "/usr/lib/jdrbd/notify.sh split-brain [-m RECIPIENT]..."; }
#
# The event is the first argument, or taken from the script name when called through a link
# named notify-EVENT.sh. The message goes to the file $JDRBD_NOTIFY_FILE when set, otherwise to
# syslog via logger; with -m (or $JDRBD_NOTIFY_MAIL, space separated) it is also mailed.
# Always exits 0: DRBD ignores the exit code of notification handlers, and a failed
# notification must not look like a refused resync.

event=
case ${0##*/} in
notify-*.sh) event=${0##*/notify-}; event=${event%.sh} ;;
esac
recipients=${JDRBD_NOTIFY_MAIL:-}
while [ $# -gt 0 ]; do
    case $1 in
    -m|--mail) recipients="$recipients $2"; shift 2 ;;
    -*) shift ;;
    *) if [ -z "$event" ]; then event=$1; else recipients="$recipients $1"; fi; shift ;;
    esac
done
event=${event:-unknown-event}

peer=${DRBD_PEER:-}
if [ -z "$peer" ] && [ -n "${DRBD_PEER_NODE_ID:-}" ]; then
    case $DRBD_PEER_NODE_ID in
    *[!0-9]*) ;;
    *) eval "peer=\${DRBD_NODE_ID_${DRBD_PEER_NODE_ID}:-}" ;;
    esac
fi

msg="DRBD $event: resource ${DRBD_RESOURCE:-?}"
[ -n "${DRBD_VOLUME:-}" ] && msg="$msg volume $DRBD_VOLUME"
[ -n "${DRBD_MINOR:-}" ] && msg="$msg minor $DRBD_MINOR"
[ -n "$peer" ] && msg="$msg peer $peer"
msg="$msg on $(uname -n)"

if [ -n "${JDRBD_NOTIFY_FILE:-}" ]; then
    printf '%s %s\n' "$(date '+%Y-%m-%dT%H:%M:%S%z')" "$msg" >> "$JDRBD_NOTIFY_FILE" 2>/dev/null ||
        echo "notify.sh: cannot write $JDRBD_NOTIFY_FILE" >&2
else
    logger -t jdrbd-notify -p daemon.warning -- "$msg" 2>/dev/null || echo "$msg" >&2
fi

for r in $recipients; do
    printf '%s\n\nSent by jdrbd notify.sh for handler %s.\n' "$msg" "$event" |
        mail -s "DRBD $event: ${DRBD_RESOURCE:-?} on $(uname -n)" "$r" 2>/dev/null ||
        echo "notify.sh: mail to $r failed" >&2
done
exit 0
