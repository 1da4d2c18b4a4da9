package org.jdrbd.drbdadm.setup;

import java.nio.charset.StandardCharsets;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.TagDef;

/**
 * Turns one command-line option value into its typed tag, checked against the schema row and its
 * Limits range. Numbers take drbd-utils' unit suffixes (K M G T = KiB.., s = 512-byte sectors)
 * and are converted to the option's default unit.
 */
final class OptionText {
    private OptionText() { }

    /** The parsed tag, or a {@link Problem} naming what is wrong. */
    sealed interface Parsed {
        /** A valid value. */
        record Ok(Tag tag) implements Parsed { }

        /** An invalid value; text is printed after "drbdsetup CMD: ". */
        record Problem(String text) implements Parsed { }
    }

    /** Parses raw (null = option given without value) for an option or flag tag. */
    static Parsed parse(TagDef def, String raw) {
        Limits.Option o = def.option();
        return switch (def.type()) {
            case FLAG -> bool(def, raw);
            case STRING -> string(def, raw);
            case U32, U64, U8, S32 -> o != null && o.type() == Limits.Type.ENUM
                    ? enumValue(def, o, raw) : number(def, o, raw);
            case NESTED -> new Parsed.Problem("--" + def.name() + " is not an option");
        };
    }

    private static Parsed bool(TagDef def, String raw) {
        if (raw == null || raw.equals("yes")) {
            return new Parsed.Ok(new Tag(def, true));
        }
        if (raw.equals("no") && def.option() != null) {
            return new Parsed.Ok(new Tag(def, false));
        }
        return new Parsed.Problem("--" + def.name() + ": value '" + raw + "' is not 'yes' or 'no'");
    }

    private static Parsed string(TagDef def, String raw) {
        if (raw == null) {
            return missing(def);
        }
        Limits.Option o = def.option();
        if (o != null && o.type() == Limits.Type.NUMBER_OR_SYMBOL && !o.symbols().contains(raw)) {
            Parsed n = number(def, o, raw);
            if (n instanceof Parsed.Problem) {
                return new Parsed.Problem("--" + def.name() + ": '" + raw + "' is not a number in ["
                        + o.min() + "..." + o.max() + "] or one of " + String.join(", ", o.symbols()));
            }
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > def.maxBytes()) {
            return new Parsed.Problem("--" + def.name() + ": value is too long (max "
                    + def.maxBytes() + " bytes)");
        }
        return new Parsed.Ok(new Tag(def, raw));
    }

    private static Parsed enumValue(TagDef def, Limits.Option o, String raw) {
        int i = raw == null ? -1 : o.symbols().indexOf(raw);
        if (i < 0) {
            return new Parsed.Problem("--" + def.name() + ": unknown value '" + raw
                    + "'; allowed: " + String.join(" | ", o.symbols()));
        }
        return new Parsed.Ok(new Tag(def, (long) i));
    }

    private static Parsed number(TagDef def, Limits.Option o, String raw) {
        if (raw == null) {
            return missing(def);
        }
        Long v = toUnit(raw, o == null ? '1' : o.unit());
        if (v == null) {
            return new Parsed.Problem("--" + def.name() + ": '" + raw + "' is not a number");
        }
        if (o != null && o.checked() && (v < o.min() || v > o.max())) {
            return new Parsed.Problem("--" + def.name() + ": " + v + " is out of range ["
                    + o.min() + "..." + o.max() + "]");
        }
        if (v < 0 || (def.type().fixedBytes() == 4 && v > 0xffffffffL)) {
            return new Parsed.Problem("--" + def.name() + ": " + raw + " is out of range");
        }
        return new Parsed.Ok(new Tag(def, v));
    }

    private static Parsed missing(TagDef def) {
        return new Parsed.Problem("option '--" + def.name() + "' requires an argument");
    }

    /** The number in the option's unit ('1' plain, 'k' KiB, 's' sectors), null if malformed. */
    static Long toUnit(String raw, char unit) {
        String s = raw.trim();
        if (s.isEmpty()) {
            return null;
        }
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        long suffixBytes = switch (last) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            case 's' -> 512L;
            default -> 0;
        };
        String digits = suffixBytes == 0 ? s : s.substring(0, s.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            return null;
        }
        long n = Long.parseLong(digits);
        if (suffixBytes == 0) {
            return n;
        }
        long unitBytes = switch (Character.toLowerCase(unit)) {
            case 'k' -> 1024L;
            case 's' -> 512L;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(n, suffixBytes) / unitBytes;
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
