package io.pgdbm.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.spring.test.app.NotesApplication;
import io.pgdbm.spring.test.app.NotesApplication.NoteRepository;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Test methods running in parallel on one context: each on its own database, threads they start included; a thread
 * of neither (the application's) is refused while both run, with the fix in the message.
 */
class ParallelMethodsTest {
    static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();
    static final Set<String> REFUSALS = ConcurrentHashMap.newKeySet();

    @Test
    void parallelMethodsEachGetTheirOwnDatabaseAndAnUnboundThreadIsRefused() {
        DATABASES.clear();
        REFUSALS.clear();
        EngineExecutionResults results = Engine.run(ConcurrentCase.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"));

        results.allEvents().failed().stream().forEach(e -> assertThat(Engine.rootMessage(e)).as("failure").isNull());
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
        assertThat(DATABASES).hasSize(2);
        assertThat(REFUSALS).isNotEmpty().allSatisfy(refusal -> assertThat(refusal)
                .contains("2 test methods run in parallel on the same Spring context")
                .contains("app-startup-worker")
                .contains("@Execution(SAME_THREAD)"));
    }

    @SpringBootTest(classes = NotesApplication.class)
    @AutoConfigurePgdbmDatabase
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentCase {
        static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);
        static final CyclicBarrier BOTH_CHECKED = new CyclicBarrier(2);

        @Autowired
        NoteRepository notes;
        @Autowired
        CurrentTestDatabase database;
        @Autowired
        @Qualifier("startupExecutor")
        ExecutorService startupExecutor;

        @BeforeEach
        void bothRunning() throws Exception {
            BOTH_RUNNING.await(30, TimeUnit.SECONDS);
        }

        @Test
        void first() throws Exception {
            writeAndCheck();
        }

        @Test
        void second() throws Exception {
            writeAndCheck();
        }

        private void writeAndCheck() throws Exception {
            notes.add(Thread.currentThread().getName());
            assertThat(notes.count()).isEqualTo(2);
            assertThat(notes.database()).isEqualTo(database.get().name());
            DATABASES.add(notes.database());
            AtomicReference<String> fromChild = new AtomicReference<>();
            Thread child = new Thread(() -> fromChild.set(notes.database()));
            child.start();
            child.join();
            assertThat(fromChild.get()).as("a thread started by the test").isEqualTo(database.get().name());
            assertThatThrownBy(() -> startupExecutor.submit(notes::database).get())
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> REFUSALS.add(rootCause(e).getMessage()));
            BOTH_CHECKED.await(30, TimeUnit.SECONDS); // neither ends (and drops its database) before both checked
        }

        private static Throwable rootCause(Throwable t) {
            return t.getCause() == null ? t : rootCause(t.getCause());
        }
    }
}
