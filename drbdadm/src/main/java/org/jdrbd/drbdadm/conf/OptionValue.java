package org.jdrbd.drbdadm.conf;

import org.jdrbd.netlink.schema.Limits;
import java.util.Locale;

/** Checks one option value against its {@link Limits.Option} row, as drbd-utils' parser does. */
public final class OptionValue {
    private OptionValue() { }

    /** Null when the value is acceptable, else the reason text printed after "for NAME. ". */
    public static String problem(Limits.Option o, String value) {
        switch (o.type()) {
            case ENUM:
                return o.symbols().contains(value) ? null
                        : "Value is not valid.\nAllowed values are: " + String.join(" | ", o.symbols());
            case BOOLEAN:
                return value.equals("yes") || value.equals("no") ? null
                        : "Value is not 'yes' or 'no'.";
            case STRING:
                return o.maxLen() > 0 && value.length() > o.maxLen()
                        ? "Value is too long.\nmax len: " + o.maxLen() : null;
            case NUMBER_OR_SYMBOL:
                return o.symbols().contains(value) ? null : numberProblem(o, value);
            case NUMBER:
                return o.checked() ? numberProblem(o, value) : null;
            default:
                return null;
        }
    }

    private static String numberProblem(Limits.Option o, String value) {
        Long n = inUnit(value, o.unit());
        if (n == null) {
            return "Value is not a number.";
        }
        if (n < o.min()) {
            return "Value is too small.";
        }
        if (n > o.max()) {
            return "Value is too big.";
        }
        return null;
    }

    /** The value converted to the option's default unit, or null when it is not a number. */
    public static Long inUnit(String value, char unit) {
        if (value.isEmpty()) {
            return null;
        }
        String digits = value;
        long suffixBytes = 0;
        char last = Character.toLowerCase(value.charAt(value.length() - 1));
        if ("kmgs".indexOf(last) >= 0) {
            digits = value.substring(0, value.length() - 1);
            suffixBytes = switch (last) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 512L;
            };
        }
        long n;
        try {
            n = Long.parseLong(digits.toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return null;
        }
        if (suffixBytes == 0) {
            return n;
        }
        long unitBytes = unit == 'k' ? 1024 : unit == 's' ? 512 : 1;
        return n * suffixBytes / unitBytes;
    }
}
