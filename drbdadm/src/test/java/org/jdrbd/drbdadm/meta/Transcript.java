package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A golden drbdmeta transcript (written by metadata/golden/regen.py from Debian's drbdmeta):
 * scenario name, image size and, per step, arguments, exit code, stdout, stderr and md checksum.
 */
final class Transcript {
  /** One recorded drbdmeta call. */
  record Step(String args, int rc, String stdout, String stderr, String mdSha256) {
    /** Arguments with IMG replaced by the image path. */
    String[] argv(Path image) {
      String a = args.startsWith("!") ? args.substring(1) : args;
      if (a.isBlank()) {
        return new String[0];
      }
      String[] w = a.split(" ");
      for (int i = 0; i < w.length; i++) {
        w[i] = expand(w[i], image);
      }
      return w;
    }
  }

  final String name;
  final long sizeBytes;
  final List<Step> steps;

  private Transcript(String name, long sizeBytes, List<Step> steps) {
    this.name = name;
    this.sizeBytes = sizeBytes;
    this.steps = steps;
  }

  /** Fixture dumps (DUMPS/ in scenarios). */
  static Path dumpsDir() {
    try {
      return Path.of(Transcript.class.getResource("/meta/dumps").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** IMG, TMP/ (the image's directory) and DUMPS/ as regen.py expands them. */
  static String expand(String arg, Path image) {
    return arg.replace("IMG", image.toString())
        .replace("TMP/", image.getParent().toString() + "/")
        .replace("DUMPS/", dumpsDir().toString() + "/");
  }

  /** Absolute paths back to IMG, TMP/, DUMPS/ and LIB/ (regen.py's paths()). */
  static String paths(String text, Path image, Path libDir) {
    return text.replace(image.toString(), "IMG")
        .replace(image.getParent().toString() + "/", "TMP/")
        .replace(dumpsDir().toString() + "/", "DUMPS/")
        .replace(libDir.toString() + "/", "LIB/");
  }

  static List<String> index() throws IOException {
    List<String> names = new ArrayList<>();
    for (String l : resource("index.txt").split("\n")) {
      if (!l.isBlank()) {
        names.add(l.trim());
      }
    }
    return names;
  }

  static Transcript load(String name) throws IOException {
    String[] lines = resource(name + ".txt").split("\n", -1);
    String[] head = lines[0].split(" ");
    List<Step> steps = new ArrayList<>();
    int i = 1;
    while (i < lines.length && lines[i].startsWith("### step ")) {
      String args = lines[i].substring("### step ".length());
      int rc = Integer.parseInt(lines[i + 1].substring("### rc ".length()));
      i += 3; // step, rc, "### stdout"
      StringBuilder out = new StringBuilder();
      i = readBlock(lines, i, out);
      i++; // "### stderr"
      StringBuilder err = new StringBuilder();
      i = readBlock(lines, i, err);
      String sha = null;
      if (i < lines.length && lines[i].startsWith("### md-sha256 ")) {
        sha = lines[i].substring("### md-sha256 ".length());
        i++;
      }
      steps.add(new Step(args, rc, out.toString(), err.toString(), sha));
    }
    return new Transcript(head[2], Long.parseLong(head[3]), steps);
  }

  /** Reads up to and including the line ending in "### end"; returns the next line index. */
  private static int readBlock(String[] lines, int i, StringBuilder into) {
    while (true) {
      String l = lines[i];
      if (l.endsWith("### end")) {
        into.append(l, 0, l.length() - "### end".length());
        return i + 1;
      }
      into.append(l).append('\n');
      i++;
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Transcript.class.getResourceAsStream("/meta/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /meta/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Same normalization as regen.py: image path → IMG, dump header timestamp/host replaced. */
  static String normalizeOut(String text, Path image, Path libDir) {
    String t = paths(text, image, libDir);
    String[] l = t.split("\n", -1);
    if (l.length > 3 && l[0].equals("# DRBD meta data dump")) {
      l[1] = "# <timestamp>";
      l[2] = l[2].replaceFirst("^# [^>]*> ", "# <host>> ");
    }
    return String.join("\n", l);
  }

  /** Drops the ioctl noise Debian's drbdmeta prints for regular files. */
  static String normalizeErr(String text, Path image, Path libDir) {
    List<String> keep = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      if (!l.startsWith("ioctl(") && !l.endsWith(" using pwrite")) {
        keep.add(l);
      }
    }
    return paths(String.join("\n", keep), image, libDir);
  }

  /**
   * regen.py's md checksum: non-zero 4 KiB blocks of the windows meta data may occupy, for the
   * image's size now (a step may have grown it).
   */
  static String mdChecksum(Path image) throws IOException {
    long size = java.nio.file.Files.size(image);
    long window = 8L << 20;
    long slot = 128L << 20;
    Map<Long, Boolean> offsets = new TreeMap<>();
    addWindow(offsets, 0, Math.min(size, window));
    addWindow(offsets, Math.max(0, size - window), size);
    if (size > slot) {
      addWindow(offsets, slot, Math.min(size, slot + window));
    }
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
      MessageDigest h = MessageDigest.getInstance("SHA-256");
      byte[] b = new byte[4096];
      for (long off : offsets.keySet()) {
        f.seek(off);
        int n = Math.max(0, f.read(b));
        boolean nonZero = false;
        for (int k = 0; k < n; k++) {
          nonZero |= b[k] != 0;
        }
        if (nonZero) {
          h.update((off + ":").getBytes(StandardCharsets.US_ASCII));
          h.update(b, 0, n);
        }
      }
      return HexFormat.of().formatHex(h.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void addWindow(Map<Long, Boolean> offsets, long start, long end) {
    for (long off = start - start % 4096; off < end; off += 4096) {
      offsets.put(off, Boolean.TRUE);
    }
  }
}
