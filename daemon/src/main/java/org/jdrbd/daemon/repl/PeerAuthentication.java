package org.jdrbd.daemon.repl;

import org.jdrbd.daemon.wire.CramHmac;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.WireResult;

/**
 * The CRAM-HMAC step of one connection attempt (fact sheet §6.2): after the feature exchange
 * both sides send a challenge, answer the other's, and check the answer to their own. A wrong
 * secret or a peer that wants authentication we do not have configured ends in StandAlone, as
 * in DRBD; P_PROTOCOL follows only after a good answer.
 */
final class PeerAuthentication {
    private final Connection conn;
    private CramHmac auth;

    PeerAuthentication(Connection conn) {
        this.conn = conn;
    }

    /** Features agreed: challenge the peer, or go on at once without a configured secret. */
    void start() {
        NetOptions o = conn.options;
        if (o.cramHmacAlg().isEmpty()) {
            auth = null;
            conn.sendProtocol();
            return;
        }
        auth = CramHmac.create(o.cramHmacAlg(), o.sharedSecret(), conn.random).value();
        conn.data.send(auth.challenge());
    }

    void onChallenge(Packet p) {
        if (auth == null) {
            conn.giveUp("peer wants authentication, but no cram-hmac-alg is configured");
            return;
        }
        WireResult<Packet> r = auth.onPeerChallenge(p);
        if (!r.isOk()) {
            conn.giveUp(r.reason());
            return;
        }
        conn.data.send(r.value());
    }

    void onResponse(Packet p) {
        if (auth == null) {
            conn.protocolError("unexpected P_AUTH_RESPONSE");
            return;
        }
        CramHmac used = auth;
        WireResult<Void> r = auth.onPeerResponse(p);
        auth = null;
        if (!r.isOk()) {
            conn.giveUp(r.reason());
            return;
        }
        conn.info("peer authenticated using {} bytes HMAC", used.digestBytes());
        conn.sendProtocol();
    }
}
