package io.pgdbm.cli;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.SharedPool;
import io.pgdbm.junit.PostgresServer;
import io.pgdbm.junit.PostgresServers;
import io.pgdbm.junit.ProviderSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pgdbm dev ...}: the development loop. Works on the selected environment ({@code dev} unless
 * {@code --env}/{@code PGDBM_ENV}/{@code default_env} says otherwise).
 */
@Command(name = "dev", mixinStandardHelpOptions = true, description = "Development workflow commands.",
        footer = ExitCodes.HELP_FOOTER)
final class DevCommands {

    @ParentCommand
    PgdbmCommand root;

    @Command(name = "start", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = {"Create the environment's database when missing and apply every module's migrations.",
                    "With --server: start a PostgreSQL server for this session (local binaries or embedded), migrate a "
                            + "database on it, print its URL and keep it running until Ctrl-C; its data is deleted when "
                            + "it stops. The URL is also written to .pgdbm/dev/url."})
    int start(@Option(names = "--server", arity = "0..1", fallbackValue = "auto", paramLabel = "PROVIDER",
            description = "auto, local or embedded") String provider) throws InterruptedException {
        Project project = root.project();
        if (provider == null) {
            DatabaseConfig config = project.databaseConfig();
            if (AdminDatabase.createIfMissing(config)) {
                root.out().println("✓ Created database '" + config.database() + "'");
            }
            migrateAll(project);
            root.out().println("✓ Development environment ready: " + config.maskedUrl());
            return ExitCodes.OK;
        }
        String database = project.config().map(ProjectConfig::name).filter(io.pgdbm.internal.Identifiers::isValid)
                .map(n -> n + "_dev").orElse("pgdbm_dev");
        try (PostgresServer server = PostgresServers.start(ProviderSettings.builder().provider(provider).build())) {
            String url = server.url(database);
            AdminDatabase.createIfMissing(DatabaseConfig.fromUrl(url));
            migrateAll(project.withDatabaseUrl(url));
            Path urlFile = project.baseDirectory().resolve(".pgdbm/dev/url");
            write(urlFile, url + "\n");
            root.out().println("✓ Development server (" + server.provider() + ", PostgreSQL " + server.serverVersion()
                    + ") running: " + url);
            root.out().println("  export DATABASE_URL=" + url);
            root.out().println("  Press Ctrl-C to stop it (its data is deleted).");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "pgdbm-dev-server-stop"));
            stopped.await();
            return ExitCodes.OK;
        }
    }

    private void migrateAll(Project project) {
        List<ModuleConfig> modules = project.modulesInOrder();
        root.out().println("Resolved module order: " + ModuleMigrator.arrowList(modules));
        try (SharedPool pool = project.openPool()) {
            new ModuleMigrator(project, pool, root.out()).apply(modules);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Drop and re-create the environment's database, then apply every module's migrations.")
    int reset(@Option(names = {"-y", "--yes", "--confirm"}, description = "Do not ask for confirmation.") boolean yes) {
        DatabaseConfig config = DbCommands.recreate(root, yes);
        migrateAll(root.project());
        root.out().println("✓ Development database reset: " + config.maskedUrl());
        return ExitCodes.OK;
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Apply new migration files as they appear, polling every --interval, until Ctrl-C.")
    int watch(@Option(names = {"-i", "--interval"}, defaultValue = "2", paramLabel = "SECONDS") int seconds,
              @Option(names = "--rounds", hidden = true, defaultValue = "0", description = "Stop after N polls (0: never).") int rounds)
            throws InterruptedException {
        Project project = root.project();
        List<ModuleConfig> modules = project.modulesInOrder();
        modules.forEach(project::requireLocation);
        root.out().println("Watching " + modules.size() + " module(s) every " + seconds + " s; Ctrl-C stops");
        try (SharedPool pool = project.openPool()) {
            for (int round = 1; rounds == 0 || round <= rounds; round++) {
                project.moduleRunner(pool, modules, (m, b) -> { }).onResult(result -> result.applied().forEach(f ->
                        root.out().println("  ✓ " + result.module() + ": " + f.filename() + " ("
                                + f.executionTime().toMillis() + " ms)"))).migrate();
                root.out().flush();
                if (rounds == 0 || round < rounds) {
                    Thread.sleep(Duration.ofSeconds(seconds).toMillis()); // the poll interval the user asked for
                }
            }
        }
        return ExitCodes.OK;
    }

    @Command(name = "export-schema", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Write the DDL of the modules' schemas (or --schema) with pg_dump, for psql -f.")
    int exportSchema(@Option(names = {"-o", "--output"}, defaultValue = "schema.sql", paramLabel = "FILE",
                             description = "Output file; - for standard output (default schema.sql).") String output,
                     @Option(names = {"-s", "--schema"}, paramLabel = "SCHEMA", description = "Schema(s) to export; default: every module's.")
                     List<String> schemas) {
        Project project = root.project();
        List<String> chosen = schemas != null && !schemas.isEmpty() ? schemas
                : project.modulesInOrder().stream().map(project::schemaOf).distinct().toList();
        String sql = SchemaExport.dump(project.databaseConfig(), chosen, project.cliEnvironment());
        if (output.equals("-")) {
            root.out().print(sql);
            root.out().flush();
        } else {
            Path file = project.cliEnvironment().workingDirectory().resolve(output);
            write(file, sql);
            root.out().println("✓ Exported schema(s) " + String.join(", ", chosen) + " to " + file);
        }
        return ExitCodes.OK;
    }
}
