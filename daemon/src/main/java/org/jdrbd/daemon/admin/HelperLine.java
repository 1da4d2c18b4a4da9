package org.jdrbd.daemon.admin;

/**
 * A handler run as events2 shows it: {@code call helper ...} when it starts and
 * {@code response helper ... status:N} when it returned.
 *
 * @param resource   resource name
 * @param response   false for the call, true for the response
 * @param helper     the handler's name in drbd.conf, e.g. {@code fence-peer}
 * @param peerNodeId the peer the call concerns, -1 for none (or when the node id is unknown)
 * @param connName   the connection's name when the call concerns a peer, else null
 * @param volume     the volume of a device-level call, -1 for none
 * @param status     the exit status drbdadm passed on (responses only; 0 for calls)
 */
public record HelperLine(String resource, boolean response, String helper, int peerNodeId,
        String connName, int volume, int status) {
}
