package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PgdbmExceptionTest {

    @Test
    void theRootCarriesTheSqlStateOfItsCauseChain() {
        SQLException server = new SQLException("duplicate key", "23505");
        assertThat(new PgdbmException("wrapped", server).sqlState()).contains("23505");
        assertThat(new PgdbmException("twice", new RuntimeException(new PgdbmException("inner", server))).sqlState())
                .contains("23505");
        assertThat(new PgdbmException("given", "40001", server).sqlState()).contains("40001");
        assertThat(new PgdbmException("no server").sqlState()).isEmpty();
        assertThat(new PgdbmException("no state", new SQLException("x")).sqlState()).isEmpty();
    }

    @Test
    void queryExceptionsExposeTheStateThroughTheRoot() {
        PgdbmException e = new QueryException("failed", "SELECT 1", null, new SQLException("boom", "57014"));
        assertThat(e.sqlState()).contains("57014");
        assertThat(e.getMessage()).contains("[SQLState 57014]");
        assertThat(new QueryException("no server", "SELECT 1", null, null).sqlState()).isEmpty();
    }
}
