package org.jdrbd.netlink.schema;

/** What happened to an object, with its events2 word. */
public enum EventAction {
    /** Part of the initial dump. */
    EXISTS(1, "exists"),
    /** The object was created. */
    CREATE(2, "create"),
    /** Some fields changed. */
    CHANGE(3, "change"),
    /** The object was removed. */
    DESTROY(4, "destroy"),
    /** A handler is being called. */
    CALL(5, "call"),
    /** A handler returned. */
    RESPONSE(6, "response"),
    /** A resource was renamed. */
    RENAME(7, "rename");

    private final int wireCode;
    private final String word;

    EventAction(int wireCode, String word) {
        this.wireCode = wireCode;
        this.word = word;
    }

    /** The code in an EVENT_ACTION tag. */
    public int wireCode() {
        return wireCode;
    }

    /** The word events2 prints. */
    public String word() {
        return word;
    }

    /** The action for a wire code, or null. */
    public static EventAction fromWire(int code) {
        for (EventAction a : values()) {
            if (a.wireCode == code) {
                return a;
            }
        }
        return null;
    }
}
