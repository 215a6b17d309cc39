package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.migration.Module;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ClonesAheadTest {

    @Test
    void handsOverPreparedClonesAndDropsTheUnusedOnesAtTheEnd() throws Exception {
        List<Module> modules = List.of(new Module("notes", List.of("classpath:db/notes"), null, List.of()));
        Setup setup = new Setup(modules, Isolation.DATABASE, Cleanup.ALWAYS);
        String prefix;
        try (RunContext run = RunContext.start(Engine.server(), TestSettings.from(key -> java.util.Optional.ofNullable(Map.of(
                TestSettings.CLONES_AHEAD_KEY, "3").get(key))))) {
            prefix = "pgdbm_" + run.runId() + "_";
            try (DatabaseHandle first = DatabaseHandle.clone(run, setup, run.cloneSource(modules), null, Cleanup.ALWAYS)) {
                assertThat(first.manager().tableExists("notes")).isTrue();
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Engine.databases(prefix).size() == 1);
            long start = System.nanoTime();
            try (DatabaseHandle second = DatabaseHandle.clone(run, setup, run.cloneSource(modules), null, Cleanup.ALWAYS)) {
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertThat(second.manager().tableExists("notes")).isTrue();
                System.out.println("pgdbm: a prepared clone was handed over in " + ms + " ms");
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Engine.databases(prefix).size() == 2);
        }
        assertThat(Engine.databases(prefix)).as("unused prepared clones are dropped when the run ends").isEmpty();
    }

    @Test
    void zeroDisablesPreparing() throws Exception {
        List<Module> modules = List.of();
        try (RunContext run = RunContext.start(Engine.server(), TestSettings.from(key -> java.util.Optional.ofNullable(Map.of(
                TestSettings.CLONES_AHEAD_KEY, "0").get(key))))) {
            try (DatabaseHandle db = DatabaseHandle.clone(run, Setup.empty(), run.cloneSource(modules), null, Cleanup.ALWAYS)) {
                Thread.sleep(300);
                assertThat(Engine.databases("pgdbm_" + run.runId() + "_")).containsExactly(db.name());
            }
        }
    }
}
