package org.jdrbd.systest.repl;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A hostile or broken replication peer for system tests: plain sockets towards a jdrbdd's
 * replication port, with DRBD's headers written by hand from the fact sheet (§6.1, §6.2), so
 * the bytes do not come from the daemon's own codec. {@link #handshake} gets as far as a real
 * peer would (both sockets identified, P_CONNECTION_FEATURES exchanged at protocol 101), after
 * which every packet uses the 16-byte h100 header and the test sends whatever it likes.
 */
final class WirePeer implements AutoCloseable {
    static final int MAGIC_H80 = 0x83740267;
    static final int MAGIC_H100 = 0x8620ec20;
    static final int P_DATA = 0x00;
    static final int P_BARRIER = 0x03;
    static final int P_BITMAP = 0x04;
    static final int P_PING = 0x13;
    static final int P_INITIAL_META = 0xfff1;
    static final int P_INITIAL_DATA = 0xfff2;
    static final int P_CONNECTION_FEATURES = 0xfffe;
    /** No packet has this number in any DRBD version (the table ends at 0x48, then 0xfff1). */
    static final int UNKNOWN_COMMAND = 0x4242;
    /** Payload of P_CONNECTION_FEATURES. */
    static final int FEATURES_BYTES = 72;
    private static final int READ_TIMEOUT_MS = 10_000;

    final Socket data;
    final Socket meta;
    /** The protocol range the daemon offered in its P_CONNECTION_FEATURES. */
    final int offeredMin;
    final int offeredMax;

    private WirePeer(Socket data, Socket meta, int offeredMin, int offeredMax) {
        this.data = data;
        this.meta = meta;
        this.offeredMin = offeredMin;
        this.offeredMax = offeredMax;
    }

    /**
     * Connects the data and the meta socket from {@code bindHost} to the daemon at {@code target},
     * waits for the daemon's P_CONNECTION_FEATURES and answers with protocol 86..101, no feature
     * flags. Retries (bounded) while the daemon is between connect loops and closes what it
     * accepted.
     */
    static WirePeer handshake(String bindHost, InetSocketAddress target, long timeoutSec)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        IOException last = null;
        while (System.nanoTime() < end) {
            Socket d = null;
            Socket m = null;
            try {
                d = connect(bindHost, target, end);
                d.getOutputStream().write(h80(P_INITIAL_DATA, 0));
                m = connect(bindHost, target, end);
                m.getOutputStream().write(h80(P_INITIAL_META, 0));
                ByteBuffer hdr = ByteBuffer.wrap(readExactly(d, 8));
                int magic = hdr.getInt();
                int cmd = Short.toUnsignedInt(hdr.getShort());
                int len = Short.toUnsignedInt(hdr.getShort());
                if (magic != MAGIC_H80 || cmd != P_CONNECTION_FEATURES || len != FEATURES_BYTES) {
                    throw new AssertionError(String.format(
                            "daemon's first packet: magic 0x%08x cmd 0x%04x len %d", magic, cmd, len));
                }
                ByteBuffer f = ByteBuffer.wrap(readExactly(d, FEATURES_BYTES));
                int min = f.getInt();
                f.getInt();
                int max = f.getInt();
                d.getOutputStream().write(concat(h80(P_CONNECTION_FEATURES, FEATURES_BYTES),
                        features(86, 101)));
                return new WirePeer(d, m, min, max);
            } catch (IOException e) {
                last = e;
                closeQuietly(d);
                closeQuietly(m);
                Thread.sleep(100); // poll interval of the bounded retry above
            }
        }
        throw new AssertionError("no handshake with " + target + " within " + timeoutSec + " s", last);
    }

    /** A plain TCP connection from {@code bindHost}, retried (bounded) while refused. */
    static Socket connect(String bindHost, InetSocketAddress target, long endNanos) throws Exception {
        while (true) {
            Socket s = new Socket();
            try {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(bindHost, 0));
                s.connect(target, 2000);
                s.setTcpNoDelay(true);
                s.setSoTimeout(READ_TIMEOUT_MS);
                return s;
            } catch (ConnectException e) {
                s.close();
                if (System.nanoTime() > endNanos) {
                    throw new AssertionError("cannot connect to " + target, e);
                }
                Thread.sleep(100); // poll interval of the bounded retry above
            }
        }
    }

    /** An 8-byte h80 header (before negotiation, apv &lt; 100). */
    static byte[] h80(int command, int lengthBytes) {
        return ByteBuffer.allocate(8).putInt(MAGIC_H80).putShort((short) command)
                .putShort((short) lengthBytes).array();
    }

    /** A 16-byte h100 header; {@code lengthBytes} is sent as an unsigned 32-bit value. */
    static byte[] h100(int volume, int command, long lengthBytes) {
        return ByteBuffer.allocate(16).putInt(MAGIC_H100).putShort((short) volume)
                .putShort((short) command).putInt((int) lengthBytes).putInt(0).array();
    }

    /** P_CONNECTION_FEATURES payload: protocol_min, feature_flags 0, protocol_max, pad, reserved. */
    static byte[] features(int min, int max) {
        return ByteBuffer.allocate(FEATURES_BYTES).putInt(min).putInt(0).putInt(max).array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static byte[] readExactly(Socket s, int n) throws IOException {
        byte[] b = s.getInputStream().readNBytes(n);
        if (b.length != n) {
            throw new IOException("stream ended after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /**
     * Reads (and discards) until the daemon closes {@code s}: true on end of stream or reset,
     * false if it is still open after {@code timeoutSec}.
     */
    static boolean awaitClosedByPeer(Socket s, long timeoutSec) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        byte[] buf = new byte[1 << 16];
        InputStream in = s.getInputStream();
        while (true) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (leftMs <= 0) {
                return false;
            }
            s.setSoTimeout((int) Math.max(1, leftMs));
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the daemon
            }
        }
    }

    /** Writes to the data socket. */
    void sendData(byte[]... parts) throws IOException {
        data.getOutputStream().write(concat(parts));
        data.getOutputStream().flush();
    }

    /** Writes to the meta socket. */
    void sendMeta(byte[]... parts) throws IOException {
        meta.getOutputStream().write(concat(parts));
        meta.getOutputStream().flush();
    }

    static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone: nothing to release
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(data);
        closeQuietly(meta);
    }
}
