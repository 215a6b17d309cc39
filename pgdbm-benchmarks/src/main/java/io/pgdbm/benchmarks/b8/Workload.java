package io.pgdbm.benchmarks.b8;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The body every B8 test runs, whichever tool gave it its database: on one connection, a customer and an order of
 * two products are inserted (the migrations' triggers total the order and audit it), the order is paid, and the
 * totals, the view and the row counts are read back. A count other than a fresh database's fails the test, so a
 * database shared between tests would show.
 *
 * <pre>{@code
 * Workload.run(dataSource, "test-17");
 * }</pre>
 */
public final class Workload {
    /** When this thread's last test body started and ended ({@link System#nanoTime()}), for the phase split. */
    static final ThreadLocal<long[]> BODY = ThreadLocal.withInitial(() -> new long[2]);

    private Workload() {
    }

    public static void run(DataSource dataSource, String label) throws SQLException {
        long[] body = BODY.get();
        body[0] = System.nanoTime();
        try {
            work(dataSource, label);
        } finally {
            body[1] = System.nanoTime();
        }
    }

    private static void work(DataSource dataSource, String label) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long customer = insertReturningId(c, "INSERT INTO customers (email, name) VALUES (?, 'B8') RETURNING id",
                    label + "@example.com");
            long order;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (customer_id) VALUES (?) RETURNING id")) {
                ps.setLong(1, customer);
                order = single(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_items (order_id, product_id, quantity, unit_price)"
                    + " SELECT ?, id, 2, price FROM products WHERE sku IN ('SKU-0001', 'SKU-0002')")) {
                ps.setLong(1, order);
                expect(ps.executeUpdate(), 2, "order items inserted");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET status = 'paid' WHERE id = ?")) {
                ps.setLong(1, order);
                expect(ps.executeUpdate(), 1, "orders paid");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT o.total = order_total(o.id) AND o.total = 9.96,"
                    + " s.orders FROM orders o JOIN customer_order_stats s ON s.customer_id = o.customer_id WHERE o.id = ?")) {
                ps.setLong(1, order);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1) || rs.getLong(2) != 1) {
                        throw new AssertionError("order " + order + " has a wrong total or count");
                    }
                }
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM customers),"
                    + " (SELECT count(*) FROM orders), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM products)")) {
                rs.next();
                if (rs.getLong(1) != 1 || rs.getLong(2) != 1 || rs.getLong(3) != 2 || rs.getLong(4) != 200) {
                    throw new AssertionError("not a fresh database: customers " + rs.getLong(1) + ", orders "
                            + rs.getLong(2) + ", audit rows " + rs.getLong(3) + ", products " + rs.getLong(4));
                }
            }
        }
    }

    private static long insertReturningId(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            return single(ps);
        }
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void expect(int actual, int expected, String what) {
        if (actual != expected) {
            throw new AssertionError(what + ": " + actual + ", expected " + expected);
        }
    }
}
