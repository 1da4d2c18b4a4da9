package org.jdrbd.netlink.msg;

/** Direction and role of a message. */
public enum MsgType {
    /** Client to daemon. */
    REQUEST(1),
    /** Daemon to client: the final answer to one request (carries RESULT_CODE). */
    REPLY(2),
    /** Daemon to client: one event of a subscription, before the final reply. */
    EVENT(3);

    private final int wireCode;

    MsgType(int wireCode) {
        this.wireCode = wireCode;
    }

    /** The header byte. */
    public int wireCode() {
        return wireCode;
    }

    /** The type for a header byte, or null. */
    public static MsgType fromWire(int code) {
        for (MsgType t : values()) {
            if (t.wireCode == code) {
                return t;
            }
        }
        return null;
    }
}
