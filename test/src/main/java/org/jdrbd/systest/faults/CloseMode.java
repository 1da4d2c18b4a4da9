package org.jdrbd.systest.faults;

/** How the proxy ends a connection it drops or cuts. */
public enum CloseMode {
  /** Abortive close (SO_LINGER 0): the peer's next read or write fails with "Connection reset". */
  RESET,
  /** Orderly close (FIN after any data already forwarded): the peer reads end of stream. */
  FIN
}
