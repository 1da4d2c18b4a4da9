# shellcheck shell=bash
# Part of ocf:jdrbd:drbd (sourced by ./drbd, never run on its own).
#
# Reads the state of one resource from `drbdsetup events2 --now RES` and turns it into the
# promotion (master) score Pacemaker uses to pick the Primary. The decision table is the one
# the ocf:linbit:drbd agent applies (drbd-utils-interface.md §5.4), so a cluster moving from the
# kernel module to jdrbd sees the same scores for the same states.

# st_* variables describe the last status read; all are "true"/"false" words so they can be used
# directly as commands in conditions.
st_reset() {
	st_ok=false                    # events2 answered
	st_role=Unconfigured           # local role: Primary, Secondary or Unconfigured
	st_primary=false
	st_unconfigured=true
	st_peer_primary=false          # some connection reports role:Primary
	st_quorum=true                 # no device said quorum:no
	st_diskless_client=false       # every local volume is an intentionally diskless client
	st_disk_all_uptodate=false
	st_disk_all_consistent=false
	st_disk_transitional=false
	st_peer_some_all_uptodate=false
	st_peer_some_not_all_uptodate=false
	st_pdsk_any_unknown=false
	st_pdsk_all_uptodate=false
	st_disks=""                    # local disk states, for log lines
}

# Parses events2 --now output on stdin for resource $1.
st_parse_events2() {
	local res=$1 line object kv v id vol
	local n_volumes=0 n_client=0
	local disk_uptodate=true disk_consistent=true disk_transitional=false
	local -a peer_ids=()
	local -A peer_uptodate=() peer_known=() peer_client=() peer_role=()
	while IFS= read -r line; do
		set -- $line
		[ "$1" = exists ] || continue
		[ "$2" = - ] && break
		[ "$3" = "name:$res" ] || continue
		object=$2
		shift 3
		case $object in
		resource)
			for kv; do
				case $kv in role:*) st_role=${kv#role:}; break ;; esac
			done
			;;
		connection)
			id=-
			for kv; do
				v=${kv#*:}
				case $kv in
				peer-node-id:*) id=$v; peer_ids+=("$v") ;;
				role:*) peer_role[$id]=$v ;;
				esac
			done
			peer_uptodate[$id]=0 peer_known[$id]=0 peer_client[$id]=0
			;;
		device)
			n_volumes=$((n_volumes + 1))
			if [[ " $* " = *" disk:Diskless "* && " $* " = *" client:yes "* ]]; then
				n_client=$((n_client + 1))
				st_disks="$st_disks DisklessClient"
				continue
			fi
			for kv; do
				v=${kv#*:}
				case $kv in
				disk:*)
					st_disks="$st_disks $v"
					case $v in
					UpToDate) ;;
					Consistent) disk_uptodate=false ;;
					Attaching|Negotiating) disk_transitional=true ;;
					Diskless|Failed|Inconsistent|Outdated|Detaching)
						disk_uptodate=false disk_consistent=false ;;
					esac
					;;
				quorum:no) st_quorum=false ;;
				esac
			done
			;;
		peer-device)
			id=- vol=-
			for kv; do
				v=${kv#*:}
				case $kv in
				peer-node-id:*) id=$v ;;
				volume:*) vol=$v ;;
				peer-client:yes) peer_client[$id]=$((${peer_client[$id]:-0} + 1)) ;;
				peer-disk:DUnknown) ;;
				peer-disk:UpToDate)
					peer_uptodate[$id]=$((${peer_uptodate[$id]:-0} + 1))
					peer_known[$id]=$((${peer_known[$id]:-0} + 1)) ;;
				peer-disk:*) peer_known[$id]=$((${peer_known[$id]:-0} + 1)) ;;
				esac
			done
			;;
		esac
	done
	st_ok=true
	case $st_role in
	Primary) st_primary=true st_unconfigured=false ;;
	Unconfigured) ;;
	*) st_unconfigured=false ;;
	esac
	case " ${peer_role[*]} " in *Primary*) st_peer_primary=true ;; esac
	st_disk_all_uptodate=$disk_uptodate
	st_disk_all_consistent=$disk_consistent
	st_disk_transitional=$disk_transitional
	# A resource whose volumes are all diskless clients (also: one without volumes) reads
	# its data from peers only.
	[ "$n_volumes" -eq "$n_client" ] && st_diskless_client=true
	for id in "${peer_ids[@]}"; do
		# A diskless peer neither counts as a good copy nor as a missing one.
		[ "$n_volumes" -eq "${peer_client[$id]}" ] && continue
		if [ "$n_volumes" -eq "${peer_uptodate[$id]}" ]; then
			st_peer_some_all_uptodate=true
		else
			st_peer_some_not_all_uptodate=true
		fi
		[ "$n_volumes" -ne "${peer_known[$id]}" ] && st_pdsk_any_unknown=true
	done
	if $st_peer_some_all_uptodate && ! $st_peer_some_not_all_uptodate; then
		st_pdsk_all_uptodate=true
	fi
	return 0
}

