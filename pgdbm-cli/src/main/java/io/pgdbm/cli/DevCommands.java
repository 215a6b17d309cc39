package io.pgdbm.cli;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.PgdbmException;
import io.pgdbm.migration.MigrationException;
import io.pgdbm.SharedPool;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pgdbm dev ...}: the development loop. Works on the selected environment ({@code dev} unless
 * {@code --env}/{@code PGDBM_ENV}/{@code default_env} says otherwise); {@code start}, {@code reset} and {@code watch}
 * refuse an environment not named {@code dev}, {@code development} or {@code local} unless {@code --force-env}.
 *
 * <pre>{@code
 * pgdbm dev reset --yes          # drop, create and migrate the dev database
 * pgdbm -e prod dev reset --yes  # refused (exit 2): pass --force-env if prod really is a scratch database
 * }</pre>
 */
@Command(name = "dev", mixinStandardHelpOptions = true, description = "Development workflow commands.",
        footer = ExitCodes.HELP_FOOTER)
final class DevCommands {

    private static final Set<String> DEV_ENVIRONMENTS = Set.of("dev", "development", "local");

    @ParentCommand
    PgdbmCommand root;

    /** Destructive development commands run on a development environment only, unless forced. */
    private void requireDevEnvironment(boolean forced, String command) {
        String name = root.project().environmentName();
        if (!forced && !DEV_ENVIRONMENTS.contains(name)) {
            throw new CliException(ExitCodes.USAGE, "'dev " + command + "' works on development environments ("
                    + String.join(", ", new TreeSet<>(DEV_ENVIRONMENTS)) + "), not '" + name + "'; choose one with --env,"
                    + " or pass --force-env if '" + name + "' really is yours to " + (command.equals("reset")
                    ? "wipe" : "migrate") + " (" + root.target().maskedUrl() + ")");
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = {"Create the environment's database when missing and apply every module's migrations.",
                    "With --server: start a PostgreSQL server for this session (local binaries or embedded), migrate a "
                            + "database on it, print its URL and keep it running until Ctrl-C; its data is deleted when "
                            + "it stops. The URL is also written to .pgdbm/dev/url."})
    int start(@Option(names = "--server", arity = "0..1", fallbackValue = "auto", paramLabel = "PROVIDER",
            description = "auto, local or embedded") String provider,
              @Option(names = "--force-env", description = "Also on an environment not named dev, development or local.")
              boolean forceEnv) throws InterruptedException {
        Project project = root.project();
        if (provider == null) {
            requireDevEnvironment(forceEnv, "start");
            DatabaseConfig config = root.target();
            boolean created = AdminDatabase.createIfMissing(config);
            root.output().put("created", created);
            if (created) {
                root.output().progress("✓ Created database '" + config.database() + "'");
            }
            migrateAll(project);
            root.output().result("✓ Development environment ready: " + config.maskedUrl());
            return ExitCodes.OK;
        }
        String database = project.config().map(ProjectConfig::name).filter(io.pgdbm.internal.Identifiers::isValid)
                .map(n -> n + "_dev").orElse("pgdbm_dev");
        try (PostgresServer server = PostgresServers.start(ProviderSettings.builder().provider(ServerProvider.parse(provider)).build())) {
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
        root.output().progress("Resolved module order: " + ModuleMigrator.arrowList(modules));
        try (SharedPool pool = project.openPool()) {
            new ModuleMigrator(project, pool, root.output()).apply(modules);
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
    int reset(@Option(names = {"-y", "--yes", "--confirm"}, description = "Do not ask for confirmation.") boolean yes,
              @Option(names = "--force-env", description = "Also on an environment not named dev, development or local.")
              boolean forceEnv) {
        requireDevEnvironment(forceEnv, "reset");
        DatabaseConfig config = DbCommands.recreate(root, yes);
        migrateAll(root.project());
        root.output().result("✓ Development database reset: " + config.maskedUrl());
        return ExitCodes.OK;
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = {"Apply new migration files as they appear, polling every --interval, until Ctrl-C.",
                    "A file that fails is reported (once, until it changes) and watching goes on."})
    int watch(@Option(names = {"-i", "--interval"}, defaultValue = "2", paramLabel = "SECONDS") int seconds,
              @Option(names = "--rounds", hidden = true, defaultValue = "0", description = "Stop after N polls (0: never).") int rounds,
              @Option(names = "--force-env", description = "Also on an environment not named dev, development or local.")
              boolean forceEnv) throws InterruptedException {
        requireDevEnvironment(forceEnv, "watch");
        Project project = root.project();
        List<ModuleConfig> modules = project.modulesInOrder();
        modules.forEach(project::requireLocation);
        root.target();
        root.output().result("Watching " + modules.size() + " module(s) every " + seconds + " s; Ctrl-C stops");
        String lastError = null;
        try (SharedPool pool = project.openPool()) {
            ModuleMigrator migrator = new ModuleMigrator(project, pool, root.output());
            for (int round = 1; rounds == 0 || round <= rounds; round++) {
                lastError = watchRound(migrator, modules, lastError);
                if (rounds == 0 || round < rounds) {
                    Thread.sleep(Duration.ofSeconds(seconds).toMillis()); // the poll interval the user asked for
                }
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Applies what is pending, module by module, stopping the round at a failure (later modules may depend on it).
     * Returns the failure's message, reported only when it differs from the previous round's.
     */
    private String watchRound(ModuleMigrator migrator, List<ModuleConfig> modules, String lastError) {
        try {
            migrator.runner(modules, (m, b) -> { }).migrate();
        } catch (PgdbmException e) {
            String error = e.getMessage();
            if (!error.equals(lastError)) {
                String what = e instanceof MigrationException me && me.module() != null
                        ? me.module() + ": " + (me.file() != null ? me.file() : "migrations") : "migrations";
                root.output().result("  ✗ " + what + " failed; still watching (fix the file and save it)");
                root.err().println("Error: " + error);
                root.err().flush();
            }
            return error;
        }
        if (lastError != null) {
            root.output().result("  ✓ all modules up to date again");
        }
        return null;
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
        if (output.equals("-") && root.output().json()) {
            throw new CliException(ExitCodes.USAGE, "--json and -o - both want standard output; write to a file with -o FILE");
        }
        DatabaseConfig config = output.equals("-") ? project.databaseConfig() : root.target(); // '-': stdout is the SQL
        String sql = SchemaExport.dump(config, chosen, project.cliEnvironment());
        root.output().put("schemas", chosen);
        if (output.equals("-")) {
            root.out().print(sql);
            root.out().flush();
        } else {
            Path file = project.cliEnvironment().workingDirectory().resolve(output);
            write(file, sql);
            root.output().put("file", file.toString());
            root.output().result("✓ Exported schema(s) " + String.join(", ", chosen) + " to " + file);
        }
        return ExitCodes.OK;
    }
}
