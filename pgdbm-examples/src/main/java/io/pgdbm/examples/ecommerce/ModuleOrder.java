package io.pgdbm.examples.ecommerce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders modules so that each comes after the modules it depends on (declaration order breaks ties), and reports
 * a cycle with its path.
 *
 * <pre>{@code
 * List<String> order = ModuleOrder.resolve(Map.of("orders", List.of("users", "catalog"), "users", List.of(), "catalog", List.of()));
 * }</pre>
 */
public final class ModuleOrder {
    private ModuleOrder() {
    }

    /** {@code dependsOn} maps each module to the modules it needs first; iteration order breaks ties. */
    public static List<String> resolve(Map<String, List<String>> dependsOn) {
        Set<String> done = new LinkedHashSet<>();
        for (String module : dependsOn.keySet()) {
            visit(module, dependsOn, done, new ArrayList<>());
        }
        return List.copyOf(done);
    }

    private static void visit(String module, Map<String, List<String>> dependsOn, Set<String> done, List<String> path) {
        if (done.contains(module)) {
            return;
        }
        if (path.contains(module)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(module), path.size()));
            cycle.add(module);
            throw new IllegalArgumentException("module dependency cycle: " + String.join(" -> ", cycle));
        }
        List<String> needs = dependsOn.get(module);
        if (needs == null) {
            throw new IllegalArgumentException("unknown module '" + module + "' in " + path + "; declared: " + dependsOn.keySet());
        }
        path.add(module);
        for (String need : needs) {
            visit(need, dependsOn, done, path);
        }
        path.remove(path.size() - 1);
        done.add(module);
    }
}
