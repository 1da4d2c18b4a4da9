package org.jdrbd.drbdadm.meta;

import java.util.ArrayList;
import java.util.List;

/**
 * drbdmeta's command line after option permutation (getopt style: options may appear anywhere,
 * "--name=value" or "--name value"). Values are kept as text; commands validate what they use.
 *
 * @param force            --force
 * @param nodeId           --node-id value or null
 * @param peerMaxBioSize   --peer-max-bio-size value or null
 * @param alStripes        --al-stripes value or null
 * @param alStripeSizeKb   --al-stripe-size-kB value or null
 * @param positional       everything that is not an option, in order
 */
record MetaArgs(boolean force, String nodeId, String peerMaxBioSize, String alStripes,
    String alStripeSizeKb, List<String> positional) {

  /** Thrown for an option drbdmeta does not know; message is drbdmeta's. */
  static final class BadOption extends Exception {
    private static final long serialVersionUID = 1L;

    BadOption(String message) {
      super(message);
    }
  }

  private static final List<String> VALUE_OPTIONS = List.of("--node-id", "--peer-max-bio-size",
      "--al-stripes", "--al-stripe-size-kB", "--initialize-bitmap");
  private static final List<String> FLAG_OPTIONS = List.of("--force", "--ignore-sanity-checks",
      "--dry-run", "--verbose", "-v");

  static MetaArgs parse(String[] args) throws BadOption {
    boolean force = false;
    String[] values = new String[VALUE_OPTIONS.size()];
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ("--".equals(a)) {
        positional.addAll(List.of(args).subList(i + 1, args.length));
        break;
      }
      if (!a.startsWith("-") || "-".equals(a)) {
        positional.add(a);
        continue;
      }
      if (FLAG_OPTIONS.contains(a)) {
        force |= "--force".equals(a);
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      int which = VALUE_OPTIONS.indexOf(name);
      if (which < 0) {
        throw new BadOption("drbdmeta: unrecognized option '" + a + "'");
      }
      if (eq >= 0) {
        values[which] = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        values[which] = args[++i];
      } else {
        throw new BadOption("drbdmeta: option '" + a + "' requires an argument");
      }
    }
    return new MetaArgs(force, values[0], values[1], values[2], values[3], positional);
  }
}
