package org.jdrbd.netlink.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Semaphore;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.ErrCode;

/**
 * A plain JDK control server: one thread per connection (bounded), blocking IO, the same
 * {@link ServerProtocol} as the daemon's Vert.x transport. The socket file is owner-only (0600)
 * and a client running as another user (except root) is refused with ERR_PERM. Requests on one
 * connection are served one after the other; a STREAM request keeps the connection until the
 * client closes it.
 */
public final class SocketServer implements AutoCloseable {
    /** Most simultaneous connections; more are closed at once. */
    public static final int MAX_CONNECTIONS = 64;

    private final Path path;
    private final ServerSocketChannel server;
    private final ControlHandler handler;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Thread acceptor;
    private volatile boolean closed;

    private SocketServer(Path path, ServerSocketChannel server, ControlHandler handler) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.acceptor = new Thread(this::acceptLoop, "control-accept");
        this.acceptor.setDaemon(true);
    }

    /** Binds the socket (replacing a stale file) and starts accepting. */
    public static SocketServer start(Path path, ControlHandler handler) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        SocketServer s = new SocketServer(path, ch, handler);
        s.acceptor.start();
        return s;
    }

    /** The socket path. */
    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return;
            }
            if (!slots.tryAcquire()) {
                closeQuietly(c);
                continue;
            }
            Thread t = new Thread(() -> serve(c), "control-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            boolean permitted = permitted(c);
            while (!closed) {
                Framing.Frame f = Framing.read(c);
                if (!(f instanceof Framing.Frame.Data d)) {
                    return;
                }
                if (!serveOne(c, d.bytes(), permitted)) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away while we answered; nothing else to do for it.
        } finally {
            slots.release();
        }
    }

    /** Serves one frame; false when the connection must end. */
    private boolean serveOne(SocketChannel c, byte[] frame, boolean permitted) throws IOException {
        ServerProtocol.Incoming in = ServerProtocol.accept(frame);
        if (in instanceof ServerProtocol.Incoming.Answer a) {
            Framing.write(c, a.reply());
            return true;
        }
        ServerProtocol.Incoming.Dispatch d = (ServerProtocol.Incoming.Dispatch) in;
        ChannelSink sink = new ChannelSink(c, d.request().header());
        if (!permitted) {
            sink.reply(Result.err(ErrCode.ERR_PERM, "control socket: other users are refused"),
                    new org.jdrbd.netlink.msg.TagList());
            return false;
        }
        handler.handle(d.request(), sink);
        if (d.request().command().kind() == Command.Kind.STREAM) {
            Framing.read(c);
            sink.close();
            return false;
        }
        return sink.awaitDone();
    }

    /** Same user as this process, or root. */
    private static boolean permitted(SocketChannel c) {
        try {
            UnixDomainPrincipal p = c.getOption(ExtendedSocketOptions.SO_PEERCRED);
            String user = p.user().getName();
            return user.equals(System.getProperty("user.name")) || user.equals("root");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Files.deleteIfExists(path);
    }
}
