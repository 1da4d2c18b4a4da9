package org.jdrbd.daemon.wire;

import static org.jdrbd.daemon.wire.WireConstants.SECTOR_BYTES;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Shared field readers/writers with their validation (names, digests, sizes, sectors). */
final class Fields {
    private Fields() {
    }

    /**
     * Reads a NUL-terminated name from exactly {@code fieldBytes} bytes (fixed char[] fields and
     * variable trailers alike). The NUL must be inside the field; the name must be printable ASCII.
     */
    static WireResult<String> readName(ByteBuffer in, int fieldBytes, String what) {
        byte[] raw = new byte[fieldBytes];
        in.get(raw);
        if (fieldBytes == 0) {
            return WireResult.ok("");
        }
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            if (raw[end] < 0x21 || raw[end] > 0x7e) {
                return WireResult.error("%s contains a non-printable byte 0x%02x", what,
                        raw[end] & 0xff);
            }
            end++;
        }
        if (end == raw.length) {
            return WireResult.error("%s is not NUL-terminated within %d bytes", what, fieldBytes);
        }
        return WireResult.ok(new String(raw, 0, end, StandardCharsets.US_ASCII));
    }

    /** Bytes a name takes as a NUL-terminated trailer. */
    static int nameTrailerBytes(String name) {
        return name.length() + 1;
    }

    /** Writes a name NUL-padded into a field of {@code fieldBytes} bytes. */
    static void writeName(ByteBuffer out, String name, int fieldBytes) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        assert b.length < fieldBytes : "name too long for its field: " + name;
        out.put(b);
        for (int i = b.length; i < fieldBytes; i++) {
            out.put((byte) 0);
        }
    }

    static Bytes readBytes(ByteBuffer in, int n) {
        byte[] b = new byte[n];
        in.get(b);
        return Bytes.of(b);
    }

    /** A read-only view of the next {@code n} bytes (no copy), advancing the buffer. */
    static ByteBuffer slice(ByteBuffer in, int n) {
        ByteBuffer view = in.slice().limit(n).asReadOnlyBuffer();
        in.position(in.position() + n);
        return view;
    }

    /** Sectors are u64 on the wire; anything at or above 2^63 is nonsense. */
    static WireResult<Long> checkSector(long sector) {
        return sector < 0
                ? WireResult.error("sector %s out of range", Long.toUnsignedString(sector))
                : WireResult.ok(sector);
    }

    /** A size field: unsigned, sector-aligned, within {@code [minBytes, maxBytes]}. */
    static WireResult<Integer> checkSize(int sizeBytes, int minBytes, int maxBytes, String what) {
        long size = Integer.toUnsignedLong(sizeBytes);
        if (size < minBytes || size > maxBytes || size % SECTOR_BYTES != 0) {
            return WireResult.error("%s %d not a multiple of %d in [%d, %d]", what, size,
                    SECTOR_BYTES, minBytes, maxBytes);
        }
        return WireResult.ok(sizeBytes);
    }
}
