package org.jdrbd.daemon.wire;

/**
 * Every magic, size and flag of DRBD's wire protocol (fact sheet §6) in one place, so codecs and
 * validators share one source of truth.
 */
public final class WireConstants {
    /** Magic of the 8-byte header used below apv 100 and before feature negotiation. */
    public static final int MAGIC_H80 = 0x83740267;
    /** 16-bit magic of the 8-byte "big packet" header (95 &lt;= apv &lt; 100). */
    public static final int MAGIC_H95 = 0x835a;
    /** Magic of the 16-byte header used from apv 100 on. */
    public static final int MAGIC_H100 = 0x8620ec20;

    /** Size of the h80 and h95 headers. */
    public static final int H80_BYTES = 8;
    /** Size of the h100 header. */
    public static final int H100_BYTES = 16;
    /** Largest payload an h80 header carries before a sender switches to h95. */
    public static final int H80_MAX_PAYLOAD_BYTES = 32 * 1024;

    /** The protocol version assumed before P_CONNECTION_FEATURES was exchanged. */
    public static final int APV_UNNEGOTIATED = 80;
    /** Oldest protocol version we speak. */
    public static final int PROTOCOL_MIN = 86;
    /** Newest protocol version we speak. */
    public static final int PROTOCOL_MAX = 101;

    /** DRBD_MAX_BIO_SIZE: the largest data payload from apv 100 on. */
    public static final int MAX_BIO_BYTES = 1 << 20;
    /** Largest TRIM/ZEROES/WSAME range (with FF_WSAME batching). */
    public static final int MAX_DISCARD_BYTES = 128 << 20;
    /** Bitmap packets, header included, never exceed this (DRBD_SOCKET_BUFFER_SIZE). */
    public static final int SOCKET_BUFFER_BYTES = 4096;
    /** Size of the algorithm-name and shared-secret fields, NUL included. */
    public static final int SHARED_SECRET_MAX = 64;
    /** Largest digest we accept (SHA-512). */
    public static final int MAX_DIGEST_BYTES = 64;
    /** Length of a CRAM-HMAC challenge we send. */
    public static final int CHALLENGE_BYTES = 64;
    /** Longest peer challenge we accept. */
    public static final int CHALLENGE_MAX_BYTES = 2 * CHALLENGE_BYTES;
    /** Sector size: data lengths and block sizes are multiples of it. */
    public static final int SECTOR_BYTES = 512;

    /** block_id of resync traffic. */
    public static final long ID_SYNCER = -1L;
    /** block_id of a P_OV_RESULT "block is in sync". */
    public static final long ID_IN_SYNC = 4711;
    /** block_id of a P_OV_RESULT "block is out of sync". */
    public static final long ID_OUT_OF_SYNC = 4712;

    /** Feature flag: P_TRIM. */
    public static final int FF_TRIM = 1;
    /** Feature flag: thin resync (P_RS_THIN_REQ / P_RS_DEALLOCATED). */
    public static final int FF_THIN_RESYNC = 2;
    /** Feature flag: WRITE SAME, o_qlim in P_SIZES, 128 MiB batch bios. */
    public static final int FF_WSAME = 4;
    /** Feature flag: WRITE ZEROES (P_ZEROES). */
    public static final int FF_WZEROES = 8;
    /** Every feature flag this implementation knows. */
    public static final int FF_ALL = FF_TRIM | FF_THIN_RESYNC | FF_WSAME | FF_WZEROES;

    /** P_PROTOCOL conn_flags: the sender has discard-my-data set. */
    public static final int CF_DISCARD_MY_DATA = 1;
    /** P_PROTOCOL conn_flags: dry-run connect. */
    public static final int CF_DRY_RUN = 2;

    /** dp_flags: write is synchronous. */
    public static final int DP_RW_SYNC = 2;
    /** dp_flags: receiver may clear the bits (answers P_RS_WRITE_ACK). */
    public static final int DP_MAY_SET_IN_SYNC = 4;
    /** dp_flags: unplug hint. */
    public static final int DP_UNPLUG = 8;
    /** dp_flags: forced unit access. */
    public static final int DP_FUA = 16;
    /** dp_flags: flush before the write. */
    public static final int DP_FLUSH = 32;
    /** dp_flags: discard. */
    public static final int DP_DISCARD = 64;
    /** dp_flags: protocol B ack requested (apv &gt;= 100). */
    public static final int DP_SEND_RECEIVE_ACK = 128;
    /** dp_flags: protocol C ack requested (apv &gt;= 100). */
    public static final int DP_SEND_WRITE_ACK = 256;
    /** dp_flags: write same. */
    public static final int DP_WSAME = 512;
    /** dp_flags: write zeroes. */
    public static final int DP_ZEROES = 1024;

    /** P_COMPRESSED_BITMAP encoding code: run lengths as VLI bits. */
    public static final int RLE_VLI_BITS = 2;

    private WireConstants() {
    }

    /** The largest data payload the agreed protocol version allows (fact sheet §6.3). */
    public static int maxDataBytes(int apv) {
        if (apv < 95) {
            return 32 * 1024;
        }
        return apv < 100 ? 128 * 1024 : MAX_BIO_BYTES;
    }

    /** Header size the receiver expects at this protocol version. */
    public static int headerBytes(int apv) {
        return apv >= 100 ? H100_BYTES : H80_BYTES;
    }
}
