package io.pgdbm.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The child JVM of B7: runs {@link SuiteFixture} on the JUnit Platform with 4 parallel threads and prints one summary
 * line with the tests run, failures, the peak heap used (sampled every 5 ms) and the most tests seen at once.
 */
public final class SuiteChild {
    private SuiteChild() {
    }

    public static void main(String[] args) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (true) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(SuiteFixture.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.getFailures().stream().limit(5).forEach(f -> {
            System.out.println("FAILED " + f.getTestIdentifier().getDisplayName() + ": " + f.getException());
        });
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        System.out.printf("B7CHILD tests=%d failed=%d peakHeapMb=%d maxConcurrent=%d%n", summary.getTestsStartedCount(),
                summary.getTotalFailureCount(), peak.get() / (1024 * 1024), SuiteFixture.maxConcurrent());
        System.exit(summary.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
