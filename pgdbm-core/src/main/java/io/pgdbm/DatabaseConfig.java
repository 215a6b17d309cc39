package io.pgdbm;

import io.pgdbm.internal.ConnectionUrl;
import io.pgdbm.internal.Identifiers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Immutable connection and pool settings of a {@link DatabaseManager} or {@link SharedPool}.
 *
 * <pre>{@code
 * DatabaseConfig config = DatabaseConfig.fromUrl("postgresql://app@db.internal:5432/shop?sslmode=verify-full")
 *         .toBuilder()
 *         .schema("orders")
 *         .minConnections(5).maxConnections(20)
 *         .statementTimeout(Duration.ofSeconds(30))
 *         .build();
 * }</pre>
 *
 * <p>Defaults follow Python pgdbm: localhost:5432, database and user {@code postgres}, 10–20 connections,
 * idle connections closed after 300 s, statement and idle-in-transaction timeouts 60 s, lock timeout 5 s,
 * {@code jit=off}, application name {@code <schema>_pool} (or {@code app_pool}), three connection attempts with
 * 1 s → 2 s backoff capped at 30 s. When no password is given, the environment variable {@code DB_PASSWORD} is
 * used if set. {@link Builder#build()} validates every field and throws {@link ConfigurationException} naming it.
 *
 * <p>Thread-safety: instances are immutable and safe to share; builders are not thread-safe.
 */
public final class DatabaseConfig {
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final String schema;
    private final int minConnections;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Duration connectionTimeout;
    private final Duration commandTimeout;
    private final Duration statementTimeout;
    private final Duration lockTimeout;
    private final Duration idleInTransactionSessionTimeout;
    private final Duration leakDetectionThreshold;
    private final Map<String, String> serverSettings;
    private final List<String> initCommands;
    private final String applicationName;
    private final SslMode sslMode;
    private final Path sslCaFile;
    private final Path sslCertFile;
    private final Path sslKeyFile;
    private final String sslKeyPassword;
    private final int retryAttempts;
    private final Duration retryDelay;
    private final double retryBackoff;
    private final Duration retryMaxDelay;
    private final Map<String, String> driverProperties;

    private DatabaseConfig(Builder b) {
        host = b.host;
        port = b.port;
        database = b.database;
        user = b.user;
        password = b.password != null && !b.password.isEmpty() ? b.password : emptyToNull(b.environment.apply("DB_PASSWORD"));
        schema = b.schema == null || b.schema.isEmpty() ? null : b.schema;
        minConnections = b.minConnections;
        maxConnections = b.maxConnections;
        idleTimeout = b.idleTimeout;
        maxLifetime = b.maxLifetime;
        connectionTimeout = b.connectionTimeout;
        commandTimeout = b.commandTimeout;
        statementTimeout = b.statementTimeout;
        lockTimeout = b.lockTimeout;
        idleInTransactionSessionTimeout = b.idleInTransactionSessionTimeout;
        leakDetectionThreshold = b.leakDetectionThreshold;
        serverSettings = Collections.unmodifiableMap(new LinkedHashMap<>(b.serverSettings));
        initCommands = List.copyOf(b.initCommands);
        applicationName = b.applicationName != null ? b.applicationName : (schema != null ? schema : "app") + "_pool";
        sslMode = b.sslMode;
        sslCaFile = b.sslCaFile;
        sslCertFile = b.sslCertFile;
        sslKeyFile = b.sslKeyFile;
        sslKeyPassword = b.sslKeyPassword;
        retryAttempts = b.retryAttempts;
        retryDelay = b.retryDelay;
        retryBackoff = b.retryBackoff;
        retryMaxDelay = b.retryMaxDelay;
        driverProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.driverProperties));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses {@code postgresql://user:password@host:port/database?sslmode=require}, the same with
     * {@code postgres://}, or {@code jdbc:postgresql://host:port/database?user=...&password=...}. Percent-encoded
     * user and password are decoded. Known query parameters ({@code sslmode}, {@code sslrootcert},
     * {@code sslcert}, {@code sslkey}, {@code sslpassword}, {@code application_name}/{@code ApplicationName},
     * {@code user}, {@code password}, {@code schema}/{@code currentSchema}) map to fields; others are passed to
     * the JDBC driver as connection properties.
     */
    public static DatabaseConfig fromUrl(String url) {
        return builder().connectionString(url).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.database = database;
        b.user = user;
        b.password = password;
        b.schema = schema;
        b.minConnections = minConnections;
        b.maxConnections = maxConnections;
        b.idleTimeout = idleTimeout;
        b.maxLifetime = maxLifetime;
        b.connectionTimeout = connectionTimeout;
        b.commandTimeout = commandTimeout;
        b.statementTimeout = statementTimeout;
        b.lockTimeout = lockTimeout;
        b.idleInTransactionSessionTimeout = idleInTransactionSessionTimeout;
        b.leakDetectionThreshold = leakDetectionThreshold;
        b.serverSettings.putAll(serverSettings);
        b.initCommands.addAll(initCommands);
        b.applicationName = applicationName.equals((schema != null ? schema : "app") + "_pool") ? null : applicationName;
        b.sslMode = sslMode;
        b.sslCaFile = sslCaFile;
        b.sslCertFile = sslCertFile;
        b.sslKeyFile = sslKeyFile;
        b.sslKeyPassword = sslKeyPassword;
        b.retryAttempts = retryAttempts;
        b.retryDelay = retryDelay;
        b.retryBackoff = retryBackoff;
        b.retryMaxDelay = retryMaxDelay;
        b.driverProperties.putAll(driverProperties);
        return b;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** The password (given or from {@code DB_PASSWORD}); never printed by pgdbm. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The schema of an owning manager, or empty for none (tables unqualified, {@code search_path} untouched). */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    public int minConnections() {
        return minConnections;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Idle connections above the minimum are closed after this time (Python: max_inactive_connection_lifetime). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Connections are retired after this age (HikariCP's recycling; Python recycles after max_queries instead). */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** How long a caller waits for a free pooled connection before a {@link PoolException}. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /**
     * Client-side limit for one call (JDBC query timeout); zero means none. It is only applied when the server's
     * {@link #statementTimeout()} is unset, zero or longer, because the server-side timeout fires first anyway and
     * a client-side one costs a timer task per statement.
     */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** Server {@code statement_timeout}; empty when not sent. */
    public Optional<Duration> statementTimeout() {
        return Optional.ofNullable(statementTimeout);
    }

    /** Server {@code lock_timeout}; empty when not sent. */
    public Optional<Duration> lockTimeout() {
        return Optional.ofNullable(lockTimeout);
    }

    /** Server {@code idle_in_transaction_session_timeout}; empty when not sent. */
    public Optional<Duration> idleInTransactionSessionTimeout() {
        return Optional.ofNullable(idleInTransactionSessionTimeout);
    }

    /**
     * Leak detection: a connection held longer than this is logged at WARN with the manager's and pool's names and the
     * stack of the code that took it; zero is off.
     */
    public Duration leakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    /** Extra server settings (GUCs) sent at connection start-up, as given by the user. */
    public Map<String, String> serverSettings() {
        return serverSettings;
    }

    /** SQL run on every new pooled connection, after the server settings. */
    public List<String> initCommands() {
        return initCommands;
    }

    public String applicationName() {
        return applicationName;
    }

    public SslMode sslMode() {
        return sslMode;
    }

    public Optional<Path> sslCaFile() {
        return Optional.ofNullable(sslCaFile);
    }

    public Optional<Path> sslCertFile() {
        return Optional.ofNullable(sslCertFile);
    }

    public Optional<Path> sslKeyFile() {
        return Optional.ofNullable(sslKeyFile);
    }

    /** The password of an encrypted client key; never printed. */
    public Optional<String> sslKeyPassword() {
        return Optional.ofNullable(sslKeyPassword);
    }

    public int retryAttempts() {
        return retryAttempts;
    }

    public Duration retryDelay() {
        return retryDelay;
    }

    public double retryBackoff() {
        return retryBackoff;
    }

    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** Extra JDBC driver connection properties (from URL query parameters pgdbm does not map itself). */
    public Map<String, String> driverProperties() {
        return driverProperties;
    }

    /**
     * Every setting sent to the server at connection start-up: {@code search_path} when a schema is set, then
     * {@code jit=off}, the three timeouts in milliseconds, then the user's {@link #serverSettings()} (which win,
     * except for {@code search_path}). {@code application_name} travels as its own start-up parameter.
     */
    public Map<String, String> effectiveServerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("jit", "off");
        statementTimeout().ifPresent(d -> settings.put("statement_timeout", Long.toString(d.toMillis())));
        idleInTransactionSessionTimeout().ifPresent(d -> settings.put("idle_in_transaction_session_timeout", Long.toString(d.toMillis())));
        lockTimeout().ifPresent(d -> settings.put("lock_timeout", Long.toString(d.toMillis())));
        settings.putAll(serverSettings);
        if (schema != null) {
            settings.put("search_path", '"' + schema + "\",public");
        }
        return settings;
    }

    /** {@code jdbc:postgresql://host:port/database}, with {@code sslmode} when it is not the default; no secrets. */
    public String jdbcUrl() {
        String base = "jdbc:postgresql://" + ConnectionUrl.hostForUrl(host) + ':' + port + '/' + ConnectionUrl.encode(database);
        return sslMode == SslMode.PREFER ? base : base + "?sslmode=" + sslMode.driverValue();
    }

    /** {@code postgresql://user:****@host:port/database}: the password, whatever it contains, is replaced. */
    public String maskedUrl() {
        return "postgresql://" + ConnectionUrl.encode(user) + (password != null ? ":****" : "") + '@'
                + ConnectionUrl.hostForUrl(host) + ':' + port + '/' + ConnectionUrl.encode(database);
    }

    /** {@code postgresql://user:password@host:port/database}, password percent-encoded; for tools that need it. */
    public String toUrl() {
        String auth = ConnectionUrl.encode(user) + (password != null ? ':' + ConnectionUrl.encode(password) : "");
        String base = "postgresql://" + auth + '@' + ConnectionUrl.hostForUrl(host) + ':' + port + '/' + ConnectionUrl.encode(database);
        return sslMode == SslMode.PREFER ? base : base + "?sslmode=" + sslMode.driverValue();
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + maskedUrl() + ", schema=" + schema + ", connections=" + minConnections + ".."
                + maxConnections + ", sslMode=" + sslMode + ", applicationName=" + applicationName + ']';
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * Builds a {@link DatabaseConfig}; {@link #build()} validates. Not thread-safe.
     *
     * <pre>{@code
     * DatabaseConfig.builder().host("db").database("shop").user("app").password(secret).schema("orders").build();
     * }</pre>
     */
    public static final class Builder {
        private static final Pattern SETTING_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.]*");

        private String host = "localhost";
        private int port = 5432;
        private String database = "postgres";
        private String user = "postgres";
        private String password;
        private String schema;
        private int minConnections = 10;
        private int maxConnections = 20;
        private Duration idleTimeout = Duration.ofSeconds(300);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private Duration connectionTimeout = Duration.ofSeconds(30);
        private Duration commandTimeout = Duration.ofSeconds(60);
        private Duration statementTimeout = Duration.ofSeconds(60);
        private Duration lockTimeout = Duration.ofSeconds(5);
        private Duration idleInTransactionSessionTimeout = Duration.ofSeconds(60);
        private Duration leakDetectionThreshold = Duration.ZERO;
        private final Map<String, String> serverSettings = new LinkedHashMap<>();
        private final List<String> initCommands = new ArrayList<>();
        private String applicationName;
        private SslMode sslMode = SslMode.PREFER;
        private Path sslCaFile;
        private Path sslCertFile;
        private Path sslKeyFile;
        private String sslKeyPassword;
        private int retryAttempts = 3;
        private Duration retryDelay = Duration.ofSeconds(1);
        private double retryBackoff = 2.0;
        private Duration retryMaxDelay = Duration.ofSeconds(30);
        private final Map<String, String> driverProperties = new LinkedHashMap<>();
        private Function<String, String> environment = System::getenv;
        private ConfigurationException pending;

        private Builder() {
        }

        /** Sets host, port, database, user, password and SSL settings from a URL (see {@link DatabaseConfig#fromUrl}). */
        public Builder connectionString(String url) {
            try {
                ConnectionUrl.parse(Objects.requireNonNull(url, "url")).applyTo(this);
            } catch (ConfigurationException e) {
                pending = e;
            }
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder database(String database) {
            this.database = database;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The schema this manager owns; {@code null} or empty for none. */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder minConnections(int minConnections) {
            this.minConnections = minConnections;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        /** Server {@code statement_timeout}; {@code null} to leave the server's setting alone. */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = statementTimeout;
            return this;
        }

        /** Server {@code lock_timeout}; {@code null} to leave the server's setting alone. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        /** Server {@code idle_in_transaction_session_timeout}; {@code null} to leave the server's setting alone. */
        public Builder idleInTransactionSessionTimeout(Duration timeout) {
            this.idleInTransactionSessionTimeout = timeout;
            return this;
        }

        public Builder leakDetectionThreshold(Duration threshold) {
            this.leakDetectionThreshold = threshold;
            return this;
        }

        public Builder serverSetting(String name, String value) {
            serverSettings.put(name, value);
            return this;
        }

        public Builder serverSettings(Map<String, String> settings) {
            serverSettings.putAll(settings);
            return this;
        }

        public Builder initCommand(String sql) {
            initCommands.add(sql);
            return this;
        }

        public Builder initCommands(List<String> sql) {
            initCommands.addAll(sql);
            return this;
        }

        public Builder applicationName(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        public Builder sslMode(SslMode sslMode) {
            this.sslMode = sslMode;
            return this;
        }

        public Builder sslCaFile(Path file) {
            this.sslCaFile = file;
            return this;
        }

        public Builder sslCertFile(Path file) {
            this.sslCertFile = file;
            return this;
        }

        /** The client key: PEM ({@code BEGIN PRIVATE KEY} or {@code BEGIN ENCRYPTED PRIVATE KEY}) or PKCS#8 DER. */
        public Builder sslKeyFile(Path file) {
            this.sslKeyFile = file;
            return this;
        }

        public Builder sslKeyPassword(String password) {
            this.sslKeyPassword = password;
            return this;
        }

        public Builder retryAttempts(int attempts) {
            this.retryAttempts = attempts;
            return this;
        }

        public Builder retryDelay(Duration delay) {
            this.retryDelay = delay;
            return this;
        }

        public Builder retryBackoff(double backoff) {
            this.retryBackoff = backoff;
            return this;
        }

        public Builder retryMaxDelay(Duration maxDelay) {
            this.retryMaxDelay = maxDelay;
            return this;
        }

        public Builder driverProperty(String name, String value) {
            driverProperties.put(name, value);
            return this;
        }

        /** Where {@code DB_PASSWORD} is looked up; the process environment unless replaced (for tests). */
        Builder environment(Function<String, String> environment) {
            this.environment = environment;
            return this;
        }

        /** Validates every field and returns the immutable config. */
        public DatabaseConfig build() {
            if (pending != null) {
                throw pending;
            }
            require(host != null && !host.isBlank(), "host", "host must not be empty");
            require(port > 0 && port < 65536, "port", "port must be between 1 and 65535, got " + port);
            require(database != null && !database.isEmpty(), "database", "database must not be empty");
            require(user != null && !user.isEmpty(), "user", "user must not be empty");
            if (schema != null && !schema.isEmpty() && !Identifiers.isValid(schema)) {
                throw new ConfigurationException("schema", "schema '" + schema + "' is not a valid identifier: use "
                        + "letters, digits and underscores, starting with a letter or underscore, at most 63 characters");
            }
            require(minConnections >= 0, "minConnections", "minConnections must be 0 or more, got " + minConnections);
            require(maxConnections >= 1, "maxConnections", "maxConnections must be at least 1, got " + maxConnections);
            require(minConnections <= maxConnections, "minConnections", "minConnections (" + minConnections
                    + ") is greater than maxConnections (" + maxConnections + "); raise maxConnections or lower minConnections");
            positive(idleTimeout, "idleTimeout");
            positive(maxLifetime, "maxLifetime");
            positive(connectionTimeout, "connectionTimeout");
            notNegative(commandTimeout, "commandTimeout");
            if (statementTimeout != null) {
                notNegative(statementTimeout, "statementTimeout");
            }
            if (lockTimeout != null) {
                notNegative(lockTimeout, "lockTimeout");
            }
            if (idleInTransactionSessionTimeout != null) {
                notNegative(idleInTransactionSessionTimeout, "idleInTransactionSessionTimeout");
            }
            notNegative(leakDetectionThreshold, "leakDetectionThreshold");
            require(sslMode != null, "sslMode", "sslMode must not be null; use SslMode.DISABLE to turn TLS off");
            require((sslCertFile == null) == (sslKeyFile == null), sslCertFile == null ? "sslCertFile" : "sslKeyFile",
                    "sslCertFile and sslKeyFile go together: client-certificate authentication needs both the certificate and its key");
            require(retryAttempts >= 1, "retryAttempts", "retryAttempts must be at least 1 (1 means no retry), got " + retryAttempts);
            notNegative(retryDelay, "retryDelay");
            require(retryBackoff >= 1.0, "retryBackoff", "retryBackoff must be 1.0 or more, got " + retryBackoff);
            notNegative(retryMaxDelay, "retryMaxDelay");
            serverSettings.keySet().forEach(k -> require(SETTING_NAME.matcher(k).matches(), "serverSettings",
                    "server setting name '" + k + "' is not a valid PostgreSQL setting name"));
            // the settings travel as "-c name=value" in the start-up packet, which the server splits at white space:
            // a tab or line break in a value would start another option
            serverSettings.forEach((k, v) -> require(v != null && v.chars().noneMatch(c -> c < 0x20 || c == 0x7f),
                    "serverSettings", "the value of server setting '" + k + "' is null or contains a tab, line break or"
                            + " other control character; give a single-line value (spaces are fine)"));
            return new DatabaseConfig(this);
        }

        private static void require(boolean ok, String field, String message) {
            if (!ok) {
                throw new ConfigurationException(field, message);
            }
        }

        // these two build their message (Duration.toString) only on failure: a config is built per test manager

        private static void positive(Duration d, String field) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new ConfigurationException(field, field + " must be a positive duration, got " + d);
            }
        }

        private static void notNegative(Duration d, String field) {
            if (d == null || d.isNegative()) {
                throw new ConfigurationException(field, field + " must not be negative, got " + d);
            }
        }
    }
}
