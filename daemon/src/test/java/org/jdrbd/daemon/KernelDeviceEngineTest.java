package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.engine.CommandRunner;
import org.jdrbd.daemon.engine.Engine;
import org.jdrbd.daemon.engine.KernelDevices;
import org.jdrbd.daemon.engine.NbdClientDevice;
import org.jdrbd.daemon.engine.NbdEndpoint;
import org.jdrbd.daemon.engine.NbdModuleDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a real engine (jdrbdd --kernel-nbd) on a fake host (a directory standing for /, with
 * or without /sys/module/nbd, nbd-client on the PATH), nbd-client replaced by a recorder; a
 * single-node resource with minor 0 is created, attached, promoted, demoted and taken down.
 * Expectation: with the module, primary attaches the export r0/0 to /dev/nbd0 and secondary
 * detaches it, status --verbose reports each; down of a Primary detaches too. Without the module
 * the promotion still succeeds, nothing runs, and status says why and where the export is.
 * Why: issue 8: the kernel device follows the role through the engine's own primary, secondary
 * and down, and a host without nbd must not lose the Primary.
 */
class KernelDeviceEngineTest {
    private static final Path SOCKET = Path.of("/run/jdrbd-test/nbd.sock");

    @TempDir
    Path dir;

    private final List<List<String>> commands = new CopyOnWriteArrayList<>();

    private KernelDevices devices(boolean module) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        if (module) {
            Files.createDirectories(root.resolve("sys/module/nbd"));
        }
        Path bin = Files.createDirectories(root.resolve("usr/sbin"));
        Path tool = Files.writeString(bin.resolve("nbd-client"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        CommandRunner recorder = (argv, timeoutMs) -> {
            commands.add(argv);
            return new CommandRunner.Result(0, "");
        };
        return new KernelDevices(new NbdClientDevice("nbd-client", recorder),
                new NbdModuleDetector(root, "/usr/sbin", "nbd-client"), NbdEndpoint.unix(SOCKET));
    }

    private DaemonTestBed resource(boolean module) throws Exception {
        DaemonTestBed bed = new DaemonTestBed(dir.resolve("a"));
        ((Engine) bed.admin()).setKernelDevices(devices(module));
        Path disk = MetaDataFiles.create(dir.resolve("r0.img"), 16L << 20, 1);
        bed.ok(bed.admin().newResource("r0", 0));
        bed.ok(bed.admin().newMinor("r0", 0, 0));
        bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
        return bed;
    }

    private static String kernelDevice(DaemonTestBed bed) throws Exception {
        return bed.status("r0").volumes().get(0).kernelDevice();
    }

    @Test
    void primaryAttachesAndSecondaryDetaches() throws Exception {
        try (DaemonTestBed bed = resource(true)) {
            assertThat(kernelDevice(bed)).isEqualTo("/dev/nbd0 detached");
            bed.ok(bed.admin().primary("r0", true));
            assertThat(commands).containsExactly(List.of("nbd-client", "-unix", SOCKET.toString(),
                    "/dev/nbd0", "-name", "r0/0", "-block-size", "4096"));
            assertThat(kernelDevice(bed)).isEqualTo("/dev/nbd0 attached");

            bed.ok(bed.admin().secondary("r0"));
            assertThat(commands).hasSize(2).last().isEqualTo(List.of("nbd-client", "-d", "/dev/nbd0"));
            assertThat(kernelDevice(bed)).isEqualTo("/dev/nbd0 detached");

            bed.ok(bed.admin().primary("r0", false));
            bed.ok(bed.admin().down("r0"));
            assertThat(commands).hasSize(4).last().isEqualTo(List.of("nbd-client", "-d", "/dev/nbd0"));
        }
    }

    @Test
    void withoutTheModuleThePrimaryStaysAndStatusSaysWhy() throws Exception {
        try (DaemonTestBed bed = resource(false)) {
            bed.ok(bed.admin().primary("r0", true));
            assertThat(bed.status("r0").volumes().get(0).state().role().displayName()).isEqualTo("Primary");
            assertThat(commands).isEmpty();
            assertThat(kernelDevice(bed)).startsWith("/dev/nbd0 not-attached (")
                    .contains("export available at nbd+unix:///r0/0?socket=" + SOCKET);
        }
    }
}
