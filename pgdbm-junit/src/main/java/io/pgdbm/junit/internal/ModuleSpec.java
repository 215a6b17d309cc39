package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.internal.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One module of a test setup: its name, migration locations (applied in order), the schema it lives in
 * ({@code null}: none, tables in {@code public}) and the modules it depends on.
 */
public record ModuleSpec(String name, List<String> locations, String schema, List<String> dependsOn) {

    public ModuleSpec {
        Objects.requireNonNull(name, "name");
        locations = List.copyOf(locations);
        dependsOn = List.copyOf(dependsOn);
        if (schema != null && schema.isEmpty()) {
            schema = null;
        }
        if (schema != null) {
            Identifiers.require(schema, "schema");
        }
    }

    public Optional<String> schemaName() {
        return Optional.ofNullable(schema);
    }

    /** Whether {@code key} names this module, by schema or by module name. */
    public boolean matches(String key) {
        return key.equals(schema) || key.equals(name);
    }

    /**
     * The modules with every dependency before its dependents (declaration order otherwise kept).
     *
     * @throws PgdbmException for an unknown dependency, a duplicate name, or a cycle (named as {@code a -> b -> a})
     */
    public static List<ModuleSpec> inDependencyOrder(List<ModuleSpec> modules) {
        Map<String, ModuleSpec> byName = new LinkedHashMap<>();
        for (ModuleSpec m : modules) {
            if (byName.put(m.name(), m) != null) {
                throw new PgdbmException("Module '" + m.name() + "' is declared twice; give each module a distinct name");
            }
        }
        for (ModuleSpec m : modules) {
            for (String d : m.dependsOn()) {
                if (!byName.containsKey(d)) {
                    throw new PgdbmException("Module '" + m.name() + "' depends on '" + d + "', which is not declared;"
                            + " declared modules: " + byName.keySet());
                }
            }
        }
        List<ModuleSpec> ordered = new ArrayList<>();
        Map<String, Boolean> state = new LinkedHashMap<>(); // false: on the current path, true: done
        for (ModuleSpec m : modules) {
            visit(m, byName, state, new ArrayList<>(), ordered);
        }
        return List.copyOf(ordered);
    }

    private static void visit(ModuleSpec m, Map<String, ModuleSpec> byName, Map<String, Boolean> state,
            List<String> path, List<ModuleSpec> out) {
        Boolean s = state.get(m.name());
        if (Boolean.TRUE.equals(s)) {
            return;
        }
        path.add(m.name());
        if (Boolean.FALSE.equals(s)) {
            List<String> cycle = path.subList(path.indexOf(m.name()), path.size());
            throw new PgdbmException("Module dependencies form a cycle: " + String.join(" -> ", cycle)
                    + "; remove one of these dependsOn entries");
        }
        state.put(m.name(), Boolean.FALSE);
        for (String d : m.dependsOn()) {
            visit(byName.get(d), byName, state, path, out);
        }
        state.put(m.name(), Boolean.TRUE);
        path.remove(path.size() - 1);
        out.add(m);
    }
}
