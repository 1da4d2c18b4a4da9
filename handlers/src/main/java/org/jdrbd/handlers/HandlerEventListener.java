package org.jdrbd.handlers;

/**
 * Told when a handler is called and when it answered, e.g. to print {@link HelperEventLine}s on
 * events2. Called from runner threads (or the caller's thread for an unconfigured handler); it
 * must return quickly and never block.
 */
public interface HandlerEventListener {

    /** Does nothing. */
    HandlerEventListener NONE = new HandlerEventListener() {
        @Override
        public void called(HandlerRequest req) {
        }

        @Override
        public void responded(HandlerRequest req, HandlerResult result) {
        }
    };

    /** The handler is about to be started. */
    void called(HandlerRequest req);

    /** The handler finished (any status). */
    void responded(HandlerRequest req, HandlerResult result);
}
