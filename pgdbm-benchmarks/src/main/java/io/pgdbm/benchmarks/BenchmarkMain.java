package io.pgdbm.benchmarks;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the speed targets of pgdbm against their baselines and reports medians and ratios.
 *
 * <pre>
 * mvn -q -pl pgdbm-benchmarks -am package -DskipTests
 * mvn -q -pl pgdbm-benchmarks exec:java -Dexec.args="--quick"
 * </pre>
 *
 * <p>The server comes from the same providers as the tests: {@code PGDBM_TEST_URL} when set, else a private
 * cluster from local binaries, Docker or embedded binaries.
 */
@Command(name = "pgdbm-benchmarks", mixinStandardHelpOptions = true,
        description = "Measures pgdbm's speed targets (B1-B9) against baselines run in the same process.")
public final class BenchmarkMain implements Callable<Integer> {
    @Option(names = "--quick", description = "Fewer rounds and smaller data; finishes in about two minutes.")
    boolean quick;

    @Option(names = "--only", split = ",", description = "Run only these targets, e.g. --only B3,B4.")
    Set<String> only;

    @Option(names = "--json", description = "Where to write the JSON report (default: ${DEFAULT-VALUE}).")
    Path json = Path.of("target", "benchmarks.json");

    public static void main(String[] args) {
        int code = new CommandLine(new BenchmarkMain()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        PostgresServer server = PostgresServers.shared(ProviderSettings.fromEnvironment());
        List<Result> results = new ArrayList<>();
        try (BenchContext ctx = new BenchContext(server, quick)) {
            for (Map.Entry<String, Benchmark> b : benchmarks().entrySet()) {
                if (only == null || only.contains(b.getKey().toUpperCase(Locale.ROOT))) {
                    System.out.println("running " + b.getKey() + " ...");
                    results.addAll(b.getValue().run(ctx));
                }
            }
        }
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("date", started.toString());
        environment.put("mode", quick ? "quick" : "full");
        environment.put("cpus", Runtime.getRuntime().availableProcessors());
        environment.put("java", System.getProperty("java.version"));
        environment.put("postgresql", server.serverVersion() + " (" + server.provider() + " provider)");
        environment.put("duration_s", Duration.between(started, Instant.now()).toSeconds());
        Report.print(System.out, environment, results);
        Report.writeJson(json, environment, results);
        System.out.println("JSON report: " + json.toAbsolutePath());
        return 0;
    }

    @FunctionalInterface
    interface Benchmark {
        List<Result> run(BenchContext ctx) throws Exception;
    }

    private static Map<String, Benchmark> benchmarks() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        all.put("B1", TestDatabaseBenchmark::runB1);
        all.put("B2", TestDatabaseBenchmark::runB2);
        all.put("B3", QueryOverheadBenchmark::run);
        all.put("B4", BulkLoadBenchmark::run);
        all.put("B5", MigrationApplyBenchmark::run);
        all.put("B6", ServerStartBenchmark::run);
        all.put("B7", SuiteBenchmark::run);
        all.put("B9", StartupBenchmark::run);
        return all;
    }
}
