package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: create meta data on a sparse file through MetaArea, then read it back, after the
 * file grew or shrank, after it was truncated below the superblock, and try to write an invalid
 * superblock.
 * Expectation: a fresh area loads valid; any size change moves the expected superblock location
 * so nothing valid is found (drbdmeta: "No valid meta data found"); an invalid superblock is
 * refused before a single byte is written.
 * Why: validation right after reading and right before writing is the guard against corrupting
 * another tool's (or a shrunken device's) data.
 */
class MetaAreaTest {
  private static final Placement INTERNAL = new Placement(Placement.Kind.INTERNAL, 0);

  @TempDir Path dir;

  private Path created(long size) throws IOException {
    Path p = dir.resolve("md.img");
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size);
    }
    try (MetaArea a = MetaArea.open(p, true, MdFormat.V09, INTERNAL)) {
      MdGeometry g = MdGeometry.compute(INTERNAL, size, 2, 1, 8);
      a.zeroBitmap(g, g.bmBytesForDevice());
      a.initActivityLog(g);
      a.writeSuperblock(Superblock.fresh(MdFormat.V09, g, 0));
    }
    return p;
  }

  @Test
  void freshAreaLoadsValid() throws IOException {
    Path p = created(100L << 20);
    try (MetaArea a = MetaArea.open(p, false, MdFormat.V09, INTERNAL)) {
      MetaArea.Loaded l = a.load();
      assertThat(l.valid()).isTrue();
      assertThat(l.superblock().maxPeers()).isEqualTo(2);
      assertThat(l.geometry().bmOffsetBytes()).isEqualTo(
          MdGeometry.compute(INTERNAL, 100L << 20, 2, 1, 8).bmOffsetBytes());
    }
  }

  @ParameterizedTest(name = "delta {0} bytes")
  @ValueSource(longs = {-(1 << 20), -4096, 4096, 1 << 20})
  void sizeChangeHidesMetaData(long delta) throws IOException {
    long size = 100L << 20;
    Path p = created(size);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(size + delta);
    }
    try (MetaArea a = MetaArea.open(p, false, MdFormat.V09, INTERNAL)) {
      assertThat(a.load().valid()).isFalse();
    }
  }

  @Test
  void truncatedFileHasNoSuperblock() throws IOException {
    Path p = dir.resolve("tiny.img");
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(1000);
    }
    try (MetaArea a = MetaArea.open(p, false, MdFormat.V09, INTERNAL)) {
      assertThat(a.superblockInsideDevice()).isFalse();
      assertThat(a.load().valid()).isFalse();
    }
  }

  @Test
  void invalidSuperblockIsNeverWritten() throws IOException {
    Path p = created(100L << 20);
    byte[] before = java.nio.file.Files.readAllBytes(p);
    try (MetaArea a = MetaArea.open(p, true, MdFormat.V09, INTERNAL)) {
      Superblock good = a.load().superblock();
      MdGeometry wrong = MdGeometry.compute(INTERNAL, 100L << 20, 5, 1, 8);
      assertThatThrownBy(() -> a.writeSuperblock(good.withGeometry(wrong)))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(java.nio.file.Files.readAllBytes(p)).isEqualTo(before);
  }
}
