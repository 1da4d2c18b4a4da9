package org.jdrbd.daemon.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link KernelDevice} through nbd-client (the nbd package's tool, which uses the kernel's
 * netlink interface when it has one and ioctls otherwise): {@code nbd-client -unix SOCKET DEVICE
 * -name RES/VOL -block-size 4096} to attach, {@code nbd-client -d DEVICE} to detach.
 */
public final class NbdClientDevice implements KernelDevice {
    /** nbd-client on the PATH. */
    public static final String DEFAULT_PROGRAM = "nbd-client";
    /** The block size DRBD devices show (and the bitmap's granularity). */
    static final int BLOCK_SIZE_BYTES = 4096;
    /** How long nbd-client may take: it negotiates with our own server on this host. */
    static final long TIMEOUT_MS = 30_000;

    private final String program;
    private final CommandRunner runner;

    public NbdClientDevice(String program, CommandRunner runner) {
        this.program = program;
        this.runner = runner;
    }

    /** The real nbd-client on the PATH. */
    public static NbdClientDevice system() {
        return new NbdClientDevice(DEFAULT_PROGRAM, CommandRunner.system());
    }

    /** The attach command line. */
    List<String> attachCommand(NbdEndpoint endpoint, String export, Path device) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(endpoint.nbdClientArgs());
        argv.add(device.toString());
        argv.addAll(List.of("-name", export, "-block-size", Integer.toString(BLOCK_SIZE_BYTES)));
        return argv;
    }

    /** The detach command line. */
    List<String> detachCommand(Path device) {
        return List.of(program, "-d", device.toString());
    }

    @Override
    public Outcome attachBlocking(NbdEndpoint endpoint, String export, Path device) {
        return outcome(runner.runBlocking(attachCommand(endpoint, export, device), TIMEOUT_MS));
    }

    @Override
    public Outcome detachBlocking(Path device) {
        return outcome(runner.runBlocking(detachCommand(device), TIMEOUT_MS));
    }

    private Outcome outcome(CommandRunner.Result r) {
        if (r.ok()) {
            return Outcome.done();
        }
        String why = r.output().isEmpty() ? "no output" : r.output().lines().reduce((a, b) -> b)
                .orElse("");
        return Outcome.failed(program + " exit code " + r.exitCode() + ": " + why);
    }
}
