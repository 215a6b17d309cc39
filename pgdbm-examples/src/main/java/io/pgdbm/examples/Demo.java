package io.pgdbm.examples;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.PoolStats;
import io.pgdbm.Row;
import io.pgdbm.SharedPool;
import io.pgdbm.junit.PostgresServer;
import io.pgdbm.junit.PostgresServers;
import io.pgdbm.junit.ProviderSettings;
import java.util.List;

/**
 * The README's first command: two services sharing one pool, each in its own schema, on the server named by
 * {@code DATABASE_URL} or, without it, a throwaway server started through pgdbm's test providers.
 *
 * <pre>
 * mvn -q -B install -DskipTests &amp;&amp; mvn -q -B -pl pgdbm-examples exec:java
 * </pre>
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        String url = System.getenv("DATABASE_URL");
        PostgresServer server = url == null ? PostgresServers.shared(ProviderSettings.fromEnvironment()) : null;
        DatabaseConfig config = DatabaseConfig.fromUrl(url != null ? url : server.url(server.adminDatabase()))
                .toBuilder().minConnections(1).maxConnections(5).build();
        System.out.println("server: " + config.maskedUrl() + (server == null ? "" : " (" + server.provider() + " provider, PostgreSQL " + server.serverVersion() + ")"));
        try (SharedPool pool = SharedPool.create(config)) {
            for (String schema : List.of("demo_users", "demo_orders")) {
                DatabaseManager db = new DatabaseManager(pool, schema);
                db.execute("CREATE SCHEMA IF NOT EXISTS {{schema}}");
                db.execute("DROP TABLE IF EXISTS {{tables.items}}; CREATE TABLE {{tables.items}} (id serial PRIMARY KEY, name text)");
                db.execute("INSERT INTO {{tables.items}} (name) VALUES ($1), ($2)", schema + " one", schema + " two");
                for (Row row : db.fetchAll("SELECT id, name FROM {{tables.items}} ORDER BY id")) {
                    System.out.println("  " + schema + ": " + row);
                }
                db.execute("DROP SCHEMA {{schema}} CASCADE");
            }
            PoolStats stats = pool.stats();
            System.out.println("pool: " + stats);
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
