package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.migration.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates: dropped when the run that used them ends (unless kept), reused across runs while the migrations are
 * unchanged when kept, rebuilt (and the old one collected) when a file changes.
 */
class TemplateTest {

    @Test
    void aRunDropsTheTemplatesItUsedWhenNoOtherRunUsesThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001_items.sql"), "CREATE TABLE {{tables.items}} (id int); -- " + dir.getFileName());
        List<String> before = Engine.databases("pgdbm_tpl_");
        // two runs of their own, as two JVMs have (in one JVM the extension and factories share one run)
        try (RunContext outer = RunContext.start(Engine.server(), TestSettings.defaults())) {
            cloneOnce(outer, dir);
            List<String> during = Engine.databases("pgdbm_tpl_");
            during.removeAll(before);
            assertThat(during).hasSize(1);
            try (RunContext inner = RunContext.start(Engine.server(), TestSettings.defaults())) {
                cloneOnce(inner, dir);
            }
            assertThat(Engine.databases(during.get(0))).as("still used by the outer run").containsExactly(during.get(0));
        }
        List<String> after = Engine.databases("pgdbm_tpl_");
        after.removeAll(before);
        assertThat(after).as("no run uses it any more").isEmpty();
    }

    @Test
    void keptTemplatesAreReusedAndRebuiltWhenAFileChanges(@TempDir Path dir) throws Exception {
        System.setProperty("pgdbm.test.templates.keep", "true");
        try {
            reusesTheTemplateAndRebuildsItWhenAFileChanges(dir);
        } finally {
            System.clearProperty("pgdbm.test.templates.keep");
            // a run that does not keep templates sweeps what the kept runs left
            RunContext.start(Engine.server(), TestSettings.defaults()).close();
        }
    }

    @Test
    void reusedClustersKeepTheirTemplates(@TempDir Path dir) throws Exception {
        TestSettings reuse = TestSettings.from(key -> key.equals("pgdbm.test.reuse") ? java.util.Optional.of("true")
                : java.util.Optional.empty());
        assertThat(reuse.keepTemplates()).as("pgdbm.test.reuse implies pgdbm.test.templates.keep").isTrue();
        Files.writeString(dir.resolve("001_items.sql"), "CREATE TABLE {{tables.items}} (id int); -- " + dir.getFileName());
        List<String> before = Engine.databases("pgdbm_tpl_");
        try {
            try (RunContext run = RunContext.start(Engine.server(), reuse)) {
                cloneOnce(run, dir);
            }
            try (RunContext next = RunContext.start(Engine.server(), reuse)) {
                List<String> kept = Engine.databases("pgdbm_tpl_");
                kept.removeAll(before);
                assertThat(kept).as("kept by the run and by the next run's sweep").hasSize(1);
            }
        } finally {
            RunContext.start(Engine.server(), TestSettings.defaults()).close();
        }
    }

    private void reusesTheTemplateAndRebuildsItWhenAFileChanges(Path dir) throws Exception {
        Path file = dir.resolve("001_items.sql");
        // the directory's name makes the content, and so the template, this test's own
        Files.writeString(file, "CREATE TABLE {{tables.items}} (id int); -- " + dir.getFileName());
        for (int i = 2; i <= 50; i++) {
            Files.writeString(dir.resolve(String.format("%03d_t%d.sql", i, i)), "CREATE TABLE {{tables.t" + i + "}} (id int);");
        }
        List<String> before = Engine.databases("pgdbm_tpl_");

        long build = timeFirstClone(dir);
        List<String> first = Engine.databases("pgdbm_tpl_");
        first.removeAll(before);
        assertThat(first).hasSize(1);

        long reuse = timeFirstClone(dir);
        List<String> second = Engine.databases("pgdbm_tpl_");
        second.removeAll(before);
        assertThat(second).as("same migrations: same template, not rebuilt").isEqualTo(first);

        long clones = 0;
        int n = 10;
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(), dir.toString())) {
            factory.createDatabase();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                factory.createDatabase();
            }
            clones = (System.nanoTime() - t) / 1_000_000;
        }
        System.out.printf("pgdbm: 50-file template: first clone incl. build %d ms, first clone of a new run %d ms,"
                + " %d ms per further clone%n", build, reuse, clones / n);

        Files.writeString(file, "CREATE TABLE {{tables.items}} (id int, name text); -- " + dir.getFileName());
        timeFirstClone(dir);
        List<String> third = Engine.databases("pgdbm_tpl_");
        third.removeAll(before);
        assertThat(third).as("a changed file: a new template, the old one collected").hasSize(1).doesNotContainAnyElementsOf(first);
    }

    private static void cloneOnce(RunContext run, Path dir) {
        List<Module> modules = List.of(Module.of("default", dir.toString()));
        DatabaseHandle.clone(run, new Setup(modules, Isolation.DATABASE, Cleanup.ALWAYS), run.freshCloneSource(io.pgdbm.junit.internal.TemplateSpec.of(modules)),
                null, Cleanup.ALWAYS).close();
    }

    private static long timeFirstClone(Path dir) {
        long t = System.nanoTime();
        try (TestDatabaseFactory factory = TestDatabaseFactory.create(Engine.server(), dir.toString())) {
            DatabaseManager db = factory.createDatabase();
            assertThat(db.tableExists("t50")).isTrue();
        }
        return (System.nanoTime() - t) / 1_000_000;
    }
}
