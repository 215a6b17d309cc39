package io.pgdbm.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pgdbm.DatabaseManager;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.PostgresUnavailableException;
import java.util.concurrent.CountDownLatch;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The program of a second test JVM, started by {@link ForkedJvmTest}. Prints one result line on stdout. */
public final class ForkedRun {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "hold" -> { // creates a database, says its name, then waits to be killed (gives up after 5 minutes)
                TestDatabaseFactory factory = TestDatabaseFactory.create(PostgresServers.shared(), args[1]);
                DatabaseManager db = factory.createDatabase("held");
                System.out.println("DATABASE " + db.config().database());
                System.out.flush();
                new CountDownLatch(1).await(5, java.util.concurrent.TimeUnit.MINUTES);
                Runtime.getRuntime().halt(3); // no shutdown hooks: behave like a killed JVM
            }
            case "clone" -> { // builds (or reuses) the template of a location and clones it
                try (TestDatabaseFactory factory = TestDatabaseFactory.create(PostgresServers.shared(), args[1])) {
                    DatabaseManager db = factory.createDatabase();
                    System.out.println("CLONED " + db.config().database());
                }
            }
            case "fixture" -> { // runs a fixture class; exit code = failed tests
                EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Class.forName(args[1])))
                        .execute();
                long failed = r.allEvents().failed().count();
                String provider;
                try {
                    provider = PostgresServers.shared().provider().key();
                } catch (PostgresUnavailableException e) {
                    provider = "none";
                }
                System.out.println("SUCCEEDED " + r.testEvents().succeeded().count() + " FAILED " + failed + " ABORTED "
                        + r.allEvents().aborted().count() + " PROVIDER " + provider);
                r.allEvents().failed().stream().forEach(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                        .ifPresent(t -> t.printStackTrace(System.out)));
                System.exit((int) failed);
            }
            case "suite" -> { // runs the SharedServerSuite 4-way parallel; exit code = failed tests
                EngineExecutionResults r = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SharedServerSuite.class))
                        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                        .execute();
                long failed = r.allEvents().failed().count();
                r.allEvents().failed().stream().forEach(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                        .ifPresent(t -> t.printStackTrace(System.out)));
                // the first tests also wait for the template and the JVM's warm-up; the rest only for connections
                java.util.List<Long> waits = new java.util.ArrayList<>(SharedServerSuite.WAITS_MS);
                java.util.List<Long> later = new java.util.ArrayList<>(waits.subList(Math.min(4, waits.size()), waits.size()));
                java.util.Collections.sort(later);
                System.out.println("SUCCEEDED " + r.testEvents().succeeded().count() + " FAILED " + failed
                        + " LONGEST_WAIT_MS " + (later.isEmpty() ? 0 : later.get(later.size() - 1))
                        + " MEDIAN_WAIT_MS " + (later.isEmpty() ? 0 : later.get(later.size() / 2))
                        + " FIRST_WAITS_MS " + waits.subList(0, Math.min(4, waits.size())));
                System.exit((int) failed);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }
}
