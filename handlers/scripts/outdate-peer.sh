#!/bin/sh
# jdrbd fence-peer handler: ask the peer over ssh to outdate its copy of the resource.
#
#   handlers { fence-peer "/usr/lib/jdrbd/outdate-peer.sh [-t SECONDS] [-p HOST] [-s SSH-COMMAND]"; }
#
# Peer to contact, first that is set: -p HOST, $JDRBD_PEER_HOST, $DRBD_PEER_ADDRESS, the words of
# $DRBD_PEERS, the names of node $DRBD_PEER_NODE_ID ($DRBD_NODE_ID_<n>). Candidates are tried in
# order until one answers. The ssh command is -s, else $JDRBD_SSH, else "ssh"; it runs in batch
# mode, so keys must be set up beforehand.
#
# Exit codes (DRBD's fence-peer contract):
#   4  the peer ran "drbdadm outdate" successfully: its disk is Outdated
#   3  the peer's disk is already Inconsistent or worse (remote exit 5) or it has none (16)
#   6  the peer is Primary and refused (remote exit 17): we must outdate ourselves
#   5  no candidate could be reached (ssh failed to connect or the time ran out)
#   1  anything else, including a reachable peer that failed for another reason: the answer is
#      unknown, so DRBD treats the handler as broken and keeps IO frozen (fail safe)

timeout_s=10
peer_override=${JDRBD_PEER_HOST:-}
ssh_cmd=${JDRBD_SSH:-ssh}

log() {
    echo "outdate-peer.sh: $*" >&2
}

while [ $# -gt 0 ]; do
    case $1 in
    -t|--timeout) timeout_s=$2; shift 2 ;;
    -p|--peer) peer_override=$2; shift 2 ;;
    -s|--ssh) ssh_cmd=$2; shift 2 ;;
    *) log "unknown option '$1'"; exit 1 ;;
    esac
done

case $timeout_s in
''|*[!0-9]*) log "timeout must be whole seconds, not '$timeout_s'"; exit 1 ;;
esac

res=${DRBD_RESOURCE:-}
if [ -z "$res" ]; then
    log "DRBD_RESOURCE is not set; run me as a fence-peer handler"
    exit 1
fi

candidates() {
    if [ -n "$peer_override" ]; then
        echo "$peer_override"
    elif [ -n "${DRBD_PEER_ADDRESS:-}" ]; then
        echo "$DRBD_PEER_ADDRESS"
    elif [ -n "${DRBD_PEERS:-}" ]; then
        echo "$DRBD_PEERS"
    elif [ -n "${DRBD_PEER_NODE_ID:-}" ]; then
        eval "echo \${DRBD_NODE_ID_${DRBD_PEER_NODE_ID}:-}"
    fi
}

# Checked before candidates() builds a variable name from it.
case ${DRBD_PEER_NODE_ID:-0} in
*[!0-9]*) log "bad DRBD_PEER_NODE_ID '$DRBD_PEER_NODE_ID'"; exit 1 ;;
esac
hosts=$(candidates)
if [ -z "$hosts" ]; then
    log "no peer address or name known for $res"
    exit 1
fi

for host in $hosts; do
    # ssh exits 255 when it could not connect; timeout(1) exits 124 when time ran out.
    # $ssh_cmd is split into words on purpose (e.g. "ssh -i /root/.ssh/fence").
    timeout "$timeout_s" $ssh_cmd -o BatchMode=yes -o ConnectTimeout="$timeout_s" "$host" \
        drbdadm outdate "$res"
    rc=$?
    case $rc in
    0) log "peer $host outdated $res"; exit 4 ;;
    5|16) log "peer $host: $res is already Inconsistent or diskless there"; exit 3 ;;
    17) log "peer $host is Primary for $res and refused to outdate"; exit 6 ;;
    124|255) log "peer $host unreachable (exit $rc)" ;;
    *) log "peer $host: drbdadm outdate $res failed with $rc"; exit 1 ;;
    esac
done
log "no peer reachable for $res"
exit 5
