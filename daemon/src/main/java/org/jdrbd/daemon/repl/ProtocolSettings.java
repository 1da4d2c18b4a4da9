package org.jdrbd.daemon.repl;

import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.statemachine.AfterSbPolicy;
import org.jdrbd.statemachine.ProtocolCompat;

/**
 * The settings both nodes must agree on, as P_PROTOCOL carries them (fact sheet §4.1): wire
 * protocol, after-sb policies, allow-two-primaries, data-integrity-alg and the one-shot
 * discard-my-data and dry-run flags. The comparison itself is the statemachine's.
 */
final class ProtocolSettings {
    /** P_PROTOCOL conn_flags: the sender discards its data in a split brain. */
    static final int CF_DISCARD_MY_DATA = 1;
    /** P_PROTOCOL conn_flags: the sender only tries the handshake. */
    static final int CF_DRY_RUN = 2;

    /**
     * What the peer's P_PROTOCOL means for us.
     *
     * @param badPacket a malformed packet (protocol error), else null
     * @param incompatible the "incompatible ... settings" message, else null
     * @param peerDiscardsData the peer connected with discard-my-data
     * @param peerDryRun the peer connected with --tentative
     */
    record Verdict(String badPacket, String incompatible, boolean peerDiscardsData, boolean peerDryRun) {
    }

    private ProtocolSettings() {
    }

    /** Our P_PROTOCOL. */
    static Packet ours(NetOptions options, boolean discardMyData, boolean tentative) {
        NetOptions.SplitBrain sb = options.splitBrain();
        int flags = (discardMyData ? CF_DISCARD_MY_DATA : 0) | (tentative ? CF_DRY_RUN : 0);
        return Packet.of(PacketType.P_PROTOCOL, new Payload.Protocol(options.wireProtocol(),
                sb.afterSb0pri().wireValue(), sb.afterSb1pri().wireValue(), sb.afterSb2pri().wireValue(),
                flags, sb.allowTwoPrimaries(), ""));
    }

    /** Compares the peer's P_PROTOCOL with our settings. */
    static Verdict check(NetOptions options, boolean discardMyData, Payload.Protocol p) {
        AfterSbPolicy p0 = AfterSbPolicy.fromWireValue(p.afterSb0p());
        AfterSbPolicy p1 = AfterSbPolicy.fromWireValue(p.afterSb1p());
        AfterSbPolicy p2 = AfterSbPolicy.fromWireValue(p.afterSb2p());
        if (p0 == null || p1 == null || p2 == null) {
            return new Verdict("P_PROTOCOL with unknown after-sb values " + p.afterSb0p() + "/"
                    + p.afterSb1p() + "/" + p.afterSb2p(), null, false, false);
        }
        boolean peerDiscards = (p.connFlags() & CF_DISCARD_MY_DATA) != 0;
        boolean peerDryRun = (p.connFlags() & CF_DRY_RUN) != 0;
        NetOptions.SplitBrain sb = options.splitBrain();
        ProtocolCompat.Settings mine = new ProtocolCompat.Settings(options.wireProtocol(),
                sb.afterSb0pri(), sb.afterSb1pri(), sb.afterSb2pri(), discardMyData,
                sb.allowTwoPrimaries(), "");
        ProtocolCompat.Settings theirs = new ProtocolCompat.Settings(p.wireProtocol(), p0, p1, p2,
                peerDiscards, p.twoPrimaries(), p.integrityAlg());
        ProtocolCompat.Result r = ProtocolCompat.check(mine, theirs);
        return new Verdict(null, r.compatible() ? null : r.message(), peerDiscards, peerDryRun);
    }
}
