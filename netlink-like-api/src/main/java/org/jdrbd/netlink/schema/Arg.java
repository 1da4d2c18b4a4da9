package org.jdrbd.netlink.schema;

/** A positional argument of a drbdsetup command and where the request carries it. */
public enum Arg {
    /** Resource name, in the header. */
    RESOURCE("resource"),
    /** Resource name or "all", optional; in the header (absent = all). */
    RESOURCE_OPT("resource"),
    /** Device minor number, in the header. */
    MINOR("minor"),
    /** Peer node id, in the header. */
    PEER("peer_node_id"),
    /** Volume number, in the header. */
    VOLUME("volume"),
    /** Own node id, in NODE_ID. */
    NODE_ID("node_id"),
    /** Backing device path, in BACKING_DEV. */
    BACKING_DEV("lower_dev"),
    /** Meta-data device path, in META_DEV. */
    META_DEV("meta_data_dev"),
    /** Meta-data index, in META_IDX. */
    META_IDX("meta_data_index"),
    /** Local address, in LOCAL_ADDR. */
    LOCAL_ADDR("local_addr"),
    /** Peer address, in PEER_ADDR. */
    PEER_ADDR("remote_addr");

    private final String usageName;

    Arg(String usageName) {
        this.usageName = usageName;
    }

    /** The name shown in usage text. */
    public String usageName() {
        return usageName;
    }

    /** The tag carrying this argument, or null for header fields. */
    public TagDef tag() {
        return switch (this) {
            case NODE_ID -> Tags.NODE_ID;
            case BACKING_DEV -> Tags.BACKING_DEV;
            case META_DEV -> Tags.META_DEV;
            case META_IDX -> Tags.META_IDX;
            case LOCAL_ADDR -> Tags.LOCAL_ADDR;
            case PEER_ADDR -> Tags.PEER_ADDR;
            case RESOURCE, RESOURCE_OPT, MINOR, PEER, VOLUME -> null;
        };
    }
}
