package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * DRBD's after-split-brain policies ({@code enum drbd_after_sb_p}, fact sheet §4.1) with their wire
 * value in P_PROTOCOL, shared by after-sb-0pri, after-sb-1pri, after-sb-2pri and rr-conflict. Each
 * option accepts only some of them; a policy that makes no sense for its case is a configuration
 * error at load time ({@link #parse}, {@link #validate}), and the recovery functions still treat it
 * as "Configuration error." should one slip through.
 */
public enum AfterSbPolicy {
    /** Drop the connection (the default everywhere). */
    DISCONNECT(0),
    /** 0pri: discard the node that was Primary more recently. */
    DISCARD_YOUNGER_PRIMARY(1),
    /** 0pri: discard the node that was Primary earlier. */
    DISCARD_OLDER_PRIMARY(2),
    /** 0pri: discard the node that wrote nothing; if both wrote, disconnect. */
    DISCARD_ZERO_CHANGES(3),
    /** 0pri: discard the node with fewer changed blocks. */
    DISCARD_LEAST_CHANGES(4),
    /** 0pri: discard this node's data. */
    DISCARD_LOCAL(5),
    /** 0pri: discard the peer's data. */
    DISCARD_REMOTE(6),
    /** 1pri: follow after-sb-0pri only if it discards the Secondary. */
    CONSENSUS(7),
    /** 1pri: discard the Secondary. */
    DISCARD_SECONDARY(8),
    /** 1pri/2pri: after-sb-0pri decides; a losing Primary demotes or the handler runs. rr: pri-lost. */
    CALL_HELPER(9),
    /** 1pri/2pri: use after-sb-0pri even against a Primary. rr: become SyncTarget anyway. */
    VIOLENTLY(10);

    /** The four options that take a policy. */
    public enum Option {
        /** No node is Primary. */
        AFTER_SB_0PRI("after-sb-0pri"),
        /** Exactly one node is Primary. */
        AFTER_SB_1PRI("after-sb-1pri"),
        /** Both nodes are Primary. */
        AFTER_SB_2PRI("after-sb-2pri"),
        /** The handshake says SyncTarget while this node is Primary. */
        RR_CONFLICT("rr-conflict");

        private final String configName;

        Option(String configName) {
            this.configName = configName;
        }

        /** The drbd.conf keyword. */
        public String configName() {
            return configName;
        }
    }

    /**
     * A parse or validation result: a policy, or a configuration error message.
     *
     * @param policy the policy when valid, else {@code null}
     * @param error the message when invalid, else {@code null}
     */
    public record Parsed(AfterSbPolicy policy, String error) {
        static Parsed ok(AfterSbPolicy p) {
            return new Parsed(p, null);
        }

        static Parsed fail(String message) {
            return new Parsed(null, message);
        }

        /** Whether a valid policy was found. */
        public boolean isOk() {
            return policy != null;
        }
    }

    /** The drbd.conf prefix that names the node whose data is discarded (0pri only). */
    public static final String DISCARD_NODE_PREFIX = "discard-node-";

    private final int wireValue;

    AfterSbPolicy(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The value in P_PROTOCOL and netlink. */
    public int wireValue() {
        return wireValue;
    }

    /** Decodes a wire value; {@code null} when out of range. */
    public static AfterSbPolicy fromWireValue(int value) {
        for (AfterSbPolicy p : values()) {
            if (p.wireValue == value) {
                return p;
            }
        }
        return null;
    }

    /** The policies an option accepts. */
    public static Set<AfterSbPolicy> allowed(Option option) {
        return switch (option) {
            case AFTER_SB_0PRI -> EnumSet.of(DISCONNECT, DISCARD_YOUNGER_PRIMARY, DISCARD_OLDER_PRIMARY,
                    DISCARD_ZERO_CHANGES, DISCARD_LEAST_CHANGES, DISCARD_LOCAL, DISCARD_REMOTE);
            case AFTER_SB_1PRI -> EnumSet.of(DISCONNECT, CONSENSUS, DISCARD_SECONDARY, CALL_HELPER, VIOLENTLY);
            case AFTER_SB_2PRI -> EnumSet.of(DISCONNECT, CALL_HELPER, VIOLENTLY);
            case RR_CONFLICT -> EnumSet.of(DISCONNECT, CALL_HELPER, VIOLENTLY);
        };
    }

    /** The drbd.conf word for this policy under an option; {@code null} when the option rejects it. */
    public String configName(Option option) {
        if (!allowed(option).contains(this)) {
            return null;
        }
        return switch (this) {
            case DISCONNECT -> "disconnect";
            case DISCARD_YOUNGER_PRIMARY -> "discard-younger-primary";
            case DISCARD_OLDER_PRIMARY -> "discard-older-primary";
            case DISCARD_ZERO_CHANGES -> "discard-zero-changes";
            case DISCARD_LEAST_CHANGES -> "discard-least-changes";
            case DISCARD_LOCAL -> "discard-local";
            case DISCARD_REMOTE -> "discard-remote";
            case CONSENSUS -> "consensus";
            case DISCARD_SECONDARY -> "discard-secondary";
            case CALL_HELPER -> option == Option.RR_CONFLICT ? "call-pri-lost" : "call-pri-lost-after-sb";
            case VIOLENTLY -> option == Option.RR_CONFLICT ? "violently" : "violently-as0p";
        };
    }

    /** The accepted words of an option, in wire order, "a | b | c". */
    public static String allowedWords(Option option) {
        List<String> words = new ArrayList<>();
        for (AfterSbPolicy p : values()) {
            String w = p.configName(option);
            if (w != null) {
                words.add(w);
            }
        }
        return String.join(" | ", words);
    }

    /**
     * Parses a drbd.conf word for an option. {@code discard-node-NAME} (after-sb-0pri only) becomes
     * discard-local on host NAME and discard-remote on every other host ({@code localHost}).
     */
    public static Parsed parse(Option option, String word, String localHost) {
        if (word == null || word.isEmpty()) {
            return Parsed.fail("missing value for " + option.configName() + "; allowed values are: "
                    + allowedWords(option));
        }
        if (option == Option.AFTER_SB_0PRI && word.startsWith(DISCARD_NODE_PREFIX)) {
            return resolveDiscardNode(word.substring(DISCARD_NODE_PREFIX.length()), localHost);
        }
        for (AfterSbPolicy p : values()) {
            if (word.equals(p.configName(option))) {
                return Parsed.ok(p);
            }
        }
        return Parsed.fail("invalid value '" + word + "' for " + option.configName()
                + "; allowed values are: " + allowedWords(option));
    }

    /** The discard-node-NAME rewrite: discard-local where NAME is this host, discard-remote elsewhere. */
    public static Parsed resolveDiscardNode(String nodeName, String localHost) {
        if (nodeName == null || nodeName.isEmpty()) {
            return Parsed.fail("invalid value '" + DISCARD_NODE_PREFIX + "' for after-sb-0pri: a host name must"
                    + " follow '" + DISCARD_NODE_PREFIX + "'");
        }
        if (localHost == null || localHost.isEmpty()) {
            return Parsed.fail("cannot resolve '" + DISCARD_NODE_PREFIX + nodeName
                    + "' for after-sb-0pri: the local host name is unknown");
        }
        return Parsed.ok(nodeName.equals(localHost) ? DISCARD_LOCAL : DISCARD_REMOTE);
    }

    /** Checks a policy value (e.g. from netlink) against its option. */
    public static Parsed validate(Option option, AfterSbPolicy policy) {
        if (policy == null) {
            return Parsed.fail("missing value for " + option.configName());
        }
        if (!allowed(option).contains(policy)) {
            return Parsed.fail("policy " + policy.name().toLowerCase().replace('_', '-') + " makes no sense for "
                    + option.configName() + "; allowed values are: " + allowedWords(option));
        }
        return Parsed.ok(policy);
    }

    /** The value as the peer sees it: discard-local and discard-remote swap sides (convert_after_sb). */
    public AfterSbPolicy peerView() {
        return switch (this) {
            case DISCARD_LOCAL -> DISCARD_REMOTE;
            case DISCARD_REMOTE -> DISCARD_LOCAL;
            default -> this;
        };
    }
}
