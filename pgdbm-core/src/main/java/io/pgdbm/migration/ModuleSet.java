package io.pgdbm.migration;

import io.pgdbm.ConfigurationException;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The modules of an application in dependency order, migrated each into its own schema on one shared pool.
 *
 * <pre>{@code
 * ModuleSet modules = ModuleSet.of(
 *         Module.of("orders", "classpath:db/migrations/orders").withSchema("orders").withDependsOn("users"),
 *         Module.of("users", "classpath:db/migrations/users").withSchema("users"));
 * modules.names();                                     // [users, orders]
 * List<MigrationResult> results = modules.migrate(pool);
 *
 * modules.on(pool)
 *         .configure((module, b) -> b.migrationsTable("schema_migrations").outOfOrder(true))
 *         .onResult(r -> log.info("{}: {}", r.module(), r.appliedFilenames()))
 *         .migrate();
 * }</pre>
 *
 * <p>The pool is a {@link SharedPool}; connections from another {@code DataSource} are used through
 * {@code SharedPool.create(config, dataSource)}.
 *
 * <p>Order: every module after the modules it depends on, declaration order otherwise. Creating a set checks the
 * graph: a duplicate name, a dependency on a module not in the set (naming both) and a cycle (with its path,
 * {@code a -> b -> c -> a}) are {@link ConfigurationException}s. Immutable and thread-safe.
 *
 * <p>{@code Module} shares its simple name with {@code java.lang.Module}: import it by name
 * ({@code import io.pgdbm.migration.Module;}), not with {@code io.pgdbm.migration.*}.
 */
public final class ModuleSet {
    private final List<Module> ordered;

    private ModuleSet(List<Module> ordered) {
        this.ordered = List.copyOf(ordered);
    }

    /** @throws ConfigurationException for a duplicate name, an unknown dependency or a cycle */
    public static ModuleSet of(Module... modules) {
        return of(Arrays.asList(modules));
    }

    /** @throws ConfigurationException for a duplicate name, an unknown dependency or a cycle */
    public static ModuleSet of(Collection<Module> modules) {
        Map<String, Module> byName = new LinkedHashMap<>();
        for (Module m : modules) {
            Objects.requireNonNull(m, "module");
            if (byName.put(m.name(), m) != null) {
                throw new ConfigurationException("modules", "Module '" + m.name() + "' is declared twice; give "
                        + "each module a distinct name");
            }
        }
        for (Module m : byName.values()) {
            for (String d : m.dependsOn()) {
                if (!byName.containsKey(d)) {
                    throw new ConfigurationException("dependsOn", "Module '" + m.name() + "' depends on '" + d
                            + "', which is not a module of this set; declared modules: " + byName.keySet());
                }
            }
        }
        Set<String> done = new LinkedHashSet<>();
        for (String name : byName.keySet()) {
            visit(name, byName, done, new ArrayList<>());
        }
        return new ModuleSet(done.stream().map(byName::get).toList());
    }

    private static void visit(String name, Map<String, Module> byName, Set<String> done, List<String> path) {
        if (done.contains(name)) {
            return;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new ConfigurationException("dependsOn", "Circular module dependency: " + String.join(" -> ", cycle)
                    + "; remove one of these dependencies");
        }
        path.add(name);
        for (String d : byName.get(name).dependsOn()) {
            visit(d, byName, done, path);
        }
        path.remove(path.size() - 1);
        done.add(name);
    }

    /** The modules in dependency order. */
    public List<Module> modules() {
        return ordered;
    }

    /** The module names in dependency order. */
    public List<String> names() {
        return ordered.stream().map(Module::name).toList();
    }

