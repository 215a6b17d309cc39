package io.pgdbm.junit.internal;

import io.pgdbm.junit.Cleanup;
import io.pgdbm.junit.Isolation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What an extension or factory was configured with: modules in dependency order, isolation, cleanup. */
public record Setup(List<ModuleSpec> modules, Isolation isolation, Cleanup cleanup) {

    public Setup {
        modules = ModuleSpec.inDependencyOrder(modules);
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(cleanup, "cleanup");
    }

    public static Setup empty() {
        return new Setup(List.of(), Isolation.DATABASE, Cleanup.ALWAYS);
    }

    public Optional<ModuleSpec> module(String schemaOrName) {
        return modules.stream().filter(m -> m.matches(schemaOrName)).findFirst();
    }

    /** The single module's name, for messages. */
    public String describeModules() {
        return modules.isEmpty() ? "no modules" : modules.stream().map(ModuleSpec::name).toList().toString();
    }
}
