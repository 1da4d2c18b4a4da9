package org.jdrbd.daemon.admin;

/**
 * What events2 subscribers get from the daemon ({@link AdminOps#subscribeObjects}): a resource's
 * objects as they are after a change, or a handler call or its response. Both are published on
 * the resource's own context, so for one resource they arrive in the order things happened.
 */
public sealed interface AdminEvent {

    /** The resource the event is about. */
    String resource();

    /**
     * A resource's objects after a change (state change, object created or removed).
     *
     * @param resource resource name
     * @param sequence daemon-wide increasing number, taken on the resource's context: a larger
     *                 number shows a later state of the same resource
     * @param objects  the resource as it is now, null when it no longer exists
     */
    record Objects(String resource, long sequence, ResourceObjects objects) implements AdminEvent {
    }

    /** A handler was started ({@code call}) or returned ({@code response}). */
    record Helper(HelperLine line) implements AdminEvent {
        @Override
        public String resource() {
            return line.resource();
        }
    }
}
