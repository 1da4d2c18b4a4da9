package org.jdrbd.daemon.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where this daemon serves NBD, as a kernel nbd client reaches it: the Unix socket when there is
 * one (no TCP port to guess, and only local users can reach it), else TCP host and port.
 *
 * @param unixSocket the NBD Unix socket, null for TCP
 * @param host       TCP host, null with a Unix socket
 * @param port       TCP port, -1 with a Unix socket
 */
public record NbdEndpoint(Path unixSocket, String host, int port) {

    public NbdEndpoint {
        if (unixSocket == null) {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("NBD port " + port);
            }
        }
    }

    /** The daemon's Unix socket. */
    public static NbdEndpoint unix(Path socket) {
        return new NbdEndpoint(Objects.requireNonNull(socket, "socket"), null, -1);
    }

    /** A TCP listener. */
    public static NbdEndpoint tcp(String host, int port) {
        return new NbdEndpoint(null, host, port);
    }

    /** nbd-client's words for "connect here": {@code -unix PATH} or {@code HOST PORT}. */
    List<String> nbdClientArgs() {
        List<String> args = new ArrayList<>();
        if (unixSocket != null) {
            args.add("-unix");
            args.add(unixSocket.toString());
        } else {
            args.add(host);
            args.add(Integer.toString(port));
        }
        return args;
    }

    /** The NBD URI of {@code export} here, for messages ("the export stays available at ..."). */
    public String uri(String export) {
        return unixSocket != null ? "nbd+unix:///" + export + "?socket=" + unixSocket
                : "nbd://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + export;
    }
}
