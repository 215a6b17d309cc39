package io.pgdbm.junit.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pgdbm.ConnectionException;
import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.LogCapture;
import io.pgdbm.PgdbmException;
import io.pgdbm.QueryException;
import io.pgdbm.SharedPool;
import io.pgdbm.monitoring.DatabaseDebugger;
import io.pgdbm.monitoring.MonitorOptions;
import io.pgdbm.monitoring.QueryMonitor;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.TestQueries;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * R10: a password-protected role runs pgdbm's scenarios — connect, queries, transactions, failures with the
 * password as a parameter, a wrong password, monitoring — and the password appears in no log line and no
 * exception text, neither raw nor percent-encoded.
 */
class SecretsTest {
    private static final String USER = "pgdbm_secret_user";

    @Test
    void passwordNeverAppearsInLogsOrExceptionMessages() throws Exception {
        String password = randomPassword();
        try (PostgresServer server = PostgresServers.start(ProviderSettings.builder()
                .pgHbaLine("host all " + USER + " 127.0.0.1/32 scram-sha-256").build())) {
            TestQueries.execute(server, "CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
            TestQueries.execute(server, "GRANT CREATE ON DATABASE postgres TO " + USER);
            String url = "postgresql://" + USER + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20")
                    + "@127.0.0.1:" + server.port() + "/postgres";

            List<String> seen = new ArrayList<>();
            String logged;
            try (LogCapture logs = LogCapture.start()) {
                runScenario(url, password, seen);
                logged = logs.text();
            }

            assertThat(logged).contains("[vault] connected to postgresql://" + USER + ":****@127.0.0.1:");
            assertThat(seen).anySatisfy(text -> assertThat(text).contains("<str:24 chars>"));
            assertThat(seen).anySatisfy(text -> assertThat(text).contains("password authentication failed"));
            for (String secret : forms(password)) {
                assertThat(logged).as("log output").doesNotContain(secret);
                assertThat(seen).as("exception texts and string forms").noneSatisfy(text -> assertThat(text).contains(secret));
            }
        }
    }

    private static void runScenario(String url, String password, List<String> seen) {
        DatabaseConfig config = DatabaseConfig.fromUrl(url).toBuilder().schema("vault").minConnections(1)
                .maxConnections(3).retryAttempts(2).retryDelay(Duration.ofMillis(50)).build();
        seen.add(config.toString());
        seen.add(config.maskedUrl());
        seen.add(config.jdbcUrl());
        try (DatabaseManager db = new DatabaseManager(config)) {
            db.connect();
            QueryMonitor monitor = QueryMonitor.attach(db, MonitorOptions.defaults()
                    .withSlowQueryThreshold(Duration.ZERO).withRecordParameters(true));
            db.execute("CREATE TABLE IF NOT EXISTS {{tables.notes}} (id serial PRIMARY KEY, body text)");
            db.execute("INSERT INTO {{tables.notes}} (body) VALUES ($1)", password);
            db.fetchAll("SELECT * FROM {{tables.notes}} WHERE body = $1", password);
            db.useTransaction(tx -> tx.execute("UPDATE {{tables.notes}} SET body = $1", password));
            seen.add(failure(() -> db.fetchValue("SELECT $1::int", password)));
            seen.add(failure(() -> db.execute("INSERT INTO {{tables.missing}} (x) VALUES ($1)", password)));
            seen.add(failure(() -> db.useTransaction(tx -> tx.execute("SELECT 1 / 0 WHERE $1 <> ''", password))));
            seen.add(failure(() -> db.fetchValue("SELECT $1, $2", password)));
            seen.add(failure(() -> db.executeMany("INSERT INTO {{tables.notes}} (id, body) VALUES ($1, $2)",
                    List.of(new Object[] {100, "first row"}, new Object[] {100, password}))));
            seen.add(failure(() -> monitor.explain("SELECT * FROM {{tables.notes}} WHERE body = $1 AND id = $2", password, password)));
            seen.add(monitor.history().toString());
            seen.add(monitor.stats().toString());
            seen.add(new DatabaseDebugger(db).health().toString());
            seen.add(db.poolStats().toString());
            monitor.close();
        }
        try (SharedPool pool = SharedPool.create(config)) {
            seen.add(pool.toString());
            DatabaseManager borrower = new DatabaseManager(pool, "vault");
            borrower.fetchValue("SELECT count(*) FROM {{tables.notes}}");
            seen.add(failure(borrower::connect));
            borrower.close();
        }
        seen.add(failure(() -> new DatabaseManager(config.toBuilder().password(password + "x").build()).connect()));
        seen.add(failure(() -> new DatabaseManager(config.toBuilder().password("not-" + password).database("nope").build()).connect()));
        seen.add(failure(() -> DatabaseConfig.fromUrl(url.replace("/postgres", ":notaport/postgres"))));
        seen.add(failure(() -> DatabaseConfig.fromUrl(url + "?sslmode=bogus")));
        assertThat(seen).anySatisfy(text -> assertThat(text).startsWith(ConnectionException.class.getName()));
        assertThat(seen).anySatisfy(text -> assertThat(text).startsWith(QueryException.class.getName()));
    }

    private static String failure(Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(PgdbmException.class);
        return ExceptionText.of(thrown);
    }

    /** The password raw, percent-encoded both ways, and its distinctive halves (around the '@'). */
    private static List<String> forms(String password) {
        String formEncoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
        int at = password.indexOf('@');
        return List.of(password, formEncoded, formEncoded.replace("+", "%20"), password.substring(0, at),
                password.substring(at + 2));
    }

    /** 24 characters with an '@' and a space in the middle, where URL handling breaks most easily. */
    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 22; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.insert(10, "@ ").toString();
    }
}
