package org.jdrbd.drbdadm.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: drbdmeta's confirmation with --force, without a terminal on stdin, and with a user
 * typing an answer (texts as Debian's drbdmeta 9.22 prints them on a loop device, where regular
 * files cannot go: they always need --force).
 * Expectation: --force says so and answers yes; no terminal says "stdin not a TTY, not waiting
 * for confirmation" and answers no without reading; a user's answer counts only when it is
 * "yes".
 * Why: scripts run drbdmeta without a terminal; it must never block or guess "yes" there.
 */
class ConsoleTest {
  @ParameterizedTest(name = "force={0} interactive={1} typed={2}")
  @CsvSource(delimiter = '|', value = {
      "true  | false | ''   | true  | '\\nQ?\\n*** confirmation forced via --force option ***\\n'",
      "false | false | yes  | false | '\\nQ?\\nstdin not a TTY, not waiting for confirmation\\n'",
      "false | true  | yes  | true  | '\\nQ?\\n[need to type ''yes'' to confirm] \\n'",
      "false | true  | no   | false | '\\nQ?\\n[need to type ''yes'' to confirm] \\n'",
      "false | true  | ''   | false | '\\nQ?\\n[need to type ''yes'' to confirm] \\n'",
  })
  void confirmAnswersAsDrbdmetaDoes(boolean force, boolean interactive, String typed,
      boolean answer, String stderr) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayInputStream in = new ByteArrayInputStream((typed + "\n").getBytes(StandardCharsets.UTF_8));
    Console c = new Console(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8), in, force, interactive);
    assertEquals(answer, c.confirm("Q?"));
    assertEquals(stderr.replace("\\n", "\n"), err.toString(StandardCharsets.UTF_8));
    assertEquals(force || !interactive ? typed.length() + 1 : 0, in.available(),
        "read stdin only when waiting for an answer");
  }
}
