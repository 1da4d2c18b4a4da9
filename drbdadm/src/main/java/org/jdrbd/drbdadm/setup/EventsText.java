package org.jdrbd.drbdadm.setup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.ObjectType;

/**
 * events2 text (reference §2.7): "[TIMESTAMP ]ACTION OBJECT key:value ...", the initial dump
 * buffered and printed per resource (resource, connections, devices, then per connection its
 * peer devices and paths) and closed by "exists -", may_promote/promotion_score computed here
 * from the objects seen so far.
 */
final class EventsText {
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private final boolean statistics;
    private final boolean timestamps;
    private final ZoneId zone;
    private final Map<String, ObjectRecord> model = new LinkedHashMap<>();
    private final Map<String, Promotion> lastPromotion = new HashMap<>();
    private final List<EventRecord> dump = new ArrayList<>();
    private boolean dumping = true;

    EventsText(boolean statistics, boolean timestamps, ZoneId zone) {
        this.statistics = statistics;
        this.timestamps = timestamps;
        this.zone = zone;
    }

    /** The lines (each ending in '\n') this event produces now; may be empty while buffering. */
    String accept(EventRecord e) {
        if (dumping && e.action() == EventAction.EXISTS) {
            if (!e.isEndOfDump()) {
                dump.add(e);
                apply(e);
                return "";
            }
            dumping = false;
            return flushDump(e.timestampUs());
        }
        dumping = false;
        apply(e);
        return live(e);
    }

    private String flushDump(long endUs) {
        StringBuilder s = new StringBuilder();
        for (EventRecord r : ordered()) {
            s.append(line(r));
        }
        return s.append(stamp(endUs)).append("exists -\n").toString();
    }

    /** Per resource: resource, connections, devices, then per connection peer devices and paths. */
    private List<EventRecord> ordered() {
        List<EventRecord> out = new ArrayList<>();
        for (EventRecord r : dump) {
            if (r.object().type() != ObjectType.RESOURCE) {
                continue;
            }
            String res = r.object().get("name");
            out.add(r);
            pick(out, res, ObjectType.CONNECTION, null);
            pick(out, res, ObjectType.DEVICE, null);
            for (EventRecord c : dump) {
                if (c.object().type() == ObjectType.CONNECTION && res.equals(c.object().get("name"))) {
                    pick(out, res, ObjectType.PEER_DEVICE, c.object().get("peer-node-id"));
                    pick(out, res, ObjectType.PATH, c.object().get("peer-node-id"));
                }
            }
        }
        return out;
    }

    private void pick(List<EventRecord> out, String res, ObjectType t, String peer) {
        for (EventRecord r : dump) {
            ObjectRecord o = r.object();
            if (o.type() == t && res.equals(o.get("name"))
                    && (peer == null || peer.equals(o.get("peer-node-id")))) {
                out.add(r);
            }
        }
    }

    private String live(EventRecord e) {
        ObjectType t = e.object().type();
        String res = e.object().get("name");
        StringBuilder s = new StringBuilder();
        if (t != ObjectType.RESOURCE && t != ObjectType.HELPER && res != null
                && model.containsKey(key(ObjectRecord.of(ObjectType.RESOURCE, "name", res)))) {
            Promotion p = Promotion.of(snapshot(), res);
            if (!p.equals(lastPromotion.get(res))) {
                lastPromotion.put(res, p);
                s.append(stamp(e.timestampUs())).append("change resource name:").append(res)
                        .append(' ').append(p.fields()).append('\n');
            }
        }
        return s.append(line(e)).toString();
    }

    /**
     * One line. A resource's node-id comes from the daemon for status --verbose and show, but
     * events2 has no such field, so it is left out here.
     */
    private String line(EventRecord e) {
        ObjectRecord o = e.object();
        StringBuilder s = new StringBuilder(stamp(e.timestampUs()));
        s.append(e.action().word()).append(' ').append(o.type().word());
        for (Map.Entry<String, String> f : o.fields().entrySet()) {
            if (Fields.isInternal(f.getKey()) || f.getKey().equals("done")
                    || (o.type() == ObjectType.RESOURCE && f.getKey().equals("node-id"))
                    || (!statistics && Fields.isStatistic(o.type(), f.getKey()))) {
                continue;
            }
            s.append(' ').append(f.getKey()).append(':').append(f.getValue());
        }
        if (o.type() == ObjectType.PEER_DEVICE && e.action() != EventAction.DESTROY) {
            String done = Fields.done(o);
            if (done != null) {
                s.append(" done:").append(done);
            }
        }
        if (o.type() == ObjectType.RESOURCE && e.action() != EventAction.DESTROY
                && e.action() != EventAction.RENAME) {
            Promotion p = Promotion.of(snapshot(), o.get("name"));
            lastPromotion.put(o.get("name"), p);
            s.append(' ').append(p.fields());
        }
        return s.append('\n').toString();
    }

    private String stamp(long us) {
        if (!timestamps) {
            return "";
        }
        Instant i = Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
        return TS.format(i.atZone(zone)) + " ";
    }

    /** Keeps the model current: create/exists/change merge fields, destroy removes. */
    private void apply(EventRecord e) {
        ObjectRecord o = e.object();
        String k = key(o);
        if (e.action() == EventAction.DESTROY) {
            model.remove(k);
        } else if (e.action() != EventAction.CALL && e.action() != EventAction.RESPONSE) {
            Map<String, String> merged = new LinkedHashMap<>();
            ObjectRecord old = model.get(k);
            if (old != null) {
                merged.putAll(old.fields());
            }
            merged.putAll(o.fields());
            model.put(k, new ObjectRecord(o.type(), merged));
        }
    }

    private static String key(ObjectRecord o) {
        return o.type() + "|" + o.get("name") + "|" + Objects.toString(o.get("peer-node-id"), "")
                + "|" + Objects.toString(o.get("volume"), "") + "|" + Objects.toString(o.get("local"), "");
    }

    private Snapshot snapshot() {
        return new Snapshot(new ArrayList<>(model.values()));
    }
}
