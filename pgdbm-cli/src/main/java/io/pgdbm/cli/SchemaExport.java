package io.pgdbm.cli;

import io.pgdbm.DatabaseConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code dev export-schema}: the DDL of some schemas, from {@code pg_dump --schema-only} (plain SQL for
 * {@code psql -f}). {@code pg_dump} is taken from {@code PGDBM_PG_DUMP}, else the newest
 * {@code /usr/lib/postgresql/<n>/bin/pg_dump}, else {@code PATH}; it must not be older than the server.
 */
final class SchemaExport {
    private SchemaExport() {
    }

    static String dump(DatabaseConfig config, List<String> schemas, CliEnvironment env) {
        List<String> command = new ArrayList<>(List.of(pgDump(env), "--schema-only", "--no-owner", "--no-privileges",
                "--dbname=" + withoutPassword(config)));
        schemas.forEach(s -> command.add("--schema=" + s));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> environment = pb.environment();
        config.password().ifPresent(p -> environment.put("PGPASSWORD", p));
        environment.put("PGSSLMODE", config.sslMode().driverValue());
        config.sslCaFile().ifPresent(f -> environment.put("PGSSLROOTCERT", f.toString()));
        config.sslCertFile().ifPresent(f -> environment.put("PGSSLCERT", f.toString()));
        config.sslKeyFile().ifPresent(f -> environment.put("PGSSLKEY", f.toString()));
        try {
            Path errors = Files.createTempFile("pgdbm-pg_dump", ".err");
            try {
                pb.redirectError(errors.toFile());
                Process process = pb.start();
                process.getOutputStream().close();
                String sql = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new CliException(ExitCodes.FAILURE, "pg_dump failed (" + command.get(0) + "): "
                            + Files.readString(errors, StandardCharsets.UTF_8).strip());
                }
                return sql;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "Cannot run pg_dump (" + command.get(0) + "): " + e.getMessage()
                    + "; install the PostgreSQL client or set PGDBM_PG_DUMP to its pg_dump", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "Interrupted while pg_dump was running", e);
        }
    }

    private static String withoutPassword(DatabaseConfig config) {
        return config.maskedUrl().replace(":****@", "@"); // the password travels in PGPASSWORD
    }

    private static String pgDump(CliEnvironment env) {
        String configured = env.variable("PGDBM_PG_DUMP");
        if (configured != null) {
            return configured;
        }
        return newestInstalled().map(Path::toString).orElse("pg_dump");
    }

    private static Optional<Path> newestInstalled() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
