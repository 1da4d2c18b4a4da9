package org.jdrbd.daemon.nbd;

import io.vertx.core.buffer.Buffer;
import java.util.Map;

/**
 * The fixed-newstyle handshake of one connection: client flags, then options until one of them
 * picks an export (EXPORT_NAME or GO) or the client aborts. Options are dispatched through a
 * table keyed by NBD_OPT_* (seed 004); an option not in the table gets NBD_REP_ERR_UNSUP.
 */
final class Negotiation implements Phase {

    private enum State {
        /** Waiting for the client's 32-bit flags. */
        CLIENT_FLAGS,
        /** Waiting for IHAVEOPT, option number and payload length. */
        OPTION_HEADER,
        /** Waiting for the whole payload of the current option. */
        OPTION_DATA,
        /** Dropping the payload of an oversized option before refusing it. */
        OPTION_SKIP,
        /** Negotiation is over (transmission started or connection closing). */
        DONE
    }

    private static final Map<Integer, OptionHandler> OPTIONS = Map.of(
            NbdProtocol.OPT_EXPORT_NAME, OptionHandlers::exportName,
            NbdProtocol.OPT_ABORT, OptionHandlers::abort,
            NbdProtocol.OPT_LIST, OptionHandlers::list,
            NbdProtocol.OPT_INFO, OptionHandlers::infoOrGo,
            NbdProtocol.OPT_GO, OptionHandlers::infoOrGo,
            NbdProtocol.OPT_STRUCTURED_REPLY, OptionHandlers::structuredReply);

    private final NbdConnection connection;
    private State state = State.CLIENT_FLAGS;
    private boolean noZeroes;
    private boolean structuredReplies;
    private int optionsSeen;
    private int option;
    private long optionBytes;

    Negotiation(NbdConnection connection) {
        this.connection = connection;
    }

    NbdConnection connection() {
        return connection;
    }

    boolean noZeroes() {
        return noZeroes;
    }

    boolean structuredReplies() {
        return structuredReplies;
    }

    void enableStructuredReplies() {
        structuredReplies = true;
    }

    /** Ends negotiation; the caller switched the connection to transmission or closed it. */
    void finish() {
        state = State.DONE;
    }

    @Override
    public boolean step(InputQueue in) {
        return switch (state) {
            case CLIENT_FLAGS -> clientFlags(in);
            case OPTION_HEADER -> optionHeader(in);
            case OPTION_DATA -> optionData(in);
            case OPTION_SKIP -> optionSkip(in);
            case DONE -> false;
        };
    }

    private boolean clientFlags(InputQueue in) {
        if (in.available() < 4) {
            return false;
        }
        int flags = in.readInt();
        int known = NbdProtocol.CLIENT_FLAG_FIXED_NEWSTYLE | NbdProtocol.CLIENT_FLAG_NO_ZEROES;
        if ((flags & ~known) != 0) {
            // The protocol requires closing on client flags we do not understand.
            fail("unknown client flags 0x" + Integer.toHexString(flags));
            return false;
        }
        noZeroes = (flags & NbdProtocol.CLIENT_FLAG_NO_ZEROES) != 0;
        state = State.OPTION_HEADER;
        return true;
    }

    private boolean optionHeader(InputQueue in) {
        if (in.available() < 16) {
            return false;
        }
        long magic = in.readLong();
        option = in.readInt();
        optionBytes = Integer.toUnsignedLong(in.readInt());
        if (magic != NbdProtocol.IHAVEOPT) {
            fail("bad option magic 0x" + Long.toHexString(magic));
            return false;
        }
        if (++optionsSeen > connection.options().maxOptions()) {
            fail("more than " + connection.options().maxOptions() + " options");
            return false;
        }
        if (optionBytes > connection.options().maxOptionBytes()) {
            if (option == NbdProtocol.OPT_EXPORT_NAME) {
                // EXPORT_NAME has no error reply: all we can do is close.
                fail("export name of " + optionBytes + " bytes");
                return false;
            }
            state = State.OPTION_SKIP;
            return true;
        }
        state = State.OPTION_DATA;
        return true;
    }

    private boolean optionData(InputQueue in) {
        if (in.available() < optionBytes) {
            return false;
        }
        Buffer data = in.readBuffer((int) optionBytes);
        state = State.OPTION_HEADER;
        OptionHandler handler = OPTIONS.get(option);
        if (handler == null) {
            connection.send(Replies.optionError(option, NbdProtocol.REP_ERR_UNSUP,
                    "option " + option + " is not supported"));
        } else {
            handler.handle(this, option, data);
        }
        // Also true when the handler ended negotiation: the connection's next phase (or its
        // closed flag) decides, and requests pipelined behind the option must not wait.
        return true;
    }

    private boolean optionSkip(InputQueue in) {
        optionBytes -= in.skip(optionBytes);
        if (optionBytes > 0) {
            return false;
        }
        connection.send(Replies.optionError(option, NbdProtocol.REP_ERR_TOO_BIG,
                "option payload too large"));
        state = State.OPTION_HEADER;
        return true;
    }

    /** A protocol violation during negotiation: this connection ends, nothing else does. */
    void fail(String why) {
        state = State.DONE;
        connection.close("negotiation: " + why);
    }
}
