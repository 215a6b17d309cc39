package io.pgdbm.monitoring;

import java.util.OptionalDouble;

/**
 * The result of {@link QueryMonitor#explain(String, Object...)}: the parsed plan tree and PostgreSQL's JSON.
 *
 * <pre>{@code
 * ExplainPlan plan = monitor.explainAnalyze("SELECT count(*) FROM {{tables.orders}}");
 * log.info("{} took {} ms", plan.root().nodeType(), plan.executionTimeMs().orElse(-1));
 * }</pre>
 *
 * @param root            the top plan node
 * @param analyzed        whether the statement was executed (ANALYZE)
 * @param planningTimeMs  planning time, only with ANALYZE
 * @param executionTimeMs execution time, only with ANALYZE
 * @param json            the server's {@code EXPLAIN (FORMAT JSON)} output, unchanged
 */
public record ExplainPlan(PlanNode root, boolean analyzed, OptionalDouble planningTimeMs,
                          OptionalDouble executionTimeMs, String json) {
}
