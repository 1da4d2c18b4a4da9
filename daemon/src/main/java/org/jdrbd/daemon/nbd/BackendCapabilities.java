package org.jdrbd.daemon.nbd;

import org.jdrbd.daemon.store.StoreCapabilities;

/**
 * What a backend serves; the export's transmission flags are derived from it once per
 * connection (seed 004: capabilities negotiated once).
 *
 * @param readOnly  the export refuses writes (DRBD Secondary)
 * @param flush     NBD_CMD_FLUSH makes completed writes durable
 * @param fua       NBD_CMD_FLAG_FUA is honoured
 * @param trim      NBD_CMD_TRIM is supported
 * @param zero      NBD_CMD_WRITE_ZEROES is supported
 * @param multiConn a flush on one connection covers writes completed on every connection
 */
public record BackendCapabilities(
        boolean readOnly, boolean flush, boolean fua, boolean trim, boolean zero,
        boolean multiConn) {

    /** The capabilities of a backend serving a store as it is. */
    public static BackendCapabilities of(StoreCapabilities store) {
        return new BackendCapabilities(store.readOnly(), store.flush(), store.fua(), store.trim(),
                store.zero(), store.multiConn());
    }

    /** The same capabilities, read-only. */
    public BackendCapabilities asReadOnly() {
        return new BackendCapabilities(true, flush, fua, trim, zero, multiConn);
    }

    /** The NBD transmission flags that advertise these capabilities. */
    public int transmissionFlags() {
        int flags = NbdProtocol.TFLAG_HAS_FLAGS;
        if (flush) {
            flags |= NbdProtocol.TFLAG_SEND_FLUSH;
        }
        if (readOnly) {
            flags |= NbdProtocol.TFLAG_READ_ONLY;
        } else {
            // Write-side commands are only worth advertising when writes are allowed.
            flags |= fua ? NbdProtocol.TFLAG_SEND_FUA : 0;
            flags |= trim ? NbdProtocol.TFLAG_SEND_TRIM : 0;
            flags |= zero ? NbdProtocol.TFLAG_SEND_WRITE_ZEROES : 0;
        }
        if (multiConn) {
            flags |= NbdProtocol.TFLAG_CAN_MULTI_CONN;
        }
        return flags;
    }
}
