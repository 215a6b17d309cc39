package io.pgdbm.junit.internal;

import io.pgdbm.junit.Cleanup;
import io.pgdbm.junit.Isolation;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an extension or factory was configured with: modules in dependency order, isolation, cleanup. */
public record Setup(List<Module> modules, Isolation isolation, Cleanup cleanup) {

    public Setup {
        modules = ModuleSet.of(modules).modules();
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(cleanup, "cleanup");
    }

    public static Setup empty() {
        return new Setup(List.of(), Isolation.DATABASE, Cleanup.ALWAYS);
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
        return modules.isEmpty() ? "no modules" : modules.stream().map(Module::name).toList().toString();
    }
}
