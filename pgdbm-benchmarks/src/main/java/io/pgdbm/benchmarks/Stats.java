package io.pgdbm.benchmarks;

import java.util.List;

/**
 * Order statistics of repeated samples, in the samples' unit (milliseconds unless a benchmark says otherwise).
 *
 * <pre>{@code
 * Stats s = Stats.of(List.of(1.2, 1.1, 1.4));
 * double typical = s.median();
 * }</pre>
 */
public record Stats(int n, double median, double p95, double min, double max) {
    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(sorted.length, percentile(sorted, 50), percentile(sorted, 95), sorted[0], sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile; the median of an even count is the mean of the two middle values. */
    static double percentile(double[] sorted, int p) {
        if (p == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    @Override
    public String toString() {
        return String.format("median %s (p95 %s, min %s, max %s, n=%d)", fmt(median), fmt(p95), fmt(min), fmt(max), n);
    }

    static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : v >= 1 ? String.format("%.2f", v) : String.format("%.4f", v);
    }

}
