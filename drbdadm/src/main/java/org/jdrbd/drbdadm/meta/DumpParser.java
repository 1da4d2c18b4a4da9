package org.jdrbd.drbdadm.meta;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdrbd.drbdadm.meta.DumpLexer.Token;
import org.jdrbd.drbdadm.meta.DumpLexer.Type;
import org.jdrbd.drbdadm.meta.DumpTokens.Rejected;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.PeerSlot;

/**
 * Parses v09 and v08 dump-md text (§4.7) with drbdmeta 9.22's grammar, error messages and exit
 * code 10. Numbers are taken the way 9.22 stores them (32-bit fields keep the low 32 bits of
 * the number, repeat counts too). Pure: the caller writes nothing unless {@link #parse} returns.
 */
final class DumpParser {

  /** Hooks for what drbdmeta does in the middle of parsing. */
  interface Progress {
    /**
     * After "version …;" (v08) or "max-peers N;" (v09): restore-md re-initializes its geometry
     * here and may ask questions.
     *
     * @throws Rejected when the user said no
     */
    void reinitialize(int maxPeers) throws Rejected;

    /** Largest la-size-sect the target allows, unsigned; -1 (all ones) when nothing clips. */
    long maxLaSizeSect(int maxPeers, int alStripes, int alStripeSize4k);
  }

  private static final int PEER_SLOTS = MdLayout.PEER_SLOTS;
  /** Largest bm-byte-per-bit a 32-bit field can hold as a power of two. */
  private static final long MAX_BM_BYTES_PER_BIT = 1L << 31;

  private final DumpTokens in;
  private final PrintStream out;
  private final String requested;

  private DumpParser(String latin1Text, PrintStream out, PrintStream err, String requested) {
    this.in = new DumpTokens(latin1Text, err);
    this.out = out;
    this.requested = requested;
  }

  /** Parses {@code text}; {@code requested} is the format on the command line ("v09", "v08"). */
  static ParsedDump parse(String latin1Text, PrintStream out, PrintStream err, String requested,
      Progress progress) throws Rejected {
    return new DumpParser(latin1Text, out, err, requested).dump(progress);
  }

  private ParsedDump dump(Progress progress) throws Rejected {
    in.keyword("version");
    String version = in.string();
    if (!version.equals(requested)) {
      RawText.print(in.err(), "dump is '" + version + "' you requested '" + requested + "'.\n");
      throw new Rejected();
    }
    in.semicolon();
    return requested.equals(MdFormat.V08.cliName()) ? v08(progress) : v09(progress);
  }

  private ParsedDump v09(Progress progress) throws Rejected {
    int maxPeers = (int) in.numberField("max-peers");
    progress.reinitialize(maxPeers);
    int nodeId = (int) in.numberField("node-id");
    long current = in.hex16Field("current-uuid");
    int flags = in.flagsField();
    List<PeerSlot> peers = peerSlots();
    in.keyword("history-uuids");
    List<Long> history = hexList(MdLayout.HISTORY_UUIDS_09);
    in.punct('}', "closing brace (})");
    Tail t = tail(progress, maxPeers);
    List<DumpBitmapRuns> bitmap = new ArrayList<>();
    int slot = 0;
    do { // 9.22 reads one bitmap even for max-peers 0, and compares unsigned
      bitmap.add(bitmap("bitmap", slot));
      slot++;
    } while (Integer.compareUnsigned(slot, maxPeers) < 0);
    in.expectEof();
    return new ParsedDump(MdFormat.V09, maxPeers, nodeId, current, flags, peers, history,
        t.laSizeSect, t.bmBytesPerBit, t.deviceUuid, t.laPeerMaxBioSize, t.alStripes,
        t.alStripeSize4k, bitmap);
  }

  /** v08: one UUID block with the local flags, then the common fields and a single "bm". */
  private ParsedDump v08(Progress progress) throws Rejected {
    progress.reinitialize(1);
    in.keyword("uuid");
    List<Long> uuids = hexList(4);
    int flags = in.flagsField();
    in.punct('}', "closing brace (})");
    Tail t = tail(progress, 1);
    List<DumpBitmapRuns> bitmap = List.of(bitmap("bm", -1));
    in.expectEof();
    List<PeerSlot> peers = new ArrayList<>(Collections.nCopies(PEER_SLOTS, PeerSlot.EMPTY));
    peers.set(0, new PeerSlot(uuids.get(1), 0, 0, -1));
    return new ParsedDump(MdFormat.V08, 1, -1, uuids.get(0), flags, peers,
        List.of(uuids.get(2), uuids.get(3)), t.laSizeSect, t.bmBytesPerBit, t.deviceUuid,
        t.laPeerMaxBioSize, t.alStripes, t.alStripeSize4k, bitmap);
  }

