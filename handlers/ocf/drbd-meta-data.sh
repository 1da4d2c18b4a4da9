# shellcheck shell=bash
# Part of ocf:jdrbd:drbd (sourced by ./drbd): the agent's meta-data (OCF ra-api-1.dtd).

# One <parameter> element: name, required(0/1), unique(0/1), type, default, short, long.
md_param() {
	printf '<parameter name="%s" required="%s" unique="%s">\n' "$1" "$2" "$3"
	printf '<longdesc lang="en">\n%s\n</longdesc>\n' "$7"
	printf '<shortdesc lang="en">%s</shortdesc>\n' "$6"
	if [ -n "$5" ]; then
		printf '<content type="%s" default="%s"/>\n</parameter>\n' "$4" "$5"
	else
		printf '<content type="%s"/>\n</parameter>\n' "$4"
	fi
}

meta_data() {
	cat <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
<resource-agent name="drbd" version="jdrbd 0.1">
<version>1.0</version>
<longdesc lang="en">
Runs one jdrbd resource (DRBD's replicated block device as a user-space daemon) as a
promotable clone: one instance per node, Pacemaker promotes one of them to Primary.
The agent accepts the parameters of ocf:linbit:drbd and publishes the same promotion
scores, so constraints written for that agent keep working. It drives jdrbd only through
drbdadm and drbdsetup from PATH and needs no kernel module. Configure the clone with
notify=true, and use DRBD quorum or fencing to keep the copies from diverging.
</longdesc>
<shortdesc lang="en">Manages a jdrbd resource as a promotable clone</shortdesc>
<parameters>
EOF
	md_param drbd_resource 1 1 string "" "resource name" \
		"Name of the resource in drbd.conf."
	md_param drbdconf 0 0 string "$OCF_RESKEY_drbdconf_default" "path of drbd.conf" \
		"drbd.conf to read, passed to drbdadm as -c. Empty: drbdadm's own default."
	md_param adjust_master_score 0 0 string "$OCF_RESKEY_adjust_master_score_default" \
		"promotion scores" \
"Four non-decreasing integers, the promotion score published when:
(1) the local data is only Consistent;
(2) only a peer has UpToDate data;
(3) the local data is UpToDate, this node is Secondary and some peer's disk state is unknown;
(4) the local data is UpToDate and this node is Primary or every peer's disk state is known.
A score of 0 removes the score (never promote). A node without local disk (diskless client)
uses (3)-1 or (4)-1 when peers have good data."
	md_param stop_outdates_secondary 0 0 boolean false "outdate a Secondary on stop" \
		"When this node stops while Pacemaker reports another node as Master, mark the local data Outdated."
	md_param ignore_missing_notifications 0 0 boolean false "allow notify=false" \
		"Normally start, promote, demote and notify refuse to run unless the clone has notify=true. Set to true to allow it anyway."
	md_param wfc_timeout 0 0 integer "$OCF_RESKEY_wfc_timeout_default" "wait for connections (s)" \
		"After start, wait at most this many seconds for the connections to the peers. Empty or non-digits: do not wait."
	md_param remove_master_score_if_peer_primary 0 0 string false "no score while a peer is Primary" \
		"true: remove the promotion score while connected to a healthy Primary peer. unexpected: only when Pacemaker knows no Master (crm_resource --locate). Anything else: ignore the peer's role."
	md_param fail_promote_early_if_peer_primary 0 0 boolean false "promote once when a peer is Primary" \
		"When a promotion attempt failed and a peer Pacemaker does not know about is still Primary, give up instead of retrying until the operation times out."
	md_param unfence_if_all_uptodate 0 0 boolean false "unfence once all UpToDate" \
		"When Primary with every local and peer disk UpToDate, run 'drbdadm unfence-peer RES' to clear a stale fencing constraint."
	md_param unfence_extra_args 0 0 string "$OCF_RESKEY_unfence_extra_args_default" "arguments for the unfence hook" \
		"Exported to the unfence hook as OCF_RESKEY_unfence_extra_args."
	md_param require_drbd_module_version_ge 0 0 string 8.0.0 "minimum module version (ignored)" \
		"Accepted for compatibility with ocf:linbit:drbd and ignored: jdrbd has no kernel module."
	md_param require_drbd_module_version_lt 0 0 string 10.0.0 "module version limit (ignored)" \
		"Accepted for compatibility with ocf:linbit:drbd and ignored: jdrbd has no kernel module."
	md_param connect_only_after_promote 0 0 boolean false "connect only after promote" \
		"Keep the resource disconnected until this node is promoted, then connect with 'drbdadm adjust'."
	md_param failed_promote_delay 0 0 integer "$OCF_RESKEY_failed_promote_delay_default" "minimum duration of a failed promote (s)" \
		"jdrbd addition: a failed promote returns no sooner than this many seconds after it started, so that Pacemaker's retries cannot spin."
	cat <<'EOF'
</parameters>
<actions>
<action name="start" timeout="240s" />
<action name="reload" timeout="30s" />
<action name="promote" timeout="90s" />
<action name="demote" timeout="90s" />
<action name="notify" timeout="90s" />
<action name="stop" timeout="100s" />
<action name="monitor" timeout="20s" interval="20s" role="Slave" />
<action name="monitor" timeout="20s" interval="10s" role="Master" />
<action name="meta-data" timeout="5s" />
<action name="validate-all" timeout="20s" />
</actions>
</resource-agent>
EOF
}
