package org.jdrbd.daemon.wire;

/**
 * A decoded packet header. {@code command} is the raw number (it may name no packet);
 * {@code lengthBytes} is the payload length after the header.
 */
public record Header(HeaderFormat format, int volume, int command, long lengthBytes) {
    public Header {
        assert volume >= 0 && volume <= 0xffff : "volume " + volume;
        assert command >= 0 && command <= 0xffff : "command " + command;
        assert lengthBytes >= 0 && lengthBytes <= 0xffffffffL : "length " + lengthBytes;
    }
}
