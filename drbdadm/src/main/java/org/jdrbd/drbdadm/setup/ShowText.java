package org.jdrbd.drbdadm.setup;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.ObjectType;

/**
 * drbdsetup show: the applied configuration in drbd.conf syntax (DRBD 9 layout with
 * _this_host, _peer_node_id and _remote_host), so drbdadm adjust can parse it. A SHOW reply's
 * objects carry their identity keys plus option keywords of their section as fields.
 */
final class ShowText {
    private static final Set<String> IDENTITY = Set.of("name", "volume", "minor", "peer-node-id",
            "conn-name", "node-id", "backing_dev", "meta-disk", "meta-idx", "local", "peer");

    private ShowText() { }

    static String format(Snapshot s) {
        List<ObjectRecord> resources = s.of(ObjectType.RESOURCE);
        if (resources.isEmpty()) {
            return "# No currently configured DRBD found.\n";
        }
        StringBuilder b = new StringBuilder();
        for (ObjectRecord r : resources) {
            resource(b, s, r);
        }
        return b.toString();
    }

    private static void resource(StringBuilder b, Snapshot s, ObjectRecord r) {
        String res = r.get("name");
        b.append("resource ").append(quote(res)).append(" {\n");
        options(b, "options", r, Limits.Section.RESOURCE, 1);
        b.append("    _this_host {\n");
        if (r.get("node-id") != null) {
            b.append("        node-id\t\t\t").append(r.get("node-id")).append(";\n");
        }
        for (ObjectRecord d : s.of(ObjectType.DEVICE, res)) {
            b.append("        volume ").append(d.get("volume")).append(" {\n");
            b.append("            device\t\t\tminor ").append(d.get("minor")).append(";\n");
            String disk = d.get("backing_dev");
            b.append("            disk\t\t\t").append(disk == null || disk.equals("none") ? "none"
                    : quote(disk)).append(";\n");
            if (d.get("meta-disk") != null) {
                b.append("            meta-disk\t\t\t").append(metaDisk(d)).append(";\n");
            }
            options(b, "disk", d, Limits.Section.DISK, 3);
            b.append("        }\n");
        }
        b.append("    }\n");
        for (ObjectRecord c : s.of(ObjectType.CONNECTION, res)) {
            connection(b, s, c);
        }
        b.append("}\n\n");
    }

    private static void connection(StringBuilder b, Snapshot s, ObjectRecord c) {
        String res = c.get("name");
        String peer = c.get("peer-node-id");
        b.append("    connection {\n        _peer_node_id ").append(peer).append(";\n");
        for (ObjectRecord p : s.ofPeer(ObjectType.PATH, res, peer)) {
            b.append("        path {\n");
            b.append("            _this_host ").append(addr(p.get("local"))).append(";\n");
            b.append("            _remote_host ").append(addr(p.get("peer"))).append(";\n");
            b.append("        }\n");
        }
        if ("StandAlone".equals(c.get("connection"))) {
            // Tells drbdadm adjust that this connection is not trying to connect.
            b.append("        _is_standalone;\n");
        }
        options(b, "net", c, Limits.Section.NET, 2);
        for (ObjectRecord pd : s.ofPeer(ObjectType.PEER_DEVICE, res, peer)) {
            b.append("        volume ").append(pd.get("volume")).append(" {\n");
            options(b, "disk", pd, Limits.Section.PEER_DEVICE, 3);
            b.append("        }\n");
        }
        b.append("    }\n");
    }

    /** A section block with the object's fields that are options of that section. */
    private static void options(StringBuilder b, String title, ObjectRecord o, Limits.Section sec,
                                int level) {
        String ind = "    ".repeat(level);
        StringBuilder body = new StringBuilder();
        if (sec == Limits.Section.NET && o.get("conn-name") != null) {
            body.append(ind).append("    _name").append(pad("_name")).append(quote(o.get("conn-name")))
                    .append(";\n");
        }
        for (Map.Entry<String, String> f : o.fields().entrySet()) {
            Limits.Option opt = Limits.lookup(sec, f.getKey());
            if (opt == null || IDENTITY.contains(f.getKey())) {
                continue;
            }
            String v = opt.type() == Limits.Type.STRING ? quote(f.getValue()) : f.getValue();
            body.append(ind).append("    ").append(f.getKey()).append(pad(f.getKey())).append(v)
                    .append(";\n");
        }
        b.append(ind).append(title).append(" {\n").append(body).append(ind).append("}\n");
    }

    private static String pad(String key) {
        return key.length() < 16 ? " ".repeat(16 - key.length()) + "\t" : "\t";
    }

    private static String metaDisk(ObjectRecord d) {
        String md = d.get("meta-disk");
        String idx = d.get("meta-idx");
        if (md.equals("internal")) {
            return "internal";
        }
        return quote(md) + (idx == null || idx.equals("flexible") ? "" : " [ " + idx + " ]");
    }

    /** "ipv4:1.2.3.4:7789" → "ipv4 1.2.3.4:7789". */
    private static String addr(String a) {
        if (a == null) {
            return "";
        }
        int colon = a.indexOf(':');
        return colon < 0 ? a : a.substring(0, colon) + " " + a.substring(colon + 1);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
