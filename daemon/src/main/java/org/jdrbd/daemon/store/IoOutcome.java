package org.jdrbd.daemon.store;

import java.util.Objects;

/**
 * The result of one store or backend operation: success, or an {@link IoError} with a detail
 * text for logs. Failures are values so they can cross module boundaries (STYLE.md rule 14).
 */
public record IoOutcome(IoError error, String detail) {

    /** The one success value. */
    public static final IoOutcome OK = new IoOutcome(null, "");

    public IoOutcome {
        Objects.requireNonNull(detail, "detail");
    }

    /** A failure of the given kind. */
    public static IoOutcome failed(IoError error, String detail) {
        return new IoOutcome(Objects.requireNonNull(error, "error"), detail);
    }

    /** True when the operation succeeded. */
    public boolean ok() {
        return error == null;
    }

    @Override
    public String toString() {
        return ok() ? "OK" : error + ": " + detail;
    }
}
