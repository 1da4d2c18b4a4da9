package org.jdrbd.drbdadm.meta;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jdrbd.drbdadm.setup.DrbdsetupMain;

/**
 * "Is this minor attached to a running device?" drbdmeta asks before it modifies meta data. DRBD's
 * drbdmeta runs {@code drbdsetup MINOR dstate}; jdrbd's asks the daemon the same question through
 * drbdsetup's in-process entry point (control socket from JDRBD_CONTROL_SOCKET or the default).
 */
@FunctionalInterface
interface AttachedMinors {
  /** True when the daemon has this minor attached. */
  boolean isAttached(int minor);

  /**
   * Asks jdrbdd: attached when {@code drbdsetup MINOR dstate} succeeds with a local disk state
   * other than Diskless. An unreachable daemon or an unknown minor means "not attached", as an
   * absent kernel module or minor does for drbd-utils.
   */
  AttachedMinors ASK_DAEMON = minor -> {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      rc = DrbdsetupMain.run(new String[] {Integer.toString(minor), "dstate"}, o, e);
    }
    String local = out.toString(StandardCharsets.UTF_8).trim().split("/", 2)[0];
    return rc == 0 && !local.isEmpty() && !local.equals("Diskless");
  };
}
