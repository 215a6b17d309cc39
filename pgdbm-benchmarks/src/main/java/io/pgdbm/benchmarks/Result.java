package io.pgdbm.benchmarks;

/**
 * One line of the report: a figure, the subject's and the baseline's statistics, their ratio (subject median /
 * baseline median unless {@code ratioMeaning} says otherwise), the target and whether it was met.
 *
 * <pre>{@code
 * new Result("B3", "point fetchOne (µs/op)", "µs", pair.subject(), pair.baseline(), pair.ratio(),
 *            "subject/baseline", "≤ 1.10×", pair.ratio() <= 1.10, "");
 * }</pre>
 */
public record Result(String id, String figure, String unit, Stats subject, Stats baseline, Double ratio,
                     String ratioMeaning, String target, Boolean met, String note) {

    /** A figure without a baseline (an absolute target such as a start time). */
    public static Result absolute(String id, String figure, String unit, Stats subject, String target, Boolean met, String note) {
        return new Result(id, figure, unit, subject, null, null, null, target, met, note);
    }

    public static Result compared(String id, String figure, String unit, Harness.Pair pair, String target, boolean met, String note) {
        return new Result(id, figure, unit, pair.subject(), pair.baseline(), pair.ratio(), "subject/baseline", target, met, note);
    }
}
