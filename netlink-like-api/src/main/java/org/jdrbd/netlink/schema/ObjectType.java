package org.jdrbd.netlink.schema;

/** The kind of object an event or snapshot record describes, with its events2 word. */
public enum ObjectType {
    /** The "exists -" end-of-dump marker has no object. */
    NONE(0, "-"),
    /** A resource. */
    RESOURCE(1, "resource"),
    /** A connection to one peer. */
    CONNECTION(2, "connection"),
    /** A local volume (minor). */
    DEVICE(3, "device"),
    /** A volume as seen through one connection. */
    PEER_DEVICE(4, "peer-device"),
    /** A network path of a connection. */
    PATH(5, "path"),
    /** A handler call or its response. */
    HELPER(6, "helper");

    private final int wireCode;
    private final String word;

    ObjectType(int wireCode, String word) {
        this.wireCode = wireCode;
        this.word = word;
    }

    /** The code in an OBJECT_TYPE tag. */
    public int wireCode() {
        return wireCode;
    }

    /** The word events2 prints. */
    public String word() {
        return word;
    }

    /** The type for a wire code, or null. */
    public static ObjectType fromWire(int code) {
        for (ObjectType t : values()) {
            if (t.wireCode == code) {
                return t;
            }
        }
        return null;
    }
}
