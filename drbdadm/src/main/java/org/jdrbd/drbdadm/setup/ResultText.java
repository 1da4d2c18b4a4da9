package org.jdrbd.drbdadm.setup;

import java.io.PrintStream;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.statemachine.StateRv;

/**
 * Prints a failed reply and picks drbdsetup's exit code (reference §2.8): ERR_* → 10 with
 * "OBJ: Failure: (NNN) text"; SS_* → "OBJ: State change failed: (-N) text" with 17 for
 * SS_NO_UP_TO_DATE_DISK, 5 for SS_LOWER_THAN_OUTDATED, 16 for SS_NO_LOCAL_DISK, else 11.
 */
final class ResultText {
    /** Exit code for a daemon-side ERR_* refusal or a missing object. */
    static final int EXIT_ERR = 10;
    /** Exit code for a generic state-change refusal. */
    static final int EXIT_STATE = 11;
    /** Exit code when the daemon is unreachable or the command line is bad. */
    static final int EXIT_NO_DAEMON = 20;
    /** Exit code of a timed-out wait. */
    static final int EXIT_TIMEOUT = 5;

    private ResultText() { }

    /** Prints the failure to err and returns the exit code; 0 (nothing printed) on success. */
    static int report(PrintStream err, String obj, Result r) {
        if (r.isSuccess()) {
            return 0;
        }
        int exit;
        if (ErrCode.isErrCode(r.code())) {
            err.print(obj + ": Failure: (" + r.code() + ") " + ErrCode.textFor(r.code()) + "\n");
            exit = EXIT_ERR;
        } else {
            err.print(obj + ": State change failed: (" + r.code() + ") "
                    + StateRv.messageFor(r.code()) + "\n");
            exit = exitForState(r.code());
        }
        if (!r.text().isEmpty()) {
            err.print("additional info from kernel:\n" + r.text() + "\n");
        }
        return exit;
    }

    static int exitForState(int code) {
        if (code == StateRv.SS_NO_UP_TO_DATE_DISK.code()) {
            return 17;
        }
        if (code == StateRv.SS_LOWER_THAN_OUTDATED.code()) {
            return 5;
        }
        if (code == StateRv.SS_NO_LOCAL_DISK.code()) {
            return 16;
        }
        return EXIT_STATE;
    }
}
