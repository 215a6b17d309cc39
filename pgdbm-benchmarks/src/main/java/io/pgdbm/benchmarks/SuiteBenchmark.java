package io.pgdbm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B7: a real JUnit suite end to end — 200 tests, each with its own database migrated with 20 files, 4 in parallel —
 * in a child JVM started with {@code java}, so JVM start, engine discovery, server start (with the {@code local}
 * provider: a private cluster) and every clean-up are in the wall time. The child ({@link SuiteChild}) prints its peak
 * heap; the parent fails the figure on any test failure or a "too many clients" anywhere in the output.
 */
final class SuiteBenchmark {
    private static final Pattern SUMMARY = Pattern.compile("B7CHILD tests=(\\d+) failed=(\\d+) peakHeapMb=(\\d+) maxConcurrent=(\\d+)");

    private SuiteBenchmark() {
    }

    static List<Result> run(BenchContext ctx) throws Exception {
        Path files = MigrationFiles.tables(20, true);
        List<Result> results = new ArrayList<>();
        for (String provider : new String[] {"url", "local"}) {
            if (provider.equals("url") && System.getenv("PGDBM_TEST_URL") == null && System.getProperty("pgdbm.test.url") == null) {
                continue;
            }
            List<Double> walls = new ArrayList<>();
            String last = "";
            for (int i = 0; i < ctx.rounds(1, 3); i++) {
                long start = System.nanoTime();
                String out = child(files, provider);
                walls.add((System.nanoTime() - start) / 1e6);
                last = out;
            }
            Matcher m = SUMMARY.matcher(last);
            boolean ok = m.find() && m.group(2).equals("0") && m.group(1).equals("200")
                    && !last.toLowerCase().contains("too many clients");
            Stats wall = Stats.of(walls);
            String note = ok ? String.format("provider %s; peak heap %s MB; %s tests at most at once; no \"too many clients\"",
                    provider, m.group(3), m.group(4)) : "provider " + provider + " FAILED:\n" + tail(last);
            results.add(Result.absolute("B7", "200 tests × 20 files, 4 in parallel, child JVM wall time", "ms", wall,
                    "≤ 15 s", ok && wall.median() <= 15_000, note));
        }
        return results;
    }

    private static String child(Path files, String provider) throws IOException, InterruptedException {
        Path log = Files.createTempFile("pgdbm-b7-", ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", childClasspath(), "-Dpgdbm.b7.migrations=" + files,
                "-Dpgdbm.test.provider=" + provider, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                SuiteChild.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        return out;
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    /**
     * The classpath this code was loaded from: {@code java.class.path}, unless a launcher such as Maven's
     * {@code exec:java} loaded it through a class loader of its own.
     */
    static String childClasspath() {
        if (SuiteBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader && loader.getURLs().length > 0) {
            StringBuilder cp = new StringBuilder();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(java.nio.file.Path.of(url.toURI()));
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException("unexpected classpath entry " + url, e);
                }
            }
            return cp.toString();
        }
        return System.getProperty("java.class.path");
    }
}
