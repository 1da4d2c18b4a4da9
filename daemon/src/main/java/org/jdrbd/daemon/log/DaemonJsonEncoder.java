package org.jdrbd.daemon.log;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.JsonEscapeUtil;
import java.util.Map;

/**
 * jdrbdd's JSON log line: Logback's {@link JsonEncoder} (object framing, epoch-millisecond
 * {@code timestamp}, {@code throwable}, {@code markers}, {@code kvpList} and its escaping), with
 * flat fields a log shipper can index without knowing Logback: {@code level}, {@code thread},
 * {@code logger}, the formatted {@code message}, and {@code resource}, {@code volume} (a number)
 * and {@code peer} from the MDC, null when a line has none. One object per line: every control
 * character in a message is escaped, so a message with newlines stays one line.
 */
public class DaemonJsonEncoder extends JsonEncoder {
    /** The text pattern's placeholder for "no resource/volume" (VolumeLog writes it too). */
    private static final String NONE = "-";

    public DaemonJsonEncoder() {
        // Logback's own names for these (threadName, loggerName, formattedMessage, mdc) are
        // replaced by the flat fields below; the rest keep Logback's defaults.
        setWithSequenceNumber(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithLevel(false);
        setWithThreadName(false);
        setWithLoggerName(false);
        setWithMDC(false);
        setWithMessage(false);
        setWithArguments(false);
        setWithFormattedMessage(false);
        setWithTimestamp(true);
    }

    @Override
    protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
        string(sb, "level", event.getLevel().toString());
        string(sb, "thread", event.getThreadName());
        string(sb, "logger", event.getLoggerName());
        string(sb, "message", event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        string(sb, LogContext.RESOURCE, present(mdc.get(LogContext.RESOURCE)));
        volume(sb, present(mdc.get(LogContext.VOLUME)));
        string(sb, LogContext.PEER, present(mdc.get(LogContext.PEER)));
    }

    private static String present(String value) {
        return value == null || value.isEmpty() || value.equals(NONE) ? null : value;
    }

    private void string(StringBuilder sb, String key, String value) {
        separate(sb);
        if (value == null) {
            sb.append(QUOTE).append(key).append(QUOTE_COL).append("null");
        } else {
            appenderMember(sb, key, JsonEscapeUtil.jsonEscapeString(value));
        }
    }

    /** A number when it is one (volumes are), else a string: never a broken line. */
    private void volume(StringBuilder sb, String value) {
        if (value != null && value.matches("-?\\d{1,9}")) {
            separate(sb);
            sb.append(QUOTE).append(LogContext.VOLUME).append(QUOTE_COL).append(Integer.parseInt(value));
        } else {
            string(sb, LogContext.VOLUME, value);
        }
    }

    /** A comma unless this is the object's first member (every Logback field may be off). */
    private static void separate(StringBuilder sb) {
        if (sb.charAt(sb.length() - 1) != OPEN_OBJ) {
            sb.append(VALUE_SEPARATOR);
        }
    }
}
