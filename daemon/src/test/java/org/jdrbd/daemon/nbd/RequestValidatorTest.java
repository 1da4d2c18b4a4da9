package org.jdrbd.daemon.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.daemon.nbd.NbdProtocol.*;

import java.util.stream.Stream;
import org.jdrbd.daemon.store.StoreCapabilities;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: table of requests against a 1 MiB export with 512-byte minimum blocks, writable or
 * read-only, with or without trim/zero support.
 * Expectation: each row's error number (0 = accepted), in the protocol's order of checks.
 * Why: the validator is the one place client mistakes become NBD errors (STYLE.md rule 9).
 */
class RequestValidatorTest {

    private static final long SIZE = 1 << 20;
    private static final int MAX = 32 << 20;

    private static ExportSession session(BackendCapabilities capabilities) {
        // The validator never calls the backend; a filter over nothing proves it.
        Backend unused = new FilterBackend(null) { };
        return new ExportSession(new Export("v", "", unused), SIZE, capabilities,
                capabilities.transmissionFlags(), false, 512, MAX);
    }

    private static final BackendCapabilities FULL = BackendCapabilities.of(StoreCapabilities.FULL);
    private static final BackendCapabilities RO = FULL.asReadOnly();
    private static final BackendCapabilities BARE =
            new BackendCapabilities(false, false, false, false, false, false);

    static Stream<Arguments> table() {
        return Stream.of(
                row("plain read", FULL, 0, CMD_READ, 0, 4096, 0),
                row("read of the last block", FULL, 0, CMD_READ, SIZE - 512, 512, 0),
                row("read one block past the end", FULL, 0, CMD_READ, SIZE, 512, EINVAL),
                row("read straddling the end", FULL, 0, CMD_READ, SIZE - 512, 1024, EINVAL),
                row("unsigned offset beyond 2^63", FULL, 0, CMD_READ, Long.MIN_VALUE, 512, EINVAL),
                row("misaligned offset", FULL, 0, CMD_READ, 100, 512, EINVAL),
                row("misaligned length", FULL, 0, CMD_READ, 0, 100, EINVAL),
                row("read over the payload limit", FULL, 0, CMD_READ, 0, MAX + 512L, EOVERFLOW),
                row("write with FUA", FULL, CMD_FLAG_FUA, CMD_WRITE, 0, 512, 0),
                row("write past the end", FULL, 0, CMD_WRITE, SIZE, 512, ENOSPC),
                row("zeroes past the end", FULL, 0, CMD_WRITE_ZEROES, SIZE, 512, ENOSPC),
                row("zeroes larger than max payload", FULL, 0, CMD_WRITE_ZEROES, 0, SIZE, 0),
                row("trim past the end", FULL, 0, CMD_TRIM, SIZE, 512, EINVAL),
                row("zeroes with NO_HOLE", FULL, CMD_FLAG_NO_HOLE, CMD_WRITE_ZEROES, 0, 512, 0),
                row("NO_HOLE on a write", FULL, CMD_FLAG_NO_HOLE, CMD_WRITE, 0, 512, EINVAL),
                row("DF not advertised", FULL, CMD_FLAG_DF, CMD_READ, 0, 512, EINVAL),
                row("flush", FULL, 0, CMD_FLUSH, 0, 0, 0),
                row("disconnect", FULL, 0, CMD_DISC, 0, 0, 0),
                row("unknown command", FULL, 0, 99, 0, 0, EINVAL),
                row("cache not advertised", FULL, 0, CMD_CACHE, 0, 512, EINVAL),
                row("write on read-only", RO, 0, CMD_WRITE, 0, 512, EPERM),
                row("trim on read-only", RO, 0, CMD_TRIM, 0, 512, EPERM),
                row("FUA on read-only write (FUA not advertised)", RO, CMD_FLAG_FUA, CMD_WRITE,
                        0, 512, EINVAL),
                row("read on read-only", RO, 0, CMD_READ, 0, 512, 0),
                row("flush not advertised", BARE, 0, CMD_FLUSH, 0, 0, EINVAL),
                row("trim not advertised", BARE, 0, CMD_TRIM, 0, 512, EINVAL),
                row("zeroes not advertised", BARE, 0, CMD_WRITE_ZEROES, 0, 512, EINVAL),
                row("FUA not advertised", BARE, CMD_FLAG_FUA, CMD_WRITE, 0, 512, EINVAL));
    }

    private static Arguments row(String what, BackendCapabilities capabilities, int flags,
            int type, long offset, long length, int errno) {
        return Arguments.of(what, capabilities, flags, type, offset, length, errno);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void check(String what, BackendCapabilities capabilities, int flags, int type, long offset,
            long length, int errno) {
        NbdRequest request = new NbdRequest(flags, type, 1, offset, length);
        assertThat(RequestValidator.check(request, session(capabilities))).as(what)
                .isEqualTo(errno);
    }
}
