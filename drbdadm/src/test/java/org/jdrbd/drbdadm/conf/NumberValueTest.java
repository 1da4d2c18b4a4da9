package org.jdrbd.drbdadm.conf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: option values read as numbers in the option's unit, table-driven, including the
 * odd ones: a minus sign, too many digits, a unit letter that overflows.
 * Expectation: drbd-utils' unsigned 64-bit reading: "-0" is 0, another negative number or too
 * many digits is huge ("too big", shown as Long.MAX_VALUE), an overflowing unit letter is "not a
 * number" (null); suffixes convert into the option's unit.
 * Why: these decide between "Value is too big." and "Value is not a number." in parse errors,
 * which the golden tests compare byte for byte.
 */
class NumberValueTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "5|1|5", "-0|1|0", "-5|1|9223372036854775807",
        "99999999999999999999|1|9223372036854775807", "1G|k|1048576", "1M|1|1048576",
        "8s|k|4", "2k|s|4", "99999999999999999G|1|null", "-1G|1|null", "1x|1|null", "x|1|null",
        "9999999999999999K|k|9999999999999999", "''|1|null", "-|1|null"})
    void readsLikeDrbdUtils(String value, char unit, Long expected) {
        assertThat(OptionValue.inUnit(value, unit)).isEqualTo(expected);
    }
}
