package org.jdrbd.daemon.wire;

/** Which payload record each packet type carries. */
final class PayloadKinds {
    private PayloadKinds() {
    }

    static Class<? extends Payload> of(PacketType t) {
        return switch (t) {
            case P_DATA, P_DATA_REPLY, P_RS_DATA_REPLY -> Payload.Data.class;
            case P_BARRIER -> Payload.Barrier.class;
            case P_BITMAP -> Payload.PlainBitmap.class;
            case P_BECOME_SYNC_TARGET, P_BECOME_SYNC_SOURCE, P_UNPLUG_REMOTE, P_PING, P_PING_ACK,
                    P_INITIAL_META, P_INITIAL_DATA -> Payload.Empty.class;
            case P_DATA_REQUEST, P_RS_DATA_REQUEST, P_OV_REQUEST, P_OV_REPLY, P_CSUM_RS_REQUEST,
                    P_RS_THIN_REQ -> Payload.BlockRequest.class;
            case P_SYNC_PARAM, P_SYNC_PARAM89 -> Payload.SyncParam.class;
            case P_PROTOCOL, P_PROTOCOL_UPDATE -> Payload.Protocol.class;
            case P_UUIDS -> Payload.Uuids.class;
            case P_SIZES -> Payload.Sizes.class;
            case P_STATE -> Payload.StateReport.class;
            case P_SYNC_UUID -> Payload.SyncUuid.class;
            case P_AUTH_CHALLENGE, P_AUTH_RESPONSE -> Payload.Auth.class;
            case P_STATE_CHG_REQ, P_CONN_ST_CHG_REQ -> Payload.StateChange.class;
            case P_STATE_CHG_REPLY, P_CONN_ST_CHG_REPLY -> Payload.StateChangeReply.class;
            case P_RECV_ACK, P_WRITE_ACK, P_RS_WRITE_ACK, P_SUPERSEDED, P_NEG_ACK, P_NEG_DREPLY,
                    P_NEG_RS_DREPLY, P_OV_RESULT, P_RS_IS_IN_SYNC, P_RS_CANCEL, P_RETRY_WRITE ->
                    Payload.BlockAck.class;
            case P_BARRIER_ACK -> Payload.BarrierAck.class;
            case P_COMPRESSED_BITMAP -> Payload.CompressedBitmap.class;
            case P_DELAY_PROBE -> Payload.DelayProbe.class;
            case P_OUT_OF_SYNC, P_RS_DEALLOCATED -> Payload.BlockDesc.class;
            case P_TRIM, P_ZEROES -> Payload.SizedRange.class;
            case P_WSAME -> Payload.WriteSame.class;
            case P_CONNECTION_FEATURES -> Payload.Features.class;
        };
    }

    static boolean accepts(PacketType t, Payload p) {
        return of(t).isInstance(p);
    }
}
