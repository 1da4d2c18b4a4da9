package org.jdrbd.handlers;

/**
 * What a handler wrote to one of its output streams, kept up to a byte limit so a chatty or
 * hostile script cannot grow the daemon's memory (the rest is read and dropped, so the script
 * never blocks on a full pipe).
 *
 * @param text the kept bytes, decoded as UTF-8 (bad bytes replaced)
 * @param totalBytes how many bytes the handler wrote in all (as far as read)
 * @param truncated whether bytes beyond the limit were dropped
 */
public record CapturedOutput(String text, long totalBytes, boolean truncated) {

    /** Nothing captured (handler not run). */
    public static final CapturedOutput EMPTY = new CapturedOutput("", 0, false);
}
