package org.jdrbd.netlink.msg;

import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.Tags;

/**
 * One event of a subscription: action, object (type + fields) and when it happened. The dump
 * end marker ("exists -") is EXISTS with an object of type NONE and no fields.
 */
public record EventRecord(EventAction action, ObjectRecord object, long timestampUs) {

    /** The "exists -" marker that ends the initial dump. */
    public static EventRecord endOfDump(long timestampUs) {
        return new EventRecord(EventAction.EXISTS, ObjectRecord.of(ObjectType.NONE), timestampUs);
    }

    /** True for the "exists -" marker. */
    public boolean isEndOfDump() {
        return object.type() == ObjectType.NONE;
    }

    /** The tags of an EVENT message. */
    public TagList toTags() {
        TagList t = new TagList().addLong(Tags.EVENT_ACTION, action.wireCode());
        t.addLong(Tags.TIMESTAMP_US, timestampUs);
        return object.toTags(t);
    }

    /** Reads an event; null when action or object type is missing or unknown. */
    public static EventRecord fromTags(TagList tags) {
        EventAction a = EventAction.fromWire((int) tags.getLong(Tags.EVENT_ACTION, -1));
        ObjectRecord o = ObjectRecord.fromTags(tags);
        if (a == null || o == null) {
            return null;
        }
        return new EventRecord(a, o, tags.getLong(Tags.TIMESTAMP_US, 0));
    }
}
