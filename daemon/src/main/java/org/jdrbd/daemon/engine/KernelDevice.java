package org.jdrbd.daemon.engine;

import java.nio.file.Path;

/**
 * A host block device the kernel serves from one of this daemon's NBD exports (the kernel nbd
 * driver, /dev/nbdN), so a Primary volume can be used like DRBD's /dev/drbdN. Blocking calls:
 * they run external programs or talk to the kernel, never on an event loop.
 */
public interface KernelDevice {

    /**
     * What an attach or detach did.
     *
     * @param ok     it worked
     * @param detail why not (the tool's own words), empty when it worked
     */
    record Outcome(boolean ok, String detail) {
        public static Outcome done() {
            return new Outcome(true, "");
        }

        public static Outcome failed(String detail) {
            return new Outcome(false, detail);
        }
    }

    /** Connects {@code device} to {@code export} at {@code endpoint}. */
    Outcome attachBlocking(NbdEndpoint endpoint, String export, Path device);

    /** Disconnects {@code device} (its NBD connection to the export closes). */
    Outcome detachBlocking(Path device);
}
