package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar (after {@code package}) works with nothing but Java, through the launcher script. */
class JarSmokeIT {
    @TempDir
    Path dir;

    private record Run(int code, String output, String errors) {
    }

    private Run pgdbm(Path workDir, java.util.Map<String, String> env, String... args) throws Exception {
        return run(Path.of("bin/pgdbm").toAbsolutePath(), workDir, env, args);
    }

    private Run run(Path launcher, Path workDir, java.util.Map<String, String> env, String... args) throws Exception {
        Path log = dir.resolve("out.log");
        Path errors = dir.resolve("err.log");
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of(launcher.toString())))
                .directory(workDir.toFile()).redirectError(errors.toFile()).redirectOutput(log.toFile());
        pb.command().addAll(List.of(args));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), Files.readString(log), Files.readString(errors));
    }

    @Test
    void runnableJarPrintsVersionAndAppliesMigrations() throws Exception {
        assertThat(Path.of("target")).isDirectoryContaining("glob:**/pgdbm-cli-*-all.jar");
        Run version = pgdbm(dir, java.util.Map.of(), "--version");
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output()).contains("pgdbm " + PgdbmCommand.version());

        TestDatabase database = TestDatabase.create("cli_jar");
        DatabaseConfig db = database.config();
        try {
            Path project = Files.createDirectories(dir.resolve("project/migrations"));
            Files.writeString(project.resolve("001_t.sql"), "CREATE TABLE {{tables.t}} (id int);");
            Run apply = pgdbm(project.getParent(), java.util.Map.of("DATABASE_URL", db.toUrl()), "migrate", "apply");
            assertThat(apply.code()).as(apply.output()).isZero();
            assertThat(apply.output()).contains("✓ public: 001_t.sql");
            assertThat(apply.errors()).as("no log lines by default").isEmpty();
            Files.writeString(project.resolve("002_u.sql"), "CREATE TABLE {{tables.u}} (id int);");
            Run verbose = pgdbm(project.getParent(), java.util.Map.of("DATABASE_URL", db.toUrl()), "-v", "migrate", "apply");
            assertThat(verbose.code()).as(verbose.output() + verbose.errors()).isZero();
            assertThat(verbose.errors()).contains("INFO").contains("applied 002_u.sql");
            Run bad = pgdbm(project.getParent(), java.util.Map.of("DATABASE_URL", db.toUrl()), "-c", "nope.toml", "migrate", "apply");
            assertThat(bad.code()).isEqualTo(ExitCodes.CONFIG);
            assertThat(bad.errors()).contains("nope.toml does not exist");
        } finally {
            database.close();
        }
    }

    @Test
    void launcherWorksWhenSymlinkedOntoPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("pgdbm"), Path.of("bin/pgdbm").toAbsolutePath());
        Path chained = Files.createSymbolicLink(dir.resolve("pgdbm-again"), Path.of("bin/pgdbm")); // relative link

        Run direct;
        Run twice;
        try {
            direct = run(link, dir, java.util.Map.of(), "--version");
            twice = run(chained, dir, java.util.Map.of(), "--version");
        } finally {
            Files.delete(chained);
            Files.delete(link); // @TempDir would warn about a link pointing outside it
        }

        assertThat(direct.code()).as(direct.output() + direct.errors()).isZero();
        assertThat(direct.output()).contains("pgdbm " + PgdbmCommand.version());
        assertThat(twice.code()).as(twice.output() + twice.errors()).isZero();
    }

    @Test
    void classpathMigrationsOfAJarOnPgdbmClasspathAreSeen() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("lib/db/migrations/billing"));
        Files.writeString(classes.resolve("001_invoices.sql"), "CREATE TABLE {{tables.invoices}} (id int);");
        Path project = Files.createDirectories(dir.resolve("app"));
        Files.writeString(project.resolve("pgdbm.toml"), """
                [environments.dev]
                url = "${APP_URL}"
                [modules.billing]
                migrations_path = "classpath:db/migrations/billing"
                schema = "billing"
                """);
        TestDatabase database = TestDatabase.create("cli_jar_cp");
        try {
            java.util.Map<String, String> env = java.util.Map.of("APP_URL", database.config().toUrl());
            Run unseen = pgdbm(project, env, "migrate", "apply");
            Run seen = pgdbm(project, java.util.Map.of("APP_URL", database.config().toUrl(),
                    "PGDBM_CLASSPATH", dir.resolve("lib").toString()), "migrate", "apply");

            assertThat(unseen.code()).isEqualTo(ExitCodes.CONFIG);
            assertThat(unseen.errors()).contains("not on the pgdbm command's class path");
            assertThat(seen.code()).as(seen.output() + seen.errors()).isZero();
            assertThat(seen.output()).contains("✓ billing: 001_invoices.sql");
        } finally {
            database.close();
        }
    }
}
