package org.jdrbd.drbdadm.meta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jdrbd.metadata.AlRing;
import org.jdrbd.metadata.AlTransaction;
import org.jdrbd.metadata.MdLayout;

/**
 * The non-drbdmeta steps of a transcript, done with jdrbd's own encoders (regen.py does the same
 * with an independent Python encoder, so equal md checksums also prove the AL encoding):
 * "@poke OFFSET HEX", "@al AL_OFFSET STRIPES STRIPE4K TR:UPDATES:CONTEXT:CSIZE:CSTART...",
 * "@save TMP/NAME" (previous step's stdout to a file), "@grow BYTES" (resize the image),
 * "@lkbd MINOR" (the last-known device file, as the step's stdout), "@lkbd-set MINOR TEXT",
 * "@lkbd-rm MINOR" and "@mutate TMP/OUT DUMPS/BASE OP ARG..." (a changed copy of a dump).
 * Arguments use %HH escapes for bytes that cannot appear in a step line.
 */
final class SpecialSteps {
  private SpecialSteps() {}

  /** Runs one step; returns what it shows as stdout (only "@lkbd" shows anything). */
  static String apply(String step, Path image, String lastStdout, Path libDir) throws IOException {
    String[] w = step.split(" ");
    switch (w[0]) {
      case "@save":
        Files.writeString(Path.of(Transcript.expand(w[1], image)), lastStdout,
            StandardCharsets.ISO_8859_1);
        return "";
      case "@grow":
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
          f.setLength(Long.parseLong(w[1]));
        }
        return "";
      case "@lkbd": {
        Path f = lkbd(libDir, w[1]);
        return Files.exists(f)
            ? Transcript.paths(Files.readString(f, StandardCharsets.ISO_8859_1), image, libDir)
            : "(none)\n";
      }
      case "@lkbd-set":
        Files.write(lkbd(libDir, w[1]), unpct(w[2]));
        return "";
      case "@lkbd-rm":
        Files.deleteIfExists(lkbd(libDir, w[1]));
        return "";
      case "@mutate":
        mutate(w, image);
        return "";
      default:
        apply(step, image);
        return "";
    }
  }

  /** Minors whose last-known device files a transcript looks at (cleared before it starts). */
  static List<String> lkbdMinors(Transcript t) {
    List<String> minors = new ArrayList<>();
    for (Transcript.Step s : t.steps) {
      String a = s.args().startsWith("!") ? s.args().substring(1) : s.args();
      if (a.startsWith("@lkbd")) {
        String m = a.split(" ")[1];
        if (!minors.contains(m)) {
          minors.add(m);
        }
      }
    }
    return minors;
  }

  static Path lkbd(Path libDir, String minor) {
    return libDir.resolve("drbd-minor-" + minor + ".lkbd");
  }

  /** %HH escapes to bytes (one char per byte otherwise). */
  static byte[] unpct(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && HexFormat.isHexDigit(s.charAt(i + 1))
          && HexFormat.isHexDigit(s.charAt(i + 2))) {
        b.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
        i += 2;
      } else {
        b.write(c);
      }
    }
    return b.toByteArray();
  }

  /**
   * The mutations regen.py's mutate() makes: replace (first occurrence), replace-all, truncate,
   * append, delete-line (1-based).
   */
  private static void mutate(String[] w, Path image) throws IOException {
    byte[] data = Files.readAllBytes(Path.of(Transcript.expand(w[2], image)));
    String text = new String(data, StandardCharsets.ISO_8859_1);
    switch (w[3]) {
      case "replace": {
        String from = latin1(unpct(w[4]));
        String to = w.length > 5 ? latin1(unpct(w[5])) : "";
        int at = text.indexOf(from);
        if (at < 0) {
          throw new IllegalStateException("mutation source not found: " + from);
        }
        text = text.substring(0, at) + to + text.substring(at + from.length());
        break;
      }
      case "replace-all":
        text = text.replace(latin1(unpct(w[4])), w.length > 5 ? latin1(unpct(w[5])) : "");
        break;
      case "truncate":
        text = text.substring(0, Integer.parseInt(w[4]));
        break;
      case "append":
        text = text + latin1(unpct(w[4]));
        break;
      case "delete-line": {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(Integer.parseInt(w[4]) - 1);
        text = String.join("\n", lines);
        break;
      }
      default:
        throw new IllegalStateException("unknown mutation " + w[3]);
    }
    Files.write(Path.of(Transcript.expand(w[1], image)), text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  static void apply(String step, Path image) throws IOException {
    String[] w = step.split(" ");
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      if (w[0].equals("@poke")) {
        f.seek(Long.parseLong(w[1]));
        f.write(HexFormat.of().parseHex(w[2]));
        return;
      }
      long off = Long.parseLong(w[1]);
      int stripes = Integer.parseInt(w[2]);
      int stripe4k = Integer.parseInt(w[3]);
      for (int i = 4; i < w.length; i++) {
        String[] p = w[i].split(":", -1);
        int tr = (int) Long.parseLong(p[0]);
        List<int[]> ups = new ArrayList<>();
        for (String u : p[1].split(",")) {
          if (!u.isEmpty()) {
            String[] kv = u.split("=");
            ups.add(new int[] {Integer.parseInt(kv[0]), (int) Long.parseLong(kv[1])});
          }
        }
        List<Integer> ctx = new ArrayList<>();
        for (String c : p[2].split(",")) {
          if (!c.isEmpty()) {
            ctx.add(c.equals("f") ? MdLayout.AL_FREE_EXTENT : (int) Long.parseLong(c));
          }
        }
        AlTransaction t = new AlTransaction(tr, MdLayout.AL_TR_UPDATE, Integer.parseInt(p[3]),
            Integer.parseInt(p[4]), ups.stream().mapToInt(x -> x[0]).toArray(),
            ups.stream().mapToInt(x -> x[1]).toArray(), ctx.stream().mapToInt(x -> x).toArray());
        ByteBuffer b = t.encode();
        f.seek(off + 4096L * AlRing.blockIndex(tr, stripes, stripe4k));
        f.write(b.array());
      }
    }
  }
}
