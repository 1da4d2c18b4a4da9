package org.jdrbd.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a volume with a configured kernel device (/dev/nbd3) is promoted, demoted and downed
 * on fake hosts (a temporary directory standing for /, with or without /sys/module/nbd, /dev/nbd0,
 * nbd-client on the PATH, /proc/mounts, holders), nbd-client replaced by a recorder.
 * Expectation: with the module, promotion runs exactly "nbd-client -unix SOCKET /dev/nbd3 -name
 * r0/0 -block-size 4096", demotion and down "nbd-client -d /dev/nbd3", and status says attached
 * or detached; without it (or without nbd-client) no command runs and status says why and where
 * the export still is; a failed attach is reported, not retried on demotion; a mounted or held
 * device is "in use" (the demotion is to be refused).
 * Why: a wrong device or export name attaches someone else's disk; a missing detach leaves a
 * kernel device writing into a Secondary; the tests here have no nbd module, so the logic is
 * checked against a fake.
 */
class KernelDevicesTest {
    private static final Path DEVICE = Path.of("/dev/nbd3");

    @TempDir
    Path root;

    private final List<List<String>> commands = new ArrayList<>();
    private CommandRunner.Result next = new CommandRunner.Result(0, "");
    private Path socket;

    private final CommandRunner recorder = (argv, timeoutMs) -> {
        commands.add(argv);
        return next;
    };

    @BeforeEach
    void host() throws Exception {
        socket = root.resolve("state/nbd.sock");
    }

    private void module() throws Exception {
        Files.createDirectories(root.resolve("sys/module/nbd"));
    }

