package org.jdrbd.drbdadm.plan;

import java.util.List;

/**
 * One planned backend command. tool is "drbdsetup" or "drbdmeta"; res names the resource
 * (for -n VAR output); fallback marks drbdmeta steps that only run when the drbdsetup step
 * before them failed (dry-run prints them anyway). A step with a {@link Failure} runs nothing:
 * it stands for an error drbd-utils reports at that point of the plan (after the steps before
 * it have run).
 */
public record Cmd(String tool, List<String> args, String res, boolean fallback, Failure failure) {

    /** An error met while walking the config: its message, exit code and whether it ends the plan. */
    public record Failure(String message, int exitCode, boolean stops) { }

    /** A normal command line. */
    public Cmd(String tool, List<String> args, String res, boolean fallback) {
        this(tool, args, res, fallback, null);
    }

    /** An error step (see {@link Failure}). */
    public static Cmd failure(String res, String message, int exitCode, boolean stops) {
        return new Cmd("error", List.of(), res, false, new Failure(message, exitCode, stops));
    }

    /** Shell-escaped command line as printed by -d. */
    public String line(String toolName) {
        StringBuilder b = new StringBuilder(toolName);
        for (String a : args) {
            b.append(' ').append(ShellEscape.escape(a));
        }
        return b.toString();
    }
}
