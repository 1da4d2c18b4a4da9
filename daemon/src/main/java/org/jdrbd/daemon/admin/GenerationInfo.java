package org.jdrbd.daemon.admin;

/**
 * A volume's generation identifiers and meta data flags as {@code get-gi} shows them for one peer.
 *
 * @param result         NO_ERROR, or why there is nothing to show (ERR_MINOR_INVALID, ERR_NO_DISK)
 * @param currentUuid    current UUID
 * @param bitmapUuid     the peer's bitmap UUID
 * @param history0       newest history UUID
 * @param history1       second history UUID
 * @param flags          local MDF_* flags
 * @param peerFlags      the peer slot's flags
 * @param laSizeSect     last agreed size
 * @param laMaxBioBytes  last agreed peer max bio size
 */
public record GenerationInfo(AdminResult result, long currentUuid, long bitmapUuid, long history0,
        long history1, int flags, int peerFlags, long laSizeSect, int laMaxBioBytes) {

    /** Nothing to show, and why. */
    public static GenerationInfo none(AdminResult why) {
        return new GenerationInfo(why, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