# Reads the status of $DRBD_RESOURCE. Returns 0 when events2 answered; otherwise the st_*
# variables say "not configured" (jdrbdd unreachable means nothing runs here).
st_read() {
	local out rc
	st_reset
	out=$(drbdsetup events2 --now "$DRBD_RESOURCE" 2>&1)
	rc=$?
	if [ $rc -ne 0 ]; then
		ocf_log warn "$DRBD_RESOURCE: drbdsetup events2 --now exited with $rc: $out"
		return $rc
	fi
	st_parse_events2 "$DRBD_RESOURCE" <<<"$out"
}

# --- promotion score through crm_master (crm_attribute -p when crm_master is absent) ---

score_cmd() {
	if command -v crm_master >/dev/null 2>&1; then
		crm_master "$@"
	else
		crm_attribute -p "$OCF_RESOURCE_INSTANCE" "$@"
	fi
}

unset score_current
score_get() {
	[ -n "${score_current+set}" ] || score_current=$(score_cmd -q -l reboot -G 2>/dev/null)
	[ -n "$score_current" ]
}

score_remove() {
	run_logged score_cmd -l reboot -D
	score_current=""
}

# A score of zero or less means "never promote here": the attribute is deleted instead.
score_set() {
	if [ "$1" -le 0 ]; then
		score_remove
	else
		run_logged score_cmd -Q -l reboot -v "$1" && score_current=$1
	fi
}

# Sets DRBD_PRIMARY_PEER_according_to_pcmk: a node other than this one that Pacemaker reports as
# running the resource in the Master role (asked once per run).
locate_master_done=false
locate_master() {
	$locate_master_done && return 0
	locate_master_done=true
	pcmk_master_peer=$(crm_resource --resource "$OCF_RESOURCE_INSTANCE" --locate 2>/dev/null |
		sed -n 's/^.*is running on: \([^ ]*\) Master.*$/\1/p' | grep -vix -m1 -e "$HOSTNAME")
}

# True when a peer is Primary although Pacemaker knows no Master (a cluster split brain, most
# likely): promoting here would fail or diverge.
peer_primary_unknown_to_pacemaker() {
	locate_master
	[ "$OCF_RESKEY_CRM_meta_master_max" = 1 ] || return 1
	$st_primary && return 1
	$st_peer_primary || return 1
	[ -z "$pcmk_master_peer" ]
}

# remove_master_score_if_peer_primary: true when the score was dealt with here.
score_handled_because_peer_primary() {
	$opt_remove_if_peer_primary || return 1
	$st_primary && return 1
	$st_peer_primary || return 1
	# Only a peer with good data makes this node's promotion pointless.
	$st_peer_some_all_uptodate || return 1
	if $opt_remove_only_if_unexpected; then
		peer_primary_unknown_to_pacemaker || return 1
		if score_get; then
			ocf_log info "$DRBD_RESOURCE: connected to a Primary Pacemaker does not know about; removing the promotion score"
			score_remove
		fi
		return 0
	fi
	score_remove
	return 0
}

# The four values of adjust_master_score, in their order.
score_update() {
	local only_consistent only_remote local_ok best
	set -- $OCF_RESKEY_adjust_master_score
	only_consistent=$1 only_remote=$2 local_ok=$3 best=$4
	if ! $st_quorum; then
		score_remove
		return
	fi
	score_handled_because_peer_primary && return
	if $st_diskless_client; then
		if $st_primary && $st_peer_some_all_uptodate; then
			score_set $((best - 1))
		elif $st_pdsk_all_uptodate; then
			score_set $((best - 1))
		elif $st_peer_some_all_uptodate; then
			score_set $((local_ok - 1))
		else
			score_remove
		fi
	elif $st_disk_all_uptodate; then
		if $st_primary; then
			score_set "$best"
			$opt_unfence_if_all_uptodate && $st_pdsk_all_uptodate && call_unfence
		elif $st_pdsk_any_unknown; then
			score_set "$local_ok"
		else
			score_set "$best"
		fi
	elif $st_peer_some_all_uptodate; then
		score_set "$only_remote"
	elif $st_disk_transitional; then
		: # attaching or negotiating: keep whatever score there is until it settles
	elif $st_disk_all_consistent; then
		score_set "$only_consistent"
	else
		score_remove
	fi
}

call_unfence() {
	: "${OCF_RESKEY_unfence_extra_args:=$OCF_RESKEY_unfence_extra_args_default}"
	export OCF_RESKEY_unfence_extra_args
	run_logged drbdadm_c unfence-peer "$DRBD_RESOURCE"
}
