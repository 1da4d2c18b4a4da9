package org.jdrbd.daemon.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.daemon.nbd.NbdProtocol.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jdrbd.daemon.store.IoError;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.store.MemoryStore;
import org.jdrbd.daemon.store.StoreExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a raw client speaks the NBD protocol byte by byte to the server, including the
 * mistakes real clients refuse to make (out-of-range offsets, writes to read-only exports,
 * oversized requests, bad magic, unknown options and commands).
 * Expectation: each mistake gets the protocol's error (EINVAL, EPERM, ENOSPC, EOVERFLOW,
 * NBD_REP_ERR_*), the backend never sees a refused request, the connection keeps working
 * except after a bad request magic, which closes that connection only.
 * Why: STYLE.md rule 9 and seed 004 — client mistakes are NBD errors before the backend.
 */
@Timeout(60)
class NbdProtocolTest {

    private static final long SIZE = 4L << 20;

    @TempDir
    Path dir;
    private NbdFixture nbd;
    private ErrorInjectionFilter rw;
    private ErrorInjectionFilter ro;

    @BeforeEach
    void start() throws Exception {
        nbd = new NbdFixture(dir);
        Backend store = new StoreBackend(new StoreExecutor(
                new MemoryStore(SIZE), "proto", 2, 64));
        rw = new ErrorInjectionFilter(store);
        ro = new ErrorInjectionFilter(new ReadOnlyFilter(store));
        nbd.register("r0", rw);
        nbd.register("r0/1", ro);
    }

    @AfterEach
    void stop() throws Exception {
        nbd.close();
    }

    private RawNbdClient connected(String export, boolean structured) throws Exception {
        RawNbdClient client = RawNbdClient.tcp(nbd.server.tcpPort());
        client.connect(export, structured);
        return client;
    }

