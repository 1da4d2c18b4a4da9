package org.jdrbd.drbdadm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: drbdadm command lines, table-driven, read by our getopt_long-like parser with a
 * fake file system (files named "ok*" are readable, programs under /bin executable).
 * Expectation: the command, names and backend options (in full spelling) drbd-utils 9.22 takes
 * from them, or the first error with its exit code; options act in command-line order (-c and -s
 * checks before later problems, -V ends the parse); abbreviations resolve like GNU getopt_long
 * (look-alike backend options are not ambiguous, general options are).
 * Why: scripts pass options in every order and spelling; a different reading runs a different
 * command or refuses a valid one.
 */
class OptionsTest {
    private final List<String> probed = new ArrayList<>();

    private final Options.Probe files = new Options.Probe() {
        @Override
        public boolean readable(String file) {
            probed.add("r:" + file);
            return file.startsWith("ok");
        }

        @Override
        public boolean executable(String path) {
            probed.add("x:" + path);
            return path.startsWith("/bin/");
        }
    };

    private Options parse(String line) {
        return Options.parse(line.isEmpty() ? new String[0] : line.split(" "), files);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-d up r0|up|[r0]|[]",
        "up r0 --forc|up|[r0]|[--force]",
        "primary --forc=1 r0|primary|[r0]|[--force=1]",
        "attach --size 10G r0|attach|[r0]|[--size=10G]",
        "create-md --max-peers 3 r0 --force|create-md|[r0]|[--max-peers=3, --force]",
        "r0 -d up|up|[]|[]",
        "-d -- primary r0 --force|primary|[r0, --force]|[]",
        "foo help up|help|[up]|[]",
        "-W --foo up r0|up|[r0]|[]"})
    void readsCommandNamesAndBackendOptions(String line, String cmd, String names, String backend) {
        Options o = parse(line);
        assertThat(o.error).isNull();
        assertThat(o.command).isEqualTo(cmd);
        assertThat(o.names.toString()).isEqualTo(names);
        assertThat(o.backendOpts.toString()).isEqualTo(backend);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--bogus up|1|drbdadm: unrecognized option '--bogus'",
        "up --bogus=1|1|drbdadm: unrecognized option '--bogus=1'",
        "-x up|1|drbdadm: invalid option -- 'x'",
        "up r0 -s|1|drbdadm: option requires an argument -- 's'",
        "up r0 --drbdsetup|1|drbdadm: option '--drbdsetup' requires an argument",
        "--dry-run=1 up|1|drbdadm: option '--dry-run' doesn't allow an argument",
        "--v up|1|drbdadm: option '--v' is ambiguous; possibilities: '--verbose' '--version' '--verify-alg' '--verify-alg'",
        "-c missing.res up --bogus|20|Can not open 'missing.res'.",
        "-s /usr/x/drbdsetup dump|20|Can not find command (drbdsetup/drbdmeta)"})
    void reportsTheFirstProblem(String line, int code, String firstLine) {
        Options o = parse(line);
        assertThat(o.errorCode).isEqualTo(code);
        assertThat(o.error.split("\n")[0]).isEqualTo(firstLine);
    }

    @Test
    void optionsActInOrder() {
        Options o = parse("-s /bin/drbdsetup -c okfile -V -c missing");
        assertThat(o.version).isTrue();
        assertThat(o.error).isNull();
        // -V ended the parse: the second -c was never looked at
        assertThat(probed).containsExactly("x:/bin/drbdsetup", "r:okfile");
    }

    @Test
    void backendOptionsAreCheckedPerCommand() {
        assertThat(parse("up --discard-my-data r0").unsupportedBackendOption("up"))
                .isEqualTo("drbdadm: unrecognized option '--discard-my-data'\ntry 'drbdadm help up'\n");
        assertThat(parse("connect --discard-my-data r0").unsupportedBackendOption("connect")).isNull();
        assertThat(parse("set-gi --force r0/0").unsupportedBackendOption("set-gi")).isNull();
    }

    @Test
    void excludesAccumulate() {
        Options o = parse("-E a.res -E b.res -t okt.res dump");
        assertThat(o.configToExclude).containsExactly("a.res", "b.res");
        assertThat(o.configToTest).isEqualTo("okt.res");
    }
}
