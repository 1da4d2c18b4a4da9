package org.jdrbd.drbdadm.cli;

import java.io.PrintStream;

/** drbdadm --version: drbd-utils' variables plus a line with jdrbd's own version. */
final class Version {
    /** DRBD 9 API version jdrbdd speaks (9.1.12 kernel interface). */
    static final String KERNEL_VERSION = "9.1.12";

    private Version() { }

    static void print(PrintStream out, String override) {
        String kv = override != null && override.matches("\\d+\\.\\d+\\.\\d+") ? override : KERNEL_VERSION;
        String[] p = kv.split("\\.");
        int code = (Integer.parseInt(p[0]) << 16) | (Integer.parseInt(p[1]) << 8) | Integer.parseInt(p[2]);
        out.print("DRBDADM_BUILDTAG=jdrbd\\ " + DrbdadmMain.JDRBD_VERSION + "\n"
                + "DRBDADM_API_VERSION=2\n"
                + String.format("DRBD_KERNEL_VERSION_CODE=0x%06x%n", code)
                + "DRBD_KERNEL_VERSION=" + kv + "\n"
                + "DRBDADM_VERSION_CODE=0x091600\n"
                + "DRBDADM_VERSION=9.22.0\n"
                + "JDRBD_VERSION=" + DrbdadmMain.JDRBD_VERSION + "\n");
    }
}
