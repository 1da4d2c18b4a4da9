package org.jdrbd.daemon.wire;

/** What may follow a packet's fixed struct; decides the length check before anything is read. */
public enum Trailer {
    /** Nothing: the length equals the struct size exactly. */
    NONE,
    /** Optional integrity digest, then sector-aligned data up to the version's maximum. */
    DATA,
    /** A NUL-terminated algorithm name of at most 64 bytes (P_PROTOCOL, P_SYNC_PARAM). */
    STRING,
    /** The resync parameter layout, whose exact size depends on the agreed version. */
    SYNC_PARAM89,
    /** P_SIZES: optional 24-byte queue limits when FF_WSAME is agreed. */
    QUEUE_LIMITS,
    /** A digest of 1..64 bytes (P_OV_REPLY, P_CSUM_RS_REQUEST). */
    DIGEST,
    /** A CRAM-HMAC challenge of 64..128 bytes. */
    CHALLENGE,
    /** A CRAM-HMAC response of 1..64 bytes. */
    RESPONSE,
    /** Whole 64-bit little-endian bitmap words, packet at most 4096 bytes with header. */
    BITMAP_WORDS,
    /** At least one VLI code byte, packet at most 4096 bytes with header. */
    BITMAP_CODE
}
