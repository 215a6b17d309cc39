package io.pgdbm.examples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.junit.TestDatabase;
import io.pgdbm.migration.MigrationResult;
import org.junit.jupiter.api.Test;

@PgdbmTest
class AnalyticsServiceTest {

    @Test
    void ownsAPoolOf10To20AndRunsItsMigrationsUnderItsModuleName(TestDatabase db) {
        try (AnalyticsService analytics = new AnalyticsService(db.config().toUrl())) {
            MigrationResult result = analytics.initialize();

            assertThat(result.module()).isEqualTo("analytics");
            assertThat(result.appliedFilenames()).containsExactly("001_events.sql");
            assertThat(analytics.db().ownsPool()).isTrue();
            assertThat(analytics.db().config().minConnections()).isEqualTo(10);
            assertThat(analytics.db().config().maxConnections()).isEqualTo(20);
            assertThat(analytics.initialize()).isSameAs(result);
        }
    }

    @Test
    void recordsAndCountsEvents(TestDatabase db) {
        try (AnalyticsService analytics = new AnalyticsService(db.config().toBuilder().schema("analytics")
                .minConnections(0).maxConnections(2).build())) {
            analytics.initialize();
            analytics.record("search", "{\"query\": \"lamp\"}");
            analytics.record("order_placed", "{\"total\": 10}");
            analytics.record("search", "{}");

            assertThat(analytics.countsByKind()).containsExactly(
                    new AnalyticsService.KindCount("search", 2), new AnalyticsService.KindCount("order_placed", 1));
            assertThat(db.manager().tableExists("analytics.events")).isTrue();
        }
    }

    @Test
    void shutsDownCleanly(TestDatabase db) {
        AnalyticsService analytics = new AnalyticsService(db.config().toBuilder().minConnections(0).maxConnections(2).build());
        analytics.initialize();
        DatabaseManager own = analytics.db();
        analytics.close();
        analytics.close();

        assertThat(own.isConnected()).isFalse();
        assertThatThrownBy(analytics::db).hasMessageContaining("call initialize() first");
    }
}
