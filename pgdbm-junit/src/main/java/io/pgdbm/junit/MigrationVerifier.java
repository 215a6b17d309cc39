package io.pgdbm.junit;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.SharedPool;
import io.pgdbm.internal.Identifiers;
import io.pgdbm.junit.VerificationReport.Finding;
import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.migration.AppliedMigration;
import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Proves a module's migrations are fit to ship: from scratch (never from a cached template) it applies them as a
 * standalone service (owning its pool, without and with a schema) and as a library (a borrowed manager in a named
 * schema, next to another module's schema), and checks in each mode that every file applied, a second run is a
 * no-op, every file is recorded with its checksum, and — in a schema — that no table, view, sequence, type or
 * function landed outside the module's schema.
 *
 * <pre>{@code
 * @Test
 * void ordersMigrationsAreSound() {
 *     MigrationVerifier.verify("classpath:db/migrations/orders", "orders");
 * }
 *
 * @Test
 * void withAPrerequisite() {
 *     MigrationVerifier.builder("classpath:db/migrations/orders", "orders")
 *             .requires("classpath:db/migrations/users", "users", "users")   // the FK target, in schema users
 *             .verify();
 * }
 * }</pre>
 *
 * <p>Uses the JVM's shared server ({@link PostgresServers#shared()}) unless given one. Thread-safe.
 */
public final class MigrationVerifier {
    private static final String NEIGHBOUR = DualModeDatabase.NEIGHBOUR_SCHEMA;
    private static final String CATALOG = """
            SELECT n.nspname AS schema, c.relname AS name, CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table'
                   WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
                   WHEN 'f' THEN 'foreign table' END AS kind
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                               AND c.relkind = 'S' AND d.deptype IN ('a', 'i'))  -- serial/identity: part of its table
               AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
            UNION ALL
            SELECT n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
                   CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
            UNION ALL
            SELECT n.nspname, t.typname, CASE t.typtype WHEN 'e' THEN 'enum type' WHEN 'd' THEN 'domain' ELSE 'type' END
              FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE (t.typtype IN ('e', 'd', 'r')
                    OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
               AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
            UNION ALL
            SELECT nspname, nspname, 'schema' FROM pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
            """;

    private MigrationVerifier() {
    }

    /**
     * Verifies {@code module}'s migrations at {@code location} in every mode (library schema: {@code module} made
     * a valid identifier).
     *
     * @throws AssertionError listing every finding
     */
    public static VerificationReport verify(String location, String module) {
        return builder(location, module).verify();
    }

    public static Builder builder(String location, String module) {
        return new Builder(location, module);
    }

    private record Prerequisite(String location, String module, String schema) {
    }

    /** Options of a verification. Not thread-safe; {@link #check()} and {@link #verify()} may run repeatedly. */
    public static final class Builder {
        private final String location;
        private final String module;
        private String schema;
        private final List<Prerequisite> prerequisites = new ArrayList<>();
        private final Set<String> allowedOutside = new LinkedHashSet<>();
        private PostgresServer server;

        private Builder(String location, String module) {
            this.location = Objects.requireNonNull(location, "location");
            this.module = Objects.requireNonNull(module, "module");
        }

        /** The schema of the schema-qualified modes (default: the module name, made an identifier). */
        public Builder schema(String schema) {
            this.schema = Identifiers.require(schema, "schema");
            return this;
        }

        /** Another module applied first in every mode, into {@code schema} ({@code null}: public), e.g. an FK target. */
        public Builder requires(String location, String module, String schema) {
            prerequisites.add(new Prerequisite(Objects.requireNonNull(location, "location"),
                    Objects.requireNonNull(module, "module"), schema));
            return this;
        }

        /** An object the module deliberately creates outside its schema, as {@code schema.name}, e.g. {@code public.registry}. */
        public Builder allowOutside(String qualifiedName) {
            allowedOutside.add(Objects.requireNonNull(qualifiedName, "qualifiedName"));
            return this;
        }

        public Builder server(PostgresServer server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** Runs every check and returns what was found, without failing. */
        public VerificationReport check() {
            String s = schema != null ? schema : defaultSchema(module);
            List<String> files = MigrationManager.discover(location).stream().map(Migration::filename).toList();
            List<Finding> findings = new ArrayList<>();
            if (files.isEmpty()) {
                findings.add(new Finding("any", "applies", "no migration files at " + location));
                return new VerificationReport(module, location, files, findings);
            }
            PostgresServer srv = server != null ? server : PostgresServers.shared();
            try (RunContext run = RunContext.acquire(srv, TestSettings.defaults())) {
                new Check(run, this, s, files, findings).all();
            }
            return new VerificationReport(module, location, files, findings);
        }

        /**
         * {@link #check()}, failing when anything was found.
         *
         * @throws AssertionError whose message lists every finding
         */
        public VerificationReport verify() {
            VerificationReport report = check();
            if (!report.passed()) {
                throw new AssertionError(report.describe());
            }
            return report;
        }
    }

    private static String defaultSchema(String module) {
        String s = module.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        s = s.isEmpty() || Character.isDigit(s.charAt(0)) ? "m_" + s : s;
        return s.length() > 63 ? s.substring(0, 63) : s;
    }

    /** One verification: each mode in a database of its own, made empty from template1, never from a template of ours. */
    private record Check(RunContext run, Builder options, String schema, List<String> files, List<Finding> findings) {

        void all() {
            standalone(null);
            standalone(schema);
            library();
        }

        private void standalone(String inSchema) {
            String mode = inSchema == null ? "STANDALONE" : "STANDALONE in schema " + inSchema;
            inFreshDatabase(mode, (db, before) -> {
                DatabaseConfig config = db.config().toBuilder().schema(inSchema).minConnections(0).maxConnections(2).build();
                try (DatabaseManager owned = new DatabaseManager(config)) {
                    owned.connect();
                    checkModule(mode, owned, inSchema == null ? null : db.manager(), before, Set.of(inSchema == null ? "" : inSchema));
                }
                return null;
            });
        }

        private void library() {
            String mode = "LIBRARY in schema " + schema;
            inFreshDatabase(mode, (db, ignored) -> {
                db.manager().execute("CREATE SCHEMA " + NEIGHBOUR + "; CREATE TABLE " + NEIGHBOUR + ".marker (id int PRIMARY KEY);"
                        + " INSERT INTO " + NEIGHBOUR + ".marker VALUES (1)");
                Set<String> before = objects(db.manager());
                DatabaseManager borrowed = new DatabaseManager(db.pool(), schema);
                checkModule(mode, borrowed, db.manager(), before, Set.of(schema));
                if (db.manager().fetchValue(Long.class, "SELECT count(*) FROM " + NEIGHBOUR + ".marker") != 1L) {
                    findings.add(new Finding(mode, "objects stay in the module's schema",
                            "the neighbour module's table " + NEIGHBOUR + ".marker was changed"));
                }
                return null;
            });
        }

        private void inFreshDatabase(String mode, java.util.function.BiFunction<DatabaseHandle, Set<String>, Void> body) {
            try (DatabaseHandle db = DatabaseHandle.clone(run, Setup.empty(),
                    unused -> new io.pgdbm.junit.internal.CloneSource.Clone(run.createEmptyDatabase("verify"), null), null,
                    Cleanup.ALWAYS)) {
                ModuleSet.of(options.prerequisites.stream()
                        .map(p -> Module.of(p.module(), p.location()).withSchema(p.schema())).toList()).migrate(db.pool());
                body.apply(db, objects(db.manager()));
            } catch (RuntimeException e) {
                findings.add(new Finding(mode, "applies", e.getMessage()));
            }
        }

        /** {@code inspector} null: no outside check (a standalone module without a schema owns the whole database). */
        private void checkModule(String mode, DatabaseManager db, DatabaseManager inspector, Set<String> before, Set<String> own) {
            MigrationManager migrations = new MigrationManager(db, options.location, options.module);
            MigrationResult first;
            try {
                first = migrations.applyPending();
            } catch (RuntimeException e) {
                findings.add(new Finding(mode, "applies", e.getMessage()));
                return;
            }
            if (!first.appliedFilenames().equals(files)) {
                findings.add(new Finding(mode, "applies", "applied " + first.appliedFilenames() + ", expected every file "
                        + files));
            }
            try {
                MigrationResult second = migrations.applyPending();
                if (second.status() != MigrationResult.Status.UP_TO_DATE) {
                    findings.add(new Finding(mode, "second run is a no-op", "the second run was " + second.status()
                            + " and applied " + second.appliedFilenames()));
                }
            } catch (RuntimeException e) {
                findings.add(new Finding(mode, "second run is a no-op", e.getMessage()));
            }
            checksums(mode, migrations);
            if (inspector != null) {
                outside(mode, inspector, before, own);
            }
        }

        private void checksums(String mode, MigrationManager migrations) {
            Map<String, String> recorded = new HashMap<>();
            for (AppliedMigration a : migrations.applied()) {
                recorded.put(a.filename(), a.checksum());
            }
            for (Migration m : MigrationManager.discover(options.location)) {
                String stored = recorded.get(m.filename());
                String expected = MigrationManager.checksum(m.content());
                if (stored == null) {
                    findings.add(new Finding(mode, "recorded checksums", m.filename() + " is not recorded in "
                            + migrations.migrationsTable() + " for module " + migrations.moduleName()));
                } else if (!stored.equals(expected)) {
                    findings.add(new Finding(mode, "recorded checksums", m.filename() + " is recorded with checksum "
                            + stored + ", its content has " + expected));
                }
            }
        }

        private void outside(String mode, DatabaseManager inspector, Set<String> before, Set<String> own) {
            for (String o : objects(inspector)) {
                if (before.contains(o)) {
                    continue;
                }
                String[] p = o.split("\t");   // schema, name, kind
                String qualified = p[0] + "." + p[1];
                boolean ownSchema = own.contains(p[0]);
                if (!ownSchema && !options.allowedOutside.contains(qualified)) {
                    findings.add(new Finding(mode, "objects stay in the module's schema", p[2] + " " + qualified
                            + " was created outside schema " + String.join(", ", own)
                            + " (qualify it with {{tables.x}} or {{schema}}, or allowOutside(\"" + qualified + "\"))"));
                }
            }
        }

        private static Set<String> objects(DatabaseManager inspector) {
            Set<String> out = new HashSet<>();
            inspector.fetchAll(CATALOG).forEach(r -> out.add(r.getString("schema") + "\t" + r.getString("name") + "\t"
                    + r.getString("kind")));
            return out;
        }
    }

}
