package io.pgdbm;

import io.pgdbm.internal.CopyEncoder;
import io.pgdbm.internal.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API over a pool, either owned or borrowed.
 *
 * <pre>{@code
 * // Standalone: the manager owns its pool (and creates its schema).
 * try (DatabaseManager db = new DatabaseManager(DatabaseConfig.fromUrl(url).toBuilder().schema("orders").build())) {
 *     db.connect();
 *     db.execute("CREATE TABLE IF NOT EXISTS {{tables.orders}} (id serial PRIMARY KEY, total numeric)");
 *     Object id = db.executeAndReturnId("INSERT INTO {{tables.orders}} (total) VALUES ($1)", new BigDecimal("9.90"));
 *     List<Row> rows = db.fetchAll("SELECT * FROM {{tables.orders}} WHERE total > $1", BigDecimal.ONE);
 * }
 *
 * // Embedded: the manager borrows a shared pool and lives in its own schema.
 * DatabaseManager orders = new DatabaseManager(sharedPool, "orders");
 * }</pre>
 *
 * <p>Ownership: an owned pool is opened by {@link #connect()} (retrying with backoff) and closed by
 * {@link #close()}; when the config names a schema, the schema is created and every connection's
 * {@code search_path} is set to it. A borrowed pool is never opened, altered or closed by the manager; its schema
 * defaults to {@code public} and must exist (migrations create it). Thread-safe: one manager serves many threads.
 */
public final class DatabaseManager extends Queries implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseManager.class);

    private final DatabaseConfig config;
    private final boolean owned;
    private final String schema;
    private final QueryEngine engine;
    private volatile SharedPool pool;

    /** A manager that will own its pool; call {@link #connect()} before querying. */
    public DatabaseManager(DatabaseConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.owned = true;
        this.schema = config.schema().orElse(null);
        this.engine = new QueryEngine(schema != null ? schema : config.database(), schema, config);
    }

    /** A manager borrowing {@code pool}, with tables in {@code schema} (validated; {@code null} means {@code public}). */
    public DatabaseManager(SharedPool pool, String schema) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.config = pool.config();
        this.owned = false;
        this.schema = Identifiers.require(schema == null || schema.isEmpty() ? "public" : schema, "schema");
        this.engine = new QueryEngine(this.schema, this.schema, config);
    }

    /** A manager borrowing {@code pool} with tables in {@code public}. */
    public DatabaseManager(SharedPool pool) {
        this(pool, "public");
    }

    /** Creates a pool meant to be shared; the same as {@link SharedPool#create(DatabaseConfig)}. */
    public static SharedPool createSharedPool(DatabaseConfig config) {
        return SharedPool.create(config);
    }

    /**
     * Opens the owned pool (idempotent), retrying as configured, and creates the config's schema if missing.
     *
     * @throws PoolException       when this manager borrows its pool
     * @throws ConnectionException when the server stays unreachable
     */
    public synchronized void connect() {
        if (!owned) {
            throw new PoolException("[" + name() + "] connect() is not allowed on a manager that borrows a SharedPool: "
                    + "the pool's owner opens and closes it");
        }
        if (pool != null && !pool.isClosed()) {
            LOG.debug("[{}] connect() called on a connected manager; nothing to do", name());
            return;
        }
        SharedPool opened = SharedPool.open(config, name());
        if (schema != null) {
            createSchema(opened);
        }
        pool = opened;
        LOG.info("[{}] connected to {} (pool {}, {}..{} connections)", name(), config.maskedUrl(), opened.name(),
                config.minConnections(), config.maxConnections());
    }

    private void createSchema(SharedPool opened) {
        String sql = "CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema, "schema");
        for (int attempt = 1; ; attempt++) {
            try (Connection c = opened.connection(name()); var st = c.createStatement()) {
                st.execute(sql);
                return;
            } catch (SQLException e) {
                // concurrent CREATE SCHEMA IF NOT EXISTS can collide on the catalog's unique index; the schema then exists
                if (attempt < 3 && ("23505".equals(e.getSQLState()) || "42P06".equals(e.getSQLState()))) {
                    continue;
                }
                opened.close();
                throw engine.failure("connect", sql, null, e);
            }
        }
    }

    /** Closes an owned pool (idempotent); a borrowing manager leaves the shared pool open. */
    @Override
    public synchronized void close() {
        if (owned && pool != null) {
            pool.close();
            pool = null;
            LOG.debug("[{}] disconnected", name());
        }
    }

    /** The same as {@link #close()}. */
    public void disconnect() {
        close();
    }

    public boolean ownsPool() {
        return owned;
    }

    /** The schema templates qualify tables with; empty for an owning manager without a schema. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** The schema's or database's name, used to prefix log lines and messages. */
    public String name() {
        return engine.name();
    }

    /** The owned pool's config, or the borrowed pool's config. */
    public DatabaseConfig config() {
        return config;
    }

    public boolean isConnected() {
        SharedPool p = pool;
        return p != null && !p.isClosed();
    }

    /** The pool this manager uses, as a {@link DataSource}. */
    public DataSource dataSource() {
        return requirePool().dataSource();
    }

    /** Renders {@code {{tables.x}}} and {@code {{schema}}} for this manager's schema. */
    public String prepareQuery(String sql) {
        return engine.prepare(Objects.requireNonNull(sql, "sql")).rendered();
    }

    /** A raw pooled connection (no templating); the caller must close it to return it to the pool. */
    public Connection acquire() {
        return requirePool().connection(name());
    }

    /**
     * Closes the physical connection behind {@code connection} (from {@link #acquire()}) instead of returning it to
     * the pool, for a session that must not be reused (changed settings, a lock that could not be released).
     * See {@link SharedPool#evict(Connection)}.
     */
    public void evict(Connection connection) {
        requirePool().evict(connection);
    }

    public PoolStats poolStats() {
        return requirePool().stats();
    }

    public void addQueryListener(QueryListener listener) {
        engine.addListener(Objects.requireNonNull(listener, "listener"));
    }

    public void removeQueryListener(QueryListener listener) {
        engine.removeListener(listener);
    }

    /**
     * Whether a table or view exists: in this manager's schema ({@code public} when it has none), or in the schema
     * given as {@code schema.table}. Names are matched exactly (case-sensitive).
     */
    public boolean tableExists(String name) {
        Objects.requireNonNull(name, "name");
        int dot = name.indexOf('.');
        String tableSchema = dot < 0 ? (schema != null ? schema : "public") : name.substring(0, dot);
        String table = dot < 0 ? name : name.substring(dot + 1);
        return Boolean.TRUE.equals(fetchValue(Boolean.class,
                "SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2)",
                tableSchema, table));
    }

    /**
     * Bulk-loads rows with PostgreSQL's COPY, streaming: rows are encoded and sent in chunks, never held all at once.
     * The table name is unqualified (the manager's schema is applied); each row is an {@code Object[]} or a
     * {@code List} with one value per column. Returns the number of rows copied.
     *
     * <pre>{@code
     * long n = db.copyRecords("events", List.of("id", "payload", "at"), rows);
     * }</pre>
     */
    public long copyRecords(String table, List<String> columns, Iterable<?> rows) {
        Objects.requireNonNull(rows, "rows");
        if (table.contains(".")) {
            throw new SchemaException("copyRecords expects an unqualified table name, got '" + table
                    + "'; the manager's schema is applied (use a manager for the other schema)", table);
        }
        Identifiers.require(table, "table");
        columns.forEach(c -> Identifiers.require(c, "column"));
        String target = schema == null ? table : Identifiers.quote(schema, "schema") + '.' + table;
        String sql = "COPY " + target + " (" + String.join(", ", columns) + ") FROM STDIN";
        return run("copyRecords", sql, null, 0, (connection, unused, call) -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                CopyEncoder encoder = new CopyEncoder(columns.size());
                for (Object row : rows) {
                    encoder.appendRow(row);
                    if (encoder.length() >= 1 << 16) {
                        copy.writeToCopy(encoder.buffer(), 0, encoder.length());
                        encoder.clear();
                    }
                }
                copy.writeToCopy(encoder.buffer(), 0, encoder.length());
                return copy.endCopy();
            } catch (SQLException | RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                if (e instanceof IllegalArgumentException iae) {
                    throw new SQLException("copyRecords into " + target + ": " + iae.getMessage(), "22023", iae);
                }
                throw e;
            }
        });
    }

    /**
     * Runs {@code body} in a transaction on one connection: committed when it returns, rolled back when it throws.
     * The body's exception is rethrown unchanged, so a checked exception type it declares is this method's too
     * (as Jdbi's {@code inTransaction}). The {@link Transaction} is only valid inside the body.
     *
     * <pre>{@code
     * long id = db.transaction(tx -> (Long) tx.executeAndReturnId("INSERT INTO {{tables.orders}} (total) VALUES ($1)", total));
     * Invoice invoice = db.transaction(tx -> billing.invoice(tx, id)); // invoice(...) throws BillingException: so does this
     * }</pre>
     */
    public <R, X extends Exception> R transaction(TransactionCallback<R, X> body) throws X {
        Objects.requireNonNull(body, "body");
        Connection connection = borrow();
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            release(connection);
            throw engine.failure("transaction", "BEGIN", null, e);
        }
        Transaction tx = new Transaction(this, connection);
        try {
            R result;
            try {
                result = body.apply(tx);
            } catch (Throwable t) {
                tx.end();
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    t.addSuppressed(e);
                }
                throw t;
            }
            tx.end();
            try {
                connection.commit();
            } catch (SQLException e) {
                throw engine.failure("transaction", "COMMIT", null, e);
            }
            return result;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debug("[{}] could not reset autocommit: {}", name(), e.toString());
            }
            release(connection);
        }
    }

    /** {@link #transaction(TransactionCallback)} for a body without a result. */
    public <X extends Exception> void useTransaction(TransactionConsumer<X> body) throws X {
        Objects.requireNonNull(body, "body");
        transaction(tx -> {
            body.accept(tx);
            return null;
        });
    }

    @Override
    QueryEngine engine() {
        return engine;
    }

    @Override
    Connection borrow() {
        return requirePool().connection(name());
    }

    @Override
    void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("[{}] could not return a connection to the pool: {}", name(), e.toString());
        }
    }

    @Override
    boolean inTransaction() {
        return false;
    }

    private SharedPool requirePool() {
        SharedPool p = pool;
        if (p == null) {
            throw new PoolException("[" + name() + "] the manager is not connected: call connect() first"
                    + (owned ? "" : " (or pass a SharedPool that is open)"));
        }
        if (p.isClosed()) {
            throw new PoolException("[" + name() + "] the pool " + p.name() + " is closed"
                    + (owned ? "; call connect() again to reopen it" : "; its owner closed it"));
        }
        return p;
    }

    @Override
    public String toString() {
        return "DatabaseManager[" + name() + ", " + (owned ? "owns its pool" : "borrows " + pool) + ']';
    }
}
