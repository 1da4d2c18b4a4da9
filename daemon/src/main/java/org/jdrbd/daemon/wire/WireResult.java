package org.jdrbd.daemon.wire;

import java.util.function.Function;

/**
 * Outcome of decoding or checking untrusted bytes: a value, or a protocol error with a reason a
 * human can act on. Decoders never throw on input; they return this.
 */
public sealed interface WireResult<T> permits WireResult.Ok, WireResult.ProtocolError {

    /** The input was valid. */
    record Ok<T>(T value) implements WireResult<T> {
    }

    /** The input broke the protocol; the connection goes to ProtocolError. */
    record ProtocolError<T>(String reason) implements WireResult<T> {
    }

    static <T> WireResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> WireResult<T> error(String reason) {
        return new ProtocolError<>(reason);
    }

    static <T> WireResult<T> error(String format, Object... args) {
        return new ProtocolError<>(String.format(format, args));
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; calling this on an error is a programmer error. */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("not ok: " + ((ProtocolError<T>) this).reason());
    }

    /** The reason; calling this on a success is a programmer error. */
    default String reason() {
        if (this instanceof ProtocolError<T> err) {
            return err.reason();
        }
        throw new IllegalStateException("no error: " + ((Ok<T>) this).value());
    }

    default <U> WireResult<U> map(Function<T, U> f) {
        return this instanceof Ok<T> ok ? new Ok<>(f.apply(ok.value())) : error(reason());
    }

    default <U> WireResult<U> flatMap(Function<T, WireResult<U>> f) {
        return this instanceof Ok<T> ok ? f.apply(ok.value()) : error(reason());
    }
}
