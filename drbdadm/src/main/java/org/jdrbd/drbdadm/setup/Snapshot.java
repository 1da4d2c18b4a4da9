package org.jdrbd.drbdadm.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.Tags;

/** The objects of a query reply (or the events2 model), with lookups by identity. */
final class Snapshot {
    private final List<ObjectRecord> objects;

    Snapshot(List<ObjectRecord> objects) {
        this.objects = List.copyOf(objects);
    }

    /** Reads every OBJECT tag of a reply. */
    static Snapshot from(TagList replyTags) {
        List<ObjectRecord> list = new ArrayList<>();
        for (Tag t : replyTags.findAll(Tags.OBJECT)) {
            ObjectRecord o = ObjectRecord.fromTags((TagList) t.value());
            if (o != null) {
                list.add(o);
            }
        }
        return new Snapshot(list);
    }

    List<ObjectRecord> all() {
        return objects;
    }

    List<ObjectRecord> of(ObjectType type) {
        return objects.stream().filter(o -> o.type() == type).toList();
    }

    /** Objects of a type belonging to resource res. */
    List<ObjectRecord> of(ObjectType type, String res) {
        return objects.stream().filter(o -> o.type() == type && res.equals(o.get("name"))).toList();
    }

    ObjectRecord resource(String res) {
        return of(ObjectType.RESOURCE, res).stream().findFirst().orElse(null);
    }

    /** Objects of a type belonging to one connection of res. */
    List<ObjectRecord> ofPeer(ObjectType type, String res, String peerNodeId) {
        return of(type, res).stream().filter(o -> Objects.equals(peerNodeId, o.get("peer-node-id")))
                .toList();
    }
}
