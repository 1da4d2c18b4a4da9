package org.jdrbd.handlers;

import java.util.Objects;

/**
 * The shell command configured for a handler in the LOCAL drbd.conf ({@code handlers} section).
 *
 * <p>Security contract: a handler command runs as root with {@code /bin/sh -c}, so it must only
 * ever come from this node's own configuration. It is never taken from anything a peer sent
 * (handshake, state packets, peer-supplied names); peers can only influence the environment
 * values, which the shell does not interpret as code. The only factory is therefore named after
 * its one legitimate source, so every call site states where the string came from.
 */
public final class HandlerCommand {
    private final String shellCommand;

    private HandlerCommand(String shellCommand) {
        this.shellCommand = shellCommand;
    }

    /** Wraps a handler string read from the local configuration file. */
    public static HandlerCommand fromLocalConfig(String shellCommand) {
        Objects.requireNonNull(shellCommand, "shellCommand");
        if (shellCommand.isBlank()) {
            throw new IllegalArgumentException("empty handler command");
        }
        return new HandlerCommand(shellCommand);
    }

    /** The text handed to {@code /bin/sh -c}. */
    public String shellCommand() {
        return shellCommand;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandlerCommand c && c.shellCommand.equals(shellCommand);
    }

    @Override
    public int hashCode() {
        return shellCommand.hashCode();
    }

    @Override
    public String toString() {
        return shellCommand;
    }
}
