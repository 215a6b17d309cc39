package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R1: eight threads and a second JVM migrate one module at once; each file is applied exactly once. */
class ConcurrentMigrationTest {
    private static MigrationTestSupport support;

    @BeforeAll
    static void start() {
        support = new MigrationTestSupport();
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    @Test
    void eightThreadsAndASecondJvmApplyEachFileExactlyOnce(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 10; i++) {
            Files.writeString(dir.resolve(String.format("%03d_step.sql", i)),
                    "CREATE TABLE {{tables.t" + i + "}} (id int);\nSELECT pg_sleep(0.03);");
        }
        Files.writeString(dir.resolve("011_index.sql"), "-- pgdbm:no-transaction\nCREATE INDEX CONCURRENTLY t1_id ON {{tables.t1}} (id);");
        DatabaseConfig config = support.newDatabase().toBuilder().schema("shared").build();

        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ConcurrentMigrationMain.class.getName(),
                config.toUrl(), dir.toString(), "racing", "shared").redirectError(dir.resolve("jvm.err").toFile()).start();
        BufferedReader jvmOut = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        assertThat(jvmOut.readLine()).as(() -> "second JVM: " + readQuietly(dir.resolve("jvm.err"))).isEqualTo("READY");

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (DatabaseManager db = new DatabaseManager(config)) {
            db.connect();
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<MigrationResult>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new MigrationManager(db, dir.toString(), "racing").applyPending();
                }, threads));
            }
            try (Writer toJvm = new OutputStreamWriter(jvm.getOutputStream(), StandardCharsets.UTF_8)) {
                toJvm.write("go\n");
            }
            go.countDown();

            List<String> appliedByAll = new ArrayList<>();
            for (CompletableFuture<MigrationResult> run : runs) {
                MigrationResult result = run.get(60, TimeUnit.SECONDS);
                assertThat(result.status()).isIn(MigrationResult.Status.SUCCESS, MigrationResult.Status.UP_TO_DATE);
                appliedByAll.addAll(result.appliedFilenames());
            }
            String line = jvmOut.readLine();
            assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(jvm.exitValue()).as(() -> readQuietly(dir.resolve("jvm.err"))).isZero();
            assertThat(line).matches("STATUS (SUCCESS|UP_TO_DATE) ?.*");
            String jvmApplied = line.replaceFirst("STATUS \\S+ ?", "");
            if (!jvmApplied.isEmpty()) {
                appliedByAll.addAll(List.of(jvmApplied.split(",")));
            }

            List<String> files = MigrationManager.discover(dir.toString()).stream().map(Migration::filename).toList();
            assertThat(appliedByAll).containsExactlyInAnyOrderElementsOf(files);
            assertThat(db.fetchAll("SELECT filename FROM {{tables.schema_migrations}} WHERE module_name = 'racing' ORDER BY filename"))
                    .extracting(r -> r.getString("filename")).containsExactlyElementsOf(files);
        } finally {
            threads.shutdownNow();
            jvm.destroy();
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
