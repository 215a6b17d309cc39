package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.TestQueries;

/**
 * A JVM of {@link ReusedClusterTest}: starts a server from system properties, prints
 * {@code SERVER <postmaster pid> <port> <data directory>}, and ends (closing the server); with {@code hold} it first
 * waits until its standard input closes.
 */
public final class ReuseFork {

    private ReuseFork() {
    }

    public static void main(String[] args) throws Exception {
        try (PostgresServer server = PostgresServers.start(ProviderSettings.fromEnvironment())) {
            System.out.println("SERVER " + ReusedClusterTest.postmasterPid(server) + " " + server.port() + " "
                    + TestQueries.queryOne(server, "SHOW data_directory"));
            System.out.flush();
            if (args.length > 0 && args[0].equals("hold")) {
                System.in.read();
            }
        }
    }
}
