package org.jdrbd.netlink.msg;

import org.jdrbd.netlink.schema.Command;

/**
 * The fixed part of every message: what it is, which request it belongs to and which object it
 * addresses (DRBD's genl header plus the drbd_genlmsghdr minor and the context tags).
 *
 * @param type     request, reply or event
 * @param command  the command (EVENT for events)
 * @param flags    reserved bits, 0 today; receivers ignore bits they do not know
 * @param seq      the request's sequence number, echoed in its replies and events
 * @param resource resource name, "" when none
 * @param minor    device minor, -1 when none
 * @param peer     peer node id, -1 when none
 * @param volume   volume number, -1 when none
 */
public record Header(MsgType type, Command command, int flags, int seq, String resource,
                     int minor, int peer, int volume) {

    /** "no value" for minor, peer and volume. */
    public static final int NONE = -1;

    public Header {
        if (resource == null) {
            resource = "";
        }
    }

    /** A request header with no object identity yet. */
    public static Header request(Command c, int seq) {
        return new Header(MsgType.REQUEST, c, 0, seq, "", NONE, NONE, NONE);
    }

    /** The header of a reply or event answering this request. */
    public Header answer(MsgType t, Command c) {
        return new Header(t, c, 0, seq, resource, minor, peer, volume);
    }

    /** Copy with another resource name. */
    public Header withResource(String r) {
        return new Header(type, command, flags, seq, r, minor, peer, volume);
    }

    /** Copy with another minor. */
    public Header withMinor(int m) {
        return new Header(type, command, flags, seq, resource, m, peer, volume);
    }

    /** Copy with another peer node id. */
    public Header withPeer(int p) {
        return new Header(type, command, flags, seq, resource, minor, p, volume);
    }

    /** Copy with another volume. */
    public Header withVolume(int v) {
        return new Header(type, command, flags, seq, resource, minor, peer, v);
    }
}
