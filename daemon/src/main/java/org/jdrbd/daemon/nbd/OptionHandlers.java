package org.jdrbd.daemon.nbd;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The entries of {@link Negotiation}'s option table. */
final class OptionHandlers {

    private OptionHandlers() {
    }

    /** NBD_OPT_EXPORT_NAME: the whole payload is the name; an unknown name closes. */
    static void exportName(Negotiation negotiation, int option, Buffer data) {
        String name = data.toString(StandardCharsets.UTF_8);
        NbdConnection connection = negotiation.connection();
        Optional<Export> export = connection.exports().find(name);
        if (export.isEmpty()) {
            negotiation.fail("NBD_OPT_EXPORT_NAME for unknown export '" + name + "'");
            return;
        }
        ExportSession session = session(negotiation, export.get());
        connection.send(Replies.exportNameReply(session.sizeBytes(), session.transmissionFlags(),
                negotiation.noZeroes()));
        negotiation.finish();
        connection.startTransmission(session);
    }

    /** NBD_OPT_ABORT: acknowledge, then close gracefully. */
    static void abort(Negotiation negotiation, int option, Buffer data) {
        negotiation.connection().send(Replies.ack(option));
        negotiation.finish();
        negotiation.connection().end("client aborted negotiation");
    }

    /** NBD_OPT_LIST: one NBD_REP_SERVER per export, then ACK. */
    static void list(Negotiation negotiation, int option, Buffer data) {
        NbdConnection connection = negotiation.connection();
        if (data.length() != 0) {
            connection.send(Replies.optionError(option, NbdProtocol.REP_ERR_INVALID,
                    "NBD_OPT_LIST takes no data"));
            return;
        }
        for (Export export : connection.exports().all()) {
            connection.send(Replies.server(export.name()));
        }
        connection.send(Replies.ack(option));
    }

    /** NBD_OPT_STRUCTURED_REPLY: switch reads to structured replies. */
    static void structuredReply(Negotiation negotiation, int option, Buffer data) {
        if (data.length() != 0) {
            negotiation.connection().send(Replies.optionError(option,
                    NbdProtocol.REP_ERR_INVALID, "NBD_OPT_STRUCTURED_REPLY takes no data"));
            return;
        }
        negotiation.enableStructuredReplies();
        negotiation.connection().send(Replies.ack(option));
    }

    /**
     * NBD_OPT_INFO and NBD_OPT_GO: name length, name, count of info requests, the requests.
     * Both describe the export; GO then starts transmission.
     */
    static void infoOrGo(Negotiation negotiation, int option, Buffer data) {
        NbdConnection connection = negotiation.connection();
        InfoRequest request = InfoRequest.parse(data);
        if (request == null) {
            connection.send(Replies.optionError(option, NbdProtocol.REP_ERR_INVALID,
                    "malformed NBD_OPT_INFO/GO payload"));
            return;
        }
        Optional<Export> export = connection.exports().find(request.name());
        if (export.isEmpty()) {
            connection.send(Replies.optionError(option, NbdProtocol.REP_ERR_UNKNOWN,
                    "no export named '" + request.name() + "'"));
            return;
        }
        ExportSession session = session(negotiation, export.get());
        connection.send(Replies.infoExport(option, session.sizeBytes(), session.transmissionFlags()));
        if (request.wants(NbdProtocol.INFO_NAME)) {
            connection.send(Replies.infoText(option, NbdProtocol.INFO_NAME, export.get().name()));
        }
        if (request.wants(NbdProtocol.INFO_DESCRIPTION) && !export.get().description().isEmpty()) {
            connection.send(Replies.infoText(option, NbdProtocol.INFO_DESCRIPTION,
                    export.get().description()));
        }
        // Always sent: clients must learn the 32 MiB payload limit.
        NbdServerOptions options = connection.options();
        connection.send(Replies.infoBlockSize(option, options.minBlockBytes(),
                options.preferredBlockBytes(), options.maxPayloadBytes()));
        connection.send(Replies.ack(option));
        if (option == NbdProtocol.OPT_GO) {
            negotiation.finish();
            connection.startTransmission(session);
        }
    }

    private static ExportSession session(Negotiation negotiation, Export export) {
        BackendCapabilities capabilities = export.backend().capabilities();
        NbdServerOptions options = negotiation.connection().options();
        return new ExportSession(export, export.backend().sizeBytes(), capabilities,
                capabilities.transmissionFlags(), negotiation.structuredReplies(),
                options.minBlockBytes(), options.maxPayloadBytes());
    }

    /** The payload of NBD_OPT_INFO / NBD_OPT_GO, every length checked against the bytes. */
    record InfoRequest(String name, int[] infoTypes) {

        static InfoRequest parse(Buffer data) {
            int length = data.length();
            if (length < 6) {
                return null;
            }
            long nameBytes = Integer.toUnsignedLong(data.getInt(0));
            if (nameBytes > NbdProtocol.MAX_STRING_BYTES || nameBytes > length - 6) {
                return null;
            }
            int at = 4 + (int) nameBytes;
            String name = data.getString(4, at, StandardCharsets.UTF_8.name());
            int count = data.getUnsignedShort(at);
            at += 2;
            if (length != at + 2L * count) {
                return null;
            }
            int[] types = new int[count];
            for (int i = 0; i < count; i++) {
                types[i] = data.getUnsignedShort(at + 2 * i);
            }
            return new InfoRequest(name, types);
        }

        boolean wants(int infoType) {
            for (int type : infoTypes) {
                if (type == infoType) {
                    return true;
                }
            }
            return false;
        }
    }
}
