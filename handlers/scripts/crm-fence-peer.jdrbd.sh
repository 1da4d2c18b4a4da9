#!/bin/sh
# jdrbd fence-peer / unfence-peer handler for Pacemaker clusters.
#
#   handlers {
#     fence-peer   "/usr/lib/jdrbd/crm-fence-peer.jdrbd.sh";
#     unfence-peer "/usr/lib/jdrbd/crm-unfence-peer.jdrbd.sh";
#   }
#
# fence: puts a location constraint into the CIB that forbids the promoted role of the DRBD
# resource on every node except this one (and, when UP_TO_DATE_NODES says so, the other nodes
# that hold UpToDate data), so Pacemaker cannot promote a node with stale data:
#   <rsc_location rsc="MASTER" id="PREFIX-RES-MASTER"><rule role="ROLE" score="-INFINITY" ...>
#     <expression attribute="#uname" operation="ne" value="NODE" .../>...</rule></rsc_location>
# then reads the peer's state from crm_mon:
#   4  constraint placed; the peer is online (or its state is unknown to the cluster)
#   7  constraint placed; the peer is offline and clean (shut down or already fenced/stonithed)
#   5  constraint placed; the peer stayed unclean (fencing pending) for the whole --timeout
#   1  not configured (no DRBD_RESOURCE, unknown master resource, bad names) or cibadmin failed
# unfence: removes that constraint; exit 0 when it is gone (or was never there), 1 on failure.
#
# Options: -r|--resource RES (default $DRBD_RESOURCE), -i|--master-id ID (default: the promotable
# clone/master holding the ocf:linbit:drbd primitive with drbd_resource=RES), -l|--role ROLE
# (Master), -a|--fencing-attribute ATTR (#uname), -p|--id-prefix P (drbd-fence-by-handler),
# -t|--timeout SECONDS to wait for an unclean peer (90), --poll-interval SECONDS (1),
# --fence / --unfence (default: from the script name).

action=fence
case ${0##*/} in
*unfence*) action=unfence ;;
esac
res=${DRBD_RESOURCE:-}
master_id=
role=Master
attr='#uname'
prefix=drbd-fence-by-handler
timeout_s=90
poll_s=1

log() {
    echo "crm-fence-peer.jdrbd.sh: $*" >&2
}

while [ $# -gt 0 ]; do
    case $1 in
    -r|--resource) res=$2; shift 2 ;;
    -i|--master-id) master_id=$2; shift 2 ;;
    -l|--role) role=$2; shift 2 ;;
    -a|--fencing-attribute) attr=$2; shift 2 ;;
    -p|--id-prefix) prefix=$2; shift 2 ;;
    -t|--timeout) timeout_s=$2; shift 2 ;;
    --poll-interval) poll_s=$2; shift 2 ;;
    --fence) action=fence; shift ;;
    --unfence) action=unfence; shift ;;
    *) log "unknown option '$1'"; exit 1 ;;
    esac
done

# Everything below ends up inside XML attributes and XPath strings: allow only plain names.
plain() {
    case $2 in
    ''|*[!A-Za-z0-9_.:#-]*) log "$1 '$2' is empty or has characters other than A-Z a-z 0-9 _ . : # -"; exit 1 ;;
    esac
}

plain resource "$res"
plain role "$role"
plain fencing-attribute "$attr"
plain id-prefix "$prefix"
case $timeout_s in ''|*[!0-9]*) log "timeout must be whole seconds"; exit 1 ;; esac

find_master_id() {
    # The parent of the drbd primitive for RES is the promotable clone (or master) to constrain.
    cibadmin -Q --xpath "//primitive[@type='drbd'][instance_attributes/nvpair[@name='drbd_resource'][@value='$res']]/.." \
        2>/dev/null | sed -n '1s/^[^>]* id="\([^"]*\)".*/\1/p'
}

if [ -z "$master_id" ]; then
    master_id=$(find_master_id)
