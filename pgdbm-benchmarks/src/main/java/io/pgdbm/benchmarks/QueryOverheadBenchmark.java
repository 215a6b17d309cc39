package io.pgdbm.benchmarks;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * B3: pgdbm's query overhead against raw PgJDBC on a HikariCP pool with identical settings (the baseline pool is
 * a second {@link SharedPool} of the same config, used through plain JDBC). Each sample is the mean time per
 * operation over a batch, in microseconds. Also the cost of a cached template render.
 */
final class QueryOverheadBenchmark {
    private static final String POINT = "SELECT id, name, email, score, created_at FROM {{tables.items}} WHERE id = $1";
    private static final String RANGE = "SELECT id, name, email, score, created_at FROM {{tables.items}} WHERE id <= $1 ORDER BY id";
    private static final String INSERT = "INSERT INTO {{tables.sink}} (name, score) VALUES ($1, $2)";

    /** The rows of {@code items}, as a record. */
    record Item(int id, String name, String email, java.math.BigDecimal score, java.time.OffsetDateTime createdAt) {
    }

    private QueryOverheadBenchmark() {
    }

    private static long streamRange(DatabaseManager db, int max) {
        try (java.util.stream.Stream<io.pgdbm.Row> rows = db.fetchStream(RANGE, max)) {
            return rows.count();
        }
    }

    private static List<Item> rawRecords(DataSource ds, String sql, int max) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, max);
            List<Item> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Item(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getObject(5, java.time.OffsetDateTime.class)));
                }
            }
            return rows;
        }
    }

    private static long rawCursor(DataSource ds, String sql, int max) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1000);
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        readRow(rs);
                        n++;
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
            return n;
        }
    }

    static List<Result> run(BenchContext ctx) throws Exception {
        DatabaseConfig config = ctx.newDatabase("b3").toBuilder().schema("bench").minConnections(2).maxConnections(4).build();
        List<Result> results = new ArrayList<>();
        try (DatabaseManager db = new DatabaseManager(config); SharedPool rawPool = SharedPool.create(config)) {
            db.connect();
            db.execute("""
                    CREATE TABLE {{tables.items}} (id int PRIMARY KEY, name text, email text, score numeric, created_at timestamptz DEFAULT now());
                    INSERT INTO {{tables.items}} (id, name, email, score) SELECT g, 'name ' || g, 'u' || g || '@x.io', g * 1.5 FROM generate_series(1, 10000) g;
                    CREATE TABLE {{tables.sink}} (id bigserial PRIMARY KEY, name text, score int);
                    ANALYZE {{tables.items}}""");
            DataSource raw = rawPool.dataSource();
            String point = db.prepareQuery(POINT).replace("$1", "?");
            String range = db.prepareQuery(RANGE).replace("$1", "?");
            String insert = db.prepareQuery(INSERT).replace("$1", "?").replace("$2", "?");
            int rounds = ctx.rounds(9, 25);

            int ops = ctx.quick() ? 2000 : 5000;
            int batches = ctx.quick() ? 40 : 100;
            Compare compare = new Compare(results, rounds);
            compare.add("point fetchOne", "≤ 1.05×", "", ops,
                    () -> rawPoint(raw, point, 1 + ThreadLocalRandom.current().nextInt(10000)),
                    () -> db.fetchOne(POINT, 1 + ThreadLocalRandom.current().nextInt(10000)));
            compare.add("fetchAll of 1,000 rows", "≤ 1.05×", "", batches,
                    () -> rawRange(raw, range, 1000), () -> db.fetchAll(RANGE, 1000));
            compare.add("fetchAll of 1,000 rows as records", "≤ 1.05×", "baseline: the same records built by hand from the ResultSet",
                    batches, () -> rawRecords(raw, range, 1000), () -> db.fetchAll(Item.class, RANGE, 1000));
            compare.add("fetchStream of 1,000 rows", "≤ 1.05×",
                    "baseline: the same cursor by hand (autocommit off, fetch size 1,000, commit)", batches,
                    () -> rawCursor(raw, range, 1000), () -> streamRange(db, 1000));
            compare.add("fetchStream vs plain fetch, 1,000 rows", "—",
                    "a cursor costs its BEGIN/COMMIT and a final fetch: two round trips", batches,
                    () -> rawRange(raw, range, 1000), () -> streamRange(db, 1000));
            compare.add("single-row insert", "≤ 1.05×", "", ops / 2, () -> rawInsert(raw, insert), () -> db.execute(INSERT, "name", 7));

            int renders = 1_000_000;
            Stats render = Harness.repeat(3, rounds, () -> perOp(renders, () -> db.prepareQuery(POINT)));
            results.add(Result.absolute("B3", "cached template render", "µs/op", render, "≤ 1 µs", render.median() <= 1.0, ""));
        }
        return results;
    }

    /**
     * Runs each pair alternated and adds two figures: wall time per operation (the target), and this thread's CPU
     * time per operation (no target: it leaves out the server's time and other processes' load, so on a busy
     * machine it shows pgdbm's own client-side cost when wall times swing).
     */
    private static final class Compare {
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        private static final int WARMUPS = 3;
        private final List<Result> results;
        private final int rounds;

        Compare(List<Result> results, int rounds) {
            this.results = results;
            this.rounds = rounds;
        }

        void add(String figure, String target, String note, int ops, Harness.ThrowingRunnable baseline,
                 Harness.ThrowingRunnable subject) throws Exception {
            List<Double> baselineCpu = new ArrayList<>();
            List<Double> subjectCpu = new ArrayList<>();
            Harness.Pair p = Harness.alternate(WARMUPS, rounds, () -> timed(ops, baseline, baselineCpu),
                    () -> timed(ops, subject, subjectCpu));
            boolean hasTarget = target.startsWith("≤");
            results.add(Result.compared("B3", figure, "µs/op", p, target, !hasTarget || p.ratio() <= 1.05, note));
            Harness.Pair cpu = new Harness.Pair(Stats.of(baselineCpu.subList(WARMUPS, baselineCpu.size())),
                    Stats.of(subjectCpu.subList(WARMUPS, subjectCpu.size())));
            results.add(Result.compared("B3", figure + ", client CPU", "µs/op", cpu, "—", true,
                    "this thread's CPU time per operation"));
        }

        private static double timed(int ops, Harness.ThrowingRunnable op, List<Double> cpu) throws Exception {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            double wall = perOp(ops, op);
            cpu.add((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / ops);
            return wall;
        }
    }

    private static double perOp(int ops, Harness.ThrowingRunnable op) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            op.run();
        }
        return (System.nanoTime() - start) / 1e3 / ops;
    }

    private static Object[] rawPoint(DataSource ds, String sql, int id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readRow(rs) : null;
            }
        }
    }

    private static List<Object[]> rawRange(DataSource ds, String sql, int max) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, max);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(readRow(rs));
                }
            }
            return rows;
        }
    }

    private static Object[] readRow(ResultSet rs) throws Exception {
        return new Object[] {rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
            rs.getObject(5, java.time.OffsetDateTime.class)};
    }

    private static int rawInsert(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "name");
            ps.setInt(2, 7);
            return ps.executeUpdate();
        }
    }
}
