package org.jdrbd.drbdadm.meta;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdrbd.drbdadm.meta.DumpLexer.Token;
import org.jdrbd.drbdadm.meta.DumpLexer.Type;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.PeerSlot;

/**
 * Parses v09 dump-md text (§4.7) with drbdmeta 9.22's error messages ("Parse error in line N:
 * X expected, not Y") and exit code 10. Pure: the caller writes nothing unless {@link #parse}
 * returns normally.
 */
final class DumpParser {

  /** A rejected dump (or a "no" to a question); the message is already printed. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    /** drbdmeta's exit code for it. */
    final int exitCode;

    Rejected() {
      this(ExitCode.BAD_VALUE);
    }

    Rejected(int exitCode) {
      super(null, null, false, false);
      this.exitCode = exitCode;
    }
  }

  /** Hooks for output drbdmeta prints in the middle of parsing. */
  interface Progress {
    /**
     * After "max-peers N;" (restore-md re-initializes its geometry here and may ask questions).
     *
     * @throws Rejected when the user said no
     */
    void afterMaxPeers(int maxPeers) throws Rejected;

    /** Largest la-size-sect the target device allows (0 when no device is opened). */
    long maxLaSizeSect(int maxPeers, int alStripes, int alStripeSize4k);
  }

  private final DumpLexer lexer;
  private final PrintStream out;
  private final PrintStream err;
  private final String requested;
  private Token tok;

  private DumpParser(String text, PrintStream out, PrintStream err, String requested) {
    this.lexer = new DumpLexer(text, err);
    this.out = out;
    this.err = err;
    this.requested = requested;
  }

  /** Parses {@code text}; {@code requested} is the format on the command line ("v09"). */
  static ParsedDump parse(String text, PrintStream out, PrintStream err, String requested,
      Progress progress) throws Rejected {
    DumpParser p = new DumpParser(text, out, err, requested);
    return p.dump(progress);
  }

  private ParsedDump dump(Progress progress) throws Rejected {
    keyword("version");
    expect(Type.STRING, "short quoted string (\"..up to 20 characters, no newline..\")");
    String version = take().text();
    if (!version.equals(requested)) {
      err.print("dump is '" + version + "' you requested '" + requested + "'.\n");
      throw new Rejected();
    }
    if (!version.equals("v09")) {
      err.print("jdrbd: restore-md/verify-dump of " + version + " dumps is not implemented yet\n");
      throw new Rejected();
    }
    semicolon();
    int maxPeers = (int) numberField("max-peers");
    progress.afterMaxPeers(maxPeers);
    int nodeId = (int) numberField("node-id");
    long current = hexField("current-uuid");
    int flags = (int) flagsField();
    List<PeerSlot> peers = peerSlots();
    List<Long> history = historyUuids();
    long laSizeSect = numberField("la-size-sect");
    long bpb = numberField("bm-byte-per-bit");
    if (bpb < MdLayout.BM_BYTES_PER_BIT || Long.bitCount(bpb) != 1) {
      err.print("Invalid value for bm-byte-per-bit: value must be a power-of-two multiple of 4096\n");
      throw new Rejected();
    }
    long deviceUuid = hexField("device-uuid");
    int maxBio = (int) numberField("la-peer-max-bio-size");
    int stripes = (int) numberField("al-stripes");
    int stripe4k = (int) numberField("al-stripe-size-4k");
    long max = progress.maxLaSizeSect(maxPeers, stripes, stripe4k);
    if (Long.compareUnsigned(laSizeSect, max) > 0) {
      out.print("# la-size-sect was too big (" + Long.toUnsignedString(laSizeSect)
          + "), truncated (" + max + ")!\n");
      laSizeSect = max;
    }
    List<DumpBitmapRuns> bitmap = new ArrayList<>();
    for (int i = 0; i < maxPeers; i++) {
      bitmap.add(bitmapSlot(i));
    }
    if (peek().type() != Type.EOF) {
      fail("end of file");
    }
    return new ParsedDump(maxPeers, nodeId, current, flags, peers, history, laSizeSect, bpb,
        deviceUuid, maxBio, stripes, stripe4k, bitmap);
  }

  private List<PeerSlot> peerSlots() throws Rejected {
    List<PeerSlot> peers = new ArrayList<>(Collections.nCopies(MdLayout.PEER_SLOTS, PeerSlot.EMPTY));
    boolean[] seen = new boolean[MdLayout.PEER_SLOTS];
    while (isKeyword("peer")) {
      advance();
      punct('[', "opening bracket ([)");
      expect(Type.NUMBER, "a number");
      Token n = take();
      long slot = Long.parseLong(n.text());
      if (slot < 0 || slot >= MdLayout.PEER_SLOTS) {
        parseError(n.line(), "Slot " + slot + " out of range");
      }
      if (seen[(int) slot]) {
        parseError(n.line(), "Peer slot " + slot + " defined multiple times");
      }
      seen[(int) slot] = true;
      punct(']', "closing bracket (])");
      punct('{', "opening brace ({)");
      int index = (int) numberField("bitmap-index");
      long uuid = hexField("bitmap-uuid");
      long dagtag = hexField("bitmap-dagtag");
      int flags = (int) flagsField();
      punct('}', "closing brace (})");
      peers.set((int) slot, new PeerSlot(uuid, dagtag, flags, index));
    }
    return peers;
  }

  private List<Long> historyUuids() throws Rejected {
    keyword("history-uuids");
    punct('{', "opening brace ({)");
    List<Long> h = new ArrayList<>();
    for (int i = 0; i < MdLayout.HISTORY_UUIDS_09; i++) {
      h.add(hexValue());
      semicolon();
    }
    punct('}', "closing brace (})");
    return h;
  }

  private DumpBitmapRuns bitmapSlot(int expected) throws Rejected {
    keyword("bitmap");
    punct('[', "opening bracket ([)");
    expect(Type.NUMBER, "a number");
    Token n = take();
    if (Long.parseLong(n.text()) != expected) {
      parseError(n.line(), "Expected peer slot " + expected + " but found " + n.text());
    }
    punct(']', "closing bracket (])");
    punct('{', "opening brace ({)");
    DumpBitmapRuns runs = new DumpBitmapRuns();
    while (!isPunct('}')) {
      if (peek().type() == Type.NUMBER) {
        long count = Long.parseLong(take().text());
        keyword("times");
        runs.add(count, hexValue());
      } else if (peek().type() == Type.HEX64) {
        runs.add(1, hexValue());
      } else {
        fail("repeat count, 16-digit hex number, or closing brace (})");
      }
      semicolon();
    }
    advance();
    return runs;
  }

  private long numberField(String name) throws Rejected {
    keyword(name);
    expect(Type.NUMBER, "a number");
    long v = Long.parseLong(take().text());
    semicolon();
    return v;
  }

  private long hexField(String name) throws Rejected {
    keyword(name);
    long v = hexValue();
    semicolon();
    return v;
  }

  /** "flags 0x…;" — drbdmeta also takes a decimal number here. */
  private long flagsField() throws Rejected {
    keyword("flags");
    long v;
    if (peek().type() == Type.NUMBER) {
      v = Long.parseLong(take().text());
    } else {
      expect(Type.HEX32, "an 8-digit hex number");
      v = Long.parseUnsignedLong(take().text().substring(2), 16);
    }
    semicolon();
    return v;
  }

  private long hexValue() throws Rejected {
    expect(Type.HEX64, "a 16-digit hex number");
    return Long.parseUnsignedLong(take().text().substring(2), 16);
  }

  private void keyword(String kw) throws Rejected {
    if (!isKeyword(kw)) {
      fail("keyword '" + kw + "'");
    }
    advance();
  }

  private void semicolon() throws Rejected {
    punct(';', "semicolon (;)");
  }

  private void punct(char c, String what) throws Rejected {
    if (!isPunct(c)) {
      fail(what);
    }
    advance();
  }

  private void expect(Type type, String what) throws Rejected {
    if (peek().type() != type) {
      fail(what);
    }
  }

  private boolean isKeyword(String kw) {
    return peek().type() == Type.KEYWORD && peek().text().equals(kw);
  }

  private boolean isPunct(char c) {
    return peek().type() == Type.PUNCT && peek().text().charAt(0) == c;
  }

  private Token take() {
    Token t = peek();
    advance();
    return t;
  }

  /** Consumes the current token; the next one is lexed only when looked at (the lexer prints). */
  private void advance() {
    peek();
    tok = null;
  }

  private Token peek() {
    if (tok == null) {
      tok = lexer.next();
    }
    return tok;
  }

  /** "X expected" plus what was found instead, the way drbdmeta words it. */
  private void fail(String what) throws Rejected {
    Token tok = peek();
    String found = switch (tok.type()) {
      case EOF -> ", but end of file encountered";
      case INVALID -> "";
      case KEYWORD, PUNCT -> ", not '" + tok.text() + "'";
      case STRING -> ", not some string";
      case NUMBER, HEX32, HEX64 -> ", not some number";
    };
    parseError(peek().line(), what + " expected" + found);
  }

  private void parseError(int line, String message) throws Rejected {
    err.print("Parse error in line " + line + ": " + message + "\n");
    throw new Rejected();
  }
}
