package org.jdrbd.daemon.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.jdrbd.daemon.admin.AdminEvent;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.EventAction;

/**
 * One events2 subscriber's picture of the daemon: what it was last shown of each resource, so
 * each new snapshot becomes only the create / change / destroy lines of the objects that differ
 * ({@link ObjectDiff}). Snapshots are numbered by the daemon; an older one arriving after a newer
 * one (a subscriber is fed from several resource contexts) is ignored. Until the initial dump is
 * out, only the newest snapshot per resource and the helper lines are kept (bounded). Thread
 * safe; the caller sends the returned records in the order it gets them.
 */
final class Events2View {
    /** Helper lines kept while the dump is being read; more are dropped (a window of milliseconds). */
    static final int MAX_EARLY_HELPER_LINES = 1024;

    private final Predicate<String> wanted;
    private final LongSupplier clockUs;
    private final Map<String, Long> shownSequence = new HashMap<>();
    private final Map<String, List<ObjectRecord>> shown = new HashMap<>();
    private final Map<String, AdminEvent.Objects> earlySnapshots = new LinkedHashMap<>();
    private final List<AdminEvent.Helper> earlyHelpers = new ArrayList<>();
    private boolean dumped;

    Events2View(Predicate<String> wanted, LongSupplier clockUs) {
        this.wanted = wanted;
        this.clockUs = clockUs;
    }

    /**
     * The initial dump: {@code exists} for every object of the wanted resources, the
     * {@code exists -} marker, then the lines of anything that happened while it was taken.
     */
    synchronized List<EventRecord> dump(List<AdminEvent.Objects> resources) {
        List<EventRecord> out = new ArrayList<>();
        for (AdminEvent.Objects r : resources) {
            if (!wanted.test(r.resource()) || r.objects() == null) {
                continue;
            }
            var records = StatusRecords.events2(r.objects());
            shown.put(r.resource(), records);
            shownSequence.put(r.resource(), r.sequence());
            long now = clockUs.getAsLong();
            records.forEach(o -> out.add(new EventRecord(EventAction.EXISTS, o, now)));
        }
        out.add(EventRecord.endOfDump(clockUs.getAsLong()));
        dumped = true;
        for (AdminEvent.Objects s : earlySnapshots.values()) {
            out.addAll(objects(s));
        }
        for (AdminEvent.Helper h : earlyHelpers) {
            out.addAll(helper(h));
        }
        earlySnapshots.clear();
        earlyHelpers.clear();
        return out;
    }

    /** The lines {@code e} makes now (none before the dump: kept for it, or not wanted). */
    synchronized List<EventRecord> accept(AdminEvent e) {
        if (!wanted.test(e.resource())) {
            return List.of();
        }
        if (!dumped) {
            keepForDump(e);
            return List.of();
        }
        return e instanceof AdminEvent.Objects s ? objects(s) : helper((AdminEvent.Helper) e);
    }

    private void keepForDump(AdminEvent e) {
        if (e instanceof AdminEvent.Objects s) {
            AdminEvent.Objects had = earlySnapshots.get(s.resource());
            if (had == null || had.sequence() < s.sequence()) {
                earlySnapshots.put(s.resource(), s);
            }
        } else if (earlyHelpers.size() < MAX_EARLY_HELPER_LINES) {
            earlyHelpers.add((AdminEvent.Helper) e);
        }
    }

    private List<EventRecord> objects(AdminEvent.Objects s) {
        Long last = shownSequence.get(s.resource());
        if (last != null && last >= s.sequence()) {
            return List.of();
        }
        shownSequence.put(s.resource(), s.sequence());
        var before = shown.getOrDefault(s.resource(), List.of());
        List<ObjectRecord> after = s.objects() == null ? List.of() : StatusRecords.events2(s.objects());
        if (after.isEmpty()) {
            shown.remove(s.resource());
        } else {
            shown.put(s.resource(), after);
        }
        long now = clockUs.getAsLong();
        List<EventRecord> out = new ArrayList<>();
        for (ObjectDiff.Entry d : ObjectDiff.between(before, after)) {
            out.add(new EventRecord(d.action(), d.object(), now));
        }
        return out;
    }

    private List<EventRecord> helper(AdminEvent.Helper h) {
        EventAction a = h.line().response() ? EventAction.RESPONSE : EventAction.CALL;
        return List.of(new EventRecord(a, StatusRecords.helper(h.line()), clockUs.getAsLong()));
    }
}
