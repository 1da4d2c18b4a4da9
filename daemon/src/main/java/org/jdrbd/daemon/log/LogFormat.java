package org.jdrbd.daemon.log;

/** How jdrbdd writes its log lines to stderr ({@code --log-format}). */
public enum LogFormat {
    /** One human-readable line per event: time, level, [resource/volume], logger, message. */
    TEXT("logback.xml"),
    /** One JSON object per line, for log shippers (see docs/monitoring.md). */
    JSON("logback-json.xml");

    private final String configResource;

    LogFormat(String configResource) {
        this.configResource = configResource;
    }

    /** The Logback configuration on the class path that gives this format. */
    public String configResource() {
        return configResource;
    }
}
