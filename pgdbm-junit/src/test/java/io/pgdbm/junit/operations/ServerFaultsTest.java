package io.pgdbm.junit.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdbm.ConnectionException;
import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.LogCapture;
import io.pgdbm.PgdbmException;
import io.pgdbm.QueryException;
import io.pgdbm.TestDatabase;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import io.pgdbm.testserver.TestQueries;
import io.pgdbm.testserver.internal.LocalBinaries;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** R7 and the timeouts: what pgdbm does when the server goes away, is not there, or a statement waits too long. */
class ServerFaultsTest {
    private static TestDatabase database;

    @BeforeAll
    static void create() {
        database = TestDatabase.create("faults");
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void poolRecoversAfterTheServerRestartsWithoutANewManager() throws Exception {
        LocalBinaries.assumeInstalled(); // stops and restarts the cluster with pg_ctl
        try (PostgresServer server = PostgresServers.start(ProviderSettings.builder().provider(ServerProvider.LOCAL).build());
                DatabaseManager db = new DatabaseManager(DatabaseConfig.builder().host(server.host()).port(server.port())
                        .database("postgres").user(server.user()).minConnections(2).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(1)).build())) {
            db.connect();
            assertThat(db.fetchValue(Integer.class, "SELECT 1")).isEqualTo(1);
            Path dataDir = Path.of(TestQueries.queryOne(server, "SHOW data_directory"));

            pgCtl(dataDir, "-m", "fast", "-w", "stop");
            long start = System.nanoTime();
            assertThatThrownBy(() -> db.fetchValue("SELECT 1")).isInstanceOf(PgdbmException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            pgCtl(dataDir, "-l", dataDir.resolveSibling("server.log").toString(), "-w", "restart");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(PgdbmException.class)
                    .until(() -> db.fetchValue(Integer.class, "SELECT 1") == 1);
            assertThat(db.fetchAll("SELECT generate_series(1, 3)")).hasSize(3);
            assertThat(db.isConnected()).isTrue();
        }
    }

    @Test
    void retriesWithBackoffThenRaisesConnectionExceptionWithTipsAndNoPassword() throws Exception {
        int port = freePort();
        String password = "never-in-a-message-42";
        DatabaseConfig config = DatabaseConfig.builder().host("127.0.0.1").port(port).database("shop").user("app")
                .password(password).retryAttempts(3).retryDelay(Duration.ofMillis(300)).retryBackoff(2.0)
                .retryMaxDelay(Duration.ofSeconds(5)).build();
        try (LogCapture logs = LogCapture.start(); DatabaseManager db = new DatabaseManager(config)) {
            long start = System.nanoTime();
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(db::connect);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(thrown).isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("after 3 attempt(s)")
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("Troubleshooting tips")
                    .hasMessageContaining("Ensure database 'shop' exists");
            assertThat(((ConnectionException) thrown).attempts()).isEqualTo(3);
            assertThat(((ConnectionException) thrown).port()).isEqualTo(port);
            assertThat(ExceptionText.of(thrown)).doesNotContain(password);
            // slept 300 ms, then 600 ms
            assertThat(elapsed).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
            assertThat(logs.text()).contains("connection attempt 1/3 to postgresql://app:****@127.0.0.1:" + port + "/shop failed")
                    .contains("retrying in 300 ms")
                    .contains("connection attempt 2/3")
                    .contains("retrying in 600 ms")
                    .doesNotContain("connection attempt 3/3")
                    .doesNotContain(password);
        }
    }

    @Test
    void statementTimeoutRaisesAQueryExceptionThatSaysSo() {
        try (DatabaseManager db = new DatabaseManager(database.config().toBuilder()
                .statementTimeout(Duration.ofMillis(200)).build())) {
            db.connect();
            assertThatThrownBy(() -> db.fetchValue("SELECT pg_sleep(5)"))
                    .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("57014"))
                    .hasMessageContaining("statement_timeout fired")
                    .hasMessageContaining("DatabaseConfig.statementTimeout")
                    .hasMessageContaining("SELECT pg_sleep(5)");
        }
    }

    @Test
    void lockTimeoutRaisesAQueryExceptionThatSaysSo() throws Exception {
        try (DatabaseManager db = new DatabaseManager(database.config().toBuilder()
                .lockTimeout(Duration.ofMillis(200)).build())) {
            db.connect();
            db.execute("CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, balance int); "
                    + "INSERT INTO accounts VALUES (1, 0) ON CONFLICT DO NOTHING");
            try (Connection holder = database.rawConnection(); Statement st = holder.createStatement()) {
                holder.setAutoCommit(false);
                st.execute("SELECT * FROM accounts WHERE id = 1 FOR UPDATE");

                assertThatThrownBy(() -> db.execute("UPDATE accounts SET balance = 1 WHERE id = $1", 1))
                        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("55P03"))
                        .hasMessageContaining("lock_timeout fired")
                        .hasMessageContaining("find the blocking session");
                holder.rollback();
            }
        }
    }

    @Test
    void reportsALeakedConnectionNamingThePoolAndManager() throws Exception {
        try (LogCapture logs = LogCapture.start();
                DatabaseManager db = new DatabaseManager(database.config().toBuilder().schema("leaky")
                        .leakDetectionThreshold(Duration.ofSeconds(2)).build())) {
            db.connect();
            try (Connection leaked = db.acquire()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> logs.text().contains("connection leak"));
                assertThat(leaked.isValid(1)).isTrue();
            }
            String line = logs.text().lines().filter(l -> l.contains("connection leak")).findFirst().orElseThrow();
            assertThat(line).contains("WARN io.pgdbm.internal.LeakWatch - [leaky] connection leak: a connection from pool pgdbm-leaky-")
                    .contains("held for more than 2000 ms (leakDetectionThreshold) by thread main");
            assertThat(logs.text()).contains("connection taken here by thread main")
                    .contains("at io.pgdbm.junit.operations.ServerFaultsTest.reportsALeakedConnectionNamingThePoolAndManager")
                    .contains("[leaky] the connection reported as leaked was returned to pool pgdbm-leaky-");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs the cluster's own pg_ctl as the user that owns the data directory. */
    private static void pgCtl(Path dataDir, String... args) throws Exception {
        String postgres = Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
        Path bin = Path.of(postgres.substring(0, postgres.indexOf(' ')).replace("\"", "")).getParent();
        List<String> command = new ArrayList<>();
        if (TestCertificates.isRoot()) {
            command.addAll(List.of("runuser", "-u", ProviderSettings.DEFAULT_LOCAL_USER, "--"));
        }
        command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dataDir.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("pg_ctl %s", List.of(args)).isZero();
    }
}
