package io.pgdbm.benchmarks;

import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * B9: time from JVM start (the JVM's own record of it) to the first test body of a one-test class whose database is
 * migrated with 5 files, each in a fresh child JVM, with the {@code local} and the {@code embedded} provider:
 * <ul>
 *   <li>cold, initdb: a private cluster made with initdb, the template built ({@code pgdbm.test.initdb.cache=false},
 *   how every JVM started before the initdb cache);</li>
 *   <li>cold: the same from a copy of the cached pristine data directory (the default);</li>
 *   <li>warm: {@code pgdbm.test.reuse=true} with the cluster and its template left by the previous JVM.</li>
 * </ul>
 * Rounds alternate the three after an untimed warm-up of each; the cache directory is the benchmark's own and its
 * clusters are stopped and deleted at the end.
 */
final class StartupBenchmark {
    private static final Pattern SUMMARY = Pattern.compile("B9CHILD firstBodyMs=(-?\\d+) failed=(\\d+) mainMs=(\\d+) classStartMs=(-?\\d+)");

    private StartupBenchmark() {
    }

    static List<Result> run(BenchContext ctx) throws Exception {
        Path files = MigrationFiles.tables(5, true);
        List<Result> results = new ArrayList<>();
        for (String provider : new String[] {"local", "embedded"}) {
            if (provider.equals("local") && !localBinariesInstalled()) {
                continue;
            }
            Path cache = Files.createTempDirectory("pgdbm-b9-cache-");
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Map<String, List<Double>> samples = new TreeMap<>();
                Map<String, List<Double>> shares = new TreeMap<>();
                List<String> variants = List.of("cold, initdb", "cold", "warm");
                for (String v : variants) {
                    child(files, provider, cache, v); // warm-up: extraction, the initdb cache, the reused cluster
                }
                int rounds = ctx.rounds(5, 11);
                for (int i = 0; i < rounds; i++) {
                    for (int j = 0; j < variants.size(); j++) {
                        String v = variants.get((i + j) % variants.size());
                        double[] sample = child(files, provider, cache, v);
                        samples.computeIfAbsent(v, k -> new ArrayList<>()).add(sample[0]);
                        shares.computeIfAbsent(v, k -> new ArrayList<>()).add(sample[0] - sample[1]);
                    }
                }
                Stats initdb = Stats.of(samples.get("cold, initdb"));
                Stats cold = Stats.of(samples.get("cold"));
                Stats warm = Stats.of(samples.get("warm"));
                results.add(Result.compared("B9", provider + ": JVM start to first test body, cold (initdb cache)", "ms",
                        new Harness.Pair(initdb, cold), "(none)", true, "baseline: initdb for every JVM"));
                results.add(Result.compared("B9", provider + ": JVM start to first test body, warm (pgdbm.test.reuse)", "ms",
                        new Harness.Pair(cold, warm), "≤ 300 ms", warm.median() <= 300,
                        "baseline: cold with the initdb cache"));
                results.add(Result.compared("B9", provider + ": test class start to first test body (pgdbm's share), warm",
                        "ms", new Harness.Pair(Stats.of(shares.get("cold")), Stats.of(shares.get("warm"))), "(none)", true,
                        "baseline: cold with the initdb cache; the rest of the time is JVM and JUnit start-up"));
                results.add(Result.absolute("B9", provider + ": JVM start to test class start (JVM and JUnit), warm", "ms",
                        Stats.of(subtract(samples.get("warm"), shares.get("warm"))), "(none)", null, "not pgdbm's"));
            } finally {
                PostgresServers.stopReusedClusters(ProviderSettings.builder().cacheDir(cache).build());
                deleteTree(cache);
            }
        }
        return results;
    }

    private static List<Double> subtract(List<Double> a, List<Double> b) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            d.add(a.get(i) - b.get(i));
        }
        return d;
    }

    /** The child's time to its first test body and to the start of the test class, in ms since its JVM started. */
    private static double[] child(Path files, String provider, Path cache, String variant)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", SuiteBenchmark.childClasspath(), "-Dpgdbm.b9.migrations=" + files,
                "-Dpgdbm.test.provider=" + provider, "-Dpgdbm.test.cache.dir=" + cache,
                "-Dpgdbm.test.reuse=" + variant.equals("warm"),
                "-Dpgdbm.test.initdb.cache=" + !variant.equals("cold, initdb"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", StartupChild.class.getName()));
        Path log = Files.createTempFile("pgdbm-b9-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            String out = Files.readString(log);
            Matcher m = SUMMARY.matcher(out);
            if (!m.find() || !m.group(2).equals("0") || m.group(1).startsWith("-") || m.group(4).startsWith("-")) {
                throw new IllegalStateException("B9 child (" + provider + ", " + variant + ") failed:\n" + out);
            }
            return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(4))};
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean localBinariesInstalled() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.anyMatch(v -> Files.isExecutable(v.resolve("bin").resolve("initdb")));
        } catch (IOException e) {
            return System.getenv("PATH") != null && Stream.of(System.getenv("PATH").split(":"))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, "initdb")));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
