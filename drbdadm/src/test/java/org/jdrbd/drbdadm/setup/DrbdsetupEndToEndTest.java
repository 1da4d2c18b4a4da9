package org.jdrbd.drbdadm.setup;

// Scenario: drbdsetup command lines (as drbdadm plans them, reference §2.5) run in-process
// against the JDK test server with a fake ControlHandler defined here, which answers from fixed
// data and records the typed option values it received. Expectation per row: exit code, stdout
// and stderr as reference §2.7/§2.8 (17 / 5 / 11 for refused state changes, 10 for unknown
// objects and ERR_* failures, 5 for timed-out waits, 20 for bad command lines); option values
// arrive converted to their Limits unit; with no daemon, exit 20 and a message naming the socket
// (stdout empty, as Debian's drbdsetup without a kernel module). Why: this is the whole path
// drbdadm and Pacemaker use.

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.Request;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.netlink.transport.ControlHandler;
import org.jdrbd.netlink.transport.ReplySink;
import org.jdrbd.netlink.transport.SocketServer;
import org.jdrbd.statemachine.StateRv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DrbdsetupEndToEndTest {
    @TempDir
    static Path dir;
    static SocketServer server;
    /** What the fake daemon received, by "command: key" → value. */
    static final Map<String, Object> seen = new ConcurrentHashMap<>();

    record Run(int exit, String out, String err) { }

    /** The fake daemon: fixed state for r0 (see Fixtures.syncingR0). */
    static final ControlHandler FAKE = DrbdsetupEndToEndTest::handle;

    static void handle(Request req, ReplySink sink) {
        String res = req.header().resource();
        boolean known = res.isEmpty() || res.equals("r0");
        record(req);
        Result ok = Result.ok();
        TagList data = new TagList();
        switch (req.command()) {
            case PRIMARY -> ok = req.tags().getFlag(Tags.FORCE) ? Result.ok()
                    : Result.state(StateRv.SS_NO_UP_TO_DATE_DISK, "");
            case SECONDARY -> ok = Result.state(StateRv.SS_DEVICE_IN_USE, "held by pid 42");
            case OUTDATE -> ok = Result.state(StateRv.SS_LOWER_THAN_OUTDATED, "");
            case CONNECT -> ok = Result.err(ErrCode.ERR_NET_CONFIGURED, "");
            case STATUS, ROLE, CSTATE, DSTATE, SHOW -> Fixtures.syncingR0().forEach(o ->
                    data.addNested(Tags.OBJECT, o.toTags(new TagList())));
            case GET_GI, SHOW_GI -> data.addLong(Tags.CURRENT_UUID, 0x5A5A5A5A12345678L)
                    .addLong(Tags.MD_FLAGS, MdFlags.CONSISTENT | MdFlags.AL_CLEAN);
            case WAIT_CONNECT_RESOURCE -> data.addFlag(Tags.TIMED_OUT, true);
            case EVENTS2 -> {
                Fixtures.syncingR0().forEach(o -> sink.event(new EventRecord(EventAction.EXISTS, o, 0)));
                sink.event(EventRecord.endOfDump(0));
            }
            default -> { }
        }
        if (!known) {
            ok = Result.err(ErrCode.ERR_RES_NOT_KNOWN, "");
        }
        sink.reply(ok, data);
    }

    static void record(Request req) {
        String c = req.command().cliName();
        seen.put(c, true);
        for (Limits.Section s : req.command().sections()) {
            TagList opts = req.tags().getNested(Tags.container(s));
            if (opts != null) {
                opts.all().forEach(t -> seen.put(c + ": " + t.def().name(), t.value()));
            }
        }
        req.tags().all().forEach(t -> seen.putIfAbsent(c + ": " + t.def().name(), t.value()));
    }

    @BeforeAll
    static void start() throws Exception {
        server = SocketServer.start(dir.resolve("control.sock"), FAKE);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Run run(Path socket, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = DrbdsetupMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("JDRBD_CONTROL_SOCKET", socket.toString()), false, ZoneOffset.UTC);
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("status r0", 0, Fixtures.resource("/setup/status-sync.txt"), ""),
                Arguments.of("status", 0, Fixtures.resource("/setup/status-sync.txt"), ""),
                Arguments.of("status r9", 10, "", "r9: No such resource\n"),
                Arguments.of("role r0", 0, "Primary\n", ""),
                Arguments.of("role r9", 10, "", "r9: Unknown resource\n"),
                Arguments.of("cstate r0 1", 0, "Connected\n", ""),
                Arguments.of("cstate r0 3", 10, "", "r0: No such connection\n"),
                Arguments.of("dstate 0", 0, "UpToDate/Inconsistent\n", ""),
                Arguments.of("0 dstate", 0, "UpToDate/Inconsistent\n", ""),
                Arguments.of("/dev/drbd7 dstate", 10, "", "/dev/drbd7: No such device\n"),
                Arguments.of("get-gi r0 1 0", 0,
                        "5A5A5A5A12345678:0000000000000000:0000000000000000:0000000000000000:1:0:0:0:1:0:0:0:0:0:0:0\n", ""),
                Arguments.of("primary r0", 17, "", "r0: State change failed: (-2) Need access to UpToDate data\n"),
                Arguments.of("primary r0 --force", 0, "", ""),
                Arguments.of("secondary r0", 11, "", "r0: State change failed: (-12) Device is held open by someone\n"
                        + "additional info from kernel:\nheld by pid 42\n"),
                Arguments.of("outdate r0 0", 5, "", "r0: State change failed: (-16) Disk state is lower than outdated\n"),
                Arguments.of("connect r0 1", 10, "", "r0: Failure: (125) Device has a net-config (use disconnect first)\n"),
                Arguments.of("wait-connect-resource r0 --wfc-timeout=1 --degr-wfc-timeout=1 --outdated-wfc-timeout=1", 5, "", ""),
                Arguments.of("down r0", 0, "", ""),
                Arguments.of("new-minor r0 0", 20, "", "drbdsetup new-minor: missing argument volume\n"
                        + "USAGE: drbdsetup new-minor {resource} {minor} {volume} [--diskless]\n"),
                Arguments.of("disk-options 0 --disk-timeout=7000", 20, "",
                        "drbdsetup disk-options: --disk-timeout: 7000 is out of range [0...6000]\n"),
                Arguments.of("net-options r0 1 --protocol=D", 20, "",
                        "drbdsetup net-options: --protocol: unknown value 'D'; allowed: A | B | C\n"),
                Arguments.of("bogus r0", 20, "", "drbdsetup: unknown command 'bogus'"));
    }

    @ParameterizedTest(name = "drbdsetup {0}")
    @MethodSource("rows")
    void commandLines(String line, int exit, String out, String err) {
        Run r = run(server.path(), line.split(" "));
        assertThat(r.out()).isEqualTo(out);
        assertThat(r.err()).startsWith(err);
        assertThat(r.exit()).isEqualTo(exit);
    }

    @Test
    void optionValuesArriveTypedAndInTheirUnits() {
        assertThat(run(server.path(), "attach", "0", "/dev/vg/lv0", "/dev/vg/lv0", "internal",
                "--on-io-error=detach", "--al-extents=3001", "--disk-barrier=yes", "--md-flushes=no",
                "--size=100G").exit()).isZero();
        assertThat(seen).containsEntry("attach: on-io-error", 2L).containsEntry("attach: al-extents", 3001L)
                .containsEntry("attach: disk-barrier", true).containsEntry("attach: md-flushes", false)
                .containsEntry("attach: size", 209715200L).containsEntry("attach: backing-dev", "/dev/vg/lv0")
                .containsEntry("attach: meta-idx", "internal");
        assertThat(run(server.path(), "peer-device-options", "r0", "1", "0", "--resync-rate=100M",
                "--c-fill-target=1M", "--c-plan-ahead=10").exit()).isZero();
        assertThat(seen).containsEntry("peer-device-options: resync-rate", 102400L)
                .containsEntry("peer-device-options: c-fill-target", 2048L)
                .containsEntry("peer-device-options: c-plan-ahead", 10L);
        assertThat(run(server.path(), "new-peer", "r0", "1", "--_name=beta", "--protocol=C",
                "--sndbuf-size=1M", "--shared-secret=s3cr3t with space").exit()).isZero();
        assertThat(seen).containsEntry("new-peer: _name", "beta").containsEntry("new-peer: protocol", 2L)
                .containsEntry("new-peer: sndbuf-size", 1048576L)
                .containsEntry("new-peer: shared-secret", "s3cr3t with space");
        assertThat(run(server.path(), "new-resource", "r0", "0", "--quorum=majority", "--auto-promote=no")
                .exit()).isZero();
        assertThat(seen).containsEntry("new-resource: quorum", "majority")
                .containsEntry("new-resource: node-id", 0L);
        assertThat(run(server.path(), "new-current-uuid", "0", "--clear-bitmap").exit()).isZero();
        assertThat(seen).containsEntry("new-current-uuid: clear-bitmap", true);
    }

    @Test
    void events2NowPrintsTheDumpAndExitsZero() {
        Run r = run(server.path(), "events2", "--now", "r0");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).first().asString().startsWith("exists resource name:r0 role:Primary");
        assertThat(lines).last().isEqualTo("exists -");
        assertThat(lines).hasSize(6);
    }

    @Test
    void noDaemonExits20NamingTheSocket() {
        Path absent = dir.resolve("nobody-here.sock");
        for (String[] argv : List.of(new String[] {"status"}, new String[] {"0", "dstate"},
                new String[] {"primary", "r0"})) {
            Run r = run(absent, argv);
            assertThat(r.exit()).isEqualTo(20);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains(absent.toString()).contains("JDRBD_CONTROL_SOCKET");
        }
    }

    @Test
    void showPrintsConfigSyntax() {
        Run r = run(server.path(), "show", "r0");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("resource \"r0\" {\n").contains("_peer_node_id 1;")
                .contains("_this_host ipv4 127.0.0.1:7789;").contains("device\t\t\tminor 0;");
    }

    @Test
    void statusJsonIsAnArrayOfResources() {
        Run r = run(server.path(), "status", "--json", "r0");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("[\n{\n  \"name\": \"r0\",\n  \"role\": \"Primary\"")
                .contains("\"disk-state\": \"UpToDate\"").contains("\"percent-in-sync\": 37.50")
                .endsWith("}\n]\n");
    }
}
