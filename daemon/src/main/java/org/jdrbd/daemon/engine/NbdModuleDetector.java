package org.jdrbd.daemon.engine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this host can give a volume a kernel block device: the nbd module is loaded (or built
 * in: {@code /sys/module/nbd}) or its device nodes exist ({@code /dev/nbd0}), and nbd-client is
 * on the PATH. Reads files only; the root and PATH are parameters so tests can fake a host.
 */
public final class NbdModuleDetector {
    private final Path root;
    private final String searchPath;
    private final String program;

    public NbdModuleDetector(Path root, String searchPath, String program) {
        this.root = root;
        this.searchPath = searchPath == null ? "" : searchPath;
        this.program = program;
    }

    /** This host, nbd-client looked up on the daemon's PATH. */
    public static NbdModuleDetector system() {
        return new NbdModuleDetector(Path.of("/"), System.getenv("PATH"), NbdClientDevice.DEFAULT_PROGRAM);
    }

    /** Empty when kernel devices can be attached; else why not, in words for status. */
    public Optional<String> unavailableReason() {
        boolean module = Files.isDirectory(root.resolve("sys/module/nbd"))
                || Files.exists(root.resolve("dev/nbd0"));
        if (!module) {
            return Optional.of("no nbd kernel module (no /sys/module/nbd, no /dev/nbd0; "
                    + "'modprobe nbd' loads it)");
        }
        if (!onPath()) {
            return Optional.of(program + " not found (install the nbd-client package)");
        }
        return Optional.empty();
    }

    private boolean onPath() {
        if (program.contains("/")) {
            return Files.isExecutable(root.resolve(program.substring(1)));
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(resolve(dir).resolve(program))) {
                return true;
            }
        }
        return false;
    }

    /** {@code dir} under the (possibly fake) root. */
    private Path resolve(String dir) {
        return dir.startsWith("/") ? root.resolve(dir.substring(1)) : root.resolve(dir);
    }

    /**
     * Why {@code device} is in use, empty when it is not: mounted (in /proc/mounts) or held by
     * another block device (/sys/block/NAME/holders, e.g. LVM or dm-crypt on top). DRBD refuses
     * to demote a device someone holds open; this is the part of that check user space can see.
     */
    public Optional<String> inUseReason(Path device) {
        String name = device.getFileName().toString();
        Path holders = root.resolve("sys/block").resolve(name).resolve("holders");
        try (var list = Files.isDirectory(holders) ? Files.list(holders) : java.util.stream.Stream.<Path>empty()) {
            Optional<Path> holder = list.findFirst();
            if (holder.isPresent()) {
                return Optional.of(device + " is held by " + holder.get().getFileName());
            }
        } catch (java.io.IOException e) {
            // Unreadable holders: fall through to the mount check.
        }
        Path mounts = root.resolve("proc/mounts");
        try {
            if (Files.isReadable(mounts)) {
                for (String line : Files.readAllLines(mounts)) {
                    String[] f = line.split(" ");
                    if (f.length > 1 && (f[0].equals(device.toString())
                            || f[0].startsWith(device + "p"))) {
                        return Optional.of(device + " is mounted on " + f[1]);
                    }
                }
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
