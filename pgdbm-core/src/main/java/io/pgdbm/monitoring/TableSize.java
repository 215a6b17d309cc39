package io.pgdbm.monitoring;

import java.time.Instant;

/**
 * A table of the manager's schema with its size and maintenance times, from {@code pg_stat_user_tables}.
 *
 * <pre>{@code
 * debugger.tableSizes().forEach(t -> log.info("{}.{}: {} ({} dead rows)", t.schema(), t.table(), t.size(), t.deadRows()));
 * }</pre>
 *
 * @param schema          the schema
 * @param table           the table
 * @param sizeBytes       table, indexes and TOAST together
 * @param size            {@code sizeBytes} for humans, e.g. {@code 16 kB}
 * @param liveRows        estimated live rows
 * @param deadRows        estimated dead rows
 * @param lastVacuum      last manual VACUUM, {@code null} when never
 * @param lastAutovacuum  last autovacuum, {@code null} when never
 * @param lastAnalyze     last manual ANALYZE, {@code null} when never
 * @param lastAutoanalyze last autoanalyze, {@code null} when never
 */
public record TableSize(String schema, String table, long sizeBytes, String size, long liveRows, long deadRows,
                        Instant lastVacuum, Instant lastAutovacuum, Instant lastAnalyze, Instant lastAutoanalyze) {
}
