package io.pgdbm.monitoring;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One node of a parsed {@code EXPLAIN (FORMAT JSON)} plan.
 *
 * <pre>{@code
 * PlanNode root = monitor.explain("SELECT * FROM {{tables.users}} WHERE id = $1", 42).root();
 * boolean seqScan = root.find("Seq Scan").isPresent();
 * }</pre>
 *
 * @param nodeType        e.g. {@code Seq Scan}, {@code Index Scan}, {@code Hash Join}
 * @param relation        the scanned table, when the node scans one
 * @param startupCost     estimated cost before the first row
 * @param totalCost       estimated total cost
 * @param planRows        estimated rows
 * @param actualTotalTimeMs measured time per loop in milliseconds, only with ANALYZE
 * @param actualRows      measured rows per loop, only with ANALYZE
 * @param children        the node's inputs, in plan order
 */
public record PlanNode(String nodeType, Optional<String> relation, double startupCost, double totalCost,
                       double planRows, OptionalDouble actualTotalTimeMs, OptionalDouble actualRows,
                       List<PlanNode> children) {

    public PlanNode {
        children = List.copyOf(children);
    }

    /** This node or the first descendant (depth first) of {@code type}. */
    public Optional<PlanNode> find(String type) {
        if (nodeType.equals(type)) {
            return Optional.of(this);
        }
        for (PlanNode child : children) {
            Optional<PlanNode> found = child.find(type);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
