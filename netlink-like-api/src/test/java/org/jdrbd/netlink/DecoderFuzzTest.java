package org.jdrbd.netlink;

// Scenario: seeded random byte strings, and seeded random mutations (bit flips, truncation,
// byte overwrites, length-field edits) of valid requests for every command, are fed to the
// decoder and to the server-side protocol. Expectation: every input yields Ok or a typed Failed
// (never an exception), and the server's answer is always a decodable REPLY. Bounded to a few
// seconds. Why: the daemon faces bytes from any local process; seed 003.

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jdrbd.netlink.codec.DecodeResult;
import org.jdrbd.netlink.codec.Decoder;
import org.jdrbd.netlink.codec.Encoder;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.transport.ServerProtocol;
import org.junit.jupiter.api.Test;

class DecoderFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_0003L);
    private static final int ROUNDS = 60_000;

    @Test
    void randomAndMutatedInputsNeverThrow() {
        Random rnd = new Random(SEED);
        List<byte[]> valid = new ArrayList<>();
        for (Command c : Command.values()) {
            if (c.kind() != Command.Kind.INTERNAL) {
                valid.add(Encoder.encode(CodecRoundTripTest.fullRequest(c, rnd.nextBoolean())));
            }
        }
        int ok = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] input = i % 4 == 0 ? random(rnd) : mutate(rnd, valid.get(rnd.nextInt(valid.size())));
            DecodeResult r;
            try {
                r = Decoder.decode(input);
                ServerProtocol.Incoming in = ServerProtocol.accept(input);
                if (in instanceof ServerProtocol.Incoming.Answer a) {
                    DecodeResult reply = Decoder.decode(a.reply());
                    assertTrue(reply instanceof DecodeResult.Ok, "unreadable reply, seed " + SEED + " round " + i);
                    assertEquals(MsgType.REPLY, ((DecodeResult.Ok) reply).message().header().type());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("exception at round " + i + " seed " + SEED, e);
            }
            assertNotNull(r);
            ok += r instanceof DecodeResult.Ok ? 1 : 0;
        }
        // Mutations of valid messages must sometimes survive (e.g. a flipped value bit), or the
        // fuzzer would only be testing the magic check.
        assertTrue(ok > 100, "only " + ok + " inputs decoded");
    }

    private static byte[] random(Random rnd) {
        byte[] b = new byte[rnd.nextInt(200)];
        rnd.nextBytes(b);
        if (b.length >= 5 && rnd.nextBoolean()) {
            b[0] = 0x4A;
            b[1] = 0x44;
            b[2] = 0x52;
            b[3] = 0x43;
            b[4] = 1;
        }
        return b;
    }

    private static byte[] mutate(Random rnd, byte[] valid) {
        byte[] b = valid.clone();
        int kind = rnd.nextInt(4);
        if (kind == 0) {
            int n = rnd.nextInt(b.length);
            byte[] c = new byte[n];
            System.arraycopy(b, 0, c, 0, n);
            return c;
        }
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int pos = 30 + rnd.nextInt(Math.max(1, b.length - 30));
            if (pos >= b.length) {
                pos = rnd.nextInt(b.length);
            }
            switch (kind) {
                case 1 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b[pos] = (byte) rnd.nextInt(256);
                default -> b[pos] = (byte) (rnd.nextBoolean() ? 0xff : 0);
            }
        }
        return b;
    }
}