    private void nbdClient() throws Exception {
        Path bin = Files.createDirectories(root.resolve("usr/sbin"));
        Path tool = Files.writeString(bin.resolve("nbd-client"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private KernelDevices devices(NbdEndpoint endpoint) {
        KernelDevices kd = new KernelDevices(new NbdClientDevice("nbd-client", recorder),
                new NbdModuleDetector(root, "/usr/bin:/usr/sbin", "nbd-client"), endpoint);
        kd.configure(4, DEVICE);
        return kd;
    }

    private KernelDevices devices() {
        return devices(NbdEndpoint.unix(socket));
    }

    @Test
    void promoteAttachesDemoteDetaches() throws Exception {
        module();
        nbdClient();
        KernelDevices kd = devices();
        assertThat(kd.status(4).state()).isEqualTo(KernelDeviceStatus.State.DETACHED);

        KernelDeviceStatus s = kd.promotedBlocking(4, "r0/0");
        assertThat(s.attached()).isTrue();
        assertThat(commands).containsExactly(List.of("nbd-client", "-unix", socket.toString(),
                "/dev/nbd3", "-name", "r0/0", "-block-size", "4096"));
        assertThat(kd.describe(4, "r0/0")).isEqualTo("kernel-device:/dev/nbd3 attached");

        // A second promotion (primary on a Primary) does not attach twice.
        kd.promotedBlocking(4, "r0/0");
        assertThat(commands).hasSize(1);

        assertThat(kd.inUseBlocking(4)).isEmpty();
        assertThat(kd.demotingBlocking(4).state()).isEqualTo(KernelDeviceStatus.State.DETACHED);
        assertThat(commands).hasSize(2).last().isEqualTo(List.of("nbd-client", "-d", "/dev/nbd3"));
        assertThat(kd.describe(4, "r0/0")).isEqualTo("kernel-device:/dev/nbd3 detached");

        // Secondary again: nothing attached, nothing to detach.
        kd.demotingBlocking(4);
        assertThat(commands).hasSize(2);
    }

    @Test
    void downDetachesAndForgets() throws Exception {
        module();
        nbdClient();
        KernelDevices kd = devices();
        kd.promotedBlocking(4, "r0/0");
        kd.forgetBlocking(4);
        assertThat(commands).hasSize(2).last().isEqualTo(List.of("nbd-client", "-d", "/dev/nbd3"));
        assertThat(kd.status(4).state()).isEqualTo(KernelDeviceStatus.State.NONE);
        // Forgotten: a later promotion of that minor attaches nothing.
        assertThat(kd.promotedBlocking(4, "r0/0").state()).isEqualTo(KernelDeviceStatus.State.NONE);
        assertThat(commands).hasSize(2);
    }

    @Test
    void withoutTheModuleNothingRunsAndStatusSaysWhy() throws Exception {
        nbdClient();
        KernelDevices kd = devices();
        KernelDeviceStatus s = kd.promotedBlocking(4, "r0/0");
        assertThat(commands).isEmpty();
        assertThat(s.state()).isEqualTo(KernelDeviceStatus.State.UNAVAILABLE);
        assertThat(s.reason()).contains("no nbd kernel module");
        assertThat(kd.describe(4, "r0/0")).isEqualTo("kernel-device:/dev/nbd3 not-attached ("
                + s.reason() + "); export available at nbd+unix:///r0/0?socket=" + socket);
        kd.demotingBlocking(4);
        assertThat(commands).isEmpty();
        assertThat(kd.status(4).state()).isEqualTo(KernelDeviceStatus.State.DETACHED);
    }

    @Test
    void deviceNodeAloneMeansTheModuleIsThere() throws Exception {
        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/nbd0"));
        nbdClient();
        assertThat(devices().promotedBlocking(4, "r0/0").attached()).isTrue();
        assertThat(commands).hasSize(1);
    }

    @Test
    void withoutNbdClientNothingRuns() throws Exception {
        module();
        KernelDeviceStatus s = devices().promotedBlocking(4, "r0/0");
        assertThat(s.state()).isEqualTo(KernelDeviceStatus.State.UNAVAILABLE);
        assertThat(s.reason()).contains("nbd-client not found");
        assertThat(commands).isEmpty();
    }

    @Test
    void failedAttachIsReportedAndNotDetached() throws Exception {
        module();
        nbdClient();
        KernelDevices kd = devices();
        next = new CommandRunner.Result(1, "Negotiation: ..\nError: Socket failed: Connection refused");
        KernelDeviceStatus s = kd.promotedBlocking(4, "r0/0");
        assertThat(s.state()).isEqualTo(KernelDeviceStatus.State.FAILED);
        assertThat(s.reason()).isEqualTo("nbd-client exit code 1: Error: Socket failed: Connection refused");
        assertThat(kd.describe(4, "r0/0")).contains("not-attached (nbd-client exit code 1")
                .contains("export available at");
        kd.demotingBlocking(4);
        assertThat(commands).hasSize(1);
    }

    @Test
    void failedDetachIsReported() throws Exception {
        module();
        nbdClient();
        KernelDevices kd = devices();
        kd.promotedBlocking(4, "r0/0");
        next = new CommandRunner.Result(2, "busy");
        KernelDeviceStatus s = kd.demotingBlocking(4);
        assertThat(s.state()).isEqualTo(KernelDeviceStatus.State.FAILED);
        assertThat(s.reason()).isEqualTo("detach: nbd-client exit code 2: busy");
    }

    @Test
    void unconfiguredMinorHasNoKernelDevice() throws Exception {
        module();
        nbdClient();
        KernelDevices kd = devices();
        assertThat(kd.promotedBlocking(5, "r0/1").state()).isEqualTo(KernelDeviceStatus.State.NONE);
        assertThat(kd.demotingBlocking(5).state()).isEqualTo(KernelDeviceStatus.State.NONE);
        assertThat(kd.describe(5, "r0/1")).isEqualTo("kernel-device:none");
        assertThat(commands).isEmpty();
    }

    @Test
    void tcpEndpointNamesHostAndPort() throws Exception {
        module();
        nbdClient();
        KernelDevices kd = devices(NbdEndpoint.tcp("127.0.0.1", 10809));
        kd.promotedBlocking(4, "r0/0");
        assertThat(commands).containsExactly(List.of("nbd-client", "127.0.0.1", "10809",
                "/dev/nbd3", "-name", "r0/0", "-block-size", "4096"));
    }

    @Test
    void mountedOrHeldDeviceIsInUse() throws Exception {
        module();
        nbdClient();
        KernelDevices kd = devices();
        assertThat(kd.inUseBlocking(4)).as("not attached: never in use").isEmpty();
        kd.promotedBlocking(4, "r0/0");
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/mounts"), "/dev/nbd30 /srv ext4 rw 0 0\n");
        assertThat(kd.inUseBlocking(4)).as("another device").isEmpty();
        Files.writeString(root.resolve("proc/mounts"), "/dev/sda1 / ext4 rw 0 0\n"
                + "/dev/nbd3p1 /mnt/data xfs rw 0 0\n");
        assertThat(kd.inUseBlocking(4)).contains("/dev/nbd3 is mounted on /mnt/data");
        Files.writeString(root.resolve("proc/mounts"), "");
        Files.createDirectories(root.resolve("sys/block/nbd3/holders/dm-0"));
        assertThat(kd.inUseBlocking(4)).contains("/dev/nbd3 is held by dm-0");
    }

    @Test
    void asyncCallsRunOffTheEventLoopAndCompleteOnIt() throws Exception {
        module();
        nbdClient();
        List<Boolean> ranOnEventLoop = new ArrayList<>();
        KernelDevices kd = new KernelDevices(new NbdClientDevice("nbd-client", (argv, t) -> {
            ranOnEventLoop.add(Context.isOnEventLoopThread());
            return new CommandRunner.Result(0, "");
        }), new NbdModuleDetector(root, "/usr/sbin", "nbd-client"), NbdEndpoint.unix(socket));
        kd.configure(4, DEVICE);
        Vertx vertx = Vertx.vertx();
        try {
            Context ctx = vertx.getOrCreateContext();
            io.vertx.core.Promise<Boolean> completedOnLoop = io.vertx.core.Promise.promise();
            ctx.runOnContext(x -> kd.promoted(ctx, 4, "r0/0")
                    .compose(s -> kd.demoting(ctx, 4))
                    .onComplete(ar -> completedOnLoop.complete(ar.succeeded()
                            && Vertx.currentContext() == ctx && Context.isOnEventLoopThread())));
            assertThat(completedOnLoop.future().await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ranOnEventLoop).containsExactly(false, false);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void systemRunnerReportsExitCodeOutputAndTimeout() {
        CommandRunner sys = CommandRunner.system();
        CommandRunner.Result r = sys.runBlocking(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), 10_000);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("out").contains("err");
        CommandRunner.Result missing = sys.runBlocking(List.of("/nonexistent/nbd-client"), 10_000);
        assertThat(missing.exitCode()).isEqualTo(-1);
        assertThat(missing.output()).startsWith("cannot run /nonexistent/nbd-client");
        CommandRunner.Result slow = sys.runBlocking(List.of("/bin/sh", "-c", "sleep 10"), 200);
        assertThat(slow.exitCode()).isEqualTo(-1);
        assertThat(slow.output()).contains("timed out");
    }
}
