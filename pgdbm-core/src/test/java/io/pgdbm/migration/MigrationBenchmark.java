package io.pgdbm.migration;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * B5 figures for pgdbm alone (the benchmarks module compares with Flyway): applying 200 files to an empty
 * database, against the same SQL sent by hand over one JDBC connection in the same run, and the no-op check with
 * 1,000 applied files. Run: {@code java -cp <test classpath> io.pgdbm.migration.MigrationBenchmark [runs]}.
 */
public final class MigrationBenchmark {
    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path files200 = Files.createTempDirectory("pgdbm-bench-200");
        List<String> sql200 = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            String sql = "CREATE TABLE {{tables.t" + i + "}} (id bigserial PRIMARY KEY, name text NOT NULL,"
                    + " created_at timestamptz DEFAULT now());\nCREATE INDEX t" + i + "_name ON {{tables.t" + i + "}} (name);\n";
            Files.writeString(files200.resolve(String.format("%03d_table_%d.sql", i, i)), sql);
            sql200.add(sql.replace("{{tables.", "").replace("}}", ""));
        }
        Path files1000 = Files.createTempDirectory("pgdbm-bench-1000");
        for (int i = 1; i <= 1000; i++) {
            Files.writeString(files1000.resolve(String.format("%04d_step.sql", i)), "SELECT " + i + ";\n");
        }
        try (MigrationTestSupport support = new MigrationTestSupport()) {
            List<Double> pgdbm = new ArrayList<>();
            List<Double> byHand = new ArrayList<>();
            for (int run = 0; run < runs + 1; run++) { // the first run warms the JVM and is not counted
                DatabaseConfig config = support.newDatabase();
                long start = System.nanoTime();
                try (DatabaseManager db = new DatabaseManager(config)) {
                    db.connect();
                    new MigrationManager(db, files200.toString(), "bench").applyPending();
                }
                double ms = (System.nanoTime() - start) / 1e6;
                DatabaseConfig other = support.newDatabase();
                start = System.nanoTime();
                try (Connection c = DriverManager.getConnection(other.jdbcUrl(), other.user(), other.password().orElse(null));
                     Statement st = c.createStatement()) {
                    for (String sql : sql200) {
                        c.setAutoCommit(false);
                        st.execute(sql);
                        c.commit();
                    }
                }
                double hand = (System.nanoTime() - start) / 1e6;
                if (run > 0) {
                    pgdbm.add(ms);
                    byHand.add(hand);
                }
            }
            System.out.printf("B5 apply 200 files (connect + apply), median of %d: pgdbm %.0f ms; same SQL by hand over"
                    + " one JDBC connection, one transaction per file: %.0f ms; ratio %.2f%n", runs, median(pgdbm),
                    median(byHand), median(pgdbm) / median(byHand));

            DatabaseConfig config = support.newDatabase();
            try (DatabaseManager db = new DatabaseManager(config)) {
                db.connect();
                MigrationManager manager = new MigrationManager(db, files1000.toString(), "bench");
                long start = System.nanoTime();
                manager.applyPending();
                System.out.printf("apply 1,000 trivial files: %.0f ms%n", (System.nanoTime() - start) / 1e6);
                List<Double> noop = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    start = System.nanoTime();
                    MigrationResult r = manager.applyPending();
                    if (r.status() != MigrationResult.Status.UP_TO_DATE) {
                        throw new IllegalStateException("expected UP_TO_DATE, got " + r.status());
                    }
                    if (i >= 5) {
                        noop.add((System.nanoTime() - start) / 1e6);
                    }
                }
                System.out.printf("B5 no-op applyPending with 1,000 applied files, median of %d: %.1f ms (target <= 50 ms)%n",
                        noop.size(), median(noop));
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
