package io.pgdbm;

/**
 * Observes every statement a {@link DatabaseManager} runs, its transactions included. Monitoring builds on it.
 * Called on the querying thread after the statement finished; must be fast and thread-safe, and must not throw.
 *
 * <pre>{@code
 * db.addQueryListener(event -> {
 *     if (event.duration().toMillis() > 500) log.warn("slow: {}", event.sql());
 * });
 * }</pre>
 */
@FunctionalInterface
public interface QueryListener {
    void onQuery(QueryEvent event);
}
