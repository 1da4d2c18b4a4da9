package org.jdrbd.drbdadm.plan;

import java.util.List;

/**
 * One planned backend command. tool is "drbdsetup" or "drbdmeta"; res names the resource
 * (for -n VAR output); fallback marks drbdmeta steps that only run when the drbdsetup step
 * before them failed (dry-run prints them anyway).
 */
public record Cmd(String tool, List<String> args, String res, boolean fallback) {

    /** Shell-escaped command line as printed by -d. */
    public String line(String toolName) {
        StringBuilder b = new StringBuilder(toolName);
        for (String a : args) {
            b.append(' ').append(ShellEscape.escape(a));
        }
        return b.toString();
    }
}
