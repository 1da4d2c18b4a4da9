package org.jdrbd.daemon.admin;

import org.jdrbd.statemachine.State;

/**
 * One committed state change of a volume (the source of {@code events2}), published after its
 * effects ran, so a subscriber never sees a state whose durable parts are not yet on disk.
 *
 * @param resource resource name
 * @param volume   volume number
 * @param before   state before the change
 * @param after    state after the change
 * @param change   DRBD's log text, e.g. {@code role( Secondary -> Primary )}
 */
public record StateEvent(String resource, int volume, State before, State after, String change) {
}
