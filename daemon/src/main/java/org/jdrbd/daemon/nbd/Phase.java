package org.jdrbd.daemon.nbd;

/** One phase of a connection's byte stream: negotiation, then transmission. */
interface Phase {

    /**
     * Parses and handles at most one unit (an option, a request header, a payload piece).
     *
     * @return true to be called again at once; false when it needs more bytes or must wait
     */
    boolean step(InputQueue in);
}
