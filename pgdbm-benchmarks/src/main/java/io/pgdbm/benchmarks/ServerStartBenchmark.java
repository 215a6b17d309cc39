package io.pgdbm.benchmarks;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * B6: time from asking for a server until it answers a query, for the {@code local} provider (a private cluster's
 * data directory copied from the initdb cache, plus start) and the {@code embedded} provider (after its binaries were extracted once, which
 * the untimed warm-up does). Absolute targets: there is no baseline to run.
 */
final class ServerStartBenchmark {
    private ServerStartBenchmark() {
    }

    static List<Result> run(BenchContext ctx) throws Exception {
        List<Result> results = new ArrayList<>();
        int rounds = ctx.rounds(3, 7);
        Stats local = Harness.repeat(1, rounds, () -> startStop(ServerProvider.LOCAL));
        results.add(Result.absolute("B6", "local provider: private cluster ready", "ms", local, "≤ 1500 ms",
                local.median() <= 1500, "copy of the cached initdb output + pg_ctl start + first query"));
        Stats embedded = Harness.repeat(1, rounds, () -> startStop(ServerProvider.EMBEDDED));
        results.add(Result.absolute("B6", "embedded provider: server ready", "ms", embedded, "≤ 3000 ms",
                embedded.median() <= 3000, "after the first extraction (the warm-up)"));
        return results;
    }

    private static double startStop(ServerProvider provider) throws Exception {
        long start = System.nanoTime();
        try (PostgresServer server = PostgresServers.start(ProviderSettings.builder().provider(provider).build())) {
            Properties p = new Properties();
            p.setProperty("user", server.user());
            server.password().ifPresent(pw -> p.setProperty("password", pw));
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), p);
                 Statement st = c.createStatement()) {
                st.execute("SELECT 1");
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }
}
