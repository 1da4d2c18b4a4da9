package org.jdrbd.drbdadm.meta;

/**
 * "Is this minor attached to a running device?" drbdmeta asks the kernel (drbdsetup MINOR dstate)
 * before it modifies meta data. In jdrbd the daemon owns attached devices; it will answer over its
 * control socket once it exists.
 */
@FunctionalInterface
interface AttachedMinors {
  /** True when the daemon has this minor attached. */
  boolean isAttached(int minor);

  /**
   * The answer while no jdrbd daemon exists yet: nothing can be attached. To be replaced by a
   * control-socket query in the daemon issue.
   */
  AttachedMinors NO_DAEMON_YET = minor -> false;
}