    private static byte[] pattern(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    @Test
    void greetingAdvertisesFixedNewstyleAndNoZeroes() throws Exception {
        try (RawNbdClient client = RawNbdClient.unix(nbd.socket)) {
            assertThat(client.greeting()).isEqualTo(FLAG_FIXED_NEWSTYLE | FLAG_NO_ZEROES);
        }
    }

    @Test
    void writeThenReadRoundTripsWithSimpleAndStructuredReplies() throws Exception {
        byte[] data = pattern(8192, 7);
        try (RawNbdClient client = connected("r0", false)) {
            client.sendRequest(CMD_FLAG_FUA, CMD_WRITE, 1, 4096, data.length, data);
            assertThat(client.readReply(0).errno()).isZero();
            client.sendRequest(0, CMD_READ, 2, 4096, data.length, new byte[0]);
            RawNbdClient.Reply reply = client.readReply(data.length);
            assertThat(reply.cookie()).isEqualTo(2);
            assertThat(reply.data()).isEqualTo(data);
        }
        try (RawNbdClient client = connected("r0", true)) {
            client.sendRequest(0, CMD_READ, 3, 4096, data.length, new byte[0]);
            RawNbdClient.Reply reply = client.readReply(0);
            assertThat(reply.structured()).isTrue();
            assertThat(reply.type()).isEqualTo(REPLY_TYPE_OFFSET_DATA);
            assertThat(reply.flags() & REPLY_FLAG_DONE).isEqualTo(REPLY_FLAG_DONE);
            ByteBuffer payload = ByteBuffer.wrap(reply.data());
            assertThat(payload.getLong()).isEqualTo(4096);
            assertThat(Arrays.copyOfRange(reply.data(), 8, reply.data().length)).isEqualTo(data);
        }
    }

    @Test
    void transmissionFlagsFollowBackendCapabilities() throws Exception {
        try (RawNbdClient client = RawNbdClient.tcp(nbd.server.tcpPort())) {
            int flags = client.connect("r0", false);
            assertThat(flags).isEqualTo(TFLAG_HAS_FLAGS | TFLAG_SEND_FLUSH | TFLAG_SEND_FUA
                    | TFLAG_SEND_TRIM | TFLAG_SEND_WRITE_ZEROES | TFLAG_CAN_MULTI_CONN);
        }
        try (RawNbdClient client = RawNbdClient.tcp(nbd.server.tcpPort())) {
            int flags = client.connect("r0/1", false);
            assertThat(flags).isEqualTo(TFLAG_HAS_FLAGS | TFLAG_SEND_FLUSH | TFLAG_READ_ONLY
                    | TFLAG_CAN_MULTI_CONN);
        }
    }

    @Test
    void clientMistakesGetErrnosBeforeTheBackendAndTheConnectionGoesOn() throws Exception {
        record Case(String what, String export, int flags, int type, long offset, long length,
                int payloadBytes, int errno) {
        }
        int tooBig = NbdServerOptions.DEFAULT_MAX_PAYLOAD_BYTES + 1;
        Case[] cases = {
            new Case("read past the end", "r0", 0, CMD_READ, SIZE - 512, 1024, 0, EINVAL),
            new Case("read at huge offset", "r0", 0, CMD_READ, -4096, 512, 0, EINVAL),
            new Case("write past the end", "r0", 0, CMD_WRITE, SIZE, 512, 512, ENOSPC),
            new Case("zeroes past the end", "r0", 0, CMD_WRITE_ZEROES, SIZE - 1, 2, 0, ENOSPC),
            new Case("trim past the end", "r0", 0, CMD_TRIM, 1, SIZE, 0, EINVAL),
            new Case("read over max payload", "r0", 0, CMD_READ, 0, tooBig, 0, EOVERFLOW),
            new Case("write over max payload", "r0", 0, CMD_WRITE, 0, tooBig, tooBig, EOVERFLOW),
            new Case("unknown command", "r0", 0, 42, 0, 0, 0, EINVAL),
            new Case("block status not offered", "r0", 0, CMD_BLOCK_STATUS, 0, 512, 0, EINVAL),
            new Case("unknown command flag", "r0", 1 << 9, CMD_WRITE, 0, 512, 512, EINVAL),
            new Case("FUA on a read", "r0", CMD_FLAG_FUA, CMD_READ, 0, 512, 0, EINVAL),
            new Case("write to read-only", "r0/1", 0, CMD_WRITE, 0, 512, 512, EPERM),
            new Case("trim on read-only", "r0/1", 0, CMD_TRIM, 0, 512, 0, EPERM),
            new Case("zeroes on read-only", "r0/1", 0, CMD_WRITE_ZEROES, 0, 512, 0, EPERM),
        };
        for (Case c : cases) {
            try (RawNbdClient client = connected(c.export(), false)) {
                client.sendRequest(c.flags(), c.type(), 77, c.offset(), c.length(),
                        new byte[c.payloadBytes()]);
                RawNbdClient.Reply reply = client.readReply(0);
                assertThat(reply.errno()).as(c.what()).isEqualTo(c.errno());
                assertThat(reply.cookie()).as(c.what()).isEqualTo(77);
                // The same connection still serves a valid request.
                client.sendRequest(0, CMD_READ, 78, 0, 512, new byte[0]);
                RawNbdClient.Reply next = client.readReply(512);
                assertThat(next.errno()).as(c.what() + ", then a good read").isZero();
                assertThat(next.cookie()).isEqualTo(78);
            }
        }
        assertThat(rw.calls(BackendOp.WRITE) + ro.calls(BackendOp.WRITE)).isZero();
        assertThat(rw.calls(BackendOp.TRIM) + ro.calls(BackendOp.TRIM)).isZero();
        assertThat(rw.calls(BackendOp.ZERO) + ro.calls(BackendOp.ZERO)).isZero();
        assertThat(rw.calls(BackendOp.READ) + ro.calls(BackendOp.READ)).isEqualTo(cases.length);
    }

    @Test
    void structuredReadErrorIsAnErrorChunk() throws Exception {
        try (RawNbdClient client = connected("r0", true)) {
            client.sendRequest(0, CMD_READ, 9, SIZE, 512, new byte[0]);
            RawNbdClient.Reply reply = client.readReply(0);
            assertThat(reply.type()).isEqualTo(REPLY_TYPE_ERROR);
            assertThat(reply.errno()).isEqualTo(EINVAL);
            assertThat(reply.flags() & REPLY_FLAG_DONE).isEqualTo(REPLY_FLAG_DONE);
        }
    }

    @Test
    void injectedBackendErrorsReachTheClientAsEio() throws Exception {
        rw.add(new ErrorInjectionFilter.Rule(BackendOp.WRITE, 0, 4096, IoError.IO, 1));
        rw.add(new ErrorInjectionFilter.Rule(BackendOp.FLUSH, 0, Long.MAX_VALUE,
                IoError.NO_SPACE, 1));
        try (RawNbdClient client = connected("r0", false)) {
            byte[] data = pattern(512, 1);
            client.sendRequest(0, CMD_WRITE, 1, 0, 512, data);
            assertThat(client.readReply(0).errno()).isEqualTo(EIO);
            client.sendRequest(0, CMD_WRITE, 2, 0, 512, data);
            assertThat(client.readReply(0).errno()).isZero();
            client.sendRequest(0, CMD_FLUSH, 3, 0, 0, new byte[0]);
            assertThat(client.readReply(0).errno()).isEqualTo(ENOSPC);
            client.sendRequest(0, CMD_FLUSH, 4, 0, 0, new byte[0]);
            assertThat(client.readReply(0).errno()).isZero();
        }
    }

    @Test
    void badRequestMagicClosesOnlyThatConnection() throws Exception {
        try (RawNbdClient good = connected("r0", false);
                RawNbdClient bad = connected("r0", false)) {
            bad.sendRaw(0x12345678, 0, CMD_READ, 1, 0, 512, new byte[0]);
            assertThat(bad.closedByServer()).isTrue();
            good.sendRequest(0, CMD_READ, 5, 0, 512, new byte[0]);
            assertThat(good.readReply(512).errno()).isZero();
        }
    }

    @Test
    void unexpectedBackendFailureClosesThatConnectionInsteadOfHanging() throws Exception {
        // An Error outside the backend-bug guard (e.g. classes missing after the jars were
        // replaced under a running daemon) must end the connection, not leave the client waiting.
        nbd.register("broken", new FilterBackend(rw) {
            @Override
            public CompletionStage<IoOutcome> read(long offset, ByteBuffer dst) {
                throw new NoClassDefFoundError("simulated missing class");
            }
        });
        try (RawNbdClient good = connected("r0", false);
                RawNbdClient broken = connected("broken", false)) {
            broken.sendRequest(0, CMD_READ, 1, 0, 512, new byte[0]);
            assertThat(broken.closedByServer()).isTrue();
            good.sendRequest(0, CMD_READ, 2, 0, 512, new byte[0]);
            assertThat(good.readReply(512).errno()).isZero();
        }
    }

    @Test
    void optionTableAnswersUnknownMalformedListAndInfo() throws Exception {
        try (RawNbdClient client = RawNbdClient.tcp(nbd.server.tcpPort())) {
            client.greeting();
            client.sendClientFlags(CLIENT_FLAG_FIXED_NEWSTYLE);
            client.sendOption(999, new byte[3]);
            assertThat(client.readOptionReply().type()).isEqualTo(REP_ERR_UNSUP);
            client.sendOption(OPT_STARTTLS, new byte[0]);
            assertThat(client.readOptionReply().type()).isEqualTo(REP_ERR_UNSUP);
            client.sendOption(OPT_LIST, new byte[1]);
            assertThat(client.readOptionReply().type()).isEqualTo(REP_ERR_INVALID);
            client.sendOption(OPT_STRUCTURED_REPLY, new byte[2]);
            assertThat(client.readOptionReply().type()).isEqualTo(REP_ERR_INVALID);
            client.sendOption(OPT_GO, new byte[] {0, 0, 0, 9, 'r'});
            assertThat(client.readOptionReply().type()).isEqualTo(REP_ERR_INVALID);
            client.sendOption(OPT_INFO, RawNbdClient.goPayload("nope"));
            assertThat(client.readOptionReply().type()).isEqualTo(REP_ERR_UNKNOWN);

            client.sendOption(OPT_LIST, new byte[0]);
            Set<String> names = new HashSet<>();
            RawNbdClient.OptionReply reply;
            while ((reply = client.readOptionReply()).type() == REP_SERVER) {
                names.add(new String(reply.data(), 4, reply.data().length - 4,
                        StandardCharsets.UTF_8));
            }
            assertThat(reply.type()).isEqualTo(REP_ACK);
            assertThat(names).containsExactlyInAnyOrder("r0", "r0/1");

            client.sendOption(OPT_INFO, RawNbdClient.goPayload("r0/1", INFO_NAME,
                    INFO_DESCRIPTION, INFO_BLOCK_SIZE));
            Set<Integer> infos = new HashSet<>();
            while ((reply = client.readOptionReply()).type() == REP_INFO) {
                ByteBuffer info = ByteBuffer.wrap(reply.data());
                int type = info.getShort();
                infos.add(type);
                if (type == INFO_BLOCK_SIZE) {
                    assertThat(info.getInt()).isEqualTo(1);
                    assertThat(info.getInt()).isEqualTo(4096);
                    assertThat(info.getInt()).isEqualTo(32 << 20);
                }
            }
            assertThat(infos).containsExactlyInAnyOrder(INFO_EXPORT, INFO_NAME,
                    INFO_DESCRIPTION, INFO_BLOCK_SIZE);
            // Still negotiating: EXPORT_NAME enters transmission with size, flags and the 124
            // zero bytes a client without NO_ZEROES expects.
            client.sendOption(OPT_EXPORT_NAME, "r0".getBytes(StandardCharsets.UTF_8));
            ByteBuffer export = client.readExactly(10 + EXPORT_NAME_PADDING_BYTES);
            assertThat(export.getLong()).isEqualTo(SIZE);
            export.getShort();
            while (export.hasRemaining()) {
                assertThat(export.get()).isZero();
            }
            client.sendRequest(0, CMD_FLUSH, 1, 0, 0, new byte[0]);
            assertThat(client.readReply(0).errno()).isZero();
        }
    }

    @Test
    void requestsPipelinedBehindExportNameAreServed() throws Exception {
        // EXPORT_NAME has no reply to wait for, so clients may send requests right behind it
        // in the same packet; they must not wait for more bytes to arrive.
        try (RawNbdClient client = RawNbdClient.tcp(nbd.server.tcpPort())) {
            client.greeting();
            byte[] name = "r0".getBytes(StandardCharsets.UTF_8);
            ByteBuffer script = ByteBuffer.allocate(4 + 16 + name.length + 28)
                    .putInt(CLIENT_FLAG_FIXED_NEWSTYLE | CLIENT_FLAG_NO_ZEROES)
                    .putLong(IHAVEOPT).putInt(OPT_EXPORT_NAME).putInt(name.length).put(name)
                    .putInt(REQUEST_MAGIC).putShort((short) 0).putShort((short) CMD_READ)
                    .putLong(31).putLong(0).putInt(512);
            client.write(script.flip());
            assertThat(client.readExactly(10).getLong()).isEqualTo(SIZE);
            RawNbdClient.Reply reply = client.readReply(512);
            assertThat(reply.errno()).isZero();
            assertThat(reply.cookie()).isEqualTo(31);
        }
    }

    @Test
    void abortIsAcknowledgedThenClosed() throws Exception {
        try (RawNbdClient client = RawNbdClient.tcp(nbd.server.tcpPort())) {
            client.greeting();
            client.sendClientFlags(CLIENT_FLAG_FIXED_NEWSTYLE | CLIENT_FLAG_NO_ZEROES);
            client.sendOption(OPT_ABORT, new byte[0]);
            assertThat(client.readOptionReply().type()).isEqualTo(REP_ACK);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void repliesMayOvertakeEarlierRequests() throws Exception {
        // The first read waits on a future the test completes only after the second read was
        // answered, so the second reply must overtake the first.
        CompletableFuture<IoOutcome> gate = new CompletableFuture<>();
        nbd.register("slow", new FilterBackend(rw) {
            @Override
            public CompletionStage<IoOutcome> read(long offset, ByteBuffer dst) {
                return offset == 0 ? gate.thenCompose(v -> next.read(offset, dst))
                        : next.read(offset, dst);
            }
        });
        try (RawNbdClient client = connected("slow", false)) {
            client.sendRequest(0, CMD_READ, 100, 0, 512, new byte[0]);
            client.sendRequest(0, CMD_READ, 200, 4096, 512, new byte[0]);
            assertThat(client.readReply(512).cookie()).isEqualTo(200);
            gate.complete(IoOutcome.OK);
            assertThat(client.readReply(512).cookie()).isEqualTo(100);
        }
    }

    @Test
    void disconnectAnswersInFlightRequestsFirst() throws Exception {
        try (RawNbdClient client = connected("r0", false)) {
            byte[] data = pattern(4096, 3);
            client.sendRequest(0, CMD_WRITE, 1, 0, data.length, data);
            client.sendRequest(0, CMD_DISC, 2, 0, 0, new byte[0]);
            assertThat(client.readReply(0).cookie()).isEqualTo(1);
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
