package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseConfig;
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

    private record Run(int code, String output) {
    }

    private Run pgdbm(Path workDir, java.util.Map<String, String> env, String... args) throws Exception {
        Path launcher = Path.of("bin/pgdbm").toAbsolutePath();
        Path log = dir.resolve("out.log");
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of(launcher.toString())))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.command().addAll(List.of(args));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), Files.readString(log));
    }

    @Test
    void runnableJarPrintsVersionAndAppliesMigrations() throws Exception {
        assertThat(Path.of("target")).isDirectoryContaining("glob:**/pgdbm-cli-*-all.jar");
        Run version = pgdbm(dir, java.util.Map.of(), "--version");
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output()).contains("pgdbm " + PgdbmCommand.version());

        DatabaseConfig db = TestDatabases.create("cli_jar");
        try {
            Path project = Files.createDirectories(dir.resolve("project/migrations"));
            Files.writeString(project.resolve("001_t.sql"), "CREATE TABLE {{tables.t}} (id int);");
            Run apply = pgdbm(project.getParent(), java.util.Map.of("DATABASE_URL", db.toUrl()), "migrate", "apply");
            assertThat(apply.code()).as(apply.output()).isZero();
            assertThat(apply.output()).contains("✓ public: 001_t.sql");
            Run bad = pgdbm(project.getParent(), java.util.Map.of("DATABASE_URL", db.toUrl()), "-c", "nope.toml", "migrate", "apply");
            assertThat(bad.code()).isEqualTo(ExitCodes.CONFIG);
        } finally {
            TestDatabases.drop(db);
        }
    }
}
