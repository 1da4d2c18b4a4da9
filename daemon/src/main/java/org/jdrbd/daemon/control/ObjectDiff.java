package org.jdrbd.daemon.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.EventFields;
import org.jdrbd.netlink.schema.ObjectType;

/**
 * What events2 reports between two views of a resource's objects, as DRBD does: a
 * {@code create} with every field for each new object, a {@code change} with every field for
 * each object whose state fields differ (statistics alone are no change), a {@code destroy} with
 * only the identity fields for each object gone. Creates come first, in the order objects are
 * made (resource, device, connection, peer-device, path); then changes in DRBD's state-change
 * order (resource, connection, device, peer-device, path); then destroys, the reverse of
 * creation. Pure.
 */
final class ObjectDiff {
    private static final List<ObjectType> CREATE_ORDER = List.of(ObjectType.RESOURCE,
            ObjectType.DEVICE, ObjectType.CONNECTION, ObjectType.PEER_DEVICE, ObjectType.PATH);
    private static final List<ObjectType> CHANGE_ORDER = List.of(ObjectType.RESOURCE,
            ObjectType.CONNECTION, ObjectType.DEVICE, ObjectType.PEER_DEVICE, ObjectType.PATH);
    private static final List<ObjectType> DESTROY_ORDER = List.of(ObjectType.PATH,
            ObjectType.PEER_DEVICE, ObjectType.CONNECTION, ObjectType.DEVICE, ObjectType.RESOURCE);

    /** One line's worth: what happened and the record to send. */
    record Entry(EventAction action, ObjectRecord object) {
    }

    private ObjectDiff() {
    }

    /** The entries that turn {@code before} into {@code after} (both may be empty). */
    static List<Entry> between(List<ObjectRecord> before, List<ObjectRecord> after) {
        Map<String, ObjectRecord> old = byKey(before);
        Map<String, ObjectRecord> now = byKey(after);
        List<Entry> out = new ArrayList<>();
        for (ObjectType t : CREATE_ORDER) {
            now.forEach((k, o) -> {
                if (o.type() == t && !old.containsKey(k)) {
                    out.add(new Entry(EventAction.CREATE, o));
                }
            });
        }
        for (ObjectType t : CHANGE_ORDER) {
            now.forEach((k, o) -> {
                ObjectRecord was = old.get(k);
                if (o.type() == t && was != null && stateDiffers(was, o)) {
                    out.add(new Entry(EventAction.CHANGE, o));
                }
            });
        }
        for (ObjectType t : DESTROY_ORDER) {
            old.forEach((k, o) -> {
                if (o.type() == t && !now.containsKey(k)) {
                    out.add(new Entry(EventAction.DESTROY, identityOnly(o)));
                }
            });
        }
        return out;
    }

    /** The key that names {@code o} among a resource's objects. */
    static String key(ObjectRecord o) {
        StringBuilder k = new StringBuilder(o.type().word());
        for (String f : EventFields.identity(o.type())) {
            k.append('|').append(Objects.toString(o.get(f), ""));
        }
        return k.toString();
    }

    /** True when a field that is not a statistic was added, removed or changed. */
    static boolean stateDiffers(ObjectRecord was, ObjectRecord now) {
        for (Map.Entry<String, String> f : now.fields().entrySet()) {
            if (EventFields.isState(now.type(), f.getKey())
                    && !f.getValue().equals(was.get(f.getKey()))) {
                return true;
            }
        }
        for (String k : was.fields().keySet()) {
            if (EventFields.isState(was.type(), k) && !now.fields().containsKey(k)) {
                return true;
            }
        }
        return false;
    }

    /** {@code o} with only the fields that name it (a destroy line). */
    static ObjectRecord identityOnly(ObjectRecord o) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : EventFields.identity(o.type())) {
            if (o.get(f) != null) {
                m.put(f, o.get(f));
            }
        }
        return new ObjectRecord(o.type(), m);
    }

    private static Map<String, ObjectRecord> byKey(List<ObjectRecord> list) {
        Map<String, ObjectRecord> m = new LinkedHashMap<>();
        for (ObjectRecord o : list) {
            m.put(key(o), o);
        }
        return m;
    }
}
