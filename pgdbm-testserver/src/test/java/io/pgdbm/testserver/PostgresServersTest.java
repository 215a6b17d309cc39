package io.pgdbm.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresServersTest {

    @Test
    void sharedServerIsResolvedOnceAndAnswers() throws Exception {
        PostgresServer first = PostgresServers.shared();
        PostgresServer second = PostgresServers.shared(ProviderSettings.builder().provider(ServerProvider.EMBEDDED).build());

        assertThat(second).isSameAs(first);
        assertThat(TestQueries.queryOne(first, "SELECT 1")).isEqualTo("1");
    }
}
