package org.jdrbd.systest.soak;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs jdrbd's own resource agent (handlers/ocf/drbd, ocf:jdrbd:drbd) as Pacemaker would, one
 * action per process, against one soak node: OCF_* variables of a promotable clone with
 * notify=true, bin/drbdadm and bin/drbdsetup of this working tree on PATH (JDRBD_CONTROL_SOCKET
 * picks the node's daemon, __DRBD_NODE__ / JDRBD_HOSTNAME its drbd.conf section), and recording
 * shims for crm_master, crm_attribute, crm_resource and crm_node (the same shims the ocf tests
 * use, in a directory of the soak's own).
 */
final class OcfAgent {
    /** One action's outcome. */
    record Run(String action, String node, int exitCode, String output, long elapsedMs) {
    }

    private final Path root;
    private final Path dir;
    private final Path shims;
    private final Path conf;

    OcfAgent(Path dir, SoakNode a, SoakNode b) throws Exception {
        this.root = repositoryRoot();
        this.dir = Files.createDirectories(dir);
        this.shims = Files.createDirectories(dir.resolve("shims"));
        for (String m : List.of("daemon", "drbdadm")) {
            try (var s = Files.newDirectoryStream(root.resolve(m).resolve("target"), "jdrbd-" + m + "-*.jar")) {
                if (!s.iterator().hasNext()) {
                    throw new SoakFailure("bin/ launchers need the packaged jars: run mvn -B -DskipTests install");
                }
            }
        }
        this.conf = Files.writeString(dir.resolve("drbd.conf"), """
                global { usage-count no; }
                resource r0 {
                  net { protocol C; }
                  volume 0 { device minor 0; meta-disk internal; }
                  on %s { node-id %d; address %s:7789; volume 0 { disk %s; } }
                  on %s { node-id %d; address %s:7789; volume 0 { disk %s; } }
                }
                """.formatted(a.name, a.nodeId, a.address, a.disk, b.name, b.nodeId, b.address, b.disk));
        String record = "printf '%s' \"$(basename \"$0\")\" >>\"$SHIM_LOG\"\n"
                + "for a in \"$@\"; do printf ' %s' \"$a\" >>\"$SHIM_LOG\"; done\necho >>\"$SHIM_LOG\"\n";
        String score = "#!/bin/sh\n" + record
                + "case \" $* \" in\n"
                + "*\" -G \"*) [ -f \"$SHIM_DIR/score.$__DRBD_NODE__\" ] && exec cat \"$SHIM_DIR/score.$__DRBD_NODE__\"; exit 105 ;;\n"
                + "*\" -D \"*) rm -f \"$SHIM_DIR/score.$__DRBD_NODE__\" ;;\n"
                + "*\" -v \"*) while [ \"$1\" != -v ]; do shift; done; echo \"$2\" >\"$SHIM_DIR/score.$__DRBD_NODE__\" ;;\n"
                + "esac\nexit 0\n";
        shim("crm_master", score);
        shim("crm_attribute", score);
        shim("crm_resource", "#!/bin/sh\n" + record + "exit 0\n");
        shim("crm_node", "#!/bin/sh\n" + record + "echo \"$__DRBD_NODE__\"\nexit 0\n");
    }

    private void shim(String name, String text) throws IOException {
        Path p = shims.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs one agent action on {@code node} (at most 60 s). */
    Run run(SoakNode node, String action) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", shims + ":" + root.resolve("bin") + ":"
                + System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("SHIM_LOG", dir.resolve("crm-calls.log").toString());
        env.put("SHIM_DIR", shims.toString());
        env.put("JDRBD_CONTROL_SOCKET", node.socket.toString());
        env.put("JDRBD_HOSTNAME", node.name);
        env.put("__DRBD_NODE__", node.name);
        env.put("HA_LOGFACILITY", "none");
        env.put("HA_LOGFILE", dir.resolve("ha.log").toString());
        env.put("OCF_ROOT", "/usr/lib/ocf");
        env.put("OCF_RESOURCE_INSTANCE", "p_drbd_r0");
        env.put("OCF_RESKEY_drbd_resource", "r0");
        env.put("OCF_RESKEY_drbdconf", conf.toString());
        env.put("OCF_RESKEY_CRM_meta_notify", "true");
        env.put("OCF_RESKEY_CRM_meta_clone_max", "2");
        env.put("OCF_RESKEY_CRM_meta_clone_node_max", "1");
        env.put("OCF_RESKEY_CRM_meta_master_max", "1");
        env.put("OCF_RESKEY_CRM_meta_master_node_max", "1");
        env.put("OCF_RESKEY_CRM_meta_timeout", "30000");
        env.put("OCF_RESKEY_failed_promote_delay", "0");
        env.put("OCF_RESKEY_crm_feature_set", "3.16.2");
        env.put("OCF_EXIT_REASON_PREFIX", "ocf-exit-reason:");
        Path out = Files.createTempFile(dir, action + "-" + node.name + "-", ".out");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("handlers/ocf/drbd").toString(), action)
                .redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new SoakFailure("OCF agent " + action + " on " + node.name + " did not finish within 60 s:\n"
                    + Files.readString(out));
        }
        return new Run(action, node.name, p.exitValue(), Files.readString(out),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Runs {@code action} and requires {@code exitCode}. */
    Run expect(SoakNode node, String action, int exitCode) throws Exception {
        Run r = run(node, action);
        if (r.exitCode() != exitCode) {
            throw new SoakFailure("OCF agent " + action + " on " + node.name + " exited " + r.exitCode()
                    + " (wanted " + exitCode + ") after " + r.elapsedMs() + " ms:\n" + r.output().strip());
        }
        return r;
    }

    static Path repositoryRoot() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/drbdadm")) && Files.isDirectory(p.resolve("handlers/ocf"))) {
                return p;
            }
        }
        throw new IllegalStateException("no jdrbd working tree above " + here);
    }
}
