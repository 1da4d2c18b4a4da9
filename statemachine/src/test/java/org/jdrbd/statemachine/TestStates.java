package org.jdrbd.statemachine;

import java.util.function.Consumer;

/**
 * Test helper: states and contexts from short text, so rule tables read like the fact sheet.
 * States use {@link State#toString()}'s words ("role:Primary conn:Connected disk:UpToDate
 * susp_fen"); missing fields come from {@link State#INITIAL}. Contexts are space-separated tokens
 * over {@link StateContext#DEFAULTS}.
 */
final class TestStates {

    private TestStates() {
    }

    /** Parses a state; throws on unknown words so a typo cannot pass silently. */
    static State st(String text) {
        State s = State.INITIAL;
        for (String tok : text.trim().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            s = applyToken(s, tok);
        }
        return s;
    }

    private static State applyToken(State s, String tok) {
        int colon = tok.indexOf(':');
        if (colon < 0) {
            return switch (tok) {
                case "susp" -> s.withSusp(true);
                case "susp_nod" -> s.withSuspNod(true);
                case "susp_fen" -> s.withSuspFen(true);
                case "aftr_isp" -> s.withAftrIsp(true);
                case "peer_isp" -> s.withPeerIsp(true);
                case "user_isp" -> s.withUserIsp(true);
                default -> throw new IllegalArgumentException("unknown flag " + tok);
            };
        }
        String key = tok.substring(0, colon);
        String val = tok.substring(colon + 1);
        return switch (key) {
            case "role" -> s.withRole(role(val));
            case "peer" -> s.withPeer(role(val));
            case "conn" -> s.withConn(conn(val));
            case "disk" -> s.withDisk(disk(val));
            case "pdsk" -> s.withPdsk(disk(val));
            default -> throw new IllegalArgumentException("unknown field " + key);
        };
    }

    static Role role(String name) {
        for (Role r : Role.values()) {
            if (r.displayName().equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role " + name);
    }

    static ConnState conn(String name) {
        for (ConnState c : ConnState.values()) {
            if (c.displayName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown conn " + name);
    }

    static DiskState disk(String name) {
        for (DiskState d : DiskState.values()) {
            if (d.displayName().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown disk " + name);
    }

    /**
     * Parses a context: tokens {@code no-net two-primaries o-vol-peer-pri verify-alg apv=N open
     * state-sent resource-only stonith suspend-io bm-uuid-set io-error call-local-io-error
     * new-cur-uuid-pending crashed-primary attach=DISK/PDSK/match|nomatch}.
     */
    static StateContext ctx(String text) {
        StateContext c = StateContext.DEFAULTS;
        for (String tok : text.trim().split("\\s+")) {
            c = applyCtx(c, tok);
        }
        return c;
    }

    private static StateContext applyCtx(StateContext c, String tok) {
        if (tok.isEmpty()) {
            return c;
        }
        if (tok.startsWith("apv=")) {
            return c.withAgreedProtocolVersion(Integer.parseInt(tok.substring(4)));
        }
        if (tok.startsWith("attach=")) {
            String[] p = tok.substring(7).split("/");
            return c.withAttachResult(disk(p[0]), disk(p[1]), p[2].equals("match"));
        }
        return switch (tok) {
            case "no-net" -> c.withNetConfigured(false);
            case "two-primaries" -> c.withAllowTwoPrimaries(true);
            case "o-vol-peer-pri" -> c.withPeerPrimaryOnOtherVolume(true);
            case "verify-alg" -> c.withVerifyAlgConfigured(true);
            case "open" -> c.withDeviceOpen(true);
            case "state-sent" -> c.withStateSent(true);
            case "resource-only" -> c.withFencing(FencingPolicy.RESOURCE_ONLY);
            case "stonith" -> c.withFencing(FencingPolicy.RESOURCE_AND_STONITH);
            case "suspend-io" -> c.withOnNoDataAccessible(OnNoDataAccessible.SUSPEND_IO);
            case "bm-uuid-set" -> c.withBitmapUuidZero(false);
            case "io-error" -> c.withIoErrorPending(true);
            case "call-local-io-error" -> c.withOnIoError(OnIoError.CALL_LOCAL_IO_ERROR);
            case "new-cur-uuid-pending" -> c.withNewCurUuidPending(true);
            case "crashed-primary" -> c.withCrashedPrimary(true);
            default -> throw new IllegalArgumentException("unknown context token " + tok);
        };
    }

    /**
     * Visits every state: 3 roles x 3 peer roles x 24 conn x 9 disk x 9 pdsk x the three susp
     * flags, and with {@code allIspFlags} also the three isp flags.
     */
    static void forEachState(boolean allIspFlags, Consumer<State> visitor) {
        int flagCombos = allIspFlags ? 64 : 8;
        for (Role r : Role.values()) {
            for (Role p : Role.values()) {
                for (ConnState c : ConnState.values()) {
                    for (DiskState d : DiskState.values()) {
                        for (DiskState pd : DiskState.values()) {
                            for (int f = 0; f < flagCombos; f++) {
                                visitor.accept(new State(r, p, c, d, pd, (f & 1) != 0,
                                        (f & 2) != 0, (f & 4) != 0, (f & 8) != 0, (f & 16) != 0,
                                        (f & 32) != 0));
                            }
                        }
                    }
                }
            }
        }
    }
}
