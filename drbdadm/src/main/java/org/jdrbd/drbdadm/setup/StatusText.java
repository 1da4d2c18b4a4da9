package org.jdrbd.drbdadm.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.ObjectType;

/**
 * drbdsetup status text (reference §2.7): resource line, device lines (indent 2), connection
 * lines (indent 2), peer-device lines (indent 4, only while Connected), a blank line after each
 * resource; statistics on continuation lines wrapped at 80 columns.
 */
final class StatusText {
    private static final int WIDTH = 80;

    private final boolean verbose;
    private final boolean statistics;
    private final boolean tty;

    StatusText(boolean verbose, boolean statistics, boolean tty) {
        this.verbose = verbose;
        this.statistics = statistics;
        this.tty = tty;
    }

    String format(Snapshot s) {
        List<ObjectRecord> resources = s.of(ObjectType.RESOURCE);
        if (resources.isEmpty()) {
            return "# No currently configured DRBD found.\n";
        }
        StringBuilder out = new StringBuilder();
        for (ObjectRecord r : resources) {
            resource(out, s, r);
        }
        return out.toString();
    }

    private void resource(StringBuilder out, Snapshot s, ObjectRecord r) {
        String res = r.get("name");
        StringBuilder l = new StringBuilder(res);
        if (verbose && r.get("node-id") != null) {
            l.append(" node-id:").append(r.get("node-id"));
        }
        l.append(" role:").append(r.get("role"));
        String susp = r.get("suspended");
        if (susp != null && !susp.equals("no")) {
            l.append(" suspended:").append(susp);
        }
        if ("yes".equals(r.get("force-io-failures"))) {
            l.append(" force-io-failures:yes");
        }
        out.append(l).append('\n');
        stats(out, r, 4);
        List<ObjectRecord> devices = s.of(ObjectType.DEVICE, res);
        boolean showVolume = devices.size() > 1
                || devices.stream().anyMatch(d -> !"0".equals(d.get("volume")));
        for (ObjectRecord d : devices) {
            device(out, d, showVolume);
        }
        for (ObjectRecord c : s.of(ObjectType.CONNECTION, res)) {
            connection(out, s, c, showVolume);
        }
        out.append('\n');
    }

    private void device(StringBuilder out, ObjectRecord d, boolean showVolume) {
        List<String> items = new ArrayList<>();
        if (showVolume) {
            items.add("volume:" + d.get("volume"));
        }
        if (verbose) {
            items.add("minor:" + d.get("minor"));
        }
        items.add("disk:" + d.get("disk"));
        if ("Diskless".equals(d.get("disk")) && (verbose || !tty) && d.get("client") != null) {
            items.add("client:" + d.get("client"));
        }
        if ("no".equals(d.get("quorum"))) {
            items.add("quorum:no");
        }
        out.append("  ").append(String.join(" ", items)).append('\n');
        if (verbose && d.get("kernel-device") != null) {
            // jdrbdd --kernel-nbd: the kernel block device of the export (not in DRBD's output).
            out.append("    kernel-device:").append(d.get("kernel-device")).append('\n');
        }
        stats(out, d, 6);
    }

    private void connection(StringBuilder out, Snapshot s, ObjectRecord c, boolean showVolume) {
        String name = c.get("conn-name");
        StringBuilder l = new StringBuilder("  ");
        l.append(name == null || name.isEmpty() ? "node-id:" + c.get("peer-node-id") : name);
        if (verbose && name != null && !name.isEmpty()) {
            l.append(" node-id:").append(c.get("peer-node-id"));
        }
        boolean connected = "Connected".equals(c.get("connection"));
        if (!connected) {
            l.append(" connection:").append(c.get("connection"));
        } else {
            l.append(" role:").append(c.get("role"));
        }
        out.append(l).append('\n');
        stats(out, c, 4);
        if (!connected) {
            return;
        }
        for (ObjectRecord pd : s.ofPeer(ObjectType.PEER_DEVICE, c.get("name"), c.get("peer-node-id"))) {
            peerDevice(out, pd, showVolume);
        }
    }

    private void peerDevice(StringBuilder out, ObjectRecord pd, boolean showVolume) {
        List<String> items = new ArrayList<>();
        if (showVolume) {
            items.add("volume:" + pd.get("volume"));
        }
        String repl = pd.get("replication");
        if (verbose || (repl != null && !repl.equals("Established") && !repl.equals("Off"))) {
            items.add("replication:" + repl);
        }
        items.add("peer-disk:" + pd.get("peer-disk"));
        if ("Diskless".equals(pd.get("peer-disk")) && (verbose || !tty) && pd.get("peer-client") != null) {
            items.add("peer-client:" + pd.get("peer-client"));
        }
        String done = Fields.done(pd);
        if (done != null) {
            items.add("done:" + done);
        }
        String susp = pd.get("resync-suspended");
        if (susp != null && !susp.equals("no")) {
            items.add("resync-suspended:" + susp);
        }
        if (verbose && pd.get("split-brain-rule") != null) {
            // jdrbd's damage report of the last split brain (not in DRBD's output).
            items.add("split-brain-rule:" + pd.get("split-brain-rule"));
            items.add("split-brain-victim:" + pd.get("split-brain-victim"));
            items.add("split-brain-discarded-blocks:" + pd.get("split-brain-discarded-blocks"));
        }
        out.append("    ").append(String.join(" ", items)).append('\n');
        stats(out, pd, 8);
    }

    /** With --statistics: the object's statistics fields, wrapped at 80 columns. */
    private void stats(StringBuilder out, ObjectRecord o, int indent) {
        if (!statistics) {
            return;
        }
        StringBuilder line = new StringBuilder(" ".repeat(indent));
        boolean any = false;
        for (Map.Entry<String, String> f : o.fields().entrySet()) {
            if (!Fields.isStatistic(o.type(), f.getKey())) {
                continue;
            }
            String item = f.getKey() + ":" + f.getValue();
            if (any && line.length() + 1 + item.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(" ".repeat(indent));
                any = false;
            }
            line.append(any ? " " : "").append(item);
            any = true;
        }
        if (any) {
            out.append(line).append('\n');
        }
    }
}
