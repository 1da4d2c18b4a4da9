package org.jdrbd.daemon.nbd;

/** The backend calls a filter can intercept. */
public enum BackendOp {
    /** {@link Backend#read}. */
    READ,
    /** {@link Backend#write}. */
    WRITE,
    /** {@link Backend#flush}. */
    FLUSH,
    /** {@link Backend#trim}. */
    TRIM,
    /** {@link Backend#zero}. */
    ZERO
}
