package io.pgdbm.examples.dualmode;

import com.sun.net.httpserver.HttpServer;
import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.examples.Launch;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parent application that mounts two copies of {@link ServiceApp} under {@code /service1} and {@code /service2},
 * in schemas {@code service1} and {@code service2}, on one shared pool.
 *
 * <pre>{@code
 * try (ParentApp parent = ParentApp.start(DatabaseConfig.fromUrl(url), 0)) {
 *     URI base = parent.baseUri();   // GET base + "/service1/items"
 * }
 * }</pre>
 *
 * <p>Close order is the reverse of start: the server, the services (which leave the pool alone), then the pool.
 */
public final class ParentApp implements AutoCloseable {
    private final SharedPool pool;
    private final List<ServiceApp> services;
    private final HttpServer server;

    private ParentApp(SharedPool pool, List<ServiceApp> services, HttpServer server) {
        this.pool = pool;
        this.services = services;
        this.server = server;
    }

    // snippet:parent-app
    /** Opens the shared pool, starts and mounts both services, and listens on {@code port} (0: a free port). */
    public static ParentApp start(DatabaseConfig config, int port) throws IOException {
        Objects.requireNonNull(config, "config");
        SharedPool pool = SharedPool.create(config);
        try {
            ServiceApp service1 = ServiceApp.createApp(new DatabaseManager(pool, "service1"), true, "service1", null).start();
            ServiceApp service2 = ServiceApp.createApp(new DatabaseManager(pool, "service2"), true, "service2", null).start();

            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            service1.mount(server, "/service1");
            service2.mount(server, "/service2");
            server.createContext("/", exchange -> {
                try (exchange) {
                    boolean root = exchange.getRequestURI().getPath().equals("/");
                    Json.write(exchange, root ? 200 : 404,
                            root ? Map.of("services", List.of("service1", "service2")) : Map.of("error", "not found"));
                }
            });
            server.start();
            return new ParentApp(pool, List.of(service1, service2), server);
        } catch (IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        services.forEach(ServiceApp::close);   // library mode: the services leave the pool open
        pool.close();                          // the owner closes it, last
    }
    // end:parent-app

    /**
     * Runs the parent application until the process is stopped (Ctrl+C):
     *
     * <pre>
     * mvn -q -B install -DskipTests
     * mvn -q -B -pl pgdbm-examples exec:java -Dexec.mainClass=io.pgdbm.examples.dualmode.ParentApp \
     *     -Dexec.args="--port 8080 --url postgresql://me@localhost:5432/app"
     * curl -X POST localhost:8080/service1/items -d '{"name": "lamp"}'
     * curl localhost:8080/service1/items
     * curl localhost:8080/service2/items
     * </pre>
     *
     * <p>Options: {@code --url} (else {@code DATABASE_URL}, else a throwaway server) and {@code --port} (8080).
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        ParentApp app = serve(args, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "parent-app-shutdown"));
        Thread.currentThread().join(); // serves until the JVM is stopped
    }

    /** What {@link #main} starts: both services mounted and listening; closing it closes them, then the pool. */
    public static ParentApp serve(String[] args, PrintStream out) throws IOException {
        Launch launch = Launch.parse(args, "ParentApp [--url postgresql://user@host:5432/db] [--port 8080]", "url", "port");
        int port = launch.intOption("port", 8080);
        DatabaseConfig config = DatabaseConfig.fromUrl(launch.databaseUrl(out)).toBuilder()
                .minConnections(1).maxConnections(10).build();
        ParentApp app = start(config, port);
        out.println("ParentApp (service1 and service2 on one pool) on " + config.maskedUrl());
        out.println("listening on " + app.baseUri() + "  (/service1/items, /service2/items, /service1/users, ...;"
                + " Ctrl+C stops it)");
        return app;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public java.net.URI baseUri() {
        return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public SharedPool pool() {
        return pool;
    }

    public List<ServiceApp> services() {
        return services;
    }
}
