package org.jdrbd.drbdadm.meta;

/** drbdmeta's usage text (printed on stdout, exit 20). */
final class Usage {
  private Usage() {}

  static final String TEXT = "\n"
      + "USAGE: drbdmeta [--force] DEVICE FORMAT [FORMAT ARGS...] COMMAND [CMD ARGS...]\n"
      + "\n"
      + "FORMATS:\n"
      + "  v06 minor\n"
      + "  v07 device index\n"
      + "  v08 device index\n"
      + "  v09 device index\n"
      + "\n"
      + "COMMANDS:\n"
      + "  get-gi --node-id {val} \n"
      + "  show-gi --node-id {val} \n"
      + "  dump-md \n"
      + "  restore-md file\n"
      + "  verify-dump file\n"
      + "  apply-al \n"
      + "  wipe-md \n"
      + "  outdate \n"
      + "  invalidate \n"
      + "  dstate \n"
      + "  check-resize \n"
      + "  create-md [--peer-max-bio-size {val}] [--al-stripes {val}] [--al-stripe-size-kB {val}]"
      + " {max_peers}\n"
      + "  forget-peer --node-id {val} \n";
}