  /** The fields both formats share after the UUIDs. */
  private record Tail(long laSizeSect, long bmBytesPerBit, long deviceUuid, int laPeerMaxBioSize,
      int alStripes, int alStripeSize4k) {}

  private Tail tail(Progress progress, int maxPeers) throws Rejected {
    long laSizeSect = in.numberField("la-size-sect");
    long bpb = in.numberField("bm-byte-per-bit");
    if (Long.compareUnsigned(bpb, MdLayout.BM_BYTES_PER_BIT) < 0 || Long.bitCount(bpb) != 1
        || bpb > MAX_BM_BYTES_PER_BIT) {
      // 9.22 also lets 2^32 and up through and then aborts on an assertion; say why instead.
      RawText.print(in.err(),
          "Invalid value for bm-byte-per-bit: value must be a power-of-two multiple of 4096\n");
      throw new Rejected();
    }
    long deviceUuid = in.hex16Field("device-uuid");
    int maxBio = (int) in.numberField("la-peer-max-bio-size");
    int stripes = (int) in.numberField("al-stripes");
    int stripe4k = (int) in.numberField("al-stripe-size-4k");
    long max = progress.maxLaSizeSect(maxPeers, stripes, stripe4k);
    if (Long.compareUnsigned(laSizeSect, max) > 0) {
      out.print("# la-size-sect was too big (" + Long.toUnsignedString(laSizeSect)
          + "), truncated (" + Long.toUnsignedString(max) + ")!\n");
      laSizeSect = max;
    }
    return new Tail(laSizeSect, bpb, deviceUuid, maxBio, stripes, stripe4k);
  }

  private List<PeerSlot> peerSlots() throws Rejected {
    List<PeerSlot> peers = new ArrayList<>(Collections.nCopies(PEER_SLOTS, PeerSlot.EMPTY));
    boolean[] seen = new boolean[PEER_SLOTS];
    for (int i = 0; i < PEER_SLOTS; i++) { // 9.22 wants all 32, in any order
      in.keyword("peer");
      in.punct('[', "opening bracket ([)");
      int slot = (int) number().value();
      int line = in.punct(']', "closing bracket (])").line(); // 9.22 checks after the bracket
      if (slot < 0 || slot >= PEER_SLOTS) {
        in.parseError(line, "Slot " + slot + " out of range");
      }
      if (seen[slot]) {
        in.parseError(line, "Peer slot " + slot + " defined multiple times");
      }
      seen[slot] = true;
      in.punct('{', "opening brace ({)");
      int index = (int) in.numberField("bitmap-index");
      long uuid = in.hex16Field("bitmap-uuid");
      long dagtag = in.hex16Field("bitmap-dagtag");
      int flags = in.flagsField();
      in.punct('}', "closing brace (})");
      peers.set(slot, new PeerSlot(uuid, dagtag, flags, index));
    }
    return peers;
  }

  /** "{ 0x…; 0x…; … }" minus the closing brace: {@code n} hex numbers each followed by ';'. */
  private List<Long> hexList(int n) throws Rejected {
    in.punct('{', "opening brace ({)");
    List<Long> h = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      h.add(in.value(Type.HEX16, DumpTokens.HEX16));
      in.semicolon();
    }
    return h;
  }

  /** "bitmap[N] { … }" (v09, N must be {@code slot}) or "bm { … }" (v08, slot -1). */
  private DumpBitmapRuns bitmap(String keyword, int slot) throws Rejected {
    in.keyword(keyword);
    if (slot >= 0) {
      in.punct('[', "opening bracket ([)");
      long found = number().value();
      int line = in.punct(']', "closing bracket (])").line();
      if (found != slot) { // compared in 64 bits, printed in 32 like 9.22
        in.parseError(line, "Expected peer slot " + slot + " but found " + (int) found);
      }
    }
    in.punct('{', "opening brace ({)");
    DumpBitmapRuns runs = new DumpBitmapRuns();
    while (!in.isPunct('}')) {
      Type t = in.peek().type();
      if (t == Type.NUMBER) {
        long count = in.take().value() & 0xFFFFFFFFL; // 9.22 keeps a 32-bit repeat count
        in.keyword("times");
        runs.add(count, in.value(Type.HEX16, DumpTokens.HEX16));
      } else if (t == Type.HEX16) {
        runs.add(1, in.take().value());
      } else {
        in.fail("repeat count, 16-digit hex number, or closing brace (})");
      }
      in.semicolon();
    }
    in.take();
    return runs;
  }

  private Token number() throws Rejected {
    if (in.peek().type() != Type.NUMBER) {
      in.fail(DumpTokens.NUMBER);
    }
    return in.take();
  }
}
