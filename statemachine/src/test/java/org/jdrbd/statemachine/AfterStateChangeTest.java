package org.jdrbd.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.statemachine.TestStates.ctx;
import static org.jdrbd.statemachine.TestStates.st;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.jdrbd.statemachine.Effect.ClearNewCurUuidPending;
import org.jdrbd.statemachine.Effect.CancelResync;
import org.jdrbd.statemachine.Effect.MdSync;
import org.jdrbd.statemachine.Effect.NewCurrentUuid;
import org.jdrbd.statemachine.Effect.NewSyncUuid;
import org.jdrbd.statemachine.Effect.RequestConnState;
import org.jdrbd.statemachine.Effect.ResetResyncCounters;
import org.jdrbd.statemachine.Effect.ResumeDependentResyncs;
import org.jdrbd.statemachine.Effect.RunHandler;
import org.jdrbd.statemachine.Effect.SendBitmap;
import org.jdrbd.statemachine.Effect.SendState;
import org.jdrbd.statemachine.Effect.SendSyncUuid;
import org.jdrbd.statemachine.Effect.SendUuids;
import org.jdrbd.statemachine.Effect.SendUuidsAndState;
import org.jdrbd.statemachine.Effect.SetAllBitmapBits;
import org.jdrbd.statemachine.Effect.SetNewCurUuidPending;
import org.jdrbd.statemachine.Effect.StartResync;
import org.jdrbd.statemachine.Effect.Suspension;
import org.jdrbd.statemachine.Effect.ThawIo;
import org.jdrbd.statemachine.Effect.TlRestart;
import org.jdrbd.statemachine.Effect.WriteBitmap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: one committed change per after_state_ch side effect of fact sheet §2.7 (and the thaw
 * paths of §5.3), plus near misses that must produce nothing.
 * Expectation: exactly the listed effects, in the fact sheet's order, each with the durability
 * the executor relies on (UUIDs and bitmap durable before anything that follows).
 * Why: these effects are what the daemon does to disks, peers and handlers; a missing new current
 * UUID after losing the peer is a silent split brain later.
 */
class AfterStateChangeTest {

