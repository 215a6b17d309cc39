package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations shipped inside library jars, found through the thread's context class loader. */
class ClasspathLocationTest {
    private static MigrationTestSupport support;
    private static SharedPool pool;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        support = new MigrationTestSupport();
        pool = support.newPool();
    }

    @AfterAll
    static void stop() {
        support.close();
    }

    /** A jar with directory entries, as Maven and Gradle write them. */
    private Path jar(String name, Map<String, String> files) throws IOException {
        Path jar = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out)) {
            java.util.Set<String> dirs = new java.util.TreeSet<>();
            for (String path : files.keySet()) {
                for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
                    dirs.add(path.substring(0, i + 1));
                }
            }
            for (String d : dirs) {
                jos.putNextEntry(new JarEntry(d));
                jos.closeEntry();
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                jos.putNextEntry(new JarEntry(f.getKey()));
                jos.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
        }
        return jar;
    }

    private static <T> T withContextLoader(ClassLoader loader, Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void appliesMigrationsFromTwoJarsEachWithItsOwn001Initial() throws Exception {
        Path users = jar("users.jar", Map.of(
                "db/migrations/users/001_initial.sql", "CREATE TABLE {{tables.users}} (id int);",
                "db/migrations/users/002_email.sql", "ALTER TABLE {{tables.users}} ADD email text;",
                "db/migrations/users/.003_hidden.sql", "broken",
                "db/migrations/users/nested/004_deeper.sql", "broken",
                "db/migrations/users/README.md", "docs"));
        Path orders = jar("orders.jar", Map.of("db/migrations/orders/001_initial.sql", "CREATE TABLE {{tables.orders}} (id int);"));
        DatabaseManager db = new DatabaseManager(pool, "shop");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {users.toUri().toURL(), orders.toUri().toURL()}, null)) {
            MigrationResult u = withContextLoader(loader,
                    () -> new MigrationManager(db, "classpath:db/migrations/users", "users").applyPending());
            MigrationResult o = withContextLoader(loader,
                    () -> new MigrationManager(db, "classpath:/db/migrations/orders/", "orders").applyPending());

            assertThat(u.appliedFilenames()).containsExactly("001_initial.sql", "002_email.sql");
            assertThat(o.appliedFilenames()).containsExactly("001_initial.sql");
            assertThat(withContextLoader(loader, () -> MigrationManager.discover("classpath:db/migrations/orders")))
                    .singleElement().satisfies(m -> assertThat(m.content()).contains("orders"));
        }
        assertThat(db.tableExists("users")).isTrue();
        assertThat(db.tableExists("orders")).isTrue();
    }

    @Test
    void refusesADirectoryFoundInSeveralClassPathEntries() throws Exception {
        Path a = jar("a.jar", Map.of("db/shared/001_initial.sql", "SELECT 1;"));
        Path b = jar("b.jar", Map.of("db/shared/001_initial.sql", "SELECT 2;"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {a.toUri().toURL(), b.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> withContextLoader(loader, () -> MigrationManager.discover("classpath:db/shared")))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("several class path entries");
        }
    }

    @Test
    void readsAClasspathDirectoryOnDisk() throws Exception {
        Path root = tmp.resolve("classes");
        Files.createDirectories(root.resolve("db/inventory"));
        Files.writeString(root.resolve("db/inventory/001_items.sql"), "CREATE TABLE {{tables.items}} (id int);");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            assertThat(withContextLoader(loader, () -> MigrationManager.discover("classpath:db/inventory")))
                    .extracting(Migration::filename).containsExactly("001_items.sql");
        }
    }

    @Test
    void aMissingClasspathLocationHoldsNoMigrations() {
        assertThat(MigrationManager.discover("classpath:db/does/not/exist")).isEmpty();
    }
}
