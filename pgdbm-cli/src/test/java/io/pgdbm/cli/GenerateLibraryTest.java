package io.pgdbm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code generate library} writes, which names it refuses, and that the variant without the API compiles;
 * {@link GenerateLibraryIT} builds and runs the full variant with Maven.
 */
class GenerateLibraryTest {
    private static final String VERSION = PgdbmCommand.version();

    @TempDir
    Path dir;

    @Test
    void writesTheServiceItsApiItsCommandLineAndTheirTests() throws IOException {
        Cli.Result r = new Cli(dir).run("generate", "library", "my_service", "--dual-mode", "--with-api");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("mvn package", "my-service-0.1.0-SNAPSHOT-all.jar serve",
                "module_name = \"my_service_my_service\"");
        Path lib = dir.resolve("my_service");
        assertThat(lib.resolve("pom.xml")).content().contains("<artifactId>my-service</artifactId>")
                .contains("<pgdbm.version>" + VERSION + "</pgdbm.version>")
                .contains("<main.class>com.example.myservice.MyServiceCli</main.class>")
                .doesNotContain("[[");
        Path main = lib.resolve("src/main/java/com/example/myservice");
        assertThat(main.resolve("MyServiceDatabase.java")).content()
                .contains("return \"my_service_\" + schema;", "public MyServiceDatabase(SharedPool pool, String schema)");
        assertThat(main.resolve("MyService.java")).content().contains("public final class MyService {");
        assertThat(main.resolve("MyServiceApp.java")).content().contains("public synchronized void mount(HttpServer server, String prefix)");
        assertThat(main.resolve("MyServiceCli.java")).content()
                .contains("@Command(name = \"my-service\"", "name = \"serve\"", "name = \"migrate\"", "name = \"create\"");
        assertThat(lib.resolve("src/main/resources/db/migrations/my_service/001_initial.sql")).content()
                .contains("{{tables.items}}", "{{tables.users}}");
        Path test = lib.resolve("src/test/java/com/example/myservice");
        assertThat(test.resolve("MyServiceAppTest.java")).content().contains("@DualModeTest(schema = \"my_service\")");
        assertThat(test).isDirectoryContaining("glob:**/MyServiceDatabaseTest.java")
                .isDirectoryContaining("glob:**/MyServiceTest.java").isDirectoryContaining("glob:**/MyServiceCliTest.java");
        assertThat(lib.resolve("README.md")).content().contains("java -jar target/my-service-0.1.0-SNAPSHOT-all.jar serve",
                "service1.mount(parent, \"/service1\")");

        try (Stream<Path> files = Files.walk(lib)) {
            files.filter(Files::isRegularFile).forEach(f -> assertThat(f).as("placeholders filled").content().doesNotContain("[["));
        }

        assertThat(new Cli(dir).run("generate", "library", "my_service").exitCode()).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    void withoutTheApiTheCommandLineHasNoServeAndTheProjectStillCompiles() throws IOException {
        assertThat(new Cli(dir).run("generate", "library", "billing", "--group", "org.acme").exitCode()).isZero();
        Path lib = dir.resolve("billing");
        Path main = lib.resolve("src/main/java/org/acme/billing");

        assertThat(main.resolve("BillingApp.java")).doesNotExist();
        assertThat(main.resolve("BillingCli.java")).content().doesNotContain("\"serve\"", "HttpServer", "[[");
        assertThat(lib.resolve("pom.xml")).content().doesNotContain("jackson");
        assertThat(lib.resolve("README.md")).content().doesNotContain("serve --port", "[[");
        assertCompiles(lib);
    }

    @Test
    void generateTestsWritesTheDualModeTestOfALibrarysDatabaseClass() {
        Cli.Result r = new Cli(dir).run("generate", "tests", "billing");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(dir.resolve("src/test/java/com/example/billing/BillingDatabaseTest.java")).content()
                .contains("@DualModeTest(schema = \"billing\")", "isEqualTo(\"billing_billing\")");
    }

    @ParameterizedTest
    @CsvSource({
            "class, a Java keyword, class_service",
            "My-Service, lower-case identifier, my_service",
            "MyService, lower-case identifier, my_service",
            "pg_tools, reserves for system schemas, tools",
            "9lives, lower-case identifier, service_9lives",
            "new_, Java keyword, new_service"})
    void refusesANameThatCannotBeSchemaArtifactAndPackageWithTheFix(String name, String problem, String fix) {
        Cli.Result r = new Cli(dir).run("generate", "library", name);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'" + name + "'", problem, "Try: pgdbm generate library " + fix);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void refusesAGroupThatIsNotAPackage() {
        Cli.Result r = new Cli(dir).run("generate", "library", "shop", "--group", "com.example.int");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Group id 'com.example.int'", "--group com.example");
    }

    /** Compiles the generated main and test sources in-process against this module's test classpath. */
    private static void assertCompiles(Path project) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> sources;
        try (Stream<Path> walk = Files.walk(project.resolve("src"))) {
            sources = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("-d", project.resolve("classes").toString(), "-cp", classpath,
                "-proc:none", "-Xlint:none", "--release", "17"));
        args.addAll(sources);
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int code = compiler.run(null, messages, messages, args.toArray(String[]::new));
        assertThat(code).as(messages.toString(StandardCharsets.UTF_8)).isZero();
    }
}
