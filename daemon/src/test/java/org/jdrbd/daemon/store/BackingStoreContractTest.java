package org.jdrbd.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: the same contract runs against the file store and the in-memory store: seeded
 * random writes, trims and zeroes mirrored into a plain byte array, then read back; every
 * out-of-range request and every write to a read-only store.
 * Expectation: reads always equal the model; bad ranges give OUT_OF_RANGE and change nothing;
 * read-only stores give READ_ONLY; closed stores give CLOSED.
 * Why: seed 003 — the backing-store SPI checks every offset and length before use, and both
 * stores must behave the same so tests on memory say something about files.
 */
class BackingStoreContractTest {

    private static final int SIZE = 1 << 20;

    @TempDir
    Path dir;

    private BackingStore open(String kind, boolean readOnly) throws IOException {
        if (kind.equals("memory")) {
            return new MemoryStore(SIZE, readOnly ? StoreCapabilities.FULL.asReadOnly()
                    : StoreCapabilities.FULL);
        }
        Path file = dir.resolve("store.img");
        if (!Files.exists(file)) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(SIZE);
            }
        }
        return FileStore.openBlocking(file, readOnly);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    void randomOperationsMatchAByteArrayModel(String kind) throws IOException {
        byte[] model = new byte[SIZE];
        Random random = new Random(5150);
        try (BackingStore store = open(kind, false)) {
            assertThat(store.sizeBytes()).isEqualTo(SIZE);
            for (int i = 0; i < 400; i++) {
                int offset = random.nextInt(SIZE);
                int length = random.nextInt(Math.min(SIZE - offset, 200_000) + 1);
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        byte[] data = new byte[length];
                        random.nextBytes(data);
                        assertThat(store.writeBlocking(offset, ByteBuffer.wrap(data),
                                random.nextBoolean()).ok()).isTrue();
                        System.arraycopy(data, 0, model, offset, length);
                    }
                    case 2 -> {
                        assertThat(store.trimBlocking(offset, length, false).ok()).isTrue();
                        Arrays.fill(model, offset, offset + length, (byte) 0);
                    }
                    default -> {
                        assertThat(store.zeroBlocking(offset, length, true).ok()).isTrue();
                        Arrays.fill(model, offset, offset + length, (byte) 0);
                    }
                }
            }
            assertThat(store.flushBlocking().ok()).isTrue();
            ByteBuffer all = ByteBuffer.allocate(SIZE);
            assertThat(store.readBlocking(0, all).ok()).isTrue();
            assertThat(all.array()).isEqualTo(model);
        }
    }

    static Stream<Arguments> badRanges() {
        return Stream.of("memory", "file").flatMap(kind -> Stream.of(
                Arguments.of(kind, -1L, 1),
                Arguments.of(kind, (long) SIZE, 1),
                Arguments.of(kind, SIZE - 1L, 2),
                Arguments.of(kind, Long.MAX_VALUE, 1),
                Arguments.of(kind, Long.MAX_VALUE - 10, 512)));
    }

    @ParameterizedTest
    @MethodSource("badRanges")
    void outOfRangeIsRefusedAndChangesNothing(String kind, long offset, int length)
            throws IOException {
        try (BackingStore store = open(kind, false)) {
            byte[] ones = new byte[length];
            Arrays.fill(ones, (byte) 1);
            assertThat(store.readBlocking(offset, ByteBuffer.allocate(length)).error())
                    .isEqualTo(IoError.OUT_OF_RANGE);
            assertThat(store.writeBlocking(offset, ByteBuffer.wrap(ones), false).error())
                    .isEqualTo(IoError.OUT_OF_RANGE);
            assertThat(store.zeroBlocking(offset, length, false).error())
                    .isEqualTo(IoError.OUT_OF_RANGE);
            assertThat(store.trimBlocking(offset, length, false).error())
                    .isEqualTo(IoError.OUT_OF_RANGE);
            ByteBuffer tail = ByteBuffer.allocate(4096);
            assertThat(store.readBlocking(SIZE - 4096, tail).ok()).isTrue();
            assertThat(tail.array()).containsOnly(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "file"})
    @SuppressWarnings("try") // closing inside the block is the point: close is idempotent
    void readOnlyAndClosedStoresRefuse(String kind) throws IOException {
        try (BackingStore store = open(kind, true)) {
            assertThat(store.capabilities().readOnly()).isTrue();
            assertThat(store.writeBlocking(0, ByteBuffer.allocate(512), false).error())
                    .isEqualTo(IoError.READ_ONLY);
            assertThat(store.zeroBlocking(0, 512, false).error()).isEqualTo(IoError.READ_ONLY);
            assertThat(store.trimBlocking(0, 512, false).error()).isEqualTo(IoError.READ_ONLY);
            assertThat(store.readBlocking(0, ByteBuffer.allocate(512)).ok()).isTrue();
            store.close();
            assertThat(store.readBlocking(0, ByteBuffer.allocate(512)).error())
                    .isEqualTo(IoError.CLOSED);
        }
    }
}
