package org.jdrbd.daemon;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdrbdd}: the jdrbd daemon. Parses the command line, starts the {@link Daemon} and runs
 * until SIGTERM/SIGINT, then downs every resource (meta data clean) and exits.
 */
@Command(name = "jdrbdd", mixinStandardHelpOptions = true, version = "jdrbdd 0.1.0",
        description = "The jdrbd daemon: serves DRBD resources of this node over NBD.")
public final class Jdrbdd implements Callable<Integer> {

    /** Exit code when the daemon cannot start (DRBD's "kernel module" failure code). */
    static final int EXIT_START_FAILED = 20;

    @Option(names = "--node-name", description = "This node's name (default: the host name).")
    String nodeName;

    @Option(names = "--control-socket", defaultValue = "/run/jdrbd/control.sock",
            description = "Unix socket for drbdsetup (default: ${DEFAULT-VALUE}).")
    Path controlSocket;

    @Option(names = "--state-dir", required = true, description = "Directory for the daemon's state.")
    Path stateDir;

    @Option(names = "--nbd-socket", description = "NBD Unix socket (default: <state-dir>/nbd.sock).")
    Path nbdSocket;

    @Option(names = "--nbd-listen", description = "Also serve NBD over TCP on HOST:PORT.")
    String nbdListen;

    @Option(names = "--metrics-port", defaultValue = "-1",
            description = "Serve Prometheus metrics on this port (/metrics); default: off.")
    int metricsPort;

    @Option(names = "--usermode-helper", description = "Command handlers run through, as "
            + "'<command> <handler> <resource>' (DRBD's usermode_helper; default: drbdadm).")
    String usermodeHelper;

    @Option(names = "--kernel-nbd", description = "While a volume is Primary, attach its export to "
            + "the kernel's /dev/nbdN (N = its minor) with nbd-client, when the host has the nbd "
            + "module; status says why not otherwise.")
    boolean kernelNbd;

    @Option(names = "--log-format", defaultValue = "${env:JDRBD_LOG_FORMAT:-text}",
            description = "Log lines on stderr: text, or json (one JSON object per line for log "
            + "shippers); default: ${DEFAULT-VALUE} (env JDRBD_LOG_FORMAT).")
    org.jdrbd.daemon.log.LogFormat logFormat;

    public static void main(String[] args) {
        int rc = new CommandLine(new Jdrbdd()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    @Override
    public Integer call() throws Exception {
        String logProblem = org.jdrbd.daemon.log.LogSetup.apply(logFormat);
        if (logProblem != null) {
            System.err.println("jdrbdd: " + logProblem);
        }
        DaemonConfig config;
        try {
            config = DaemonConfig.of(nodeName == null ? hostName() : nodeName, controlSocket,
                    stateDir, nbdSocket, nbdListen).withMetricsPort(metricsPort)
                    .withUsermodeHelper(usermodeHelper).withKernelNbd(kernelNbd);
        } catch (IllegalArgumentException e) {
            System.err.println("jdrbdd: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        Logger log = LoggerFactory.getLogger(Jdrbdd.class);
        Daemon daemon;
        try {
            daemon = Daemon.start(config);
        } catch (Exception e) {
            log.error("cannot start: {}", e.getMessage());
            return EXIT_START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.stop();
            stopped.countDown();
            ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        }, "jdrbdd-shutdown"));
        stopped.await();
        return 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
