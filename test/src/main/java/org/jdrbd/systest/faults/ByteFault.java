package org.jdrbd.systest.faults;

/**
 * A hook that sees every chunk read from one direction before it is forwarded: it may change
 * bytes in place (corruption, forged headers) or cut the stream. {@link ByteFaults} has the
 * common ones. A fault is a factory: each direction of each connection gets its own
 * {@link StreamMutator}, so per-stream state (offsets, seeded generators) never mixes streams.
 */
@FunctionalInterface
public interface ByteFault {

  /** Forwards everything unchanged. */
  ByteFault NONE = new ByteFault() {
    @Override
    public StreamMutator open(int connectionIndex, Direction direction) {
      return (offset, buf, len, log) -> len;
    }

    @Override
    public String toString() {
      return "none";
    }
  };

  /** The mutator for one direction of connection {@code connectionIndex} (1-based). */
  StreamMutator open(int connectionIndex, Direction direction);

  /** Per-stream state of a byte fault. Called from one thread at a time, in stream order. */
  @FunctionalInterface
  interface StreamMutator {
    /**
     * Sees {@code buf[0, len)}, the stream's bytes at {@code streamOffset} (offsets count from the
     * first byte the source sent on this connection in this direction), and may change them in
     * place.
     *
     * @return how many of them to forward: {@code len} to continue; less cuts the stream after
     *     that many bytes and the connection is closed with {@link #cutMode()}
     */
    int apply(long streamOffset, byte[] buf, int len, FaultLog log);

    /** How the connection ends when {@link #apply} cuts the stream. */
    default CloseMode cutMode() {
      return CloseMode.FIN;
    }
  }
}
