package org.jdrbd.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.admin.StateEvent;
import org.jdrbd.daemon.nbd.Backend;
import org.jdrbd.daemon.nbd.ExportRegistry;
import org.jdrbd.daemon.registry.MemoryRegistry;
import org.jdrbd.daemon.store.BackingStore;
import org.jdrbd.daemon.store.IoError;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.store.StoreCapabilities;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Placement;
import org.jdrbd.metadata.Superblock;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.OnIoError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a Primary volume's backing store starts failing writes with EIO; one write through
 * the volume backend fails. Table over the on-io-error policies.
 * Expectation: the failing write reports the IO error to the client in every case; with detach
 * (the default) and call-local-io-error the disk goes Failed then Diskless, the export is gone
 * and the meta data was closed cleanly; with pass_on the disk stays attached but Inconsistent.
 * Why: DRBD's on-io-error contract; a failing disk must not keep serving as if all were well.
 */
class OnIoErrorTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private Engine engine;
    private final ExportRegistry exports = new ExportRegistry();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final List<StateEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        engine = new Engine(vertx, exports, new MemoryRegistry());
        engine.storeDecorator = FailingStore::new;
        engine.subscribe(events::add);
    }

    @AfterEach
    void stop() throws Exception {
        engine.downAll().await(30, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(OnIoError.class)
    void writeErrorAppliesThePolicy(OnIoError policy) throws Exception {
        Path disk = createMd(dir.resolve("d.img"));
        ok(engine.newResource("r0", 0).await(30, TimeUnit.SECONDS));
        ok(engine.newMinor("r0", 0, 0).await(30, TimeUnit.SECONDS));
        ok(engine.attach(new AttachRequest(0, disk, disk, "internal", policy)).await(30, TimeUnit.SECONDS));
        ok(engine.primary("r0", true).await(30, TimeUnit.SECONDS));
        Backend backend = exports.find("r0/0").orElseThrow().backend();

        failing.set(true);
        IoOutcome out = backend.write(0, ByteBuffer.allocate(4096), false).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(out.error()).isEqualTo(IoError.IO);

        DiskState expected = policy == OnIoError.PASS_ON ? DiskState.INCONSISTENT : DiskState.DISKLESS;
        CompletableFuture<Void> reached = new CompletableFuture<>();
        engine.subscribe(e -> {
            if (e.after().disk() == expected) {
                reached.complete(null);
            }
        });
        if (engine.status().await(30, TimeUnit.SECONDS).get(0).volumes().get(0).state().disk() != expected) {
            reached.get(30, TimeUnit.SECONDS);
        }
        if (policy == OnIoError.PASS_ON) {
            assertThat(exports.find("r0/0")).isPresent();
        } else {
            assertThat(exports.find("r0/0")).isEmpty();
            assertThat(events).anyMatch(e -> e.change().contains("disk( UpToDate -> Failed )"));
            Superblock sb = superblock(disk);
            assertThat(sb.has(MdFlags.AL_CLEAN)).isTrue();
        }
    }

    private static void ok(AdminResult r) {
        assertThat(r.ok()).as(r.toString()).isTrue();
    }

    private static Path createMd(Path file) throws Exception {
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(16L << 20);
        }
        Placement p = Placement.parse("internal");
        try (MetaArea area = MetaArea.open(file, true, MdFormat.V09, p)) {
            area.createFresh(1, MdLayout.AL_STRIPES_DEFAULT, MdLayout.AL_STRIPE_SIZE_4K_DEFAULT,
                    1 << 20);
        }
        return file;
    }

    private static Superblock superblock(Path file) throws Exception {
        try (MetaArea area = MetaArea.open(file, false, MdFormat.V09, Placement.parse("internal"))) {
            return area.load().superblock();
        }
    }

    /** Passes through until the test sets {@code failing}; then writes fail with EIO. */
    private final class FailingStore implements BackingStore {
        private final BackingStore next;

        FailingStore(BackingStore next) {
            this.next = next;
        }

        @Override
        public long sizeBytes() {
            return next.sizeBytes();
        }

        @Override
        public StoreCapabilities capabilities() {
            return next.capabilities();
        }

        @Override
        public IoOutcome readBlocking(long offset, ByteBuffer dst) {
            return next.readBlocking(offset, dst);
        }

        @Override
        public IoOutcome writeBlocking(long offset, ByteBuffer src, boolean fua) {
            return failing.get() ? IoOutcome.failed(IoError.IO, "injected EIO")
                    : next.writeBlocking(offset, src, fua);
        }

        @Override
        public IoOutcome flushBlocking() {
            return next.flushBlocking();
        }

        @Override
        public IoOutcome trimBlocking(long offset, long length, boolean fua) {
            return next.trimBlocking(offset, length, fua);
        }

        @Override
        public IoOutcome zeroBlocking(long offset, long length, boolean fua) {
            return next.zeroBlocking(offset, length, fua);
        }

        @Override
        public void close() {
            next.close();
        }
    }
}
