package org.jdrbd.daemon.nbd;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A deliberately dumb blocking NBD client for tests: it sends exactly the bytes it is told to,
 * including wrong ones, which real clients refuse to do (libnbd and qemu check bounds and
 * flags themselves before sending).
 */
final class RawNbdClient implements AutoCloseable {

    /** One option reply as received. */
    record OptionReply(int option, int type, byte[] data) {
    }

    /** One transmission reply: simple, or a single structured chunk. */
    record Reply(boolean structured, int flags, int type, long cookie, int errno, byte[] data) {
    }

    private final SocketChannel channel;

    private RawNbdClient(SocketChannel channel) {
        this.channel = channel;
    }

    static RawNbdClient tcp(int port) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.socket().setSoTimeout(10_000);
        return new RawNbdClient(channel);
    }

    static RawNbdClient unix(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        return new RawNbdClient(channel);
    }

    /** Reads the greeting and returns the handshake flags. */
    int greeting() throws IOException {
        ByteBuffer greeting = readExactly(18);
        if (greeting.getLong() != NbdProtocol.NBDMAGIC || greeting.getLong() != NbdProtocol.IHAVEOPT) {
            throw new IOException("bad greeting");
        }
        return greeting.getShort() & 0xffff;
    }

    void sendClientFlags(int flags) throws IOException {
        write(ByteBuffer.allocate(4).putInt(flags).flip());
    }

    void sendOption(int option, byte[] data) throws IOException {
        write(ByteBuffer.allocate(16 + data.length).putLong(NbdProtocol.IHAVEOPT).putInt(option)
                .putInt(data.length).put(data).flip());
    }

    OptionReply readOptionReply() throws IOException {
        ByteBuffer header = readExactly(20);
        if (header.getLong() != NbdProtocol.OPTION_REPLY_MAGIC) {
            throw new IOException("bad option reply magic");
        }
        int option = header.getInt();
        int type = header.getInt();
        int length = header.getInt();
        return new OptionReply(option, type, readExactly(length).array());
    }

    static byte[] goPayload(String name, int... infoTypes) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(4 + bytes.length + 2 + 2 * infoTypes.length)
                .putInt(bytes.length).put(bytes).putShort((short) infoTypes.length);
        for (int type : infoTypes) {
            data.putShort((short) type);
        }
        return data.array();
    }

    /** Full handshake with NBD_OPT_GO; returns the transmission flags. */
    int connect(String export, boolean structured) throws IOException {
        greeting();
        sendClientFlags(NbdProtocol.CLIENT_FLAG_FIXED_NEWSTYLE | NbdProtocol.CLIENT_FLAG_NO_ZEROES);
        if (structured) {
            sendOption(NbdProtocol.OPT_STRUCTURED_REPLY, new byte[0]);
            expect(readOptionReply().type() == NbdProtocol.REP_ACK, "structured reply refused");
        }
        sendOption(NbdProtocol.OPT_GO, goPayload(export));
        int flags = -1;
        while (true) {
            OptionReply reply = readOptionReply();
            if (reply.type() == NbdProtocol.REP_ACK) {
                return flags;
            }
            expect(reply.type() == NbdProtocol.REP_INFO, "GO failed with type " + reply.type());
            ByteBuffer info = ByteBuffer.wrap(reply.data());
            if (info.getShort() == NbdProtocol.INFO_EXPORT) {
                info.getLong();
                flags = info.getShort() & 0xffff;
            }
        }
    }

    void sendRequest(int flags, int type, long cookie, long offset, long length, byte[] payload)
            throws IOException {
        sendRaw(NbdProtocol.REQUEST_MAGIC, flags, type, cookie, offset, length, payload);
    }

    void sendRaw(int magic, int flags, int type, long cookie, long offset, long length,
            byte[] payload) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(28 + payload.length).putInt(magic)
                .putShort((short) flags).putShort((short) type).putLong(cookie).putLong(offset)
                .putInt((int) length).put(payload);
        write(request.flip());
    }

    /** Reads a reply; a successful simple reply to a read carries {@code readBytes} of data. */
    Reply readReply(int readBytes) throws IOException {
        ByteBuffer magic = readExactly(4);
        int value = magic.getInt();
        if (value == NbdProtocol.SIMPLE_REPLY_MAGIC) {
            ByteBuffer rest = readExactly(12);
            int errno = rest.getInt();
            long cookie = rest.getLong();
            byte[] data = errno == 0 && readBytes > 0 ? readExactly(readBytes).array() : new byte[0];
            return new Reply(false, 0, 0, cookie, errno, data);
        }
        expect(value == NbdProtocol.STRUCTURED_REPLY_MAGIC, "bad reply magic " + value);
        ByteBuffer rest = readExactly(16);
        int flags = rest.getShort() & 0xffff;
        int type = rest.getShort() & 0xffff;
        long cookie = rest.getLong();
        byte[] payload = readExactly(rest.getInt()).array();
        int errno = type == NbdProtocol.REPLY_TYPE_ERROR ? ByteBuffer.wrap(payload).getInt() : 0;
        return new Reply(true, flags, type, cookie, errno, payload);
    }

    /** True when the server closed the connection (EOF) before sending anything more. */
    boolean closedByServer() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        try {
            return channel.read(one) < 0;
        } catch (IOException e) {
            return true;
        }
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Reads and drops everything until the server closes the connection. */
    void drainUntilClosed() throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try {
            while (channel.read(sink) >= 0) {
                sink.clear();
            }
        } catch (IOException e) {
            // A reset is as good as a close here.
        }
    }

    void write(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    ByteBuffer readExactly(int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("server closed after " + buffer.position() + "/" + length);
            }
        }
        return buffer.flip();
    }

    private static void expect(boolean condition, String message) throws IOException {
        if (!condition) {
            throw new IOException(message);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
