package io.pgdbm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The files of {@code generate library NAME}: a Maven module for a dual-mode library at this pgdbm version.
 * The test uses {@code @DualModeTest} when the pgdbm-junit of this version has it, else a server from
 * {@code PostgresServers.shared()} with a database per test, so the generated project always builds.
 *
 * <pre>{@code
 * new LibraryScaffold("my_service", "com.example", true).files()   // relative path -> content
 * }</pre>
 */
final class LibraryScaffold {
    private final String name;
    private final String groupId;
    private final boolean withApi;
    private final String packageName;
    private final String className;
    private final Properties versions = versions();

    LibraryScaffold(String name, String groupId, boolean withApi) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new CliException(ExitCodes.USAGE, "Library name '" + name + "' must be a lower-case identifier "
                    + "(letters, digits, _; starting with a letter), e.g. my_service: it is also the schema and module name");
        }
        if (!groupId.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
            throw new CliException(ExitCodes.USAGE, "Group id '" + groupId + "' must be a Java package name, e.g. com.example");
        }
        this.name = name;
        this.groupId = groupId;
        this.withApi = withApi;
        this.packageName = groupId + "." + name.replace("_", "");
        StringBuilder cls = new StringBuilder();
        for (String part : name.split("_")) {
            if (!part.isEmpty()) {
                cls.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        this.className = cls + "Database";
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = LibraryScaffold.class.getResourceAsStream("version.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("version.properties missing from the pgdbm-cli jar", e);
        }
        return p;
    }

    /** Relative path to content, in writing order. */
    Map<String, String> files() {
        String src = "src/main/java/" + packageName.replace('.', '/') + "/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", pom());
        files.put(src + className + ".java", database());
        files.put("src/main/resources/db/migrations/" + name + "/001_initial.sql", migration());
        files.put("src/test/java/" + testFile(), test());
        if (withApi) {
            files.put(src + apiClass() + ".java", api());
        }
        files.put("README.md", readme());
        return files;
    }

    String testFile() {
        return packageName.replace('.', '/') + "/" + className + "Test.java";
    }

    private String apiClass() {
        return className.replace("Database", "Api");
    }

    private String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%1$s</groupId>
                  <artifactId>%2$s</artifactId>
                  <version>0.1.0-SNAPSHOT</version>
                  <name>%3$s</name>

                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <pgdbm.version>%4$s</pgdbm.version>
                    <junit.version>%5$s</junit.version>
                  </properties>

                  <dependencyManagement>
                    <dependencies>
                      <dependency>
                        <groupId>org.junit</groupId>
                        <artifactId>junit-bom</artifactId>
                        <version>${junit.version}</version>
                        <type>pom</type>
                        <scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>

                  <dependencies>
                    <dependency>
                      <groupId>io.pgdbm</groupId>
                      <artifactId>pgdbm-core</artifactId>
                      <version>${pgdbm.version}</version>
                    </dependency>
                    <dependency>
                      <groupId>io.pgdbm</groupId>
                      <artifactId>pgdbm-junit</artifactId>
                      <version>${pgdbm.version}</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.assertj</groupId>
                      <artifactId>assertj-core</artifactId>
                      <version>%6$s</version>
                      <scope>test</scope>
                    </dependency>
                    <dependency>
                      <groupId>org.slf4j</groupId>
                      <artifactId>slf4j-simple</artifactId>
                      <version>%7$s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>

                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-clean-plugin</artifactId><version>3.4.1</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-install-plugin</artifactId><version>3.1.4</version></plugin>
                      </plugins>
                    </pluginManagement>
                  </build>
                </project>
                """.formatted(groupId, name.replace('_', '-'), name, versions.getProperty("version"),
                versions.getProperty("junit.version"), versions.getProperty("assertj.version"),
                versions.getProperty("slf4j.version"));
    }

    private String database() {
        return """
                package %1$s;

                import io.pgdbm.DatabaseConfig;
                import io.pgdbm.DatabaseManager;
                import io.pgdbm.SharedPool;
                import io.pgdbm.migration.MigrationManager;
                import io.pgdbm.migration.MigrationResult;
                import java.util.List;
                import java.util.Objects;

                /**
                 * The %3$s database, in one of two modes:
                 * <ul>
                 *   <li>standalone: {@code new %2$s(DatabaseConfig)} owns its pool (closed by {@link #close()});</li>
                 *   <li>library: {@code new %2$s(DatabaseManager)} or {@code new %2$s(SharedPool, schema)} borrows
                 *       the application's pool and keeps its tables in its own schema.</li>
                 * </ul>
                 *
                 * <pre>{@code
                 * try (%2$s db = new %2$s(DatabaseConfig.fromUrl(url))) {
                 *     db.migrate();
                 *     db.addItem("first", "an item");
                 * }
                 * }</pre>
                 */
                public final class %2$s implements AutoCloseable {
                    /** The module name recorded in the migration history. */
                    public static final String MODULE = "%3$s";
                    /** The schema used when the config names none. */
                    public static final String DEFAULT_SCHEMA = "%3$s";
                    public static final String MIGRATIONS = "classpath:db/migrations/%3$s";

                    private final DatabaseManager db;
                    private final boolean ownsPool;

                    /** Standalone: opens a pool of its own, in the config's schema or {@value #DEFAULT_SCHEMA}. */
                    public %2$s(DatabaseConfig config) {
                        Objects.requireNonNull(config, "config");
                        DatabaseConfig withSchema = config.schema().isPresent() ? config
                                : config.toBuilder().schema(DEFAULT_SCHEMA).build();
                        this.db = new DatabaseManager(withSchema);
                        this.ownsPool = true;
                        db.connect();
                    }

                    /** Library mode: uses the application's manager (and its schema); never closes it. */
                    public %2$s(DatabaseManager db) {
                        this.db = Objects.requireNonNull(db, "db");
                        this.ownsPool = false;
                    }

                    /** Library mode: borrows the application's pool, with tables in {@code schema}. */
                    public %2$s(SharedPool pool, String schema) {
                        this(new DatabaseManager(pool, schema));
                    }

                    /** Applies this library's pending migrations into its schema. */
                    public MigrationResult migrate() {
                        return new MigrationManager(db, MIGRATIONS, MODULE).applyPending();
                    }

                    public long addItem(String name, String description) {
                        Object id = db.executeAndReturnId(
                                "INSERT INTO {{tables.items}} (name, description) VALUES ($1, $2)", name, description);
                        return ((Number) id).longValue();
                    }

                    public List<String> itemNames() {
                        return db.fetchAll("SELECT name FROM {{tables.items}} ORDER BY id").stream()
                                .map(row -> row.getString("name")).toList();
                    }

                    /** The manager, for queries this class does not offer. */
                    public DatabaseManager manager() {
                        return db;
                    }

                    /** Closes the pool when this instance owns it; a borrowed pool stays open. */
                    @Override
                    public void close() {
                        if (ownsPool) {
                            db.close();
                        }
                    }
                }
                """.formatted(packageName, className, name);
    }

    private String migration() {
        return """
                -- %1$s: the initial tables. {{tables.x}} becomes "<schema>".x, so the same file serves every schema.
                CREATE TABLE IF NOT EXISTS {{tables.items}} (
                    id BIGSERIAL PRIMARY KEY,
                    name TEXT NOT NULL,
                    description TEXT,
                    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
                );

                CREATE INDEX IF NOT EXISTS items_name_idx ON {{tables.items}} (name);
                """.formatted(name);
    }

    /** Uses {@code @DualModeTest} when this version's pgdbm-junit has it. */
    String test() {
        return hasClass("io.pgdbm.junit.DualModeTest") ? extensionTest() : serverTest();
    }

    private static boolean hasClass(String name) {
        try {
            Class.forName(name, false, LibraryScaffold.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private String extensionTest() {
        return """
                package %1$s;

                import static org.assertj.core.api.Assertions.assertThat;

                import io.pgdbm.junit.DualModeDatabase;
                import io.pgdbm.junit.DualModeTest;

                /**
                 * One test body, run twice on a fresh database each time: [STANDALONE] with the library's own pool,
                 * [LIBRARY] with a manager borrowed from an application's pool, next to another module's schema.
                 */
                class %2$sTest {

                    @DualModeTest(schema = "%3$s")
                    void worksInBothModes(DualModeDatabase database) {
                        try (%2$s db = database.create(%2$s::new, (manager, schema) -> new %2$s(manager))) {
                            db.migrate();
                            db.addItem("first", "created by the test");
                            assertThat(db.itemNames()).containsExactly("first");
                            assertThat(db.manager().schema()).contains("%3$s");
                        }
                    }
                }
                """.formatted(packageName, className, name);
    }

    private String serverTest() {
        return """
                package %1$s;

                import static org.assertj.core.api.Assertions.assertThat;

                import io.pgdbm.DatabaseConfig;
                import io.pgdbm.SharedPool;
                import io.pgdbm.junit.PostgresServer;
                import io.pgdbm.junit.PostgresServers;
                import java.sql.Connection;
                import java.sql.DriverManager;
                import java.sql.SQLException;
                import java.sql.Statement;
                import java.util.UUID;
                import org.junit.jupiter.api.AfterEach;
                import org.junit.jupiter.api.BeforeEach;
                import org.junit.jupiter.api.Test;

                /**
                 * The same checks in both modes, each on a fresh database of its own, on the server pgdbm-junit
                 * provides (PGDBM_TEST_URL, local binaries, docker or embedded).
                 */
                class %2$sTest {
                    private static final PostgresServer SERVER = PostgresServers.shared();

                    private String database;
                    private DatabaseConfig config;

                    @BeforeEach
                    void createDatabase() throws SQLException {
                        database = "%3$s_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                        admin("CREATE DATABASE " + database);
                        config = DatabaseConfig.fromUrl(SERVER.url(database));
                    }

                    @AfterEach
                    void dropDatabase() throws SQLException {
                        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                    }

                    @Test
                    void worksStandaloneWithItsOwnPool() {
                        try (%2$s db = new %2$s(config)) {
                            exercise(db);
                        }
                    }

                    @Test
                    void worksAsALibraryInsideAnApplicationsPool() {
                        try (SharedPool applicationPool = SharedPool.create(config);
                             %2$s db = new %2$s(applicationPool, "%3$s")) {
                            exercise(db);
                        }
                    }

                    private static void exercise(%2$s db) {
                        db.migrate();
                        db.addItem("first", "created by the test");
                        assertThat(db.itemNames()).containsExactly("first");
                        assertThat(db.manager().schema()).contains("%3$s");
                    }

                    private static void admin(String sql) throws SQLException {
                        try (Connection c = DriverManager.getConnection(SERVER.jdbcUrl(SERVER.adminDatabase()),
                                SERVER.user(), SERVER.password().orElse(null));
                             Statement st = c.createStatement()) {
                            st.execute(sql);
                        }
                    }
                }
                """.formatted(packageName, className, name);
    }

    private String api() {
        return """
                package %1$s;

                import com.sun.net.httpserver.HttpServer;
                import io.pgdbm.DatabaseConfig;
                import java.io.IOException;
                import java.io.OutputStream;
                import java.net.InetSocketAddress;
                import java.nio.charset.StandardCharsets;
                import java.util.stream.Collectors;

                /**
                 * A small HTTP API over {@link %2$s} on the JDK's HTTP server: {@code GET /items}. Standalone it
                 * runs with {@code DATABASE_URL}; inside an application, create it with the application's
                 * {@link %2$s} and mount {@link #start(int)} where it fits.
                 */
                public final class %3$s {
                    private final %2$s db;

                    public %3$s(%2$s db) {
                        this.db = db;
                    }

                    /** Starts serving on {@code port} (0: any free port). */
                    public HttpServer start(int port) throws IOException {
                        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                        server.createContext("/items", exchange -> {
                            String json = db.itemNames().stream()
                                    .map(n -> "\\"" + n.replace("\\\\", "\\\\\\\\").replace("\\"", "\\\\\\"") + "\\"")
                                    .collect(Collectors.joining(",", "[", "]"));
                            byte[] body = json.getBytes(StandardCharsets.UTF_8);
                            exchange.getResponseHeaders().set("Content-Type", "application/json");
                            exchange.sendResponseHeaders(200, body.length);
                            try (OutputStream out = exchange.getResponseBody()) {
                                out.write(body);
                            }
                        });
                        server.start();
                        return server;
                    }

                    /** Standalone: {@code DATABASE_URL=... java %1$s.%3$s [port]}. */
                    public static void main(String[] args) throws IOException {
                        %2$s db = new %2$s(DatabaseConfig.fromUrl(System.getenv("DATABASE_URL")));
                        db.migrate();
                        HttpServer server = new %3$s(db).start(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
                        System.out.println("Serving on http://127.0.0.1:" + server.getAddress().getPort() + "/items");
                    }
                }
                """.formatted(packageName, className, apiClass());
    }

    private String readme() {
        return """
                # %1$s

                A dual-mode pgdbm library: `%2$s` runs standalone (`new %2$s(DatabaseConfig)`, owning its pool)
                or inside an application (`new %2$s(sharedPool, "%1$s")`, borrowing the application's pool and
                living in schema `%1$s`). Migrations: `src/main/resources/db/migrations/%1$s/`.

                ```sh
                mvn test          # needs a PostgreSQL: PGDBM_TEST_URL, local binaries, docker or embedded
                ```

                In an application's pgdbm.toml:

                ```toml
                [modules.%1$s]
                migrations_path = "classpath:db/migrations/%1$s"   # or the directory
                schema = "%1$s"
                mode = "dual"
                ```
                """.formatted(name, className);
    }
}
