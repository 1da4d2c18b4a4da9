package org.jdrbd.netlink;

// Scenario: the JDK SocketServer with a fake ControlHandler in this test; the blocking
// ControlClient sends requests over a real Unix socket. Expectation: the reply carries the
// request's sequence number and the handler's result; an events2 stream delivers its events
// then the final reply; a malformed request is answered by the transport with ERR_* without
// reaching the handler, and the connection keeps serving; the socket file is 0600; a closed
// stream client fires the handler's onClose. Why: this is the path drbdsetup and the daemon use.

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.netlink.transport.ControlClient;
import org.jdrbd.netlink.transport.ControlHandler;
import org.jdrbd.netlink.transport.SocketServer;
import org.jdrbd.statemachine.StateRv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketServerTest {
    @TempDir
    Path dir;

    private final AtomicInteger handled = new AtomicInteger();
    private final CountDownLatch streamClosed = new CountDownLatch(1);

    private final ControlHandler fake = (req, sink) -> {
        handled.incrementAndGet();
        switch (req.command()) {
            case PRIMARY -> sink.reply(req.tags().getFlag(Tags.FORCE) ? Result.ok()
                    : Result.state(StateRv.SS_NO_UP_TO_DATE_DISK, ""), new TagList());
            case EVENTS2 -> {
                sink.onClose(streamClosed::countDown);
                sink.event(new EventRecord(EventAction.EXISTS,
                        ObjectRecord.of(ObjectType.RESOURCE, "name", "r0", "role", "Secondary"), 1));
                sink.event(EventRecord.endOfDump(2));
                if (req.tags().getFlag(Tags.NOW)) {
                    sink.reply(Result.ok(), new TagList());
                }
            }
            default -> sink.reply(Result.err(ErrCode.ERR_RES_NOT_KNOWN, ""), new TagList());
        }
    };

    private ControlClient connect(Path sock) {
        ControlClient.Connect c = ControlClient.connect(sock);
        assertTrue(c instanceof ControlClient.Connect.Connected, c.toString());
        return ((ControlClient.Connect.Connected) c).client();
    }

    private static Message request(Command c, int seq, TagList tags) {
        return new Message(new Header(MsgType.REQUEST, c, 0, seq, "r0", -1, -1, -1), tags);
    }

    private static Message next(ControlClient client) {
        ControlClient.Received r = client.receive();
        assertTrue(r instanceof ControlClient.Received.Got, r.toString());
        return ((ControlClient.Received.Got) r).message();
    }

    @Test
    void requestReplyEchoesSequenceAndResult() throws Exception {
        Path sock = dir.resolve("c.sock");
        try (SocketServer s = SocketServer.start(sock, fake); ControlClient client = connect(sock)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            assertEquals(null, client.send(request(Command.PRIMARY, 41, new TagList())));
            Message m = next(client);
            assertEquals(41, m.header().seq());
            assertEquals(MsgType.REPLY, m.header().type());
            assertEquals(-2, Result.from(m.tags()).code());
            client.send(request(Command.PRIMARY, 42, new TagList().addFlag(Tags.FORCE, true)));
            Message m2 = next(client);
            assertEquals(42, m2.header().seq());
            assertEquals(true, Result.from(m2.tags()).isSuccess());
        }
    }

    @Test
    void invalidRequestAnsweredByTransportAndConnectionSurvives() throws Exception {
        Path sock = dir.resolve("c.sock");
        try (SocketServer s = SocketServer.start(sock, fake); ControlClient client = connect(sock)) {
            // connect needs a peer node id: RequestCheck refuses it before the handler.
            client.send(request(Command.CONNECT, 7, new TagList()));
            Message m = next(client);
            assertEquals(7, m.header().seq());
            assertEquals(ErrCode.ERR_INVALID_REQUEST.code(), Result.from(m.tags()).code());
            assertEquals(0, handled.get());
            client.send(request(Command.ROLE, 8, new TagList()));
            assertEquals(158, Result.from(next(client).tags()).code());
            assertEquals(1, handled.get());
        }
    }

    @Test
    void eventsStreamThenReplyWithNow() throws Exception {
        Path sock = dir.resolve("c.sock");
        try (SocketServer s = SocketServer.start(sock, fake); ControlClient client = connect(sock)) {
            client.send(request(Command.EVENTS2, 3, new TagList().addFlag(Tags.NOW, true)));
            List<MsgType> types = new ArrayList<>();
            Message m;
            do {
                m = next(client);
                types.add(m.header().type());
                assertEquals(3, m.header().seq());
            } while (m.header().type() == MsgType.EVENT);
            assertEquals(List.of(MsgType.EVENT, MsgType.EVENT, MsgType.REPLY), types);
        }
    }

    @Test
    void streamClientClosingFiresOnClose() throws Exception {
        Path sock = dir.resolve("c.sock");
        try (SocketServer s = SocketServer.start(sock, fake)) {
            ControlClient client = connect(sock);
            client.send(request(Command.EVENTS2, 4, new TagList()));
            assertEquals(MsgType.EVENT, next(client).header().type());
            client.close();
            assertTrue(streamClosed.await(10, TimeUnit.SECONDS), "onClose not run");
        }
    }

    @Test
    void noServerIsUnreachableWithReason() {
        ControlClient.Connect c = ControlClient.connect(dir.resolve("absent.sock"));
        assertTrue(c instanceof ControlClient.Connect.Unreachable u && !u.reason().isEmpty(), c.toString());
    }
}
