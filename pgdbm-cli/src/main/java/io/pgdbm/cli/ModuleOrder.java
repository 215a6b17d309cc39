package io.pgdbm.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders modules so each comes after the modules it depends on, keeping declaration order otherwise (the
 * original's depth-first order). A cycle is an error that shows the whole path, e.g. {@code a → b → c → a}.
 *
 * <pre>{@code
 * List<String> order = ModuleOrder.resolve(config.modules());   // users, billing, reports
 * }</pre>
 */
final class ModuleOrder {
    private final Map<String, ModuleConfig> modules;
    private final Set<String> done = new LinkedHashSet<>();
    private final List<String> path = new ArrayList<>();
    private final Set<String> onPath = new HashSet<>();

    private ModuleOrder(Map<String, ModuleConfig> modules) {
        this.modules = modules;
    }

    /** All modules in dependency order; throws a config {@link CliException} for a cycle. */
    static List<String> resolve(Map<String, ModuleConfig> modules) {
        ModuleOrder order = new ModuleOrder(modules);
        modules.keySet().forEach(order::visit);
        return List.copyOf(order.done);
    }

    /** {@code module} and everything it depends on, transitively, in dependency order. */
    static List<String> resolveWithDependencies(Map<String, ModuleConfig> modules, String module) {
        ModuleOrder order = new ModuleOrder(modules);
        order.visit(module);
        return List.copyOf(order.done);
    }

    private void visit(String name) {
        if (done.contains(name)) {
            return;
        }
        if (onPath.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw CliException.config("Circular module dependency: " + String.join(" → ", cycle)
                    + "; remove one of these depends_on entries in pgdbm.toml");
        }
        path.add(name);
        onPath.add(name);
        ModuleConfig module = modules.get(name);
        if (module != null) {
            module.dependsOn().forEach(this::visit);
        }
        path.remove(path.size() - 1);
        onPath.remove(name);
        done.add(name);
    }
}
