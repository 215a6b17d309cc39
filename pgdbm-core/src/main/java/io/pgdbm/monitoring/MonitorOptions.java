package io.pgdbm.monitoring;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link QueryMonitor} records: the slow-query threshold (a WARN log line above it), how many recent
 * queries it keeps, and whether it keeps their parameters (masked) at all.
 *
 * <pre>{@code
 * QueryMonitor.attach(db, MonitorOptions.defaults().withSlowQueryThreshold(Duration.ofMillis(200)));
 * }</pre>
 *
 * @param slowQueryThreshold queries strictly slower than this are logged at WARN and listed as slow
 * @param historySize        how many recent queries are kept (the oldest is dropped first); at least 1
 * @param recordParameters   whether history entries and slow-query log lines carry the masked parameters
 */
public record MonitorOptions(Duration slowQueryThreshold, int historySize, boolean recordParameters) {

    public MonitorOptions {
        Objects.requireNonNull(slowQueryThreshold, "slowQueryThreshold");
        if (slowQueryThreshold.isNegative()) {
            throw new IllegalArgumentException("slowQueryThreshold must not be negative, got " + slowQueryThreshold);
        }
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be at least 1, got " + historySize);
        }
    }

    /** One second, 1,000 queries, no parameters. */
    public static MonitorOptions defaults() {
        return new MonitorOptions(Duration.ofSeconds(1), 1000, false);
    }

    public MonitorOptions withSlowQueryThreshold(Duration threshold) {
        return new MonitorOptions(threshold, historySize, recordParameters);
    }

    public MonitorOptions withHistorySize(int size) {
        return new MonitorOptions(slowQueryThreshold, size, recordParameters);
    }

    public MonitorOptions withRecordParameters(boolean record) {
        return new MonitorOptions(slowQueryThreshold, historySize, record);
    }
}
