package org.jdrbd.drbdadm.meta;

import java.nio.file.Path;
import java.util.List;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.Placement;

/**
 * One parsed drbdmeta call.
 *
 * @param args        options and positional arguments as given
 * @param minor       the minor number, or -1 for "-" / unparsable (no attach check)
 * @param format      v08 or v09
 * @param device      path of the meta data device
 * @param placement   meta data index
 * @param command     command name
 * @param commandArgs arguments after the command
 * @param nodeId      --node-id, or -1
 * @param commandLine argv joined by spaces, for the dump header
 * @param con         output and confirmations
 * @param libDir      drbdmeta's state directory (/var/lib/drbd): last-known device files
 */
record Invocation(MetaArgs args, int minor, MdFormat format, Path device, Placement placement,
    String command, List<String> commandArgs, int nodeId, String commandLine, Console con,
    Path libDir) {

  boolean force() {
    return args.force();
  }

  /** The last-known backing device file of this minor ("-" is minor -1, as in drbd-utils). */
  LastKnownDevice lastKnown() {
    return new LastKnownDevice(libDir, minor);
  }
}
