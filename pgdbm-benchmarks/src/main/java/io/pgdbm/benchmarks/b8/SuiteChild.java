package io.pgdbm.benchmarks.b8;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The child JVM of B8: runs one suite class on the JUnit Platform, sequentially or with JUnit's parallel execution,
 * and prints what each test took, from the start of its set-up (the launcher's {@code executionStarted}, before
 * {@code beforeEach} callbacks and parameter resolution) to its end (after its clean-up), plus how long the class
 * took before its first test started ({@code beforeAll} work).
 *
 * <pre>
 * java -cp ... io.pgdbm.benchmarks.b8.SuiteChild io.pgdbm.benchmarks.b8.PgdbmSuite 4 key=value...
 * </pre>
 */
public final class SuiteChild {
    private SuiteChild() {
    }

    public static void main(String[] args) throws Exception {
        long mainStarted = System.currentTimeMillis();
        Class<?> suite = Class.forName(args[0]);
        int parallelism = Integer.parseInt(args[1]);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite));
        if (parallelism > 1) {
            request.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                    .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                    .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                    .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism",
                            Integer.toString(parallelism));
        }
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            request.configurationParameter(kv[0], kv[1]);
        }
        LauncherDiscoveryRequest built = request.build();
        Timings timings = new Timings();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(built, summary, timings);
        long launcherEnded = System.currentTimeMillis();
        TestExecutionSummary s = summary.getSummary();
        s.getFailures().stream().limit(5).forEach(f -> System.out.println("FAILED " + f.getTestIdentifier().getDisplayName()
                + ": " + f.getException()));
        System.out.printf("B8CHILD tests=%d failed=%d classSetupMs=%.3f maxConcurrent=%d%n", s.getTestsStartedCount(),
                s.getTotalFailureCount(), timings.classSetupMs(), timings.maxConcurrent.get());
        // the parent's clock when it started this JVM (the OS's process start time is only as precise as a second)
        long processStarted = Long.getLong("pgdbm.b8.launched", mainStarted);
        System.out.printf("B8TIMELINE main=%d class=%d firstTest=%d lastTest=%d launcherEnd=%d%n",
                mainStarted - processStarted, timings.classStartedMs - processStarted,
                timings.firstTestMs - processStarted, timings.lastTestMs - processStarted, launcherEnded - processStarted);
        System.out.println("B8PHASES " + timings.phases().stream().map(d -> String.format("%.3f/%.3f/%.3f", d[0], d[1], d[2]))
                .collect(Collectors.joining(",")));
        System.out.println("B8TIMES " + timings.testMillis().stream().map(d -> String.format("%.3f", d))
                .collect(Collectors.joining(",")));
        System.out.flush();
        System.exit(s.getTotalFailureCount() == 0 ? 0 : 1);
    }

    /** Start and end of every test, and of the class until its first test started. */
    static final class Timings implements TestExecutionListener {
        private final Map<String, Long> started = new ConcurrentHashMap<>();
        private final List<Double> tests = new ArrayList<>();
        private final List<double[]> phases = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger maxConcurrent = new java.util.concurrent.atomic.AtomicInteger();
        private volatile long classStarted;
        volatile long classStartedMs;
        volatile long firstTestMs;
        volatile long lastTestMs;
        private volatile long firstTestStarted;

        @Override
        public void executionStarted(TestIdentifier id) {
            long now = System.nanoTime();
            if (id.isTest()) {
                synchronized (this) {
                    if (firstTestStarted == 0) {
                        firstTestStarted = now;
                        firstTestMs = System.currentTimeMillis();
                    }
                }
                started.put(id.getUniqueId(), now);
                maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
            } else if (id.getSource().filter(src -> src instanceof org.junit.platform.engine.support.descriptor.ClassSource)
                    .isPresent()) {
                classStarted = now;
                classStartedMs = System.currentTimeMillis();
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            long now = System.nanoTime();
            Long start = started.get(id.getUniqueId());
            if (id.isTest() && start != null) {
                running.decrementAndGet();
                lastTestMs = Math.max(lastTestMs, System.currentTimeMillis());
                long[] body = Workload.BODY.get(); // the listener runs on the test's thread
                synchronized (tests) {
                    tests.add((now - start) / 1e6);
                    if (body[0] >= start && body[1] >= body[0]) {
                        phases.add(new double[] {(body[0] - start) / 1e6, (body[1] - body[0]) / 1e6, (now - body[1]) / 1e6});
                    }
                }
            }
        }

        double classSetupMs() {
            return classStarted == 0 || firstTestStarted == 0 ? 0 : (firstTestStarted - classStarted) / 1e6;
        }

        /** Per test: set-up (start to body), body, clean-up (body to end), in milliseconds. */
        List<double[]> phases() {
            synchronized (tests) {
                return new ArrayList<>(phases);
            }
        }

        List<Double> testMillis() {
            synchronized (tests) {
                return new ArrayList<>(tests);
            }
        }
    }
}
