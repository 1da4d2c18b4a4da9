package org.jdrbd.daemon.engine;

import java.util.Base64;
import java.util.Optional;
import org.jdrbd.daemon.repl.NetOptions;
import org.jdrbd.netlink.codec.DecodeResult;
import org.jdrbd.netlink.codec.Decoder;
import org.jdrbd.netlink.codec.Encoder;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.schema.Command;

/**
 * A peer's net options as the state registry keeps them: the new-peer request that would set
 * them again, in the control protocol's own encoding (base64), so reading them back goes through
 * the same validating decoder as any request.
 */
final class PeerConf {
    private PeerConf() {
    }

    static String encode(NetOptions options) {
        Message m = new Message(Header.request(Command.NEW_PEER, 0), options.conf());
        return Base64.getEncoder().encodeToString(Encoder.encode(m));
    }

    /** The options, or empty when the text is not such a request (damaged registry). */
    static Optional<NetOptions> decode(String text) {
        if (text == null) {
            return Optional.of(NetOptions.defaults());
        }
        try {
            DecodeResult r = Decoder.decode(Base64.getDecoder().decode(text));
            if (r instanceof DecodeResult.Ok ok && ok.message().header().command() == Command.NEW_PEER) {
                NetOptions o = NetOptions.fromTags(ok.message().tags());
                return o.error() == null ? Optional.of(o) : Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            // not base64: handled as damaged below
        }
        return Optional.empty();
    }
}
