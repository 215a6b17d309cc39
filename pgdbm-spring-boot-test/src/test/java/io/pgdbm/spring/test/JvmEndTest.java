package io.pgdbm.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pgdbm.spring.test.app.NotesApplication;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A JVM that ends with its Spring test contexts still cached leaves none of their databases behind. */
class JvmEndTest {

    @Test
    void theEndOfTheJvmDropsTheDatabasesOfTheCachedContexts() throws Exception {
        PostgresServer server = PostgresServers.shared();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dpgdbm.test.provider=url",
                "-Dpgdbm.test.url=" + server.url(server.adminDatabase()), Fork.class.getName()));
        Path log = Files.createTempFile(Files.createDirectories(Path.of("target", "forked-jvms")), "forked-", ".log");
        Process fork = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(fork.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        }
        assertThat(fork.waitFor(180, TimeUnit.SECONDS)).as("the forked JVM ended").isTrue();
        assertThat(lines).as("its output (log: %s)", log).contains("PASSED 1");
        String contextDatabase = lines.stream().filter(l -> l.startsWith("CONTEXT ")).findFirst().orElseThrow().substring(8);
        assertThat(contextDatabase).startsWith("pgdbm_");
        assertThat(exists(server, contextDatabase)).as("the context's database after the JVM ended").isFalse();
    }

    private static boolean exists(PostgresServer server, String database) throws Exception {
        Properties login = new Properties();
        login.setProperty("user", server.user());
        server.password().ifPresent(p -> login.setProperty("password", p));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), login);
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            st.setString(1, database);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        }
    }

    /** The forked JVM: runs the fixture, prints its databases, and exits with the context still cached. */
    public static final class Fork {
        public static void main(String[] args) {
            long passed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Case.class)).execute()
                    .testEvents().succeeded().count();
            System.out.println("PASSED " + passed);
            System.exit(0);
        }
    }

    @SpringBootTest(classes = NotesApplication.class)
    @AutoConfigurePgdbmDatabase
    static class Case {
        @BeforeAll
        static void outsideAnyTestMethod(@Autowired CurrentTestDatabase database) {
            System.out.println("CONTEXT " + database.get().name());
        }

        @Test
        void runs(@Autowired CurrentTestDatabase database) {
            assertThat(database.get().name()).startsWith("pgdbm_");
        }
    }
}
