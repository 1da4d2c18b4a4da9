package org.jdrbd.daemon.nbd;

import static org.jdrbd.daemon.nbd.NbdProtocol.*;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jdrbd.daemon.store.IoError;
import org.jdrbd.daemon.store.IoOutcome;

/**
 * The transmission phase of one connection: parses request headers and write payloads, refuses
 * client mistakes before the backend sees them, and hands valid requests to the backend chain.
 * Many requests may be in flight; each is answered when its backend call completes, so replies
 * can leave in a different order than the requests came in.
 */
final class Transmission implements Phase {

    private enum State {
        /** Waiting for a 28-byte request header. */
        HEADER,
        /** Collecting a WRITE payload. */
        PAYLOAD,
        /** Dropping the payload of a refused WRITE before answering it. */
        SKIP
    }

    private final NbdConnection connection;
    private final ExportSession session;
    private final Backend backend;
    private final ReplySender replies;
    private State state = State.HEADER;
    private NbdRequest current;
    private ByteBuffer payload;
    private long skipBytes;
    private int skipErrno;
    private boolean disconnecting;

    Transmission(NbdConnection connection, ExportSession session) {
        this.connection = connection;
        this.session = session;
        this.backend = session.export().backend();
        this.replies = new ReplySender(connection, session.structuredReplies());
    }

    @Override
    public boolean step(InputQueue in) {
        return switch (state) {
            case HEADER -> header(in);
            case PAYLOAD -> payload(in);
            case SKIP -> skip(in);
        };
    }

    private boolean header(InputQueue in) {
        if (disconnecting || !connection.canAdmit() || in.available() < REQUEST_HEADER_BYTES) {
            return false;
        }
        int magic = in.readInt();
        int flags = in.readShort();
        int type = in.readShort();
        long cookie = in.readLong();
        long offset = in.readLong();
        long length = Integer.toUnsignedLong(in.readInt());
        if (magic != REQUEST_MAGIC) {
            // We can no longer find request boundaries: this connection ends, no other one.
            connection.close("bad request magic 0x" + Integer.toHexString(magic));
            return false;
        }
        current = new NbdRequest(flags, type, cookie, offset, length);
        int errno = RequestValidator.check(current, session);
        if (errno != 0) {
            return refuse(errno);
        }
        return dispatch();
    }

    private boolean refuse(int errno) {
        connection.clientMistake(current, errno);
        if (current.type() == CMD_WRITE && current.length() > 0) {
            skipBytes = current.length();
            skipErrno = errno;
            state = State.SKIP;
            return true;
        }
        replies.error(current, errno, "request refused");
        return true;
    }

    private boolean dispatch() {
        NbdRequest request = current;
        long length = request.length();
        switch (request.type()) {
            case CMD_DISC -> {
                disconnecting = true;
                connection.disconnectWhenIdle();
                return false;
            }
            case CMD_WRITE -> {
                if (length == 0) {
                    replies.ok(request);
                    return true;
                }
                connection.admit(length);
                payload = ByteBuffer.allocate((int) length);
                state = State.PAYLOAD;
                return true;
            }
            case CMD_READ -> read(request);
            case CMD_FLUSH -> call(request, 0, backend::flush);
            case CMD_TRIM -> callRange(request, () -> backend.trim(request.offset(), length,
                    request.fua()));
            case CMD_WRITE_ZEROES -> callRange(request, () -> backend.zero(request.offset(),
                    length, request.fua()));
            default -> throw new IllegalStateException("validator let through " + request);
        }
        return true;
    }

    private boolean payload(InputQueue in) {
        in.copyTo(payload);
        if (payload.hasRemaining()) {
            return false;
        }
        payload.flip();
        NbdRequest request = current;
        ByteBuffer data = payload;
        payload = null;
        state = State.HEADER;
        // admit() already counted this payload when the header arrived.
        call(request, request.length(),
                () -> backend.write(request.offset(), data, request.fua()));
        return true;
    }

    private boolean skip(InputQueue in) {
        skipBytes -= in.skip(skipBytes);
        if (skipBytes > 0) {
            return false;
        }
        replies.error(current, skipErrno, "request refused");
        state = State.HEADER;
        return true;
    }

    private void read(NbdRequest request) {
        if (request.length() == 0) {
            replies.ok(request);
            return;
        }
        ReplySender.ReadReply reply = replies.newReadReply(request);
        connection.admit(request.length());
        whenDone(request, request.length(), guarded(() -> backend.read(request.offset(),
                reply.data())), () -> replies.send(reply));
    }

    private void callRange(NbdRequest request, Supplier<CompletionStage<IoOutcome>> operation) {
        if (request.length() == 0) {
            replies.ok(request);
            return;
        }
        call(request, 0, operation);
    }

    /** {@code admittedBytes} is what {@link NbdConnection#admit} counted for the request. */
    private void call(NbdRequest request, long admittedBytes,
            Supplier<CompletionStage<IoOutcome>> operation) {
        if (request.type() != CMD_WRITE) {
            connection.admit(0);
        }
        whenDone(request, admittedBytes, guarded(operation), () -> replies.ok(request));
    }

    private void whenDone(NbdRequest request, long admittedBytes, CompletionStage<IoOutcome> stage,
            Runnable onSuccess) {
        stage.whenComplete((outcome, failure) -> connection.onContext(() -> {
            connection.release(admittedBytes);
            IoOutcome result = failure != null
                    ? IoOutcome.failed(IoError.IO, "backend failed: " + failure)
                    : outcome;
            if (result.ok()) {
                onSuccess.run();
            } else {
                connection.backendError(request, result);
                replies.error(request, errnoOf(result.error(), request.type()), result.detail());
            }
        }));
    }

    private static CompletionStage<IoOutcome> guarded(
            Supplier<CompletionStage<IoOutcome>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            // A backend bug must still produce a reply, or the client waits forever.
            return CompletableFuture.completedFuture(
                    IoOutcome.failed(IoError.IO, "backend threw " + e));
        }
    }

    /** The NBD error number for a backend failure. */
    static int errnoOf(IoError error, int type) {
        return switch (error) {
            case OUT_OF_RANGE -> type == CMD_WRITE || type == CMD_WRITE_ZEROES ? ENOSPC : EINVAL;
            case READ_ONLY -> EPERM;
            case UNSUPPORTED -> ENOTSUP;
            case IO -> EIO;
            case NO_SPACE -> ENOSPC;
            case BUSY -> ENOMEM;
            case CLOSED -> ESHUTDOWN;
        };
    }
}
