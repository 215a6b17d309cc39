package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.junit.Cleanup;
import io.pgdbm.junit.Isolation;
import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an extension or factory was configured with: a template preparer ({@code null}: none), modules in
 * dependency order, isolation, cleanup. Every migrations location must exist: a typo would otherwise give the tests
 * an empty database.
 */
public record Setup(TemplatePreparer preparer, List<Module> modules, Isolation isolation, Cleanup cleanup) {

    public Setup(List<Module> modules, Isolation isolation, Cleanup cleanup) {
        this(null, modules, isolation, cleanup);
    }

    public Setup {
        if (preparer != null && isolation == Isolation.SCHEMA) {
            throw new PgdbmException("SCHEMA isolation migrates a new schema for each test with pgdbm's migrations,"
                    + " which the template preparer " + preparer.identity() + " cannot do; use Isolation.DATABASE"
                    + " (a clone of the prepared template per test) or Isolation.TRANSACTION");
        }
        modules = ModuleSet.of(modules).modules();
        for (Module m : modules) {
            for (String location : m.locations()) {
                if (!MigrationManager.locationExists(location)) {
                    throw new PgdbmException("The migrations location '" + location + "' of module '" + m.name()
                            + "' does not exist (" + (location.startsWith("classpath:") ? "not on the class path"
                            : "no directory " + Path.of(location).toAbsolutePath()) + "); fix it in"
                            + " @PgdbmTest(migrations = ...), PgdbmExtension.builder().module(...) or"
                            + " TestDatabaseFactory.create(...)");
                }
            }
        }
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(cleanup, "cleanup");
    }

    public static Setup empty() {
        return new Setup(List.of(), Isolation.DATABASE, Cleanup.ALWAYS);
    }

    /** What the template of this setup is built from. */
    public TemplateSpec template() {
        return new TemplateSpec(modules, preparer);
    }

    public Optional<Module> module(String schemaOrName) {
        return modules.stream().filter(m -> matches(m, schemaOrName)).findFirst();
    }

    /** Whether {@code key} names the module, by schema or by module name. */
    public static boolean matches(Module module, String key) {
        return key.equals(module.schema()) || key.equals(module.name());
    }

    /** The single module's name, for messages. */
    public String describeModules() {
        return template().describe();
    }
}