    public Optional<Module> module(String name) {
        return ordered.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The module {@code name} and everything it depends on, transitively, in dependency order.
     *
     * @throws ConfigurationException when no module has that name
     */
    public ModuleSet withDependencies(String name) {
        Module target = module(name).orElseThrow(() -> new ConfigurationException("module", "No module '" + name
                + "'; the modules are " + names()));
        Set<String> needed = new HashSet<>();
        collect(target, needed);
        return new ModuleSet(ordered.stream().filter(m -> needed.contains(m.name())).toList());
    }

    private void collect(Module m, Set<String> needed) {
        if (needed.add(m.name())) {
            m.dependsOn().forEach(d -> collect(module(d).orElseThrow(), needed));
        }
    }

    /** Migrates every module into its schema: {@code on(pool).migrate()}. */
    public List<MigrationResult> migrate(SharedPool pool) {
        return on(pool).migrate();
    }

    /** What {@link #migrate} would apply, changing nothing: {@code on(pool).plan()}. */
    public List<MigrationResult> plan(SharedPool pool) {
        return on(pool).plan();
    }

    /** Applied, pending and edited files of every module: {@code on(pool).status()}. */
    public List<ModuleStatus> status(SharedPool pool) {
        return on(pool).status();
    }

    /** A run over {@code pool} with options: manager settings, a result listener, a file cache. */
    public Runner on(SharedPool pool) {
        return new Runner(this, Objects.requireNonNull(pool, "pool"));
    }

    @Override
    public String toString() {
        return "ModuleSet" + names();
    }

    /**
     * The modules of a set over one pool, with the settings of each module's {@link MigrationManager}. Not
     * thread-safe while being configured; each call runs the modules one after another, in dependency order.
     *
     * <pre>{@code
     * List<MigrationResult> plan = modules.on(pool).configure((module, b) -> b.migrationsTable("app_migrations")).plan();
     * }</pre>
     */
    public static final class Runner {
        private final ModuleSet set;
        private final SharedPool pool;
        private BiConsumer<Module, MigrationManager.Builder> options = (m, b) -> { };
        private Consumer<MigrationResult> listener = r -> { };
        private Function<String, List<Migration>> files = MigrationManager::discover;

        private Runner(ModuleSet set, SharedPool pool) {
            this.set = set;
            this.pool = pool;
        }

        /**
         * Settings of each module's manager (table name, timeouts, out-of-order, a target for one module); called
         * with the module and the builder of each of its managers. The module name is always the module's.
         */
        public Runner configure(BiConsumer<Module, MigrationManager.Builder> options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Called with each location's result as soon as it is done, before the next module starts. */
        public Runner onResult(Consumer<MigrationResult> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Where {@link #migrate()} and {@link #status()} take a location's files from (default
         * {@link MigrationManager#discover}), e.g. a cache shared by many runs.
         */
        public Runner files(Function<String, List<Migration>> files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /** The manager of one module location, on this pool in the module's schema. */
        public MigrationManager manager(Module module, String location) {
            MigrationManager.Builder b = MigrationManager.builder(database(module), location);
            options.accept(module, b);
            return b.moduleName(module.name()).build();
        }

        /** A manager of the pool in the module's schema ({@code public} when it has none). */
        public DatabaseManager database(Module module) {
            return module.schema() == null ? new DatabaseManager(pool) : new DatabaseManager(pool, module.schema());
        }

        /**
         * Applies every module's pending files, module after module in dependency order, each into its schema (created
         * when missing, also for a module without files). Stops at the first failure: the modules before it stay
         * migrated (their results went to {@link #onResult}).
         *
         * @return one result per module location, in order
         * @throws MigrationException from the module that failed ({@link MigrationException#module()})
         */
        public List<MigrationResult> migrate() {
            List<MigrationResult> results = new ArrayList<>();
            for (Module m : set.ordered) {
                int files = 0;
                for (String location : m.locations()) {
                    MigrationResult r = manager(m, location).applyPending(this.files.apply(location));
                    files += r.total();
                    results.add(r);
                    listener.accept(r);
                }
                if (m.schema() != null && files == 0) { // otherwise the history table's creation made the schema
                    ensureSchema(m);
                }
            }
            return results;
        }

        /** What {@link #migrate()} would apply, changing nothing; one {@link MigrationResult.Status#DRY_RUN} per location. */
        public List<MigrationResult> plan() {
            List<MigrationResult> results = new ArrayList<>();
            for (Module m : set.ordered) {
                for (String location : m.locations()) {
                    MigrationResult r = manager(m, location).plan();
                    results.add(r);
                    listener.accept(r);
                }
            }
            return results;
        }

        /** Every module's applied, pending and edited files, in dependency order; changes nothing. */
        public List<ModuleStatus> status() {
            List<ModuleStatus> statuses = new ArrayList<>();
            for (Module m : set.ordered) {
                List<AppliedMigration> applied = m.locations().isEmpty() ? List.of()
                        : manager(m, m.locations().get(0)).applied();
                Map<String, AppliedMigration> byFile = new HashMap<>();
                applied.forEach(a -> byFile.putIfAbsent(a.filename(), a));
                Set<String> present = new HashSet<>();
                List<String> pending = new ArrayList<>();
                List<String> modified = new ArrayList<>();
                for (String location : m.locations()) {
                    for (Migration f : files.apply(location)) {
                        present.add(f.filename());
                        AppliedMigration a = byFile.get(f.filename());
                        if (a == null) {
                            pending.add(f.filename());
                        } else if (!a.checksum().equals(f.checksum())) {
                            modified.add(f.filename());
                        }
                    }
                }
                List<String> missing = applied.stream().map(AppliedMigration::filename)
                        .filter(f -> !present.contains(f)).distinct().toList();
                statuses.add(new ModuleStatus(m.name(), m.schema() == null ? "public" : m.schema(), applied, pending,
                        modified, missing));
            }
            return statuses;
        }

        /** The module's schema exists afterwards even when no file created it (no files, or none pending). */
        private void ensureSchema(Module m) {
            try (Connection c = pool.dataSource().getConnection()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
                    ps.setString(1, m.schema());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return;
                        }
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(m.schema(), "schema"));
                }
            } catch (SQLException e) {
                throw new MigrationException("[" + m.name() + "] Could not create schema " + m.schema(), m.name(),
                        null, null, null, null, e);
            }
        }
    }
}
