package org.jdrbd.drbdadm.setup;

import java.util.List;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.ObjectType;

/**
 * may_promote / promotion_score of a resource, computed by drbdsetup from the objects it knows
 * (as drbd-utils does, reference §2.7): no devices or a device without quorum → no / 0; score =
 * 10000 if every local disk is at least Inconsistent + 100 × min(#local UpToDate, 99) +
 * min(fewest UpToDate copies of any volume, 99); may_promote when nobody is Primary and every
 * volume has an UpToDate copy.
 */
record Promotion(boolean mayPromote, int score) {

    /** The fields as events2 prints them. */
    String fields() {
        return "may_promote:" + (mayPromote ? "yes" : "no") + " promotion_score:" + score;
    }

    static Promotion of(Snapshot s, String res) {
        List<ObjectRecord> devices = s.of(ObjectType.DEVICE, res);
        if (devices.isEmpty() || devices.stream().anyMatch(d -> "no".equals(d.get("quorum")))) {
            return new Promotion(false, 0);
        }
        boolean allAttached = true;
        int localUpToDate = 0;
        int fewestCopies = Integer.MAX_VALUE;
        for (ObjectRecord d : devices) {
            int rank = Fields.diskRank(d.get("disk"));
            allAttached &= rank >= Fields.diskRank("Inconsistent");
            int copies = "UpToDate".equals(d.get("disk")) ? 1 : 0;
            localUpToDate += copies;
            for (ObjectRecord pd : s.of(ObjectType.PEER_DEVICE, res)) {
                if (String.valueOf(pd.get("volume")).equals(d.get("volume"))
                        && "UpToDate".equals(pd.get("peer-disk"))) {
                    copies++;
                }
            }
            fewestCopies = Math.min(fewestCopies, copies);
        }
        int score = (allAttached ? 10000 : 0) + 100 * Math.min(localUpToDate, 99)
                + Math.min(fewestCopies, 99);
        ObjectRecord r = s.resource(res);
        boolean primary = (r != null && "Primary".equals(r.get("role")))
                || s.of(ObjectType.CONNECTION, res).stream().anyMatch(c -> "Primary".equals(c.get("role")));
        return new Promotion(!primary && fewestCopies > 0, score);
    }
}
