package org.jdrbd.daemon.wire;

/** A decoded (or to-be-sent) packet: its type, the volume (0 below apv 100) and its payload. */
public record Packet(PacketType type, int volume, Payload payload) {
    public Packet {
        assert volume >= 0 && volume <= 0xffff;
        assert PayloadKinds.accepts(type, payload) : type + " cannot carry " + payload;
    }

    /** A packet for volume 0. */
    public static Packet of(PacketType type, Payload payload) {
        return new Packet(type, 0, payload);
    }
}
