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
import org.jdrbd.netlink.schema.EventFields;
import org.jdrbd.netlink.schema.ObjectType;

/**
 * events2 text (reference §2.7): "[TIMESTAMP ]ACTION OBJECT key:value ...", the initial dump
 * buffered and printed per resource (resource, connections, devices, then per connection its
 * peer devices and paths) and closed by "exists -", may_promote/promotion_score computed here
 * from the objects seen so far. The daemon sends whole objects; as drbdsetup does, a "change"
 * line prints the identity and only the field groups that differ from what was shown before
 * ({@link EventFields}), and a "destroy" line only the identity.
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
        ObjectRecord before = model.get(key(e.object()));
        apply(e);
        return live(e, before);
    }

    private String flushDump(long endUs) {
        StringBuilder s = new StringBuilder();
        for (EventRecord r : ordered()) {
            s.append(line(r, null));
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

    private String live(EventRecord e, ObjectRecord before) {
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
        return s.append(line(e, before)).toString();
    }

    /**
     * One line; {@code before} is the object as shown until now (null when new). A resource's
     * node-id comes from the daemon for status --verbose and show, but events2 has no such
     * field, so it is left out here. Order: state fields, done, statistics, promotion.
     */
    private String line(EventRecord e, ObjectRecord before) {
        ObjectRecord o = e.object();
        StringBuilder s = new StringBuilder(stamp(e.timestampUs()));
        s.append(e.action().word()).append(' ').append(o.type().word());
        if (e.action() == EventAction.DESTROY) {
            return appendKeys(s, o, EventFields.identity(o.type())).append('\n').toString();
        }
        boolean changeOnly = e.action() == EventAction.CHANGE && before != null;
        for (String k : printedStateKeys(o, changeOnly ? before : null)) {
            s.append(' ').append(k).append(':').append(o.get(k));
        }
        if (o.type() == ObjectType.PEER_DEVICE) {
            String done = Fields.done(model.getOrDefault(key(o), o));
            if (done != null) {
                s.append(" done:").append(done);
            }
        }
        if (statistics) {
            for (Map.Entry<String, String> f : o.fields().entrySet()) {
                if (EventFields.isStatistic(o.type(), f.getKey())) {
                    s.append(' ').append(f.getKey()).append(':').append(f.getValue());
                }
            }
        }
        if (o.type() == ObjectType.RESOURCE && e.action() != EventAction.RENAME) {
            Promotion p = Promotion.of(snapshot(), o.get("name"));
            Promotion last = lastPromotion.put(o.get("name"), p);
            if (!changeOnly || !p.equals(last)) {
                s.append(' ').append(p.fields());
            }
        }
        return s.append('\n').toString();
    }

    /**
     * The non-statistic keys a line prints, in the record's order: all of them, or for a change
     * ({@code before} not null) the always-printed keys and each group with a differing member.
     */
    private static List<String> printedStateKeys(ObjectRecord o, ObjectRecord before) {
        List<String> always = EventFields.always(o.type());
        List<String> out = new ArrayList<>();
        for (String k : o.fields().keySet()) {
            if (!printable(o.type(), k)) {
                continue;
            }
            if (before == null || always.contains(k) || groupDiffers(o, before, k)) {
                out.add(k);
            }
        }
        return out;
    }

    private static boolean printable(ObjectType t, String k) {
        return !EventFields.isInternal(k) && !EventFields.isStatistic(t, k) && !k.equals("done")
                && !(t == ObjectType.RESOURCE && k.equals("node-id"));
    }

    /** True when {@code k} or a member of its group differs from {@code before}. */
    private static boolean groupDiffers(ObjectRecord o, ObjectRecord before, String k) {
        for (List<String> g : EventFields.groups(o.type())) {
            if (g.contains(k)) {
                return g.stream().anyMatch(m -> o.get(m) != null && !o.get(m).equals(before.get(m)));
            }
        }
        return !Objects.equals(o.get(k), before.get(k));
    }

    private static StringBuilder appendKeys(StringBuilder s, ObjectRecord o, List<String> keys) {
        for (String k : keys) {
            if (o.get(k) != null) {
                s.append(' ').append(k).append(':').append(o.get(k));
            }
        }
        return s;
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
        StringBuilder k = new StringBuilder(o.type().word());
        for (String f : EventFields.identity(o.type())) {
            k.append('|').append(Objects.toString(o.get(f), ""));
        }
        return k.toString();
    }

    private Snapshot snapshot() {
        return new Snapshot(new ArrayList<>(model.values()));
    }
}