fi
if [ -z "$master_id" ]; then
    log "no Pacemaker resource found for DRBD resource $res (give -i MASTER-ID)"
    exit 1
fi
plain master-id "$master_id"
cid="$prefix-$res-$master_id"

constraint_exists() {
    cibadmin -Q --xpath "//rsc_location[@id='$cid']" >/dev/null 2>&1
}

if [ "$action" = unfence ]; then
    if ! constraint_exists; then
        exit 0
    fi
    if cibadmin -D --xpath "//rsc_location[@id='$cid']"; then
        log "removed constraint $cid"
        exit 0
    fi
    log "could not remove constraint $cid"
    exit 1
fi

node_names() {
    case $1 in *[!0-9]*|'') return ;; esac
    eval "set -- \${DRBD_NODE_ID_$1:-}"
    echo "${1:-}"
}

local_node=$(crm_node -n 2>/dev/null) || local_node=
[ -n "$local_node" ] || local_node=$(node_names "${DRBD_MY_NODE_ID:-}")
[ -n "$local_node" ] || local_node=$(uname -n)
plain "local node name" "$local_node"

# Nodes that keep the right to be promoted: this one and every other UpToDate node.
allowed=$local_node
mask=${UP_TO_DATE_NODES:-}
case $mask in
0[xX]*[!0-9A-Fa-f]*|0[xX]) log "ignoring malformed UP_TO_DATE_NODES '$mask'" ;;
0[xX]*)
    mask=$((mask))
    id=0
    while [ "$mask" -gt 0 ] && [ $id -lt 32 ]; do
        if [ $((mask & 1)) -eq 1 ]; then
            name=$(node_names $id)
            if [ -n "$name" ] && [ "$name" != "$local_node" ]; then
                plain "node name" "$name"
                allowed="$allowed $name"
            fi
        fi
        mask=$((mask >> 1))
        id=$((id + 1))
    done
    ;;
esac

exprs=
for n in $allowed; do
    exprs="$exprs<expression attribute=\"$attr\" operation=\"ne\" value=\"$n\" id=\"$cid-expr-$n\"/>"
done
xml="<rsc_location rsc=\"$master_id\" id=\"$cid\"><rule role=\"$role\" score=\"-INFINITY\" boolean-op=\"and\" id=\"$cid-rule\">$exprs</rule></rsc_location>"

if constraint_exists; then
    cibadmin -R -o constraints -X "$xml"
else
    cibadmin -C -o constraints -X "$xml"
fi
rc=$?
if [ $rc -ne 0 ]; then
    log "cibadmin could not place constraint $cid (exit $rc)"
    exit 1
fi
log "placed constraint $cid (promotion allowed only on: $allowed)"

peer=$(node_names "${DRBD_PEER_NODE_ID:-}")
[ -n "$peer" ] || peer=${DRBD_PEER:-}
if [ -z "$peer" ]; then
    exit 4
fi

# One <node .../> line of crm_mon's XML for the peer, or nothing.
peer_line() {
    { crm_mon --output-as=xml 2>/dev/null || crm_mon --as-xml 2>/dev/null; } |
        grep "<node name=\"$peer\"" | grep ' online=' | head -n 1
}

attr_of() {
    echo "$2" | sed -n "s/.* $1=\"\([^\"]*\)\".*/\1/p"
}

deadline=$(($(date +%s) + timeout_s))
while :; do
    line=$(peer_line)
    if [ -z "$line" ]; then
        log "peer $peer not found in cluster status; constraint is in place"
        exit 4
    fi
    if [ "$(attr_of unclean "$line")" != true ]; then
        if [ "$(attr_of online "$line")" = true ]; then
            exit 4
        fi
        log "peer $peer is offline and clean"
        exit 7
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
        log "peer $peer still unclean after $timeout_s s"
        exit 5
    fi
    sleep "$poll_s"
done
