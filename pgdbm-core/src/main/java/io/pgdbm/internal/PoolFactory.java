package io.pgdbm.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.pgdbm.ConfigurationException;
import io.pgdbm.ConnectionException;
import io.pgdbm.DatabaseConfig;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens HikariCP pools from a {@link DatabaseConfig}, retrying with backoff. */
public final class PoolFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PoolFactory.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Open pools per server and database, for the advice to share one pool. */
    private static final Map<String, AtomicInteger> OPEN = new ConcurrentHashMap<>();
    /** Servers and databases the advice was given for: once per JVM is enough to act on it. */
    private static final Set<String> ADVISED = ConcurrentHashMap.newKeySet();

    private PoolFactory() {
    }

    /** Opens a pool with at least one working connection, or throws {@link ConnectionException} after the retries. */
    public static HikariDataSource open(DatabaseConfig config, String label) {
        return open(config, label, null);
    }

    /**
     * Opens a pool whose physical connections come from {@code connections} instead of the driver (the config still
     * supplies the pool's sizes, timeouts and init commands); {@code null} means the driver.
     */
    public static HikariDataSource open(DatabaseConfig config, String label, javax.sql.DataSource connections) {
        HikariConfig hikari = hikariConfig(config, "pgdbm-" + label + "-" + SEQUENCE.incrementAndGet());
        if (connections != null) {
            hikari.setJdbcUrl(null);
            hikari.getDataSourceProperties().clear();
            hikari.setDataSource(connections);
        }
        Duration delay = config.retryDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                HikariDataSource ds = new HikariDataSource(hikari);
                if (connections == null) {
                    warnOnSecondPool(config, ds.getPoolName());
                } else {
                    // pools over a caller's connections open none of their own: counted (close() decrements) but no advice
                    OPEN.computeIfAbsent(key(config), k -> new AtomicInteger()).incrementAndGet();
                }
                return ds;
            } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                boolean retryable = isRetryable(cause);
                if (!retryable || attempt >= config.retryAttempts()) {
                    throw new ConnectionException("Failed to connect to " + config.maskedUrl() + " after " + attempt
                            + " attempt(s): " + describe(cause), config.host(), config.port(), config.database(), attempt, cause);
                }
                LOG.warn("[{}] connection attempt {}/{} to {} failed ({}); retrying in {} ms", hikari.getPoolName(), attempt,
                        config.retryAttempts(), config.maskedUrl(), describe(cause), delay.toMillis());
                sleep(delay);
                delay = Duration.ofMillis(Math.min((long) (delay.toMillis() * config.retryBackoff()), config.retryMaxDelay().toMillis()));
            }
        }
    }

    /** Called when a pool closes, so the advice counts only pools that are open. */
    /** How many pools to the config's server and database are open in this JVM. */
    public static int openPools(DatabaseConfig config) {
        AtomicInteger n = OPEN.get(key(config));
        return n == null ? 0 : n.get();
    }

    public static void closed(DatabaseConfig config) {
        AtomicInteger n = OPEN.get(key(config));
        if (n != null) {
            n.decrementAndGet();
        }
    }

    private static void warnOnSecondPool(DatabaseConfig config, String poolName) {
        int open = OPEN.computeIfAbsent(key(config), k -> new AtomicInteger()).incrementAndGet();
        if (open > 1 && ADVISED.add(key(config))) {
            LOG.warn("[{}] {} pools are now open to {}:{}/{} in this JVM. Each pool holds its own connections; "
                    + "consider one SharedPool with a DatabaseManager per schema (new DatabaseManager(pool, \"schema\")).",
                    poolName, open, config.host(), config.port(), config.database());
        }
    }

    private static String key(DatabaseConfig config) {
        return config.host() + ':' + config.port() + '/' + config.database();
    }

    private static boolean isRetryable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // wrong password, unknown role or database, or bad configuration will not fix themselves
                if (state.startsWith("28") || state.equals("3D000") || state.equals("42704")) {
                    return false;
                }
            }
            if (t instanceof ConfigurationException || t instanceof javax.net.ssl.SSLException
                    || t instanceof java.security.GeneralSecurityException) {
                return false; // a certificate that fails verification will fail the same way again
            }
        }
        return true;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message;
    }

    private static void sleep(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while waiting to retry the connection", null, 0, null, 0, e);
        }
    }

    static HikariConfig hikariConfig(DatabaseConfig config, String poolName) {
        HikariConfig h = new HikariConfig();
        h.setPoolName(poolName);
        h.setJdbcUrl("jdbc:postgresql://" + ConnectionUrl.hostForUrl(config.host()) + ':' + config.port() + '/'
                + ConnectionUrl.encode(config.database()));
        h.setUsername(config.user());
        config.password().ifPresent(h::setPassword);
        h.setMinimumIdle(config.minConnections());
        h.setMaximumPoolSize(config.maxConnections());
        h.setIdleTimeout(config.idleTimeout().toMillis());
        h.setMaxLifetime(config.maxLifetime().toMillis());
        h.setConnectionTimeout(config.connectionTimeout().toMillis());
        h.setInitializationFailTimeout(1);
        if (!config.initCommands().isEmpty()) {
            h.setConnectionInitSql(String.join(";\n", config.initCommands()));
        }
        h.addDataSourceProperty("ApplicationName", config.applicationName());
        // the driver sends application_name in the start-up packet only when told the server understands it (9.0+);
        // otherwise it issues SET application_name, which RESET ALL (a migration run's session reset) wipes
        h.addDataSourceProperty("assumeMinServerVersion", "9.0");
        h.addDataSourceProperty("options", startupOptions(config.effectiveServerSettings()));
        h.addDataSourceProperty("stringtype", "unspecified");
        h.addDataSourceProperty("reWriteBatchedInserts", "true");
        h.addDataSourceProperty("tcpKeepAlive", "true");
        h.addDataSourceProperty("sslmode", config.sslMode().driverValue());
        config.sslCaFile().ifPresent(p -> h.addDataSourceProperty("sslrootcert", p.toString()));
        config.sslCertFile().ifPresent(p -> h.addDataSourceProperty("sslcert", p.toString()));
        config.sslKeyFile().ifPresent(p -> h.addDataSourceProperty("sslkey", SslFiles.driverKeyFile(p).toString()));
        config.driverProperties().forEach(h::addDataSourceProperty);
        config.sslKeyPassword().ifPresent(secret -> {
            java.util.Properties props = new java.util.Properties();
            props.putAll(h.getDataSourceProperties());
            props.setProperty("sslpassword", secret);
            h.setDataSource(new SecretDriverDataSource(h.getJdbcUrl(), props));
            h.setJdbcUrl(null);
            h.getDataSourceProperties().clear();
        });
        return h;
    }

    /** {@code -c name=value} pairs for the start-up packet; spaces and backslashes escaped as PostgreSQL expects. */
    static String startupOptions(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> "-c " + e.getKey() + '=' + e.getValue().replace("\\", "\\\\").replace(" ", "\\ "))
                .collect(Collectors.joining(" "));
    }
}
