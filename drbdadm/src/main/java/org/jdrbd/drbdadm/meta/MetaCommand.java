package org.jdrbd.drbdadm.meta;

/** One drbdmeta command; returns the exit code, prints everything itself. */
@FunctionalInterface
interface MetaCommand {
  int run(Invocation inv);
}
