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
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }
}
