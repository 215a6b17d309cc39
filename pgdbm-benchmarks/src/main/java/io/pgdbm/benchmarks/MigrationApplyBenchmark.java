package io.pgdbm.benchmarks;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * B5: pgdbm's {@link MigrationManager} applying 200 files to an empty database against Flyway applying the same
 * files in the same JVM (each sample: a fresh database, connect, migrate; creating the database is not timed);
 * the same with a generated set of realistic files (enums added then used, functions, indexes), also against psql
 * applying them in one session, each file in its own transaction; and the nothing-pending check with 1,000 applied
 * files.
 */
final class MigrationApplyBenchmark {
    private MigrationApplyBenchmark() {
    }

    static List<Result> run(BenchContext ctx) throws Exception {
        List<Result> results = new ArrayList<>();
        Path files = MigrationFiles.tables(200, false);
        int rounds = ctx.rounds(3, 7);
        Harness.Pair pair = Harness.alternate(1, rounds, () -> flyway(ctx, files), () -> pgdbm(ctx, files));
        results.add(Result.compared("B5", "apply 200 files to an empty database", "ms", pair, "≤ 0.5×",
                pair.ratio() <= 0.5, "baseline: Flyway " + flywayVersion()));

        int count = ctx.quick() ? 200 : 400;
        Path realistic = MigrationFiles.realistic(count);
        String figure = "apply " + count + " realistic files (enums added then used, functions, indexes)";
        Harness.Pair vsFlyway = Harness.alternate(1, rounds, () -> flyway(ctx, realistic), () -> pgdbm(ctx, realistic));
        results.add(Result.compared("B5", figure, "ms", vsFlyway, "≤ 0.5×", vsFlyway.ratio() <= 0.5,
                "baseline: Flyway " + flywayVersion()));
        Harness.Pair vsPsql = Harness.alternate(1, rounds, () -> psql(ctx, realistic), () -> pgdbm(ctx, realistic));
        results.add(new Result("B5", figure, "ms", vsPsql.subject(), vsPsql.baseline(), vsPsql.ratio(),
                "subject/baseline", "(none)", null, "baseline: psql, one session, each file in BEGIN/COMMIT"));

        Path trivial = MigrationFiles.trivial(1000);
        DatabaseConfig config = ctx.newDatabase("b5noop");
        try (DatabaseManager db = new DatabaseManager(config.toBuilder().minConnections(1).maxConnections(2).build())) {
            db.connect();
            MigrationManager manager = new MigrationManager(db, trivial.toString(), "bench");
            manager.applyPending();
            Stats noop = Harness.repeat(3, ctx.rounds(10, 30), () -> Harness.millis(() -> {
                if (manager.applyPending().status() != MigrationResult.Status.UP_TO_DATE) {
                    throw new IllegalStateException("expected nothing pending");
                }
            }));
            results.add(Result.absolute("B5", "nothing pending, 1,000 applied files", "ms", noop, "≤ 50 ms",
                    noop.median() <= 50, "one history read, no lock"));
        }
        return results;
    }

    private static double pgdbm(BenchContext ctx, Path files) throws Exception {
        DatabaseConfig config = ctx.newDatabase("b5p").toBuilder().minConnections(0).maxConnections(2).build();
        return Harness.millis(() -> {
            try (DatabaseManager db = new DatabaseManager(config)) {
                db.connect();
                new MigrationManager(db, files.toString(), "bench").applyPending();
            }
        });
    }

    private static double flyway(BenchContext ctx, Path files) throws Exception {
        DatabaseConfig config = ctx.newDatabase("b5f");
        return Harness.millis(() -> Flyway.configure()
                .dataSource(config.jdbcUrl() + (config.jdbcUrl().contains("?") ? "&" : "?") + "sslmode=disable",
                        config.user(), config.password().orElse(null))
                .locations("filesystem:" + files)
                .load()
                .migrate());
    }

    /** psql applying the files in one session, each file between BEGIN and COMMIT; psql's start included. */
    private static double psql(BenchContext ctx, Path files) throws Exception {
        String database = ctx.newDatabase("b5q").database();
        Path script = Files.createTempFile("pgdbm-bench-psql-", ".sql");
        try {
            StringBuilder sb = new StringBuilder();
            for (Migration m : MigrationManager.discover(files.toString())) {
                sb.append("BEGIN;\n\\i '").append(files.resolve(m.filename())).append("'\nCOMMIT;\n");
            }
            Files.writeString(script, sb);
            ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", ctx.server().host(),
                    "-p", Integer.toString(ctx.server().port()), "-U", ctx.server().user(), "-d", database,
                    "-f", script.toString());
            ctx.server().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
            pb.environment().put("PGSSLMODE", "disable");
            pb.redirectErrorStream(true);
            return Harness.millis(() -> {
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("psql failed: " + output);
                }
            });
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Flyway's version from its jar's Maven metadata (its manifest carries none). */
    private static String flywayVersion() {
        try (var in = Flyway.class.getResourceAsStream("/META-INF/maven/org.flywaydb/flyway-core/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "(version unknown)");
        } catch (java.io.IOException e) {
            return "(version unknown)";
        }
    }
}
