package org.jdrbd.daemon.nbd;

import static org.jdrbd.daemon.nbd.NbdProtocol.*;

/**
 * Client mistakes become NBD errors here, before the backend sees the request (STYLE.md rule
 * 9). Pure: a request and what the connection negotiated in, an error number (0 = fine) out.
 */
final class RequestValidator {

    private RequestValidator() {
    }

    static int check(NbdRequest request, ExportSession session) {
        int type = request.type();
        if (!known(type)) {
            return EINVAL;
        }
        if ((request.flags() & ~allowedFlags(type, session)) != 0) {
            return EINVAL;
        }
        if (!advertised(type, session)) {
            return EINVAL;
        }
        boolean changesData = type == CMD_WRITE || type == CMD_TRIM || type == CMD_WRITE_ZEROES;
        if (changesData && session.readOnly()) {
            return EPERM;
        }
        if (type == CMD_DISC || type == CMD_FLUSH) {
            return 0;
        }
        if ((type == CMD_READ || type == CMD_WRITE) && request.length() > session.maxPayloadBytes()) {
            return EOVERFLOW;
        }
        if (request.offset() % session.minBlockBytes() != 0
                || request.length() % session.minBlockBytes() != 0) {
            return EINVAL;
        }
        if (!inside(request.offset(), request.length(), session.sizeBytes())) {
            // The protocol asks for ENOSPC when a write runs past the end.
            return type == CMD_WRITE || type == CMD_WRITE_ZEROES ? ENOSPC : EINVAL;
        }
        return 0;
    }

    private static boolean known(int type) {
        return type == CMD_READ || type == CMD_WRITE || type == CMD_DISC || type == CMD_FLUSH
                || type == CMD_TRIM || type == CMD_WRITE_ZEROES;
    }

    private static int allowedFlags(int type, ExportSession session) {
        int fua = session.advertises(TFLAG_SEND_FUA) ? CMD_FLAG_FUA : 0;
        return switch (type) {
            case CMD_WRITE, CMD_TRIM -> fua;
            case CMD_WRITE_ZEROES -> fua | CMD_FLAG_NO_HOLE;
            default -> 0;
        };
    }

    private static boolean advertised(int type, ExportSession session) {
        return switch (type) {
            case CMD_FLUSH -> session.advertises(TFLAG_SEND_FLUSH);
            case CMD_TRIM -> session.advertises(TFLAG_SEND_TRIM) || session.readOnly();
            case CMD_WRITE_ZEROES -> session.advertises(TFLAG_SEND_WRITE_ZEROES) || session.readOnly();
            default -> true;
        };
    }

    /** offset is unsigned on the wire: a negative long is past any export. */
    private static boolean inside(long offset, long length, long sizeBytes) {
        return offset >= 0 && offset <= sizeBytes && length <= sizeBytes - offset;
    }
}
