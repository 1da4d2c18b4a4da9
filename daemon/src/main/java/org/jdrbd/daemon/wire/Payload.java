package org.jdrbd.daemon.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.jdrbd.statemachine.State;

/**
 * Packet payloads (fact sheet §6.3), one record per struct family. Integers are unsigned on the
 * wire and kept in Java's signed types bit for bit; {@code blockId} and {@code barrier} are opaque
 * handles echoed unchanged.
 */
public sealed interface Payload {

    /** No payload (P_PING, P_PING_ACK, P_UNPLUG_REMOTE, P_INITIAL_*). */
    record Empty() implements Payload {
        public static final Empty INSTANCE = new Empty();
    }

    /** P_CONNECTION_FEATURES: supported version range and feature flags (72 bytes). */
    record Features(int protocolMin, int featureFlags, int protocolMax) implements Payload {
    }

    /** P_AUTH_CHALLENGE random bytes or P_AUTH_RESPONSE digest. */
    record Auth(Bytes bytes) implements Payload {
    }

    /** P_PROTOCOL / P_PROTOCOL_UPDATE: wire protocol (1..3), after-sb policies, flags. */
    record Protocol(int wireProtocol, int afterSb0p, int afterSb1p, int afterSb2p, int connFlags,
            boolean twoPrimaries, String integrityAlg) implements Payload {
    }

    /**
     * P_SYNC_PARAM / P_SYNC_PARAM89: resync rate in KiB/s and algorithm names; the controller
     * values (c-plan-ahead and c-delay-target in 0.1 s, c-fill-target in sectors, c-max-rate in
     * KiB/s) exist from apv 95 and are 0 before.
     */
    record SyncParam(int resyncRateKiB, String verifyAlg, String csumsAlg, int cPlanAheadDs,
            int cDelayTargetDs, int cFillTargetSectors, int cMaxRateKiB) implements Payload {
    }

    /** P_UUIDS: current, bitmap, two history UUIDs, bitmap weight (bits) and flags. */
    record Uuids(long current, long bitmap, long history1, long history2, long bitmapWeightBits,
            long flags) implements Payload {
    }

    /** The optional queue limits of P_SIZES (with FF_WSAME). */
    record QueueLimits(int physicalBlockBytes, int logicalBlockBytes, int alignmentOffsetBytes,
            int ioMinBytes, int ioOptBytes, boolean discardEnabled, boolean discardZeroesData,
            boolean writeSameCapable) {
    }

    /** P_SIZES: sizes in sectors, max bio size in bytes, and optional queue limits. */
    record Sizes(long diskSizeSectors, long userSizeSectors, long currentSizeSectors,
            int maxBioSizeBytes, int queueOrderType, int ddsFlags,
            Optional<QueueLimits> queueLimits) implements Payload {
    }

    /** P_STATE: the sender's state (its own view; the receiver converts it). */
    record StateReport(State state) implements Payload {
    }

    /** P_STATE_CHG_REQ / P_CONN_ST_CHG_REQ: new = (old &amp; ~mask) | val. */
    record StateChange(int mask, int val) implements Payload {
    }

    /** P_STATE_CHG_REPLY / P_CONN_ST_CHG_REPLY: an SS_* code. */
    record StateChangeReply(int retcode) implements Payload {
    }

    /** P_SYNC_UUID. */
    record SyncUuid(long uuid) implements Payload {
    }

    /**
     * P_DATA / P_DATA_REPLY / P_RS_DATA_REPLY: block address, handle, sequence number, flags,
     * integrity digest (empty without data-integrity-alg) and the data bytes (a read-only view).
     */
    record Data(long sector, long blockId, int seqNum, int dpFlags, Bytes digest, ByteBuffer data)
            implements Payload {
    }

    /** P_TRIM / P_ZEROES: p_data plus the size of the range in bytes. */
    record SizedRange(long sector, long blockId, int seqNum, int dpFlags, int sizeBytes)
            implements Payload {
    }

    /** P_WSAME: p_data, range size, digest and the one logical block to repeat. */
    record WriteSame(long sector, long blockId, int seqNum, int dpFlags, int sizeBytes,
            Bytes digest, ByteBuffer block) implements Payload {
    }

    /** p_block_ack: acks, negative acks, verify results, in-sync, cancel. */
    record BlockAck(long sector, long blockId, int blockSizeBytes, int seqNum)
            implements Payload {
    }

    /** p_block_req: read/resync/verify requests; digest for P_OV_REPLY / P_CSUM_RS_REQUEST. */
    record BlockRequest(long sector, long blockId, int blockSizeBytes, Bytes digest)
            implements Payload {
    }

    /** p_block_desc: P_OUT_OF_SYNC / P_RS_DEALLOCATED. */
    record BlockDesc(long sector, int blockSizeBytes) implements Payload {
    }

    /** P_BARRIER: the epoch number being closed (opaque). */
    record Barrier(int barrier) implements Payload {
    }

    /** P_BARRIER_ACK: the echoed epoch number and the number of writes in it. */
    record BarrierAck(int barrier, int setSize) implements Payload {
    }

    /** P_DELAY_PROBE (ignored since 8.4). */
    record DelayProbe(int seqNum, int offset) implements Payload {
    }

    /** P_BITMAP: consecutive 64-bit bitmap words (bit i of the device = bit i%64 of word i/64). */
    record PlainBitmap(long[] words) implements Payload {
        public PlainBitmap {
            words = words.clone();
        }

        @Override
        public long[] words() {
            return words.clone();
        }

        /** Number of words without copying. */
        public int wordCount() {
            return words.length;
        }

        /** One word without copying. */
        public long word(int i) {
            return words[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PlainBitmap other && Arrays.equals(words, other.words);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(words);
        }

        @Override
        public String toString() {
            return "PlainBitmap[" + words.length + " words]";
        }
    }

    /**
     * P_COMPRESSED_BITMAP: encoding code (low nibble), unused bits in the last code byte,
     * polarity of the first run, and the VLI code bytes.
     */
    record CompressedBitmap(int encoding, int padBits, boolean firstRunSet, Bytes code)
            implements Payload {
        public CompressedBitmap {
            assert encoding >= 0 && encoding <= 15 && padBits >= 0 && padBits <= 7;
        }
    }
}
