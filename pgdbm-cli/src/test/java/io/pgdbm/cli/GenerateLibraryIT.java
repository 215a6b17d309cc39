package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.TestDatabase;
import io.pgdbm.junit.DualModeTest;
import io.pgdbm.testserver.PostgresServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate library --with-api} output passes its tests under {@code mvn package}, and its runnable jar
 * migrates a database and serves the API. Maven runs offline on it with a local repository that holds this build's
 * pgdbm artifacts (the jars and poms under test, not whatever ~/.m2 has) and links everything else to
 * ~/.m2/repository, so the test needs no {@code mvn install}, only the third-party artifacts the reactor build has
 * already downloaded; it runs after {@code package} so that those include the shade plugin's.
 */
class GenerateLibraryIT {
    private static final Path M2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
    private static final String VERSION = PgdbmCommand.version();

    @TempDir
    Path dir;

    @Test
    void generatedLibraryPassesItsTestsAndItsJarMigratesAndServes() throws Exception {
        Path mvn = findMaven();
        assumeThat(mvn).as("mvn on PATH (or MAVEN_HOME) runs the generated build").isNotNull();
        assumeThat(M2.resolve("org/apache/maven/plugins/maven-shade-plugin")).as("a local Maven repository").isDirectory();
        assertThat(new Cli(dir).run("generate", "library", "inventory", "--with-api").exitCode()).isZero();
        Path project = dir.resolve("inventory");
        Path repo = repositoryWithThisBuild(dir.resolve("repo"));

        Process build = start(project, dir.resolve("mvn.log"), mvn.toString(), "-o", "-q", "-B", "package",
                "-Dmaven.repo.local=" + repo);
        String output;
        try {
            output = finish(build, dir.resolve("mvn.log"), Duration.ofMinutes(5));
        } finally {
            unlinkAll(repo);   // else @TempDir's cleanup warns about every link to ~/.m2
        }
        assertThat(build.exitValue()).as("mvn package of the generated library:\n" + output).isZero();
        assertThat(output).as("a passing generated build is quiet").doesNotContain("WARN", "\tat ");
        assertThat(testsRun(project.resolve("target/surefire-reports"))).as(output).containsExactlyInAnyOrderEntriesOf(Map.of(
                "com.example.inventory.InventoryDatabaseTest", 4,
                "com.example.inventory.InventoryServiceTest", 2,
                "com.example.inventory.InventoryAppTest", 9,
                "com.example.inventory.InventoryCliTest", 4));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = project.resolve("target/inventory-0.1.0-SNAPSHOT-all.jar").toString();
        try (TestDatabase db = TestDatabase.create("genlib")) {
            String url = db.config().toUrl();
            Process migrate = start(project, dir.resolve("migrate.log"), java, "-jar", jar, "--url", url, "db", "migrate");
            String migrated = finish(migrate, dir.resolve("migrate.log"), Duration.ofMinutes(1));
            assertThat(migrate.exitValue()).as(migrated).isZero();
            assertThat(migrated).contains("Applied 1 migration(s)", "module inventory_inventory", "001_initial.sql")
                    .doesNotContain("SLF4J");

            Path serveLog = dir.resolve("serve.log");
            Process serve = start(project, serveLog, java, "-jar", jar, "--url", url, "serve", "--port", "0");
            try {
                Pattern listening = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)");
                String line = await().atMost(Duration.ofMinutes(1)).until(() -> Files.readString(serveLog),
                        text -> listening.matcher(text).find() || !serve.isAlive());
                Matcher port = listening.matcher(line);
                assertThat(port.find()).as(line).isTrue();
                HttpResponse<String> items = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port.group(1) + "/items")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(items.statusCode()).isEqualTo(200);
                assertThat(items.body()).isEqualTo("[]");
            } finally {
                serve.destroy();
                serve.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Process start(Path directory, Path log, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PGDBM_TEST_URL", TestDatabase.server().toUrl());
        pb.environment().remove("DATABASE_URL");
        return pb.start();
    }

    private static String finish(Process process, Path log, Duration limit) throws Exception {
        boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("finished within " + limit + ":\n" + output).isTrue();
        return output;
    }

    /** Test class name to tests run, from surefire's reports; a report with a failure, error or skip fails. */
    private static Map<String, Integer> testsRun(Path reports) throws IOException {
        Map<String, Integer> run = new HashMap<>();
        Pattern suite = Pattern.compile("<testsuite [^>]*name=\"([^\"]+)\"[^>]*");
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
                Matcher m = suite.matcher(Files.readString(report));
                assertThat(m.find()).as(report.toString()).isTrue();
                String header = m.group();
                assertThat(header).as(header).contains("failures=\"0\"", "errors=\"0\"", "skipped=\"0\"");
                Matcher tests = Pattern.compile("tests=\"(\\d+)\"").matcher(header);
                assertThat(tests.find()).isTrue();
                run.put(m.group(1), Integer.parseInt(tests.group(1)));
            }
        }
        return run;
    }

    private static Path findMaven() {
        for (String home : new String[] {System.getenv("MAVEN_HOME"), System.getProperty("maven.home")}) {
            if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
                return Path.of(home, "bin", "mvn");
            }
        }
        String path = System.getenv("PATH");
        return path == null ? null : Stream.of(path.split(java.io.File.pathSeparator)).map(d -> Path.of(d, "mvn"))
                .filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** ~/.m2/repository linked entry by entry, with io/pgdbm replaced by this build's artifacts. */
    private static Path repositoryWithThisBuild(Path repo) throws IOException, URISyntaxException {
        linkAllBut(M2, repo, "io");
        linkAllBut(M2.resolve("io"), repo.resolve("io"), "pgdbm");
        Path project = Path.of("").toAbsolutePath().getParent(); // surefire runs in pgdbm-cli/
        Path pgdbm = repo.resolve("io/pgdbm");
        artifact(pgdbm, "pgdbm-parent", project.resolve("pom.xml"), null);
        artifact(pgdbm, "pgdbm-core", project.resolve("pgdbm-core/pom.xml"), codeOf(DatabaseConfig.class));
        artifact(pgdbm, "pgdbm-testserver", project.resolve("pgdbm-testserver/pom.xml"), codeOf(PostgresServers.class));
        artifact(pgdbm, "pgdbm-junit", project.resolve("pgdbm-junit/pom.xml"), codeOf(DualModeTest.class));
        return repo;
    }

    private static void linkAllBut(Path from, Path to, String except) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> entries = Files.list(from)) {
            for (Path e : entries.toList()) {
                if (!e.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(to.resolve(e.getFileName().toString()), e);
                }
            }
        }
    }

    private static void unlinkAll(Path repo) throws IOException {
        for (Path d : List.of(repo, repo.resolve("io"))) {
            try (Stream<Path> entries = Files.list(d)) {
                for (Path e : entries.filter(Files::isSymbolicLink).toList()) {
                    Files.delete(e);
                }
            }
        }
    }

    private static Path codeOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void artifact(Path group, String id, Path pom, Path code) throws IOException {
        Path dir = group.resolve(id).resolve(VERSION);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(id + "-" + VERSION + ".pom"));
        if (code != null) {
            Path jar = dir.resolve(id + "-" + VERSION + ".jar");
            if (Files.isDirectory(code)) {
                jarDirectory(code, jar); // the reactor may hand us target/classes instead of the jar
            } else {
                Files.copy(code, jar);
            }
        }
    }

    private static void jarDirectory(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        assertThat(Files.size(jar)).as("jar of " + classes).isPositive();
    }
}
