/**
 * What an operator needs when something goes wrong: {@link io.pgdbm.monitoring.QueryMonitor} (counts, timings,
 * slow queries, history and {@code EXPLAIN} per manager), {@link io.pgdbm.monitoring.DatabaseDebugger} (health
 * verdict, blocking and long-running queries, table sizes, migration locks) and the optional
 * {@link io.pgdbm.monitoring.MicrometerBinder}, the only class here that needs Micrometer on the classpath.
 *
 * <pre>{@code
 * QueryMonitor monitor = QueryMonitor.attach(db);
 * HealthReport health = new DatabaseDebugger(db).health();
 * }</pre>
 */
package io.pgdbm.monitoring;
