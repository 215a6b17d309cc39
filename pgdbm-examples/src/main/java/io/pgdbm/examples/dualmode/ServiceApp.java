package io.pgdbm.examples.dualmode;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.QueryException;
import io.pgdbm.examples.Launch;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pattern 2B, the dual-mode HTTP service: items and users over HTTP, standalone (it opens its own pool) or in
 * library mode (it borrows the manager of a parent application and lives in that manager's schema).
 *
 * <pre>{@code
 * // Standalone, on its own port:
 * try (ServiceApp app = ServiceApp.createApp(null, true, null, ServiceConfig.of(url))) {
 *     app.start();
 *     HttpServer server = app.listen(8080);
 * }
 *
 * // Library mode, mounted by a parent application under /service1:
 * ServiceApp service1 = ServiceApp.createApp(new DatabaseManager(pool, "service1"), true, "service1", null);
 * service1.start();
 * service1.mount(parentServer, "/service1");
 * }</pre>
 *
 * <p>Routes: {@code GET/POST /items}, {@code GET /items/{id}}, {@code GET/POST /users}. {@link #start()} and
 * {@link #close()} are the service's lifespan: connect and migrate, then disconnect only what it connected.
 * Thread-safe once started.
 */
public final class ServiceApp implements AutoCloseable {
    /** The schema of a standalone service that was given none. */
    public static final String DEFAULT_SCHEMA = "my_service";
    static final String MIGRATIONS = "classpath:db/migrations/service";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceApp.class);
    private static final Pattern ITEM_PATH = Pattern.compile("/items/(\\d+)");

    private final DatabaseManager externalDb;
    private final boolean runMigrations;
    private final String schema;
    private final ServiceConfig config;
    private final List<HttpServer> ownServers = new ArrayList<>();
    private volatile DatabaseManager db;
    private MigrationResult migrations;

    private ServiceApp(DatabaseManager externalDb, boolean runMigrations, String schema, ServiceConfig config) {
        this.externalDb = externalDb;
        this.runMigrations = runMigrations;
        this.config = config;
        this.schema = externalDb != null ? externalDb.schema().orElse("public")
                : schema != null ? schema : config.databaseSchema();
    }

    // snippet:dualmode-create-app
    /**
     * Creates the service; nothing is connected until {@link #start()}.
     *
     * @param dbManager     the parent's manager (library mode), or {@code null} to own a pool (standalone)
     * @param runMigrations whether {@link #start()} applies the service's migrations
     * @param schema        the schema (standalone: overrides {@code config}; library mode: must be the manager's)
     * @param config        the standalone settings; required when {@code dbManager} is {@code null}
     */
    public static ServiceApp createApp(DatabaseManager dbManager, boolean runMigrations, String schema,
                                       ServiceConfig config) {
        if (dbManager == null && config == null) {
            throw new IllegalArgumentException("createApp needs either a DatabaseManager (library mode) or a "
                    + "ServiceConfig with the database URL (standalone mode)");
        }
        if (dbManager != null && schema != null && !schema.equals(dbManager.schema().orElse("public"))) {
            throw new IllegalArgumentException("createApp: schema '" + schema + "' is not the manager's schema '"
                    + dbManager.schema().orElse("public") + "'; in library mode the service lives in its manager's "
                    + "schema: pass new DatabaseManager(pool, \"" + schema + "\")");
        }
        return new ServiceApp(dbManager, runMigrations, schema, config);
    }

    /** The lifespan's start: connect when standalone, then migrate under a schema-aware module name. */
    public synchronized ServiceApp start() {
        if (db != null) {
            return this;
        }
        DatabaseManager manager = externalDb;
        if (manager == null) {
            manager = new DatabaseManager(DatabaseConfig.fromUrl(config.databaseUrl()).toBuilder()
                    .schema(schema)
                    .minConnections(config.minConnections())
                    .maxConnections(config.maxConnections())
                    .build());
            manager.connect();
        }
        try {
            if (runMigrations) {
                migrations = new MigrationManager(manager, MIGRATIONS, moduleName()).applyPending();
                LOG.info("[{}] applied {} migration(s)", schema, migrations.applied().size());
            }
        } catch (RuntimeException e) {
            if (externalDb == null) {
                manager.close();
            }
            throw e;
        }
        db = manager;
        return this;
    }

    /** The lifespan's end: stops servers this app started and disconnects only if it connected. */
    @Override
    public synchronized void close() {
        ownServers.forEach(server -> server.stop(0));
        ownServers.clear();
        if (externalDb == null && db != null) {
            db.close();
        }
        db = null;
    }
    // end:dualmode-create-app

    /**
     * Runs the service standalone until the process is stopped (Ctrl+C), its pool closed on the way out:
     *
     * <pre>
     * mvn -q -B install -DskipTests
     * mvn -q -B -pl pgdbm-examples exec:java -Dexec.mainClass=io.pgdbm.examples.dualmode.ServiceApp \
     *     -Dexec.args="--port 8080 --url postgresql://me@localhost:5432/app"
     * curl -X POST localhost:8080/items -d '{"name": "lamp"}'
     * curl localhost:8080/items
     * </pre>
     *
     * <p>Options: {@code --url} (else {@code DATABASE_URL}, else a throwaway server), {@code --port} (8080),
     * {@code --schema} ({@value #DEFAULT_SCHEMA}).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        ServiceApp app = serve(args, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "service-app-shutdown"));
        Thread.currentThread().join(); // serves until the JVM is stopped
    }

    /** What {@link #main} starts: the service, migrated and listening; closing it stops the server and the pool. */
    public static ServiceApp serve(String[] args, PrintStream out) throws IOException {
        Launch launch = Launch.parse(args, "ServiceApp [--url postgresql://user@host:5432/db] [--port 8080] [--schema "
                + DEFAULT_SCHEMA + "]", "url", "port", "schema");
        int port = launch.intOption("port", 8080);
        String schema = launch.option("schema").orElse(DEFAULT_SCHEMA);
        ServiceConfig config = new ServiceConfig(launch.databaseUrl(out), schema, 1, 10);
        ServiceApp app = createApp(null, true, null, config).start();
        try {
            HttpServer server = app.listen(port);
            out.println("ServiceApp (standalone, schema " + schema + ", module " + app.moduleName() + ") on "
                    + DatabaseConfig.fromUrl(config.databaseUrl()).maskedUrl());
            out.println("listening on http://127.0.0.1:" + server.getAddress().getPort()
                    + "  (GET/POST /items, GET /items/{id}, GET/POST /users; Ctrl+C stops it)");
            return app;
        } catch (IOException | RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /** {@code my_service_<schema>}: two copies of the service in one database keep separate histories. */
    public String moduleName() {
        return "my_service_" + schema;
    }

    public String schema() {
        return schema;
    }

    /** {@code true} in library mode (borrowed manager), {@code false} standalone. */
    public boolean isLibraryMode() {
        return externalDb != null;
    }

    /** What {@link #start()} applied; empty when migrations were not run. */
    public Optional<MigrationResult> migrations() {
        return Optional.ofNullable(migrations);
    }

    /** Serves the app alone on {@code port} (0 for a free one) on the loopback interface; stopped by {@link #close()}. */
    public synchronized HttpServer listen(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        mount(server, "");
        server.start();
        ownServers.add(server);
        return server;
    }

    /** Registers the app's routes on {@code server} under {@code prefix} ({@code ""} or e.g. {@code "/service1"}). */
    public void mount(HttpServer server, String prefix) {
        Objects.requireNonNull(server, "server");
        server.createContext(prefix + "/items", exchange -> handle(exchange, prefix, this::items));
        server.createContext(prefix + "/users", exchange -> handle(exchange, prefix, this::users));
    }

    @FunctionalInterface
    private interface Route {
        void serve(HttpExchange exchange, String path) throws IOException;
    }

    private void handle(HttpExchange exchange, String prefix, Route route) throws IOException {
        try (exchange) {   // the error responses below must be written before the exchange closes
            try {
                route.serve(exchange, exchange.getRequestURI().getPath().substring(prefix.length()));
            } catch (Json.BadRequest e) {
                Json.write(exchange, 400, Map.of("error", e.getMessage()));
            } catch (QueryException e) {
                boolean conflict = e.sqlState().filter("23505"::equals).isPresent();
                Json.write(exchange, conflict ? 409 : 500, Map.of("error", conflict ? "already exists" : "database error"));
                if (!conflict) {
                    LOG.warn("[{}] {} {} failed: {}", schema, exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("[{}] {} {} failed", schema, exchange.getRequestMethod(), exchange.getRequestURI(), e);
                Json.write(exchange, 500, Map.of("error", "internal error"));
            }
        }
    }

    private void items(HttpExchange exchange, String path) throws IOException {
        Matcher one = ITEM_PATH.matcher(path);
        String method = exchange.getRequestMethod();
        if (path.equals("/items") && method.equals("GET")) {
            Json.write(exchange, 200, db().fetchAll(Item.class, "SELECT id, name FROM {{tables.items}} ORDER BY id"));
        } else if (path.equals("/items") && method.equals("POST")) {
            String name = requiredText(Json.read(exchange), "name");
            Json.write(exchange, 201, db().fetchOne(Item.class,
                    "INSERT INTO {{tables.items}} (name) VALUES ($1) RETURNING id, name", name).orElseThrow());
        } else if (one.matches() && method.equals("GET")) {
            Optional<Item> item = db().fetchOne(Item.class, "SELECT id, name FROM {{tables.items}} WHERE id = $1",
                    Long.parseLong(one.group(1)));
            Json.write(exchange, item.isPresent() ? 200 : 404, item.isPresent() ? item.get() : Map.of("error", "no such item"));
        } else {
            Json.write(exchange, 404, Map.of("error", "no route for " + method + " " + path));
        }
    }

    private void users(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (path.equals("/users") && method.equals("GET")) {
            Json.write(exchange, 200, db().fetchAll(User.class, "SELECT id, email FROM {{tables.users}} ORDER BY id"));
        } else if (path.equals("/users") && method.equals("POST")) {
            String email = requiredText(Json.read(exchange), "email");
            Json.write(exchange, 201, db().fetchOne(User.class,
                    "INSERT INTO {{tables.users}} (email) VALUES ($1) RETURNING id, email", email).orElseThrow());
        } else {
            Json.write(exchange, 404, Map.of("error", "no route for " + method + " " + path));
        }
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new Json.BadRequest("'" + field + "' is required and must be a non-empty string");
        }
        return value.asText();
    }

    private DatabaseManager db() {
        DatabaseManager manager = db;
        if (manager == null) {
            throw new IllegalStateException("the service is not started: call start() first");
        }
        return manager;
    }
}
