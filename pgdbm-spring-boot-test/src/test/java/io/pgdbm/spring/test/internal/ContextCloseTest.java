package io.pgdbm.spring.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.junit.TestDatabase;
import io.pgdbm.junit.MigrationFormat;
import io.pgdbm.spring.test.CurrentTestDatabase;
import io.pgdbm.spring.test.app.NotesApplication;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Closing the context drops every database it made; the DataSource refuses connections after that. */
class ContextCloseTest {

    @Test
    void closingTheContextDropsItsDatabasesAndClosesTheirPools() throws Exception {
        Settings settings = new Settings(List.of(), MigrationFormat.FLYWAY, null);
        PgdbmContextCustomizerFactory.Customizer customizer = new PgdbmContextCustomizerFactory.Customizer(settings);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NotesApplication.class)
                .initializers(c -> customizer.customizeContext(c, null))
                .properties("spring.main.banner-mode=off", "spring.main.register-shutdown-hook=false")
                .run();
        DataSource dataSource = context.getBean(DataSource.class);
        DatabaseRouter router = context.getBean(DatabaseRouter.class);
        TestDatabase outsideTests = context.getBean(CurrentTestDatabase.class).get();
        DatabaseRouter.Binding binding = router.begin("closing");
        TestDatabase inTest = binding.database();
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT current_database()", String.class))
                .isEqualTo(inTest.name());

        context.close();

        assertThat(outsideTests.pool().isClosed()).isTrue();
        assertThat(inTest.pool().isClosed()).isTrue();
        assertThat(exists(outsideTests.name())).isFalse();
        assertThat(exists(inTest.name())).isFalse();
        assertThatThrownBy(dataSource::getConnection).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed, and with it its pgdbm test databases");
        binding.close(); // the test's end after its context: nothing left to do
    }

    private static boolean exists(String database) throws Exception {
        PostgresServer server = PostgresServers.shared();
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
}
