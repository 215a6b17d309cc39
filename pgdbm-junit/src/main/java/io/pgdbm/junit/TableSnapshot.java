package io.pgdbm.junit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of a table at one moment, taken by {@link TestData#snapshotTable}; compare later with
 * {@link TestData#assertTableUnchanged}. Values are typed ({@code OffsetDateTime}, {@code BigDecimal} without
 * trailing zeros, arrays as lists, {@code jsonb} as PostgreSQL's normalized text), so equal data compares equal.
 *
 * <pre>{@code
 * TableSnapshot before = TestData.snapshotTable(db, "{{tables.users}}");
 * service.rejectInvalidSignup("not-an-email");
 * TestData.assertTableUnchanged(db, before);
 * }</pre>
 *
 * @param table   the table as rendered (schema-qualified when the manager has a schema)
 * @param orderBy the {@code ORDER BY} columns, or {@code null}: rows are then compared as a multiset
 * @param rows    the rows, each a column-name-to-value map in column order
 */
public record TableSnapshot(String table, String orderBy, List<Map<String, Object>> rows) {
    public TableSnapshot {
        Objects.requireNonNull(table, "table");
        rows = List.copyOf(rows);
    }
}
