package org.jdrbd.daemon;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the daemon was started.
 *
 * @param nodeName      this node's name
 * @param controlSocket drbdsetup's Unix socket
 * @param stateDir      the daemon's state directory
 * @param nbdSocket     NBD Unix socket
 * @param nbdHost       NBD TCP host, null for no TCP listener
 * @param nbdPort       NBD TCP port (0 = any), -1 without TCP
 * @param metricsPort   Prometheus endpoint port (0 = any), -1 for none
 * @param usermodeHelper the command handlers run through (DRBD's usermode_helper)
 * @param kernelNbd     attach minor N's export to the kernel's /dev/nbdN while Primary, when the
 *                      host has the nbd module and nbd-client
 */
public record DaemonConfig(String nodeName, Path controlSocket, Path stateDir, Path nbdSocket,
        String nbdHost, int nbdPort, int metricsPort, String usermodeHelper, boolean kernelNbd) {

    public DaemonConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(controlSocket, "controlSocket");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(nbdSocket, "nbdSocket");
        if (usermodeHelper == null || usermodeHelper.isBlank()) {
            usermodeHelper = org.jdrbd.daemon.engine.Engine.DEFAULT_USERMODE_HELPER;
        }
    }

    /** The same with another usermode helper command (null or blank: drbdadm). */
    public DaemonConfig withUsermodeHelper(String command) {
        return new DaemonConfig(nodeName, controlSocket, stateDir, nbdSocket, nbdHost, nbdPort,
                metricsPort, command, kernelNbd);
    }

    /** The same with the kernel nbd device attach on or off. */
    public DaemonConfig withKernelNbd(boolean on) {
        return new DaemonConfig(nodeName, controlSocket, stateDir, nbdSocket, nbdHost, nbdPort,
                metricsPort, usermodeHelper, on);
    }

    /** From the command line; {@code listen} is HOST:PORT or null. */
    public static DaemonConfig of(String nodeName, Path controlSocket, Path stateDir,
            Path nbdSocket, String listen) {
        Path socket = nbdSocket != null ? nbdSocket : stateDir.resolve("nbd.sock");
        if (listen == null) {
            return new DaemonConfig(nodeName, controlSocket, stateDir, socket, null, -1, -1, null, false);
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--nbd-listen wants HOST:PORT, got '" + listen + "'");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--nbd-listen: bad port in '" + listen + "'");
        }
        return new DaemonConfig(nodeName, controlSocket, stateDir, socket, host, port, -1, null, false);
    }

    /** The same with a Prometheus endpoint on {@code port} (all interfaces, as drbd-reactor). */
    public DaemonConfig withMetricsPort(int port) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("--metrics-port: bad port " + port);
        }
        return new DaemonConfig(nodeName, controlSocket, stateDir, nbdSocket, nbdHost, nbdPort, port,
                usermodeHelper, kernelNbd);
    }
}
