package org.jdrbd.systest.soak;

/**
 * A soak check that did not hold (a wait that ran out, a failed command, lost data). The soak
 * run catches it and fails the test with the seed, the step and a reproduction.
 */
final class SoakFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    SoakFailure(String message) {
        super(message);
    }

    SoakFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
