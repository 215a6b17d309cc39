package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import io.pgdbm.testserver.ServerProvider;
import io.pgdbm.testserver.TestQueries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R11: test JVMs share one small server through the server-wide connection budget. A private cluster with
 * {@code max_connections=20}; each forked JVM runs {@link SharedServerSuite} (200 tests, 4 in parallel).
 */
class ConnectionBudgetTest {
    private static final Pattern RESULT = Pattern.compile("SUCCEEDED (\\d+) FAILED (\\d+) LONGEST_WAIT_MS (\\d+)");
    private static PostgresServer server;

    @BeforeAll
    static void startSmallServer() {
        // a private cluster from the installed binaries, or embedded PostgreSQL on a machine without them
        try {
            server = PostgresServers.start(small(ServerProvider.LOCAL));
        } catch (PostgresUnavailableException noBinaries) {
            server = PostgresServers.start(small(ServerProvider.EMBEDDED));
        }
    }

    private static ProviderSettings small(ServerProvider provider) {
        return ProviderSettings.builder().provider(provider).maxConnections(20).build();
    }

    @AfterAll
    static void stopSmallServer() {
        server.close();
    }

    @Test
    void fourJvmsRunTheirSuitesAtOnceOnATwentyConnectionServer(@TempDir Path dir) throws Exception {
        List<Process> jvms = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path out = dir.resolve("jvm" + i + ".log");
            outputs.add(out);
            jvms.add(suite(out));
        }
        for (int i = 0; i < jvms.size(); i++) {
            String output = finish(jvms.get(i), outputs.get(i));
            Matcher m = RESULT.matcher(output);
            assertThat(m.find()).as("result line of JVM %d in:%n%s", i, output).isTrue();
            System.out.println("pgdbm: JVM " + i + ": " + output.substring(m.start()).lines().findFirst().orElse(""));
            assertThat(m.group(1) + " " + m.group(2)).as("JVM %d passed/failed", i).isEqualTo("200 0");
            // the first four tests also wait for the template (built by one JVM) and the JVM's warm-up. The bound
            // catches stalls (a hold-and-wait used to stop everything until pgdbm.test.wait.seconds); the waits
            // themselves are the server's clone work on a shared 2-core machine: a median of about 1 s at load 30
            assertThat(Long.parseLong(m.group(3))).as("JVM %d: longest wait of a later test, ms", i).isLessThan(10_000);
            assertThat(output).doesNotContainIgnoringCase("too many clients");
        }
        assertNothingLeft();
    }

    @Test
    void aServerAlmostFullOfOtherSessionsSlowsTheSuiteDownWithoutFailingIt(@TempDir Path dir) throws Exception {
        List<Connection> others = new ArrayList<>();
        try {
            // 20 - 3 reserved - 14 others: three connections are left for pgdbm
            for (int i = 0; i < 14; i++) {
                others.add(connect("someone-else"));
            }
            Path out = dir.resolve("jvm.log");
            String output = finish(suite(out), out);
            Matcher m = RESULT.matcher(output);
            assertThat(m.find()).as("result line in:%n%s", output).isTrue();
            assertThat(m.group(1) + " " + m.group(2)).isEqualTo("200 0");
            assertThat(output).doesNotContainIgnoringCase("too many clients");
        } finally {
            for (Connection c : others) {
                c.close();
            }
        }
        assertNothingLeft();
    }

    @Test
    void slotsOneRunHoldsAheadOfNeedGoToAnotherRunThatWaits() throws Exception {
        TestSettings eager = TestSettings.from(key -> Optional.ofNullable(Map.of(TestSettings.WAIT_TIMEOUT_KEY, "30",
                TestSettings.CLONES_AHEAD_KEY, "8").get(key)));
        TestSettings patient = TestSettings.from(key -> Optional.ofNullable(Map.of(TestSettings.WAIT_TIMEOUT_KEY, "10",
                TestSettings.CLONES_AHEAD_KEY, "0").get(key)));
        List<Connection> others = new ArrayList<>();
        try (RunContext greedy = RunContext.start(server, eager)) {
            for (int i = 0; i < 8; i++) { // demand grows: the run keeps 8 clones ready, their pools open
                DatabaseHandle.clone(greedy, Setup.empty(), greedy.cloneSource(List.of()), null, Cleanup.ALWAYS).close();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> greedy.budget().held() >= 12);
            // once its idle admin connections are gone, other sessions take every slot the greedy run does not hold
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            int free = 17 - Integer.parseInt(TestQueries.queryOne(server, "SELECT count(*) FROM pg_locks"
                    + " WHERE locktype = 'advisory' AND classid = " + 0x7064626d + " AND objsubid = 2 AND granted"));
            for (int i = 0; i < free; i++) {
                others.add(connect("someone-else"));
            }
            int holding = greedy.budget().held();
            assertThat(holding).as("the pools of ready clones hold slots while nobody waits").isGreaterThan(4);
            try (Connection waiter = connect("pgdbm-junit-run"); Statement st = waiter.createStatement()) {
                // what a run's session holds while one of its threads waits for slots, in any JVM
                st.execute("SELECT pg_advisory_lock_shared(" + 0x70646277 + ", 0)");
                await().atMost(Duration.ofSeconds(10)).until(() -> greedy.budget().held() <= 2);
            }
            // so another run waiting for its session's slot and a pool's gets them from the greedy run's idle pools
            try (RunContext waiting = RunContext.start(server, patient);
                    DatabaseHandle db = DatabaseHandle.clone(waiting, Setup.empty(), waiting.cloneSource(List.of()), null,
                            Cleanup.ALWAYS)) {
                assertThat(db.manager().fetchValue(Integer.class, "SELECT 1")).isEqualTo(1);
            }
        } finally {
            for (Connection c : others) {
                c.close();
            }
        }
        assertNothingLeft();
    }

    @Test
    void aRunThatCannotGetAConnectionSaysWhyWithTheServersNumbers() throws Exception {
        List<Connection> others = new ArrayList<>();
        TestSettings twoSeconds = TestSettings.from(key -> Optional.ofNullable(Map.of(TestSettings.WAIT_TIMEOUT_KEY, "2",
                TestSettings.CLONES_AHEAD_KEY, "0").get(key)));
        try {
            // 20 - 3 reserved - 16 others: one connection is left, and the run's own session takes it
            for (int i = 0; i < 16; i++) {
                others.add(connect("someone-else"));
            }
            try (RunContext run = RunContext.start(server, twoSeconds)) {
                assertThatThrownBy(() -> DatabaseHandle.clone(run, Setup.empty(), run.cloneSource(List.of()), null,
                        Cleanup.ALWAYS))
                        .hasMessageContaining("Waited 2 s").hasMessageContaining("max_connections is 20")
                        .hasMessageContaining("3 are reserved").hasMessageContaining("16 are in use by other sessions")
                        .hasMessageContaining("hold 1").hasMessageContaining("pgdbm.test.pool.max")
                        .hasMessageContaining("pgdbm.test.wait.seconds");
            }
        } finally {
            for (Connection c : others) {
                c.close();
            }
        }
        assertNothingLeft();
    }

    private static Process suite(Path output) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dpgdbm.test.provider=url",
                "-Dpgdbm.test.url=" + server.url(server.adminDatabase()), ForkedRun.class.getName(), "suite"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static String finish(Process p, Path output) throws Exception {
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(), String.valueOf(p.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start()
                    .waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the forked JVM did not finish within 240 s:\n" + Files.readString(output));
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static void assertNothingLeft() throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                TestQueries.queryOne(server, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'pgdbm%'")
                        .equals("0"));
        assertThat(TestQueries.queryOne(server, "SELECT count(*) FROM pg_database WHERE datname LIKE 'pgdbm%'"))
                .isEqualTo("0");
        Path log = Path.of(TestQueries.queryOne(server, "SHOW data_directory")).resolveSibling("server.log");
        if (Files.exists(log)) {
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("too many clients");
        }
    }

    private static Connection connect(String application) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", server.user());
        server.password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", application);
        return DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), p);
    }
}
