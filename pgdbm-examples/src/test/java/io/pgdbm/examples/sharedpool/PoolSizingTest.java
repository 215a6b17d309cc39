package io.pgdbm.examples.sharedpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolSizingTest {
    private static final List<PoolSizing.ServicePeak> GUIDE = List.of(
            new PoolSizing.ServicePeak("users", 10),
            new PoolSizing.ServicePeak("orders", 15),
            new PoolSizing.ServicePeak("billing", 5),
            new PoolSizing.ServicePeak("analytics", 10));

    @Test
    void givesTheGuidesNumbers() {
        assertThat(PoolSizing.calculate(GUIDE, 200, 40)).isEqualTo(new PoolSizing(40, 10, 50, 5));
    }

    @Test
    void neverAsksForMoreThanTheServerLeavesAfterTheReserve() {
        assertThat(PoolSizing.calculate(GUIDE, 60, 20).maxConnections()).isEqualTo(40);
        assertThat(PoolSizing.calculate(List.of(new PoolSizing.ServicePeak("tiny", 2)), 100, 10))
                .isEqualTo(new PoolSizing(2, 0, 2, 2));
    }

    @Test
    void refusesAServerWithNothingLeft() {
        assertThatThrownBy(() -> PoolSizing.calculate(GUIDE, 40, 40)).hasMessageContaining("nothing is left for the pool");
    }

    @Test
    void appliesToAConfig() {
        DatabaseConfig config = PoolSizing.calculate(GUIDE, 200, 40).applyTo(DatabaseConfig.fromUrl("postgresql://db/app"));
        assertThat(config.maxConnections()).isEqualTo(50);
        assertThat(config.minConnections()).isEqualTo(5);
    }
}
