package org.jdrbd.netlink.msg;

import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.TagType;

/**
 * One decoded or to-be-encoded tag. The value's Java type follows the tag type: Long for the
 * integer types (u64 read as a signed long carrying the same bits), Boolean for FLAG, String for
 * STRING, {@link TagList} for NESTED.
 */
public record Tag(TagDef def, Object value) {

    public Tag {
        boolean ok = switch (def.type()) {
            case U8, U32, U64, S32 -> value instanceof Long;
            case FLAG -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case NESTED -> value instanceof TagList;
        };
        if (!ok) {
            throw new IllegalStateException("tag " + def.name() + " cannot hold " + value);
        }
    }

    /** The type of the tag. */
    public TagType type() {
        return def.type();
    }
}
