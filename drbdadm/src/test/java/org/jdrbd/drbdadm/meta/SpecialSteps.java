package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
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
 * "@poke OFFSET HEX", "@al AL_OFFSET STRIPES STRIPE4K TR:UPDATES:CONTEXT:CSIZE:CSTART..." and
 * "@save TMP/NAME" (previous step's stdout to a file).
 */
final class SpecialSteps {
  private SpecialSteps() {}

  /** "@save TMP/NAME": stores {@code lastStdout} (a dump) for a later restore-md. */
  static void apply(String step, Path image, String lastStdout) throws IOException {
    String[] w = step.split(" ");
    if (w[0].equals("@save")) {
      java.nio.file.Files.writeString(Path.of(Transcript.expand(w[1], image)), lastStdout,
          java.nio.charset.StandardCharsets.ISO_8859_1);
      return;
    }
    apply(step, image);
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
