package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.junit.PostgresServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate library} output builds and passes its tests. Maven runs offline on it with a local repository
 * that holds this build's pgdbm artifacts (the jars and poms under test, not whatever ~/.m2 has) and links
 * everything else to ~/.m2/repository, so the test needs no {@code mvn install}, only the third-party artifacts
 * the reactor build itself has already downloaded.
 */
class GenerateLibraryTest {
    private static final Path M2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
    private static final String VERSION = PgdbmCommand.version();

    @TempDir
    Path dir;

    @Test
    void writesTheExpectedFiles() {
        Cli.Result r = new Cli(dir).run("generate", "library", "my_service", "--with-api");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path lib = dir.resolve("my_service");
        assertThat(lib.resolve("pom.xml")).content().contains("<artifactId>my-service</artifactId>")
                .contains("<pgdbm.version>" + VERSION + "</pgdbm.version>");
        assertThat(lib.resolve("src/main/java/com/example/myservice/MyServiceDatabase.java")).exists();
        assertThat(lib.resolve("src/main/java/com/example/myservice/MyServiceApi.java")).exists();
        assertThat(lib.resolve("src/main/resources/db/migrations/my_service/001_initial.sql")).exists();
        assertThat(lib.resolve("src/test/java/com/example/myservice/MyServiceDatabaseTest.java")).exists();
        assertThat(new Cli(dir).run("generate", "library", "my_service").exitCode()).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void generatedLibraryBuildsAndPassesItsTestsInBothModes() throws Exception {
        Path mvn = findMaven();
        assumeThat(mvn).as("mvn on PATH (or MAVEN_HOME) runs the generated build").isNotNull();
        assumeThat(M2.resolve("org/apache/maven/plugins/maven-surefire-plugin")).as("a local Maven repository").isDirectory();
        assertThat(new Cli(dir).run("generate", "library", "inventory", "--with-api").exitCode()).isZero();
        Path repo = repositoryWithThisBuild(dir.resolve("repo"));

        Path log = dir.resolve("mvn.log");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-o", "-q", "-B", "test",
                "-Dmaven.repo.local=" + repo));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.resolve("inventory").toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PGDBM_TEST_URL", TestDatabases.server().toUrl());
        Process p = pb.start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("mvn test of the generated library within 5 minutes:\n" + output).isTrue();
        assertThat(p.exitValue()).as("mvn test of the generated library:\n" + output).isZero();
        Path report = dir.resolve("inventory/target/surefire-reports/TEST-com.example.inventory.InventoryDatabaseTest.xml");
        assertThat(report).content().contains("tests=\"2\"").contains("failures=\"0\"").contains("errors=\"0\"");
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
        artifact(pgdbm, "pgdbm-junit", project.resolve("pgdbm-junit/pom.xml"), codeOf(PostgresServers.class));
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
        assertThat(Files.size(jar)).as(new String("jar of " + classes).getBytes(StandardCharsets.UTF_8).length + "").isPositive();
    }
}
