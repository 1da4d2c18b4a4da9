package org.jdrbd.drbdadm.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.ObjectType;

/**
 * drbdsetup status --json: an array of resources, each with "devices" and "connections", each
 * connection with "peer_devices"; numbers as numbers, yes/no as booleans. Key names follow
 * drbd-utils 9 (disk-state, connection-state, peer-role, replication-state, peer-disk-state).
 */
final class StatusJson {
    private static final Set<String> SKIP = Set.of("name");

    private StatusJson() { }

    static String format(Snapshot s, boolean statistics) {
        List<String> resources = new ArrayList<>();
        for (ObjectRecord r : s.of(ObjectType.RESOURCE)) {
            String res = r.get("name");
            StringBuilder b = new StringBuilder("{\n  \"name\": ").append(str(res));
            fields(b, r, statistics, "  ");
            b.append(",\n  \"devices\": [");
            List<String> devs = new ArrayList<>();
            for (ObjectRecord d : s.of(ObjectType.DEVICE, res)) {
                StringBuilder db = new StringBuilder("\n    {");
                fields(db, d, statistics, "      ");
                devs.add(db.append(" }").toString());
            }
            b.append(String.join(",", devs)).append(devs.isEmpty() ? "]" : " ]");
            b.append(",\n  \"connections\": [");
            List<String> conns = new ArrayList<>();
            for (ObjectRecord c : s.of(ObjectType.CONNECTION, res)) {
                conns.add(connection(s, c, statistics));
            }
            b.append(String.join(",", conns)).append(conns.isEmpty() ? "]" : " ]");
            resources.add(b.append("\n}").toString());
        }
        return "[\n" + String.join(",\n", resources) + "\n]\n";
    }

    private static String connection(Snapshot s, ObjectRecord c, boolean statistics) {
        StringBuilder cb = new StringBuilder("\n    {");
        fields(cb, c, statistics, "      ");
        cb.append(",\n      \"peer_devices\": [");
        List<String> pds = new ArrayList<>();
        for (ObjectRecord pd : s.ofPeer(ObjectType.PEER_DEVICE, c.get("name"), c.get("peer-node-id"))) {
            StringBuilder pb = new StringBuilder("\n        {");
            fields(pb, pd, statistics, "          ");
            String done = Fields.done(pd);
            if (done != null) {
                pb.append(",\n          \"percent-in-sync\": ").append(done);
            }
            pds.add(pb.append(" }").toString());
        }
        return cb.append(String.join(",", pds)).append(pds.isEmpty() ? "]" : " ]").append(" }").toString();
    }

    private static void fields(StringBuilder b, ObjectRecord o, boolean statistics, String indent) {
        boolean first = b.charAt(b.length() - 1) == '{';
        for (Map.Entry<String, String> f : o.fields().entrySet()) {
            String k = f.getKey();
            if (SKIP.contains(k) || Fields.isInternal(k) || k.equals("done")
                    || (!statistics && Fields.isStatistic(o.type(), k))) {
                continue;
            }
            b.append(first ? "\n" : ",\n").append(indent).append(str(rename(o.type(), k)))
                    .append(": ").append(value(f.getValue()));
            first = false;
        }
    }

    private static String rename(ObjectType t, String k) {
        return switch (k) {
            case "disk" -> "disk-state";
            case "connection" -> "connection-state";
            case "role" -> t == ObjectType.CONNECTION ? "peer-role" : "role";
            case "replication" -> "replication-state";
            case "peer-disk" -> "peer-disk-state";
            case "conn-name" -> "name";
            default -> k;
        };
    }

    private static String value(String v) {
        if (v.equals("yes") || v.equals("no")) {
            return v.equals("yes") ? "true" : "false";
        }
        if (!v.isEmpty() && v.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return v;
        }
        return str(v);
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
            }
        }
        return b.append('"').toString();
    }
}
