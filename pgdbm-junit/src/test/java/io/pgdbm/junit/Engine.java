package io.pgdbm.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.TestQueries;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture test classes through the Jupiter engine, and looks at the server's catalog. */
final class Engine {

    private Engine() {
    }

    static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).configurationParameters(parameters)
                .execute();
    }

    static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    static PostgresServer server() {
        return PostgresServers.shared();
    }

    /** Names of databases whose name starts with {@code prefix}. */
    static List<String> databases(String prefix) throws SQLException {
        String list = TestQueries.queryOne(server(), "SELECT coalesce(string_agg(datname, ',' ORDER BY datname), '')"
                + " FROM pg_database WHERE starts_with(datname, '" + prefix.replace("'", "''") + "')");
        return list.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(list.split(",")));
    }

    /** The run id part of a run database name {@code pgdbm_<runid>_<seq>...}. */
    static String runPrefix(String database) {
        return database.substring(0, "pgdbm_".length() + 8 + 1);
    }
}
