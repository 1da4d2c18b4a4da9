package org.jdrbd.systest.faults;

/** One half of a proxied TCP connection; faults are configured per half. */
public enum Direction {
  /** Bytes the connecting side (the client) sends to the target (the server). */
  CLIENT_TO_SERVER("c2s"),
  /** Bytes the target (the server) sends back to the connecting side (the client). */
  SERVER_TO_CLIENT("s2c");

  private final String shortName;

  Direction(String shortName) {
    this.shortName = shortName;
  }

  /** The other half of the same connection. */
  public Direction opposite() {
    return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
  }

  /** Short name used in thread names and the fault log ("c2s", "s2c"). */
  public String shortName() {
    return shortName;
  }
}
