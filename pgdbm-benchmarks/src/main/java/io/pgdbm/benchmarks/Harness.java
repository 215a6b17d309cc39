package io.pgdbm.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a baseline and a subject alternately (the order swapped every round, so drift on a shared machine hits
 * both alike), after warm-up rounds that are not recorded.
 *
 * <pre>{@code
 * Harness.Pair p = Harness.alternate(3, 15, () -> rawJdbc(), () -> pgdbm());
 * double ratio = p.subject().median() / p.baseline().median();
 * }</pre>
 */
public final class Harness {
    private Harness() {
    }

    /** One timed sample, in milliseconds (or another unit the benchmark documents). */
    @FunctionalInterface
    public interface Sample {
        double run() throws Exception;
    }

    public record Pair(Stats baseline, Stats subject) {
        public double ratio() {
            return subject.median() / baseline.median();
        }
    }

    public static Pair alternate(int warmups, int rounds, Sample baseline, Sample subject) throws Exception {
        for (int i = 0; i < warmups; i++) {
            baseline.run();
            subject.run();
        }
        List<Double> b = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            if (i % 2 == 0) {
                b.add(baseline.run());
                s.add(subject.run());
            } else {
                s.add(subject.run());
                b.add(baseline.run());
            }
        }
        return new Pair(Stats.of(b), Stats.of(s));
    }

    public static Stats repeat(int warmups, int rounds, Sample sample) throws Exception {
        for (int i = 0; i < warmups; i++) {
            sample.run();
        }
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            samples.add(sample.run());
        }
        return Stats.of(samples);
    }

    /** Milliseconds taken by {@code work}. */
    public static double millis(ThrowingRunnable work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
