package io.pgdbm.migration;

import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.SharedPool;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a module's SQL migration files to a database and records them, compatibly with Python pgdbm.
 *
 * <pre>{@code
 * MigrationManager migrations = new MigrationManager(db, "classpath:db/migrations/orders", "orders");
 * MigrationResult result = migrations.applyPending();   // SUCCESS or UP_TO_DATE; throws MigrationException
 *
 * MigrationManager tuned = MigrationManager.builder(db, "src/main/resources/db/migrations/orders")
 *         .moduleName("orders")
 *         .lockWaitTimeout(Duration.ofMinutes(1))
 *         .statementTimeout(Duration.ofMinutes(30))
 *         .build();
 * }</pre>
 *
 * <h2>Files</h2>
 * The location is a directory path or {@code classpath:dir} (a directory on the class path, also inside a jar;
 * the thread's context class loader is asked first). Non-recursive {@code *.sql} files not starting with
 * {@code .} are migrations, read as UTF-8 with universal newlines ({@code \r\n} and a lone {@code \r} become
 * {@code \n}, as the original reads them); a symlink is recorded under the name of the file it resolves to, a file
 * resolving outside the location is refused and a dangling symlink is skipped with a warning. Files are
 * ordered by numeric version, then by name ({@code V10__} after {@code V9__}; {@code 001_} as in the original);
 * files without a number come last, by name. Two files with the same numeric version are an error. A missing
 * location logs a warning and holds no migrations. SQL is rendered with the manager's templates
 * ({@code {{tables.x}}}, {@code {{schema}}}) before it runs.
 *
 * <h2>History</h2>
 * The original's table ({@code schema_migrations} by default) in the manager's schema, which is created when
 * missing; an owning manager without a schema uses the unqualified name (search path). Rows with a NULL module are
 * visible to every module. Reading methods treat a missing table as an empty history (the original raises).
 *
 * <h2>Applying</h2>
 * {@link #applyPending()} reads the history once without locking; when something is pending it takes the module's
 * advisory lock on one connection (the original's key, polled, never blocking), re-reads the history, and applies
 * each file as if it ran alone: a transactional file and its history row commit together in a transaction of
 * their own, before the next file starts (an enum value added by one file is usable in the next; {@code SET LOCAL}
 * ends with its file; each row has its own {@code applied_at}); a {@code -- pgdbm:no-transaction} file runs one
 * statement per round trip in autocommit. Between files the session is reset ({@code RESET ALL}, role, temporary
 * tables), keeping the settings the connection came with. File SQL is sent with the simple query protocol, as psql
 * sends it. The statement timeout for migrations is {@link Builder#statementTimeout}
 * (default none, not the pool's); the pool's {@code lock_timeout} stays in force so DDL never queues for long behind
 * a busy table. The connection that ran migration files is reset afterwards, so session settings a file
 * changed ({@code SET search_path}, {@code SET ROLE}) never leak into application queries.
 *
 * <h2>Safety nets</h2>
 * {@link #baseline(String)} adopts a database built by other means; {@link Builder#target(String)} applies up to a
 * version; a pending file numbered below an applied one is refused unless {@link Builder#outOfOrder(boolean)}.
 * Several modules are composed with {@link ModuleSet}.
 *
 * <p>Thread-safe; several managers (threads, JVMs) may migrate one module at once: each file is applied once.
 */
public final class MigrationManager {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationManager.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,200}");

    private final DatabaseManager db;
    private final MigrationSource source;
    private final String module;
    private final HistoryTable history;
    private final Duration lockWaitTimeout;
    private final Duration statementTimeout;
    private final PendingSelection selection;
    private final MigrationListener listener;

    /**
     * A manager with the default table ({@code schema_migrations}), lock wait (5 minutes) and no statement timeout.
     *
     * @param moduleName the module; {@code null} or empty means the manager's schema, or {@code "default"} for an
     *                   owning manager without one (a borrowing manager without a schema is in {@code public})
     */
    public MigrationManager(DatabaseManager db, String location, String moduleName) {
        this(builder(db, location).moduleName(moduleName));
    }

    private MigrationManager(Builder b) {
        this.db = b.db;
        this.source = MigrationSource.of(b.location);
        this.module = moduleName(b.moduleName, b.db);
        this.history = new HistoryTable(b.db.schema().orElse(null), b.migrationsTable);
        this.lockWaitTimeout = requireNotNegative(b.lockWaitTimeout, "lockWaitTimeout");
        this.statementTimeout = requireNotNegative(b.statementTimeout, "statementTimeout");
        this.selection = new PendingSelection(module, source.location(),
                b.target == null ? null : MigrationVersion.parse(b.target), b.outOfOrder);
        this.listener = b.listener;
    }

    private static Duration requireNotNegative(Duration d, String field) {
        if (d.isNegative()) {
            throw new MigrationException(field + " must not be negative, was " + d, null, null, null, null, null, null);
        }
        return d;
    }

    private static String moduleName(String given, DatabaseManager db) {
        String name = given == null || given.isEmpty() ? db.schema().orElse("default") : given;
        if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            throw new MigrationException("Invalid module name '" + name.replaceAll("\\p{Cntrl}", "?") + "': at most "
                    + "100 characters (the history column is VARCHAR(100)) and no control characters", null, null,
                    null, null, null, null);
        }
        return name;
    }

    /** A builder for the settings beyond the constructor's. */
    public static Builder builder(DatabaseManager db, String location) {
        return new Builder(db, location);
    }

    /**
     * SHA-256 hex of {@code content} with CRLF turned into LF and surrounding whitespace stripped as Python's
     * {@code str.strip()} does (Unicode whitespace such as U+00A0 included) — the original's checksum.
     */
    public static String checksum(String content) {
        return Checksums.of(Objects.requireNonNull(content, "content"));
    }

    /** The location's migration files in apply order, without touching a database. */
    public static List<Migration> discover(String location) {
        return MigrationSource.of(location).discover();
    }

    /**
     * Whether {@code location} (a directory, or {@code classpath:dir}) exists. {@link #discover} finds no files in a
     * missing location, as the original does; callers for whom a missing location is a mistake check this first.
     *
     * <pre>{@code
     * if (!MigrationManager.locationExists("classpath:db/orders")) { throw new IllegalStateException("typo?"); }
     * }</pre>
     */
    public static boolean locationExists(String location) {
        return MigrationSource.of(location).exists();
    }

    public String moduleName() {
        return module;
    }

    /** The history table's name, unqualified. */
    public String migrationsTable() {
        return history.table();
    }

    /** Creates the schema (when missing), the history table and its index; does nothing when the table exists. */
    public void ensureMigrationsTable() {
        withConnection("create the history table " + history.qualifiedName(), c -> {
            history.ensure(c);
            return null;
        });
    }

    /** The applied rows visible to this module (its own and legacy rows without a module), by file name. */
    public List<AppliedMigration> applied() {
        // looking first keeps a fresh schema's first migration from logging a server ERROR for the missing table
        return withConnection("read the history", c -> history.exists(c) ? history.applied(c, module) : List.of());
    }

    /** The newest {@code limit} history rows of this module, newest first. */
    public List<AppliedMigration> history(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return withConnection("read the history", c -> history.history(c, module, limit));
    }

    /**
     * The files not applied yet, in order.
     *
     * @throws ChecksumMismatchException when an applied file was edited
     */
    public List<Migration> pending() {
        List<Migration> files = source.discover();
        return pendingOf(files, applied());
    }

    /**
     * What {@link #applyPending()} would do, changing nothing (not even creating the history table): a result with
     * status {@link MigrationResult.Status#DRY_RUN} whose {@link MigrationResult#pending()} lists the files. The
     * files are checked as before applying them.
     */
    public MigrationResult plan() {
        List<Migration> files = source.discover();
        List<AppliedMigration> applied = applied();
        List<Migration> pending = selection.select(files, pendingOf(files, applied));
        pending.forEach(this::check);
        return new MigrationResult(MigrationResult.Status.DRY_RUN, module, schema(), List.of(), filenames(applied),
                pending.stream().map(Migration::filename).toList(), applied.size() + pending.size(), Duration.ZERO);
    }

    /**
     * Checks the location against the history without changing anything: no applied file was edited, and every
     * pending file can be applied (not empty, templates valid, no statement that cannot run in a transaction
     * outside a {@code -- pgdbm:no-transaction} file).
     *
     * @throws ChecksumMismatchException naming module, file, stored and current checksum
     * @throws MigrationException        for any other problem
     */
    public void validate() {
        List<Migration> files = source.discover();
        selection.select(files, pendingOf(files, applied())).forEach(this::check);
    }

    /**
     * Adopts an existing database: records the files up to and including {@code version} as applied without running
     * them (their checksums as they are now, {@code execution_time_ms} 0), so that {@link #applyPending()} starts
     * with the file after it. Use it once, when a database whose schema was built by other means (psql, Flyway, by
     * hand) comes under pgdbm; the files recorded must describe what the database already holds.
     *
     * <pre>{@code
     * // the production database already has what 001..004 create
     * MigrationResult adopted = migrations.baseline("4");   // status BASELINED, applied() lists 001..004
     * migrations.applyPending();                            // runs 005 onwards
     * }</pre>
     *
     * @param version the version of an existing file, e.g. {@code "4"} for {@code 004_x.sql} or {@code V4__x.sql}
     * @return status {@link MigrationResult.Status#BASELINED}; {@link MigrationResult#applied()} lists the files
     *         recorded, each with a zero execution time
     * @throws MigrationException when the history of this module already has rows (the database is not new to
     *                            pgdbm: nothing is recorded), or no file has that version
     */
    public MigrationResult baseline(String version) {
        MigrationVersion upTo = MigrationVersion.parse(Objects.requireNonNull(version, "version"));
        List<Migration> files = source.discover();
        PendingSelection.requireFile(files, upTo, "baseline", module, source.location());
        List<Migration> recorded = files.stream()
                .filter(m -> m.orderVersion().isNumeric() && m.orderVersion().compareTo(upTo) <= 0).toList();
        return withConnection("baseline the history", c -> {
            AdvisoryLock.acquire(c, module, lockWaitTimeout, holder -> listener.waitingForLock(module, holder));
            try {
                List<AppliedMigration> applied = history.ensure(c) ? List.of() : history.applied(c, module);
                if (!applied.isEmpty()) {
                    throw new MigrationException("[" + module + "] Cannot baseline at version " + upTo + ": the "
                            + "history " + history.qualifiedName() + " already has " + applied.size() + " row(s) for "
                            + "this module (first: " + applied.get(0).filename() + "). A baseline adopts a database "
                            + "that pgdbm has never migrated; here run applyPending() instead", module, null, null,
                            null, null, null);
                }
                c.setAutoCommit(false); // every row or none
                try {
                    history.insertAll(c, recorded, module, recorded.stream().map(m -> 0L).toList());
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } finally {
                if (!AdvisoryLock.release(c, module)) {
                    evict(c);
                }
            }
            LOG.info("[{}] baselined {} migration(s) up to version {}", module, recorded.size(), upTo);
            return new MigrationResult(MigrationResult.Status.BASELINED, module, schema(),
                    recorded.stream().map(m -> new MigrationResult.AppliedFile(m.filename(), Duration.ZERO)).toList(),
                    List.of(), List.of(), recorded.size(), Duration.ZERO);
        });
    }

    /**
     * Applies the pending files in order and records them: all of them, or those up to and including the
     * {@link Builder#target target} version when one is set. A pending file whose version is below the highest
     * applied file of the location is refused, naming both files, unless {@link Builder#outOfOrder out-of-order}
     * runs are allowed.
     *
     * @return {@link MigrationResult.Status#SUCCESS} with the applied files, or {@link MigrationResult.Status#UP_TO_DATE}
     * @throws ChecksumMismatchException when an applied file was edited (nothing is applied)
     * @throws MigrationException        when a file fails (with {@link MigrationException#partialResult()}), a file
     *                                   would run out of order or the target names no file (nothing is applied), the
     *                                   lock is not free within the lock wait timeout, or the database fails
     */
    public MigrationResult applyPending() {
        return applyPending(source.discover());
    }

    /**
     * {@link #applyPending()} for files already read with {@link #discover(String)} from this manager's location: a
     * caller migrating many schemas from the same files reads them once.
     *
     * <pre>{@code
     * List<Migration> files = MigrationManager.discover("classpath:db/migrations/orders");
     * for (String tenant : tenants) {
     *     new MigrationManager(new DatabaseManager(pool, tenant), "classpath:db/migrations/orders", "orders")
     *             .applyPending(files);
     * }
     * }</pre>
     */
    public MigrationResult applyPending(List<Migration> files) {
        Objects.requireNonNull(files, "files");
        List<AppliedMigration> applied = applied();
        List<Migration> pending = selection.select(files, pendingOf(files, applied));
        if (pending.isEmpty()) {
            return upToDate(applied);
        }
        Map<String, FileApplier.Checked> checked = new HashMap<>();
        pending.forEach(m -> checked.put(m.filename(), check(m)));
        return withConnection("apply migrations", c -> applyLocked(c, files, checked));
    }

    private MigrationResult applyLocked(Connection c, List<Migration> files, Map<String, FileApplier.Checked> checked)
            throws SQLException {
        AdvisoryLock.acquire(c, module, lockWaitTimeout, holder -> listener.waitingForLock(module, holder));
        MigrationSession session = null;
        try {
            List<AppliedMigration> applied = history.ensure(c) ? List.of() : history.applied(c, module);
            List<Migration> pending = selection.select(files, pendingOf(files, applied));
            if (pending.isEmpty()) {
                return upToDate(applied); // another runner applied them while we waited
            }
            session = new MigrationSession(module, statementTimeout);
            FileApplier applier = new FileApplier(history.schemaQualified(c), module, session);
            return applyAll(c, applier, pending, checked, filenames(applied));
        } finally {
            // the session reset after files ran releases the lock too (pg_advisory_unlock_all)
            boolean released = session != null ? session.end(c) : AdvisoryLock.release(c, module);
            if (!released) {
                evict(c); // ends the session: its settings (statement_timeout too) and any lock go with it
            }
        }
    }

    /** Each file in its own transaction (or none), committed before the next starts; stops at the first failure. */
    private MigrationResult applyAll(Connection c, FileApplier applier, List<Migration> pending,
                                     Map<String, FileApplier.Checked> checked, List<String> skipped) {
        List<MigrationResult.AppliedFile> done = new ArrayList<>();
        int count = skipped.size() + pending.size();
        for (Migration m : pending) {
            try {
                long ms = applier.apply(c, checked.get(m.filename()), m == pending.get(pending.size() - 1));
                done.add(applied(m, ms));
            } catch (FileApplier.Failure f) {
                List<String> notApplied = pending.subList(done.size(), pending.size()).stream().map(Migration::filename).toList();
                MigrationResult partial = new MigrationResult(MigrationResult.Status.FAILED, module, schema(), done,
                        skipped, notApplied, count, totalOf(done));
                throw new MigrationException(f.getMessage(), module, m.filename(), null, f.statementNumber, partial,
                        f.getCause());
            }
        }
        Duration total = totalOf(done);
        LOG.info("[{}] applied {} migration(s) in {} ms", module, done.size(), total.toMillis());
        return new MigrationResult(MigrationResult.Status.SUCCESS, module, schema(), done, skipped, List.of(), count,
                total);
    }

    private MigrationResult.AppliedFile applied(Migration m, long ms) {
        MigrationResult.AppliedFile file = new MigrationResult.AppliedFile(m.filename(), Duration.ofMillis(ms));
        LOG.info("[{}] applied {} in {} ms", module, m.filename(), ms);
        listener.fileApplied(module, file);
        return file;
    }

    private static Duration totalOf(List<MigrationResult.AppliedFile> done) {
        return done.stream().map(MigrationResult.AppliedFile::executionTime).reduce(Duration.ZERO, Duration::plus);
    }

    private FileApplier.Checked check(Migration m) {
        String rendered;
        try {
            rendered = db.prepareQuery(m.content());
        } catch (PgdbmException e) {
            throw new MigrationException("[" + module + "] Migration '" + m.filename() + "' has an invalid template: "
                    + e.getMessage(), module, m.filename(), null, null, null, e);
        }
        return FileApplier.check(m, rendered, module);
    }

    private List<Migration> pendingOf(List<Migration> files, List<AppliedMigration> applied) {
        Map<String, String> stored = new HashMap<>();
        for (AppliedMigration a : applied) {
            stored.put(a.filename(), a.checksum()); // rows come by file name, then id: the later row counts
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration m : files) {
            String checksum = stored.get(m.filename());
            if (checksum == null) {
                pending.add(m);
            } else if (!checksum.equals(m.checksum())) {
                throw new ChecksumMismatchException(module, m.filename(), checksum, m.checksum());
            }
        }
        return pending;
    }

    private MigrationResult upToDate(List<AppliedMigration> applied) {
        return new MigrationResult(MigrationResult.Status.UP_TO_DATE, module, schema(), List.of(), filenames(applied),
                List.of(), applied.size(), Duration.ZERO);
    }

    private static List<String> filenames(List<AppliedMigration> applied) {
        return applied.stream().map(AppliedMigration::filename).toList();
    }

    private String schema() {
        return db.schema().orElse(null);
    }

    /** Closes the physical connection instead of returning it; the session's settings and locks end with it. */
    private void evict(Connection c) {
        db.evict(c);
    }

    /**
     * Writes a new migration file {@code <next number>_<name>.sql} into a filesystem location (created when
     * missing). The file always sorts after every numbered file there: its number is one more than the first group
     * of the highest {@link MigrationVersion} ({@code 007_x} → {@code 008_}, {@code V1_5__x} → {@code V2__},
     * {@code 20240101_120000_x} → {@code 20240102_}), zero-padded to that file's width, in that file's style
     * ({@code V<n>__} or {@code <n>_}); {@code 001_name.sql} in an empty location.
     * The content is written as given: files already run in a transaction, so no {@code BEGIN}/{@code COMMIT} is
     * added (the original adds them).
     *
     * @param name lower-case letters, digits and {@code _}
     * @throws MigrationException for a classpath location, a bad name, empty content, or an existing file
     */
    public Path createMigration(String name, String content) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        if (!NAME.matcher(name).matches()) {
            throw new MigrationException("[" + module + "] Invalid migration name '" + name + "': use lower-case "
                    + "letters, digits and '_' (e.g. add_orders_index)", module, null, null, null, null, null);
        }
        if (Checksums.pythonStrip(content).isEmpty()) {
            throw new MigrationException("[" + module + "] Migration '" + name + "' has no content; an empty file "
                    + "cannot be applied", module, null, null, null, null, null);
        }
        Path dir = source.writableDirectory();
        String filename = nextFilename(source.discover(), name);
        Path file = dir.resolve(filename);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new MigrationException("[" + module + "] Migration file " + file + " already exists; it is never "
                    + "overwritten", module, filename, null, null, null, e);
        } catch (IOException e) {
            throw new MigrationException("[" + module + "] Cannot write migration file " + file + ": " + e.getMessage(),
                    module, filename, null, null, null, e);
        }
        LOG.info("[{}] created migration {}", module, file);
        return file;
    }

    /** The next file name: its version one above the highest file's first group, written in that file's style. */
    static String nextFilename(List<Migration> files, String name) {
        Migration highest = files.stream().filter(m -> m.orderVersion().isNumeric())
                .max(Comparator.comparing(Migration::orderVersion)).orElse(null);
        if (highest == null) {
            return "001_" + name + ".sql";
        }
        boolean flywayStyle = highest.filename().startsWith("V");
        int width = highest.filename().substring(flywayStyle ? 1 : 0).split("\\D", 2)[0].length();
        String next = highest.orderVersion().nextMajor().parts().get(0).toString();
        String number = "0".repeat(Math.max(0, width - next.length())) + next;
        return flywayStyle ? "V" + number + "__" + name + ".sql" : number + "_" + name + ".sql";
    }

    /**
     * Migrates one module into many schemas of a shared pool in parallel — the multi-tenant case. Each schema gets
     * its own history table and lock; a failing schema does not stop the others. At most {@code parallelism} schemas
     * (and never more than the pool's {@code maxConnections}) migrate at once, each on one connection.
     *
     * <pre>{@code
     * SchemaMigrationSummary summary = MigrationManager.migrateSchemas(pool, "classpath:db/tenant", "tenant",
     *         List.of("tenant_a", "tenant_b"), 4);
     * summary.failed().forEach((schema, error) -> log.error("{} failed: {}", schema, error.getMessage()));
     * }</pre>
     *
     * @param moduleName the module; {@code null} means each schema's name
     * @throws io.pgdbm.SchemaException when a schema name is invalid (before anything runs)
     */
    public static SchemaMigrationSummary migrateSchemas(SharedPool pool, String location, String moduleName,
                                                        Collection<String> schemas, int parallelism) {
        return SchemaMigrations.run(pool, location, moduleName, schemas, parallelism);
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(String what, ConnectionWork<T> work) {
        try (Connection c = db.acquire()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new MigrationException("[" + module + "] Could not " + what + " in " + history.qualifiedName(),
                    module, null, null, null, null, e);
        }
    }

    @Override
    public String toString() {
        return "MigrationManager[" + module + ", " + source.location() + ", " + history.qualifiedName() + ']';
    }

    /**
     * Settings beyond the constructor's, validated at {@link #build()}.
     *
     * <pre>{@code
     * MigrationManager m = MigrationManager.builder(db, "classpath:db/migrations/orders")
     *         .moduleName("orders").migrationsTable("orders_migrations").build();
     * }</pre>
     */
    public static final class Builder {
        private final DatabaseManager db;
        private final String location;
        private String moduleName;
        private String migrationsTable = "schema_migrations";
        private Duration lockWaitTimeout = Duration.ofMinutes(5);
        private Duration statementTimeout = Duration.ZERO;
        private String target;
        private boolean outOfOrder;
        private MigrationListener listener = new MigrationListener() { };

        private Builder(DatabaseManager db, String location) {
            this.db = Objects.requireNonNull(db, "db");
            this.location = Objects.requireNonNull(location, "location");
        }

        /** The module name; {@code null} or empty means the manager's schema or {@code "default"}. */
        public Builder moduleName(String moduleName) {
            this.moduleName = moduleName;
            return this;
        }

        /** The history table's name (an identifier: letters, digits, {@code _}); default {@code schema_migrations}. */
        public Builder migrationsTable(String migrationsTable) {
            this.migrationsTable = Objects.requireNonNull(migrationsTable, "migrationsTable");
            return this;
        }

        /** How long to wait for another runner's lock on the module; default 5 minutes. */
        public Builder lockWaitTimeout(Duration lockWaitTimeout) {
            this.lockWaitTimeout = Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
            return this;
        }

        /** {@code statement_timeout} while files run; default {@link Duration#ZERO}, meaning none. */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = Objects.requireNonNull(statementTimeout, "statementTimeout");
            return this;
        }

        /** Hears each applied file and lock wait as they happen (progress output); default: none. */
        public Builder listener(MigrationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Apply files only up to and including this version (and {@link #plan()} shows only those); {@code null}, the
         * default, applies all. A file of that version must exist. Files without a number are never applied while a
         * target is set.
         *
         * <pre>{@code
         * MigrationManager.builder(db, "classpath:db/migrations/orders").moduleName("orders").target("7").build()
         *         .applyPending();   // 001..007, not 008
         * }</pre>
         *
         * @param version e.g. {@code "7"} for {@code 007_x.sql}/{@code V7__x.sql}, {@code "20240101_120000"} for a
         *                timestamped file; checked at {@link #build()}
         */
        public Builder target(String version) {
            this.target = version;
            return this;
        }

        /**
         * Whether a pending file whose version is below the highest applied file may still be applied (default
         * {@code false}: {@link #applyPending()} refuses it and names both files). Allow it when branches merged
         * migrations written in parallel and each file is independent of the ones after it.
         */
        public Builder outOfOrder(boolean outOfOrder) {
            this.outOfOrder = outOfOrder;
            return this;
        }

        /**
         * @throws io.pgdbm.SchemaException for an invalid migrations table name
         * @throws MigrationException       for a negative duration, an invalid module name or target version
         */
        public MigrationManager build() {
            return new MigrationManager(this);
        }
    }
}
