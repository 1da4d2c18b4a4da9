package org.jdrbd.netlink.msg;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.Tags;

/**
 * One object of a snapshot or event: its type and its fields in events2 order, with events2's
 * key names (name, volume, minor, disk, peer-node-id, conn-name, connection, role, ...). Status,
 * role, cstate and dstate are all formatted from these records.
 */
public record ObjectRecord(ObjectType type, Map<String, String> fields) {

    public ObjectRecord {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A field value or null. */
    public String get(String key) {
        return fields.get(key);
    }

    /** A copy with {@code key} set to {@code value} (appended when new). */
    public ObjectRecord with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(fields);
        m.put(key, value);
        return new ObjectRecord(type, m);
    }

    /** Builds a record from alternating keys and values. */
    public static ObjectRecord of(ObjectType type, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalStateException("odd key/value list");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return new ObjectRecord(type, m);
    }

    /** The OBJECT_TYPE and FIELD tags of this record (the body of an OBJECT tag or an event). */
    public TagList toTags(TagList into) {
        into.addLong(Tags.OBJECT_TYPE, type.wireCode());
        for (Map.Entry<String, String> e : fields.entrySet()) {
            into.addNested(Tags.FIELD, new TagList().addString(Tags.FIELD_KEY, e.getKey())
                    .addString(Tags.FIELD_VALUE, e.getValue()));
        }
        return into;
    }

    /** Reads a record; null when OBJECT_TYPE is missing or unknown, fields without key skipped. */
    public static ObjectRecord fromTags(TagList tags) {
        ObjectType t = ObjectType.fromWire((int) tags.getLong(Tags.OBJECT_TYPE, -1));
        if (t == null) {
            return null;
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (Tag f : tags.findAll(Tags.FIELD)) {
            TagList kv = (TagList) f.value();
            String k = kv.getString(Tags.FIELD_KEY, null);
            if (k != null) {
                m.put(k, kv.getString(Tags.FIELD_VALUE, ""));
            }
        }
        return new ObjectRecord(t, m);
    }
}
