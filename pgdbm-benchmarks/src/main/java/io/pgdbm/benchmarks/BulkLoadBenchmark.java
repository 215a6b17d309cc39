package io.pgdbm.benchmarks;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * B4: {@code copyRecords} of N rows × 5 columns against {@code executeMany} of the same rows and against
 * {@code psql \copy} of the same data from a file (the psql figure includes starting psql, a few milliseconds).
 * Rows are generated lazily, so the copy's memory figures show whether it streams.
 */
final class BulkLoadBenchmark {
    private static final List<String> COLUMNS = List.of("id", "name", "score", "created_at", "active");
    private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

    private BulkLoadBenchmark() {
    }

    static List<Result> run(BenchContext ctx) throws Exception {
        int rows = ctx.quick() ? 200_000 : 1_000_000;
        int rounds = ctx.rounds(3, 5);
        DatabaseConfig config = ctx.newDatabase("b4").toBuilder().schema("bulk").minConnections(1).maxConnections(2)
                .statementTimeout(null).commandTimeout(java.time.Duration.ZERO).build();
        List<Result> results = new ArrayList<>();
        Path tsv = Files.createTempFile("pgdbm-bench-", ".tsv");
        try (DatabaseManager db = new DatabaseManager(config)) {
            db.connect();
            db.execute("CREATE TABLE {{tables.load}} (id int, name text, score numeric, created_at timestamptz, active boolean)");
            writeTsv(tsv, rows);
            String table = "load";

            Harness.Pair vsMany = Harness.alternate(0, rounds,
                    () -> timed(db, () -> db.executeMany("INSERT INTO {{tables.load}} (id, name, score, created_at, active) "
                            + "VALUES ($1, $2, $3, $4, $5)", materialize(rows))),
                    () -> timed(db, () -> db.copyRecords(table, COLUMNS, generated(rows, -1, null))));
            double speedup = 1 / vsMany.ratio();
            results.add(new Result("B4", "copyRecords vs executeMany, " + rows + " rows", "ms", vsMany.subject(),
                    vsMany.baseline(), speedup, "baseline/subject (speed-up)", "≥ 3×", speedup >= 3, ""));

            Harness.Pair vsPsql = Harness.alternate(0, rounds,
                    () -> timed(db, () -> psqlCopy(ctx, config.database(), tsv)),
                    () -> timed(db, () -> db.copyRecords(table, COLUMNS, generated(rows, -1, null))));
            double throughput = 1 / vsPsql.ratio();
            results.add(new Result("B4", "copyRecords vs psql \\copy, " + rows + " rows", "ms", vsPsql.subject(),
                    vsPsql.baseline(), throughput, "throughput subject/psql", "≥ 0.7×", throughput >= 0.7, ""));

            db.execute("TRUNCATE {{tables.load}}");
            long[] liveMidCopy = new long[1];
            resetPeaks();
            long before = heapUsedAfterGc();
            db.copyRecords(table, COLUMNS, generated(1_000_000, 500_000, liveMidCopy));
            long peak = heapPeak();
            results.add(Result.absolute("B4", "heap during a 1,000,000-row copyRecords", "MiB",
                    new Stats(1, mib(liveMidCopy[0]), mib(peak), mib(before), mib(peak)), "streams (live heap mid-copy ≈ before)",
                    liveMidCopy[0] - before < 64L * 1024 * 1024,
                    "median = live heap after GC at row 500,000; p95/max = peak heap incl. garbage; min = live heap before"));
        } finally {
            Files.deleteIfExists(tsv);
        }
        return results;
    }

    private static double timed(DatabaseManager db, Harness.ThrowingRunnable load) throws Exception {
        db.execute("TRUNCATE {{tables.load}}");
        return Harness.millis(load);
    }

    static Object[] row(int i) {
        return new Object[] {i, "name " + i, BigDecimal.valueOf(i, 2), BASE.plusSeconds(i), i % 2 == 0};
    }

    private static List<Object[]> materialize(int rows) {
        List<Object[]> list = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            list.add(row(i));
        }
        return list;
    }

    /** Rows made on demand; when {@code probeAt} is reached, records the live heap after a GC. */
    private static Iterable<Object[]> generated(int rows, int probeAt, long[] probe) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public Object[] next() {
                if (i == probeAt) {
                    probe[0] = heapUsedAfterGc();
                }
                return row(i++);
            }
        };
    }

    private static void writeTsv(Path file, int rows) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                Object[] r = row(i);
                w.write(r[0] + "\t" + r[1] + "\t" + r[2] + "\t" + r[3] + "\t" + ((Boolean) r[4] ? "t" : "f") + "\n");
            }
        }
    }

    private static void psqlCopy(BenchContext ctx, String database, Path file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", ctx.server().host(),
                "-p", Integer.toString(ctx.server().port()), "-U", ctx.server().user(), "-d", database,
                "-c", "\\copy bulk.load (id, name, score, created_at, active) FROM '" + file + "'");
        ctx.server().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
        pb.environment().put("PGSSLMODE", "disable");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("psql \\copy failed: " + output);
        }
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    static long heapPeak() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
