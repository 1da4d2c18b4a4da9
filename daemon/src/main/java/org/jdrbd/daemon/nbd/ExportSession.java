package org.jdrbd.daemon.nbd;

/**
 * What one connection agreed on for its export: fixed when the export is chosen and never
 * renegotiated (seed 004: capabilities negotiated once per connection).
 */
record ExportSession(Export export, long sizeBytes, BackendCapabilities capabilities,
        int transmissionFlags, boolean structuredReplies, int minBlockBytes, int maxPayloadBytes) {

    boolean readOnly() {
        return (transmissionFlags & NbdProtocol.TFLAG_READ_ONLY) != 0;
    }

    boolean advertises(int transmissionFlag) {
        return (transmissionFlags & transmissionFlag) != 0;
    }
}