    static Stream<Arguments> rows() {
        return Stream.of(
            arguments("pri-on-incon-degr on promotion without UpToDate data",
                "role:Secondary conn:WFConnection disk:Consistent",
                "role:Primary conn:WFConnection disk:Consistent", "",
                List.of(new RunHandler(HandlerName.PRI_ON_INCON_DEGR))),
            arguments("no pri-on-incon-degr when already in that state",
                "role:Primary conn:WFConnection disk:Consistent",
                "role:Primary conn:WFConnection disk:Inconsistent", "", List.of()),
            arguments("susp_nod thaws on reconnect with RESEND",
                "role:Primary conn:WFReportParams disk:Inconsistent susp_nod",
                "role:Primary peer:Secondary conn:Connected disk:Inconsistent pdsk:UpToDate susp_nod",
                "", List.of(new ThawIo(Suspension.NO_DATA, TlRestart.RESEND))),
            arguments("susp_nod thaws when attach reaches UpToDate",
                "role:Primary conn:StandAlone disk:Attaching susp_nod",
                "role:Primary conn:StandAlone disk:UpToDate susp_nod", "",
                List.of(new ThawIo(Suspension.NO_DATA, TlRestart.RESTART_FROZEN_DISK_IO))),
            arguments("susp_nod stays while another volume is still disconnected",
                "role:Primary conn:WFReportParams disk:Inconsistent susp_nod",
                "role:Primary peer:Secondary conn:Connected disk:Inconsistent pdsk:UpToDate susp_nod",
                "other-volume-unconnected", List.of()),
            arguments("susp_fen case 2: reconnect drops NEW_CUR_UUID and resends",
                "role:Primary conn:WFReportParams disk:UpToDate susp_fen",
                "role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate susp_fen",
                "new-cur-uuid-pending",
                List.of(new ClearNewCurUuidPending(), new ThawIo(Suspension.FENCING, TlRestart.RESEND))),
            arguments("susp_fen case 1: peer fenced, owed UUID generated, pending requests fail over",
                "role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown susp_fen",
                "role:Primary conn:WFConnection disk:UpToDate pdsk:Outdated susp_fen",
                "new-cur-uuid-pending",
                List.of(new SetNewCurUuidPending(), new NewCurrentUuid(),
                    new ClearNewCurUuidPending(),
                    new ThawIo(Suspension.FENCING, TlRestart.CONNECTION_LOST_WHILE_PENDING))),
            arguments("susp_fen case 1 without a debt: only the thaw",
                "role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown susp_fen",
                "role:Primary conn:WFConnection disk:UpToDate pdsk:Outdated susp_fen",
                "bm-uuid-set",
                List.of(new ThawIo(Suspension.FENCING, TlRestart.CONNECTION_LOST_WHILE_PENDING))),
            arguments("susp_fen stays while the peer may still have data",
                "role:Primary conn:Connected peer:Secondary disk:UpToDate pdsk:UpToDate",
                "role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown susp_fen", "bm-uuid-set",
                List.of()),
            arguments("SyncSource with apv >= 96 makes and sends a sync UUID",
                "peer:Secondary conn:WFBitMapS disk:UpToDate pdsk:Inconsistent",
                "peer:Secondary conn:SyncSource disk:UpToDate pdsk:Inconsistent", "apv=96",
                List.of(new NewSyncUuid(), new SendSyncUuid())),
            arguments("PausedSyncS also counts",
                "peer:Secondary conn:WFBitMapS disk:UpToDate pdsk:Inconsistent",
                "peer:Secondary conn:PausedSyncS disk:UpToDate pdsk:Inconsistent user_isp", "apv=101",
                List.of(new NewSyncUuid(), new SendSyncUuid())),
            arguments("no sync UUID with apv 95",
                "peer:Secondary conn:WFBitMapS disk:UpToDate pdsk:Inconsistent",
                "peer:Secondary conn:SyncSource disk:UpToDate pdsk:Inconsistent", "apv=95", List.of()),
            arguments("peer attached: reset counters, send UUIDs and state",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:Diskless",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:Inconsistent", "",
                List.of(new ResetResyncCounters(), new SendUuidsAndState())),
            arguments("entering WFBitMapS sends the bitmap",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "peer:Secondary conn:WFBitMapS disk:UpToDate pdsk:Inconsistent", "",
                List.of(new SendBitmap())),
            arguments("Primary loses the peer: new current UUID",
                "role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "role:Primary conn:NetworkFailure disk:UpToDate pdsk:DUnknown", "",
                List.of(new NewCurrentUuid())),
            arguments("connected peer's disk fails under a Primary: new UUID, peer told",
                "role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:Failed", "",
                List.of(new NewCurrentUuid(), new SendUuids())),
            arguments("Primary loses the peer while frozen: UUID deferred",
                "role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "role:Primary conn:NetworkFailure disk:UpToDate pdsk:DUnknown susp", "",
                List.of(new SetNewCurUuidPending())),
            arguments("DUnknown -> Outdated (fenced) under a Primary: new current UUID",
                "role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown",
                "role:Primary conn:WFConnection disk:UpToDate pdsk:Outdated", "",
                List.of(new NewCurrentUuid())),
            arguments("no new UUID while the bitmap UUID is set",
                "role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "role:Primary conn:NetworkFailure disk:UpToDate pdsk:DUnknown", "bm-uuid-set", List.of()),
            arguments("no new UUID when both are Secondary",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "conn:NetworkFailure disk:UpToDate pdsk:DUnknown", "", List.of()),
            arguments("diskless peer becomes Primary: new current UUID, sent",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:Diskless",
                "peer:Primary conn:Connected disk:UpToDate pdsk:Diskless", "",
                List.of(new NewCurrentUuid(), new SendUuids())),
            arguments("demotion writes the bitmap",
                "role:Primary conn:StandAlone disk:UpToDate",
                "role:Secondary conn:StandAlone disk:UpToDate", "",
                List.of(new WriteBitmap("demote"))),
            arguments("demotion during a resync does not",
                "role:Primary peer:Secondary conn:SyncSource disk:UpToDate pdsk:Inconsistent",
                "role:Secondary peer:Secondary conn:SyncSource disk:UpToDate pdsk:Inconsistent", "",
                List.of()),
            arguments("diskless demotion has no bitmap to write",
                "role:Primary peer:Secondary conn:Connected disk:Diskless pdsk:UpToDate",
                "role:Secondary peer:Secondary conn:Connected disk:Diskless pdsk:UpToDate", "",
                List.of()),
            arguments("StartingSyncT: full bitmap, durable, then WFSyncUUID",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "peer:Secondary conn:StartingSyncT disk:Inconsistent pdsk:UpToDate", "",
                List.of(new SetAllBitmapBits(), new WriteBitmap("set_n_write from StartingSync"),
                    new RequestConnState(ConnState.WF_SYNC_UUID))),
            arguments("StartingSyncS: full bitmap, durable, then resync as source",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "peer:Secondary conn:StartingSyncS disk:UpToDate pdsk:Inconsistent", "",
                List.of(new SetAllBitmapBits(), new WriteBitmap("set_n_write from StartingSync"),
                    new StartResync(true))),
            arguments("disk fails after an IO error with call-local-io-error",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate",
                "peer:Secondary conn:Connected disk:Failed pdsk:UpToDate", "io-error call-local-io-error",
                List.of(new RunHandler(HandlerName.LOCAL_IO_ERROR), new SendState(),
                    new CancelResync(), new MdSync())),
            arguments("detach (no IO error) while StandAlone: no handler, nothing sent",
                "conn:StandAlone disk:UpToDate",
                "conn:StandAlone disk:Failed", "call-local-io-error",
                List.of(new CancelResync(), new MdSync())),
            arguments("IO error with on-io-error=detach: no handler",
                "conn:StandAlone disk:UpToDate",
                "conn:StandAlone disk:Failed", "io-error",
                List.of(new CancelResync(), new MdSync())),
            arguments("resync finished resumes dependent resyncs",
                "peer:Secondary conn:SyncTarget disk:Inconsistent pdsk:UpToDate",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate", "",
                List.of(new ResumeDependentResyncs())),
            arguments("verify finished too",
                "peer:Secondary conn:VerifyS disk:UpToDate pdsk:UpToDate",
                "peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate", "",
                List.of(new ResumeDependentResyncs())),
            arguments("imposed pause cleared",
                "peer:Secondary conn:PausedSyncT disk:Inconsistent pdsk:UpToDate user_isp",
                "peer:Secondary conn:SyncTarget disk:Inconsistent pdsk:UpToDate", "",
                List.of(new ResumeDependentResyncs())));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void effectsInOrder(String why, String os, String ns, String ctx, List<Effect> expected) {
        StateContext c = ctx.equals("other-volume-unconnected")
                ? StateContext.DEFAULTS.withOtherVolumes(ConnState.WF_CONNECTION,
                        DiskState.UP_TO_DATE, DiskState.DISKLESS)
                : ctx(ctx);
        assertThat(AfterStateChange.effects(st(os), st(ns), c)).as(why)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void allEffectsInOneChangeKeepTheFactSheetOrder() {
        // Peer attaches and the conn enters StartingSyncS and our disk fails in one (hard) step:
        // peer-attached effects come before the full-sync effects, which come before disk failure.
        List<Effect> effects = AfterStateChange.effects(
                st("peer:Secondary conn:Connected disk:UpToDate pdsk:Diskless"),
                st("peer:Secondary conn:StartingSyncS disk:Failed pdsk:Inconsistent"),
                StateContext.DEFAULTS);
        assertThat(effects).containsExactly(new ResetResyncCounters(), new SendUuidsAndState(),
                new SetAllBitmapBits(), new WriteBitmap("set_n_write from StartingSync"),
                new StartResync(true), new SendState(), new CancelResync(), new MdSync());
    }

    @Test
    void durabilityOfEachEffect() {
        List<Effect> durable = List.of(new NewCurrentUuid(), new NewSyncUuid(),
                new WriteBitmap("x"), new MdSync());
        List<Effect> volatileOnes = List.of(new RunHandler(HandlerName.FENCE_PEER),
                new SendSyncUuid(), new SendUuids(), new SendUuidsAndState(), new SendState(),
                new SendBitmap(), new SetAllBitmapBits(), new StartResync(false),
                new RequestConnState(ConnState.CONNECTED), new ResetResyncCounters(),
                new CancelResync(), new ResumeDependentResyncs(), new SetNewCurUuidPending(),
                new ClearNewCurUuidPending(), new ThawIo(Suspension.FENCING, TlRestart.RESEND),
                MetaFlags.update(State.INITIAL, false));
        assertThat(durable).allMatch(Effect::durableBeforeNext);
        assertThat(volatileOnes).noneMatch(Effect::durableBeforeNext);
    }
}
