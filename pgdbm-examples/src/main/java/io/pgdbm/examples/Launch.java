package io.pgdbm.examples;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of the examples' {@code main} methods: {@code --name value} (or {@code --name=value}) options,
 * and the database they run on.
 *
 * <pre>{@code
 * Launch launch = Launch.parse(args, "ServiceApp [--url postgresql://...] [--port 8080]", "url", "port");
 * int port = launch.intOption("port", 8080);
 * String url = launch.databaseUrl(System.out);
 * }</pre>
 */
public final class Launch {
    private final Map<String, String> options;
    private final String usage;

    private Launch(Map<String, String> options, String usage) {
        this.options = options;
        this.usage = usage;
    }

    /** @throws IllegalArgumentException for an option not in {@code names} or without a value, with the usage */
    public static Launch parse(String[] args, String usage, String... names) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") ? arg.substring(2, eq < 0 ? arg.length() : eq) : null;
            if (name == null || !List.of(names).contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; usage: " + usage);
            }
            if (eq < 0 && i + 1 >= args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value; usage: " + usage);
            }
            options.put(name, eq < 0 ? args[++i] : arg.substring(eq + 1));
        }
        return new Launch(options, usage);
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public int intOption(String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + value + "'; usage: " + usage);
        }
    }

    /**
     * {@code --url}, else {@code DATABASE_URL}, else the {@code postgres} database of a throwaway server started
     * through pgdbm-testserver's providers (gone when the JVM exits); says which on {@code out}.
     */
    public String databaseUrl(PrintStream out) {
        Optional<String> given = option("url").or(() -> Optional.ofNullable(System.getenv("DATABASE_URL")))
                .filter(u -> !u.isBlank());
        if (given.isPresent()) {
            return given.get();
        }
        PostgresServer server = PostgresServers.shared(ProviderSettings.fromEnvironment());
        out.println("database: a throwaway PostgreSQL " + server.serverVersion() + " (" + server.provider()
                + " provider), gone when this process ends; set DATABASE_URL or --url to use yours");
        return server.url(server.adminDatabase()) + "?sslmode=disable";
    }
}
