package org.jdrbd.drbdadm.conf;

import org.jdrbd.netlink.schema.Limits;
import java.math.BigInteger;

/** Checks one option value against its {@link Limits.Option} row, as drbd-utils' parser does. */
public final class OptionValue {
    /** Proxy options: a signed number with an optional unit letter (drbd-utils' check). */
    private static final java.util.regex.Pattern PROXY_NUMBER =
            java.util.regex.Pattern.compile("-?[0-9]+[kKmMgGsS]?");
    /** String lengths drbd-utils' parser checks that the shared limits table leaves open. */
    private static final java.util.Map<String, Integer> MAX_LEN = java.util.Map.of("cpu-mask", 31);

    private OptionValue() { }

    /** Null when the value is acceptable, else the reason text printed after "for NAME. ". */
    public static String problem(Limits.Option o, String value) {
        if (o.section() == Limits.Section.PROXY) {
            return PROXY_NUMBER.matcher(value).matches() ? null : "Value is not a number.";
        }
        switch (o.type()) {
            case ENUM:
                return o.symbols().contains(value) ? null
                        : "Value is not valid.\nAllowed values are: " + String.join(" | ", o.symbols());
            case BOOLEAN:
                return value.equals("yes") || value.equals("no") ? null
                        : "Value is not 'yes' or 'no'.";
            case STRING:
                int maxLen = MAX_LEN.getOrDefault(o.name(), o.maxLen());
                return maxLen > 0 && value.length() > maxLen
                        ? "Value is too long.\nmax len: " + maxLen : null;
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

    /** 2^64: drbd-utils reads numbers as unsigned 64-bit values. */
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * The value converted to the option's default unit, or null when it is not a number.
     * Numbers behave as in drbd-utils: unsigned 64 bit, so too many digits saturate, a minus
     * sign wraps around to a huge value, and a unit letter that overflows makes it "not a number".
     * Values beyond Long.MAX_VALUE come back as Long.MAX_VALUE (always "too big").
     */
    public static Long inUnit(String value, char unit) {
        if (value.isEmpty()) {
            return null;
        }
        String digits = value;
        long suffixBytes = 1;
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
        boolean negative = digits.startsWith("-");
        String magnitude = negative ? digits.substring(1) : digits;
        if (magnitude.isEmpty() || !magnitude.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return null;
        }
        BigInteger u = new BigInteger(magnitude).min(TWO_64.subtract(BigInteger.ONE));
        if (negative) {
            u = TWO_64.subtract(u).mod(TWO_64);
        }
        if (suffixBytes == 1) {
            return clamp(u);
        }
        u = u.multiply(BigInteger.valueOf(suffixBytes));
        if (u.compareTo(TWO_64) >= 0) {
            return null;
        }
        long unitBytes = unit == 'k' ? 1024 : unit == 's' ? 512 : 1;
        return clamp(u.divide(BigInteger.valueOf(unitBytes)));
    }

    private static long clamp(BigInteger u) {
        return u.bitLength() < 64 ? u.longValue() : Long.MAX_VALUE;
    }
}
