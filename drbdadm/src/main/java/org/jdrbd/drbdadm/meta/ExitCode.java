package org.jdrbd.drbdadm.meta;

/** drbdmeta's exit codes (§4.9). */
final class ExitCode {
  private ExitCode() {}

  /** Success. */
  static final int OK = 0;
  /** Most failures, e.g. no valid meta data. */
  static final int FAILED = 1;
  /** outdate on inconsistent data. */
  static final int INCONSISTENT = 5;
  /** Bad option values, sizes, too-large bitmap. */
  static final int BAD_VALUE = 10;
  /** Usage errors, cannot open the device, device configured. */
  static final int USAGE = 20;
  /** A request drbdmeta does not implement (AL restripe of existing meta data). */
  static final int NOT_IMPLEMENTED = 30;
}
