package org.jdrbd.netlink.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.jdrbd.netlink.codec.DecodeResult;
import org.jdrbd.netlink.codec.Decoder;
import org.jdrbd.netlink.codec.Encoder;
import org.jdrbd.netlink.msg.Message;

/**
 * The blocking client the CLIs use: a JDK SocketChannel on a Unix domain socket (no Vert.x, no
 * logging framework: CLI start-up stays near the JVM floor). Every outcome is a typed value.
 */
public final class ControlClient implements AutoCloseable {
    private final SocketChannel channel;
    private int nextSeq = 1;

    private ControlClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** The outcome of connecting. */
    public sealed interface Connect {
        /** Connected. */
        record Connected(ControlClient client) implements Connect { }

        /** No daemon listens there; reason is the system's text (e.g. "No such file or directory"). */
        record Unreachable(Path path, String reason) implements Connect { }
    }

    /** What a receive produced. */
    public sealed interface Received {
        /** One message and the decoder's warnings. */
        record Got(Message message, List<String> warnings) implements Received { }

        /** The daemon closed the connection. */
        record Closed() implements Received { }

        /** The stream broke or carried an undecodable message. */
        record Broken(String reason) implements Received { }
    }

    /** Connects to the control socket. */
    public static Connect connect(Path socket) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new Connect.Connected(new ControlClient(ch));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            closeQuietly(ch);
            return new Connect.Unreachable(socket, reason(e));
        }
    }

    /** A fresh sequence number for the next request on this connection. */
    public int nextSeq() {
        return nextSeq++;
    }

    /** Sends one message; null on success, else the reason it could not be sent. */
    public String send(Message m) {
        try {
            Framing.write(channel, Encoder.encode(m));
            return null;
        } catch (IOException e) {
            return reason(e);
        }
    }

    /** Blocks for the next message. */
    public Received receive() {
        Framing.Frame f = Framing.read(channel);
        if (f instanceof Framing.Frame.Eof) {
            return new Received.Closed();
        }
        if (f instanceof Framing.Frame.Broken b) {
            return new Received.Broken(b.reason());
        }
        DecodeResult d = Decoder.decode(((Framing.Frame.Data) f).bytes());
        if (d instanceof DecodeResult.Failed bad) {
            return new Received.Broken(bad.error() + ": " + bad.detail());
        }
        DecodeResult.Ok ok = (DecodeResult.Ok) d;
        return new Received.Got(ok.message(), ok.warnings());
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to release any more
            }
        }
    }
}
