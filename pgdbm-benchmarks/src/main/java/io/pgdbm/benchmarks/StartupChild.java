package io.pgdbm.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The child JVM of B9: runs {@link StartupFixture} on the JUnit Platform and prints the time from the JVM's start to
 * the first test body, to {@code main} and to the start of the test class (where pgdbm's extension begins its work).
 */
public final class StartupChild {
    private StartupChild() {
    }

    public static void main(String[] args) {
        long mainMillis = StartupFixture.sinceJvmStart();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(StartupFixture.class)).build(),
                listener);
        listener.getSummary().getFailures().forEach(f -> System.out.println("FAILED " + f.getException()));
        System.out.printf("B9CHILD firstBodyMs=%d failed=%d mainMs=%d classStartMs=%d%n", StartupFixture.firstBodyMillis,
                listener.getSummary().getTotalFailureCount(), mainMillis, StartupFixture.classStartMillis);
        System.exit(listener.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
    }
}
