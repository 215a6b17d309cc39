package io.pgdbm.examples;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.PoolStats;
import io.pgdbm.QueryException;
import io.pgdbm.SslMode;
import io.pgdbm.examples.ecommerce.EcommercePlatform;
import io.pgdbm.examples.library.SearchLibrary;
import io.pgdbm.examples.sharedpool.OrderService;
import io.pgdbm.examples.sharedpool.PoolHealthMonitor;
import io.pgdbm.examples.sharedpool.PoolSizing;
import io.pgdbm.examples.standalone.AnalyticsService;
import io.pgdbm.migration.MigrationResult;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The README's first command: the e-commerce platform of the deployment guide, migrated and exercised, with a
 * report of what happened.
 *
 * <pre>
 * mvn -q -B install -DskipTests &amp;&amp; mvn -q -B -pl pgdbm-examples exec:java
 * mvn -q -B -pl pgdbm-examples exec:java -Dexec.args="--url postgresql://me@db:5432/postgres"
 * </pre>
 *
 * <p>The server is the one named by {@code --url} or {@code DATABASE_URL}; without either, a throwaway server
 * started through pgdbm-testserver's providers (the same chain the tests use). The demo creates two databases of its
 * own on it (the user needs {@code CREATEDB}) and drops them at the end, so the server is left as it was.
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");   // keep the report readable
        }
        long start = System.nanoTime();
        String url = urlFrom(args);
        DatabaseConfig admin;
        if (url != null) {
            admin = DatabaseConfig.fromUrl(url);
            System.out.println("server: " + admin.maskedUrl() + " (given)");
        } else {
            PostgresServer server = PostgresServers.shared(ProviderSettings.fromEnvironment());
            admin = DatabaseConfig.fromUrl(server.url(server.adminDatabase())).toBuilder().sslMode(SslMode.DISABLE).build();
            System.out.println("server: " + admin.maskedUrl() + " (throwaway, " + server.provider()
                    + " provider, PostgreSQL " + server.serverVersion() + ")");
        }
        admin = admin.toBuilder().minConnections(0).maxConnections(1).retryAttempts(1).build();

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String shop = "pgdbm_demo_shop_" + suffix;
        String analytics = "pgdbm_demo_analytics_" + suffix;
        try (DatabaseManager server = new DatabaseManager(admin)) {
            server.connect();
            createDatabases(server, shop, analytics);
            try {
                run(admin, shop, analytics);
            } finally {
                server.execute("DROP DATABASE IF EXISTS " + shop + " WITH (FORCE)");
                server.execute("DROP DATABASE IF EXISTS " + analytics + " WITH (FORCE)");
                long left = server.fetchValue(Long.class,
                        "SELECT count(*) FROM pg_database WHERE datname IN ($1, $2)", shop, analytics);
                System.out.printf("%ncleanup: dropped %s and %s (%d left)%n", shop, analytics, left);
            }
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static String urlFrom(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--url") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--url=")) {
                return args[i].substring("--url=".length());
            }
            throw new IllegalArgumentException("unknown argument '" + args[i] + "'; usage: Demo [--url postgresql://user@host:5432/postgres]");
        }
        String env = System.getenv("DATABASE_URL");
        return env == null || env.isBlank() ? null : env;
    }

    private static void createDatabases(DatabaseManager server, String shop, String analytics) {
        try {
            server.execute("CREATE DATABASE " + shop);
            server.execute("CREATE DATABASE " + analytics);
        } catch (QueryException e) {
            server.execute("DROP DATABASE IF EXISTS " + shop);
            throw new IllegalStateException("the demo creates two databases of its own and drops them afterwards, "
                    + "and could not create them as " + server.config().user() + " (" + e.getMessage() + "); "
                    + "use a user with CREATEDB, or run without DATABASE_URL for a throwaway server", e);
        }
    }

    private static void run(DatabaseConfig admin, String shop, String analytics) {
        // Pool sizing as the guide computes it, with the demo's small peaks.
        int serverMax;
        try (DatabaseManager db = new DatabaseManager(admin)) {
            db.connect();
            serverMax = db.fetchValue(Integer.class, "SELECT current_setting('max_connections')::int");
        }
        PoolSizing sizing = PoolSizing.calculate(List.of(
                new PoolSizing.ServicePeak("users", 2), new PoolSizing.ServicePeak("catalog", 2),
                new PoolSizing.ServicePeak("orders", 3), new PoolSizing.ServicePeak("memory", 1)), serverMax, serverMax / 5);
        DatabaseConfig shopConfig = sizing.applyTo(admin.toBuilder().database(shop).retryAttempts(3).build());
        DatabaseConfig analyticsConfig = admin.toBuilder().database(analytics).schema("analytics")
                .minConnections(10).maxConnections(20).retryAttempts(3).build();

        System.out.println("databases: shop = " + shop + " (shared pool), analytics = " + analytics + " (standalone)");
        try (EcommercePlatform platform = EcommercePlatform.start(shopConfig, analyticsConfig)) {
            section("1. Modules, in dependency order");
            platform.modules().modules().forEach(m -> System.out.printf("   %-17s needs %s%n", m.name(),
                    m.dependsOn().isEmpty() ? "-" : String.join(", ", m.dependsOn())));
            System.out.printf("   %-17s needs -   (its own database)%n", AnalyticsService.MODULE);

            section("2. Migrations applied");
            System.out.printf("   %-17s %-10s %-10s %-26s %s%n", "module", "database", "schema", "file", "time");
            for (EcommercePlatform.ModuleMigration m : platform.migrations()) {
                String database = m.module().equals(AnalyticsService.MODULE) ? "analytics" : "shop";
                for (MigrationResult.AppliedFile f : m.result().applied()) {
                    System.out.printf("   %-17s %-10s %-10s %-26s %3d ms%n", m.module(), database, m.schema(),
                            f.filename(), f.executionTime().toMillis());
                }
            }

            section("3. Tables");
            tables(platform.users().db(), List.of("users", "catalog", "orders", "memory", "public"), "shop");
            tables(platform.analytics().db(), List.of("analytics"), "analytics");

            section("4. Scenario");
            scenario(platform);

            section("5. The search library in both modes");
            bothModes(platform, shopConfig);

            section("6. Pools");
            System.out.printf("   sizing: peak %d + buffer %d -> max %d, min %d (server max_connections %d, %d reserved)%n",
                    sizing.peak(), sizing.buffer(), sizing.maxConnections(), sizing.minConnections(), serverMax, serverMax / 5);
            PoolHealthMonitor.PoolHealth health = new PoolHealthMonitor(platform.pool()).check();
            pool("shared pool (shop)", platform.pool().stats());
            System.out.printf("   health: %.0f%% of the maximum in use (warns above %.0f%%)%n", health.usagePercent(), PoolHealthMonitor.WARN_ABOVE * 100);
            pool("analytics pool (owned)", platform.analytics().db().poolStats());
        }
    }

    private static void scenario(EcommercePlatform platform) {
        platform.addProduct("LAMP-1", "Walnut desk lamp with warm LED", new BigDecimal("39.90"));
        platform.addProduct("CHAIR-2", "Oak reading chair", new BigDecimal("249.00"));
        platform.addProduct("LAMP-3", "Brass floor lamp", new BigDecimal("119.50"));
        platform.addProduct("DESK-4", "Standing desk, oak top", new BigDecimal("499.00"));
        long ada = platform.users().register("ada@example.com", "Ada Lovelace");
        long alan = platform.users().register("alan@example.com", "Alan Turing");
        System.out.printf("   catalog: %d products; users: %s%n", platform.catalog().all().size(),
                platform.users().list().stream().map(u -> u.displayName() + " #" + u.id()).toList());

        Map<String, Integer> cart = new LinkedHashMap<>();
        cart.put("LAMP-1", 2);
        cart.put("DESK-4", 1);
        OrderService.Order first = platform.checkout(ada, cart);
        OrderService.Order second = platform.checkout(alan, Map.of("CHAIR-2", 1));
        System.out.printf("   orders: #%d for Ada, total %s; #%d for Alan, total %s%n", first.id(), first.total(), second.id(), second.total());

        try {
            platform.checkout(999, Map.of("LAMP-3", 1));
        } catch (OrderService.UnknownUserException e) {
            System.out.println("   order for user 999 refused by the application: " + e.getMessage());
        }
        try {
            platform.orders().db().execute("INSERT INTO {{tables.orders}} (user_id, total) VALUES ($1, $2)", 999, BigDecimal.ONE);
        } catch (QueryException e) {
            System.out.println("   the same insert straight into orders.orders: SQLState " + e.sqlState().orElse("none")
                    + " (foreign key to users.users, across schemas)");
        }
        System.out.println("   search \"lamp\": " + refs(platform.searchProducts("lamp")));
        System.out.println("   search \"oak\":  " + refs(platform.searchProducts("oak")));
        System.out.println("   analytics (own database): " + platform.analytics().countsByKind().stream()
                .map(k -> k.kind() + " " + k.events()).toList());
        System.out.println("   public.service_registry: " + platform.registry().services().stream()
                .map(s -> s.serviceName()).toList());
        Object revenue = platform.orders().db().fetchValue("""
                SELECT sum(o.total) FROM {{tables.orders}} o JOIN {{tables.users.users}} u ON u.id = o.user_id""");
        System.out.println("   revenue joined across schemas orders and users: " + revenue);
    }

    private static void bothModes(EcommercePlatform platform, DatabaseConfig shopConfig) {
        SearchLibrary embedded = platform.search();
        System.out.printf("   embedded:   schema %-7s module %-14s borrows the shared pool, %d documents%n",
                embedded.schema(), embedded.moduleName(), embedded.count());
        try (SearchLibrary standalone = new SearchLibrary(shopConfig.toUrl(), null, "search")) {
            MigrationResult result = standalone.initialize();
            standalone.index("note:1", "Lamps ship in recycled boxes");
            System.out.printf("   standalone: schema %-7s module %-14s owns its pool, applied %s, search \"lamp\": %s%n",
                    standalone.schema(), standalone.moduleName(), result.appliedFilenames(), refs(standalone.search("lamp")));
        }
        System.out.println("   after closing the standalone library: shared pool open = " + !platform.pool().isClosed()
                + ", embedded search \"desk\": " + refs(embedded.search("desk")));
    }

    private static void tables(DatabaseManager db, List<String> schemas, String database) {
        for (String schema : schemas) {
            List<String> names = db.fetchAll("""
                    SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name""", schema)
                    .stream().map(r -> r.getString("table_name")).toList();
            System.out.printf("   %-20s %s%n", database + "." + schema, String.join(", ", names));
        }
    }

    private static void pool(String label, PoolStats s) {
        System.out.printf("   %-32s total %2d, active %d, idle %2d, waiting %d, min %d, max %d%n",
                label, s.total(), s.active(), s.idle(), s.waiting(), s.min(), s.max());
    }

    private static List<String> refs(List<SearchLibrary.Hit> hits) {
        return hits.stream().map(SearchLibrary.Hit::ref).toList();
    }

    private static void section(String title) {
        System.out.println();
        System.out.println(title);
    }
}
