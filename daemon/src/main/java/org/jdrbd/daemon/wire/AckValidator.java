package org.jdrbd.daemon.wire;

import static org.jdrbd.daemon.wire.WireConstants.ID_IN_SYNC;
import static org.jdrbd.daemon.wire.WireConstants.ID_OUT_OF_SYNC;
import static org.jdrbd.daemon.wire.WireConstants.ID_SYNCER;

import java.util.HashMap;
import java.util.Map;

/**
 * "Forged ack" protection (fact sheet §10.4): an ack or reply names a request by the opaque
 * block_id we sent plus its start sector; it is accepted only if that exact (block_id, sector)
 * is in flight in the matching registry (writes for acks, reads for read replies). Special ids
 * (resync, verify results) bypass the lookup. Not found is a protocol error, except P_NEG_ACK,
 * which may legitimately arrive after protocol A/B already completed the request.
 *
 * @param <R> the caller's request object, returned on a match
 */
public final class AckValidator<R> {
    /** How an ack matched. */
    public enum Match {
        /** A registered request; {@link Verdict#request()} is set. */
        IN_FLIGHT,
        /** A special id (ID_SYNCER, ID_IN_SYNC, ID_OUT_OF_SYNC) that names no request. */
        SPECIAL_ID,
        /** P_NEG_ACK for a request that is gone; the range just becomes out of sync. */
        MISSING_TOLERATED
    }

    /** A successful check. */
    public record Verdict<R>(Match match, R request) {
    }

    private record Key(long blockId, long sector) {
    }

    private final Map<Key, R> writes = new HashMap<>();
    private final Map<Key, R> reads = new HashMap<>();

    /** Registers a write sent as P_DATA. Ids must be unique per sector while in flight. */
    public void addWrite(long blockId, long sector, R request) {
        R old = writes.putIfAbsent(new Key(blockId, sector), request);
        assert old == null : "write handle reused while in flight";
    }

    /** Registers a read sent as P_DATA_REQUEST. */
    public void addRead(long blockId, long sector, R request) {
        R old = reads.putIfAbsent(new Key(blockId, sector), request);
        assert old == null : "read handle reused while in flight";
    }

    /** Forgets a write once it is done (barrier-acked or failed). */
    public void removeWrite(long blockId, long sector) {
        writes.remove(new Key(blockId, sector));
    }

    /** Forgets a read once answered. */
    public void removeRead(long blockId, long sector) {
        reads.remove(new Key(blockId, sector));
    }

    public int writesInFlight() {
        return writes.size();
    }

    public int readsInFlight() {
        return reads.size();
    }

    /** Checks an ack or reply packet (meta-socket acks, P_DATA_REPLY, P_NEG_DREPLY). */
    public WireResult<Verdict<R>> check(PacketType type, long blockId, long sector) {
        return switch (type) {
            case P_OV_RESULT -> blockId == ID_IN_SYNC || blockId == ID_OUT_OF_SYNC
                    ? special() : WireResult.error("%s with block_id %d, expected %d or %d", type,
                            blockId, ID_IN_SYNC, ID_OUT_OF_SYNC);
            case P_RS_IS_IN_SYNC, P_NEG_RS_DREPLY, P_RS_CANCEL, P_RS_DATA_REPLY ->
                    blockId == ID_SYNCER ? special() : WireResult.error(
                            "%s with block_id 0x%016x, expected ID_SYNCER", type, blockId);
            case P_RECV_ACK, P_WRITE_ACK, P_RS_WRITE_ACK, P_SUPERSEDED, P_RETRY_WRITE ->
                    blockId == ID_SYNCER ? special() : lookup(writes, type, blockId, sector, false);
            case P_NEG_ACK -> blockId == ID_SYNCER ? special()
                    : lookup(writes, type, blockId, sector, true);
            case P_DATA_REPLY, P_NEG_DREPLY -> lookup(reads, type, blockId, sector, false);
            default -> throw new IllegalArgumentException(type + " is not an ack or reply");
        };
    }

    /** Convenience for a decoded packet that carries a block ack or data reply. */
    public WireResult<Verdict<R>> check(Packet p) {
        if (p.payload() instanceof Payload.BlockAck a) {
            return check(p.type(), a.blockId(), a.sector());
        }
        if (p.payload() instanceof Payload.Data d) {
            return check(p.type(), d.blockId(), d.sector());
        }
        throw new IllegalArgumentException(p.type() + " is not an ack or reply");
    }

    private WireResult<Verdict<R>> special() {
        return WireResult.ok(new Verdict<>(Match.SPECIAL_ID, null));
    }

    private WireResult<Verdict<R>> lookup(Map<Key, R> registry, PacketType type, long blockId,
            long sector, boolean tolerateMissing) {
        R r = registry.get(new Key(blockId, sector));
        if (r != null) {
            return WireResult.ok(new Verdict<>(Match.IN_FLIGHT, r));
        }
        if (tolerateMissing) {
            return WireResult.ok(new Verdict<>(Match.MISSING_TOLERATED, null));
        }
        return WireResult.error("%s: failed to find request 0x%016x, sector %ds", type, blockId,
                sector);
    }
}
