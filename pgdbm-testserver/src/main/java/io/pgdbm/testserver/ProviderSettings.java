package io.pgdbm.testserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the test PostgreSQL server comes from, and how it is tuned. Immutable and thread-safe.
 *
 * <p>Settings read by {@link #fromEnvironment()} and {@link #from(Function)}; for each key the given lookup
 * is asked first, then the system property, then the environment variable:
 * <table>
 *   <caption>Setting keys</caption>
 *   <tr><th>System property / config parameter</th><th>Environment</th><th>Meaning</th></tr>
 *   <tr><td>{@code pgdbm.test.provider}</td><td>{@code PGDBM_TEST_PROVIDER}</td>
 *       <td>{@code auto} (default), {@code url}, {@code local}, {@code docker} or {@code embedded}</td></tr>
 *   <tr><td>{@code pgdbm.test.url}</td><td>{@code PGDBM_TEST_URL}</td>
 *       <td>an existing server: {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql://};
 *       user and password from the URL or its {@code user}/{@code password} query parameters</td></tr>
 *   <tr><td>{@code pgdbm.test.local.bindir}</td><td>{@code PGDBM_TEST_LOCAL_BINDIR}</td>
 *       <td>the directory holding {@code initdb} and {@code pg_ctl} for the {@code local} provider</td></tr>
 *   <tr><td>{@code pgdbm.test.local.user}</td><td>{@code PGDBM_TEST_LOCAL_USER}</td>
 *       <td>the unprivileged OS user that runs the local cluster when the JVM runs as root
 *       (default {@code postgres})</td></tr>
 *   <tr><td>{@code pgdbm.test.cluster.dir}</td><td>{@code PGDBM_TEST_CLUSTER_DIR}</td>
 *       <td>where the {@code local} and {@code embedded} providers put their throwaway clusters (under
 *       {@code pgdbm-clusters/}); default {@code /dev/shm} when it is RAM-backed with 2 GiB free, else
 *       {@code java.io.tmpdir}</td></tr>
 *   <tr><td>{@code pgdbm.test.docker.image}</td><td>{@code PGDBM_TEST_DOCKER_IMAGE}</td>
 *       <td>the image for the {@code docker} provider (default {@code postgres:15-alpine})</td></tr>
 *   <tr><td>{@code pgdbm.test.reuse}</td><td>{@code PGDBM_TEST_REUSE}</td>
 *       <td>{@code true}: the {@code local} or {@code embedded} cluster outlives the JVM and the next JVM with the
 *       same binaries and settings attaches to it (for the edit-test loop, not for CI)</td></tr>
 *   <tr><td>{@code pgdbm.test.reuse.idle.minutes}</td><td>{@code PGDBM_TEST_REUSE_IDLE_MINUTES}</td>
 *       <td>how long a reused cluster runs with no JVM using it before it stops itself (default 30; fractions
 *       allowed)</td></tr>
 *   <tr><td>{@code pgdbm.test.cache.dir}</td><td>{@code PGDBM_TEST_CACHE_DIR}</td>
 *       <td>the per-user directory holding pristine initdb'd data directories and reused clusters (default
 *       {@code pgdbm-cache-<user>} in the cluster directory's base)</td></tr>
 *   <tr><td>{@code pgdbm.test.initdb.cache}</td><td>{@code PGDBM_TEST_INITDB_CACHE}</td>
 *       <td>{@code false} runs {@code initdb} for every private cluster instead of copying a cached pristine data
 *       directory</td></tr>
 * </table>
 *
 * <pre>{@code
 * ProviderSettings tls = ProviderSettings.builder()
 *         .provider(ServerProvider.LOCAL)
 *         .serverSetting("ssl", "on")
 *         .serverSetting("ssl_cert_file", cert.toString())
 *         .pgHbaLine("hostssl all all 127.0.0.1/32 cert")
 *         .build();
 * }</pre>
 */
public final class ProviderSettings {

    public static final String PROVIDER_KEY = "pgdbm.test.provider";
    public static final String URL_KEY = "pgdbm.test.url";
    public static final String LOCAL_BINDIR_KEY = "pgdbm.test.local.bindir";
    public static final String LOCAL_USER_KEY = "pgdbm.test.local.user";
    public static final String CLUSTER_DIR_KEY = "pgdbm.test.cluster.dir";
    public static final String DOCKER_IMAGE_KEY = "pgdbm.test.docker.image";
    public static final String REUSE_KEY = "pgdbm.test.reuse";
    public static final String REUSE_IDLE_KEY = "pgdbm.test.reuse.idle.minutes";
    public static final String CACHE_DIR_KEY = "pgdbm.test.cache.dir";
    public static final String INITDB_CACHE_KEY = "pgdbm.test.initdb.cache";

    public static final String DEFAULT_DOCKER_IMAGE = "postgres:15-alpine";
    public static final String DEFAULT_LOCAL_USER = "postgres";
    public static final int DEFAULT_MAX_CONNECTIONS = 300;
    public static final Duration DEFAULT_REUSE_IDLE = Duration.ofMinutes(30);

    // Keys end up on a command line, so only PostgreSQL's own setting-name alphabet is accepted.
    private static final Pattern SETTING_NAME = Pattern.compile("[a-z][a-z0-9_.]*");

    private final ServerProvider provider;
    private final String url;
    private final Path localBinDir;
    private final String localUser;
    private final Path clusterDir;
    private final String dockerImage;
    private final Map<String, String> serverSettings;
    private final List<String> pgHbaLines;
    private final int maxConnections;
    private final boolean reuse;
    private final Duration reuseIdle;
    private final Path cacheDir;
    private final boolean initdbCache;

    private ProviderSettings(Builder b) {
        this.provider = b.provider;
        this.url = b.url;
        this.localBinDir = b.localBinDir;
        this.localUser = b.localUser;
        this.clusterDir = b.clusterDir;
        this.dockerImage = b.dockerImage;
        this.serverSettings = Collections.unmodifiableMap(new LinkedHashMap<>(b.serverSettings));
        this.pgHbaLines = List.copyOf(b.pgHbaLines);
        this.maxConnections = b.maxConnections;
        this.reuse = b.reuse;
        this.reuseIdle = b.reuseIdle;
        this.cacheDir = b.cacheDir;
        this.initdbCache = b.initdbCache;
    }

    /** Settings from system properties and environment variables only. */
    public static ProviderSettings fromEnvironment() {
        return from(key -> Optional.empty());
    }

    /**
     * Settings from {@code lookup} (e.g. JUnit configuration parameters), falling back to system properties
     * and then to the environment variable of the upper-snake form of each key.
     */
    public static ProviderSettings from(Function<String, Optional<String>> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        Function<String, Optional<String>> resolve = key -> lookup.apply(key)
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                .or(() -> Optional.ofNullable(System.getenv(environmentName(key))))
                .map(String::trim)
                .filter(value -> !value.isEmpty());
        Builder builder = builder();
        resolve.apply(PROVIDER_KEY).map(ServerProvider::parse).ifPresent(builder::provider);
        resolve.apply(URL_KEY).ifPresent(builder::url);
        resolve.apply(LOCAL_BINDIR_KEY).map(Path::of).ifPresent(builder::localBinDir);
        resolve.apply(LOCAL_USER_KEY).ifPresent(builder::localUser);
        resolve.apply(CLUSTER_DIR_KEY).map(Path::of).ifPresent(builder::clusterDir);
        resolve.apply(DOCKER_IMAGE_KEY).ifPresent(builder::dockerImage);
        resolve.apply(REUSE_KEY).map(Boolean::parseBoolean).ifPresent(builder::reuse);
        resolve.apply(REUSE_IDLE_KEY).map(ProviderSettings::parseMinutes).ifPresent(builder::reuseIdle);
        resolve.apply(CACHE_DIR_KEY).map(Path::of).ifPresent(builder::cacheDir);
        resolve.apply(INITDB_CACHE_KEY).map(Boolean::parseBoolean).ifPresent(builder::initdbCache);
        return builder.build();
    }

    private static Duration parseMinutes(String value) {
        try {
            double minutes = Double.parseDouble(value);
            if (minutes > 0 && minutes <= 7 * 24 * 60) {
                return Duration.ofMillis(Math.round(minutes * 60_000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(REUSE_IDLE_KEY + " must be a number of minutes above 0 and at most a week"
                + " (e.g. 30 or 0.5), was '" + value + "'");
    }

    /** {@code pgdbm.test.url} becomes {@code PGDBM_TEST_URL}. */
    public static String environmentName(String key) {
        return key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Which provider to use; {@link ServerProvider#AUTO} unless chosen. */
    public ServerProvider provider() {
        return provider;
    }

    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    public Optional<Path> localBinDir() {
        return Optional.ofNullable(localBinDir);
    }

    /** The OS user that runs a local cluster when the JVM runs as root. */
    public String localUser() {
        return localUser;
    }

    /** Where local and embedded clusters go; empty means the default (RAM-backed {@code /dev/shm} if it has room). */
    public Optional<Path> clusterDir() {
        return Optional.ofNullable(clusterDir);
    }

    public String dockerImage() {
        return dockerImage;
    }

    /** Extra server settings ({@code -c key=value}), in insertion order. */
    public Map<String, String> serverSettings() {
        return serverSettings;
    }

    /** Lines put in front of the generated {@code pg_hba.conf}. */
    public List<String> pgHbaLines() {
        return pgHbaLines;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Whether a {@code local} or {@code embedded} cluster outlives the JVM for the next JVM to attach to. */
    public boolean reuse() {
        return reuse;
    }

    /** How long a reused cluster runs with no JVM attached before it stops itself. */
    public Duration reuseIdle() {
        return reuseIdle;
    }

    /** The per-user cache directory; empty means {@code pgdbm-cache-<user>} in the cluster directory's base. */
    public Optional<Path> cacheDir() {
        return Optional.ofNullable(cacheDir);
    }

    /** Whether private clusters start from a cached pristine data directory instead of running {@code initdb}. */
    public boolean initdbCache() {
        return initdbCache;
    }

    @Override
    public String toString() {
        return "ProviderSettings[provider=" + provider
                + ", url=" + (url == null ? "none" : "set")
                + ", localBinDir=" + localBinDir
                + ", localUser=" + localUser
                + ", clusterDir=" + clusterDir
                + ", dockerImage=" + dockerImage
                + ", serverSettings=" + serverSettings.keySet()
                + ", pgHbaLines=" + pgHbaLines.size()
                + ", maxConnections=" + maxConnections
                + ", reuse=" + reuse + ", reuseIdle=" + reuseIdle
                + ", cacheDir=" + cacheDir + ", initdbCache=" + initdbCache + "]";
    }

    /** Builds {@link ProviderSettings}; {@link #build()} validates and names the bad field. Not thread-safe. */
    public static final class Builder {
        private ServerProvider provider = ServerProvider.AUTO;
        private String url;
        private Path localBinDir;
        private String localUser = DEFAULT_LOCAL_USER;
        private Path clusterDir;
        private String dockerImage = DEFAULT_DOCKER_IMAGE;
        private final Map<String, String> serverSettings = new LinkedHashMap<>();
        private final List<String> pgHbaLines = new ArrayList<>();
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private boolean reuse;
        private Duration reuseIdle = DEFAULT_REUSE_IDLE;
        private Path cacheDir;
        private boolean initdbCache = true;

        private Builder() {
        }

        public Builder provider(ServerProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder localBinDir(Path localBinDir) {
            this.localBinDir = localBinDir;
            return this;
        }

        public Builder localUser(String localUser) {
            this.localUser = Objects.requireNonNull(localUser, "localUser");
            return this;
        }

        /** The base directory for local and embedded clusters; {@code null} means the default. */
        public Builder clusterDir(Path clusterDir) {
            this.clusterDir = clusterDir;
            return this;
        }

        public Builder dockerImage(String dockerImage) {
            this.dockerImage = Objects.requireNonNull(dockerImage, "dockerImage");
            return this;
        }

        /** A {@code postgresql.conf} setting of a private server: a lower-case setting name, a one-line value. */
        public Builder serverSetting(String name, String value) {
            serverSettings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder serverSettings(Map<String, String> settings) {
            Objects.requireNonNull(settings, "settings").forEach(this::serverSetting);
            return this;
        }

        public Builder pgHbaLine(String line) {
            pgHbaLines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        public Builder pgHbaLines(List<String> lines) {
            Objects.requireNonNull(lines, "lines").forEach(this::pgHbaLine);
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Keeps a {@code local} or {@code embedded} cluster running after the JVM for the next JVM to attach to. */
        public Builder reuse(boolean reuse) {
            this.reuse = reuse;
            return this;
        }

        public Builder reuseIdle(Duration reuseIdle) {
            this.reuseIdle = Objects.requireNonNull(reuseIdle, "reuseIdle");
            return this;
        }

        /** The per-user cache directory; {@code null} means the default. */
        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        public Builder initdbCache(boolean initdbCache) {
            this.initdbCache = initdbCache;
            return this;
        }

        public ProviderSettings build() {
            if (provider == ServerProvider.URL && (url == null || url.isBlank())) {
                throw new IllegalArgumentException("provider 'url' needs a url: set " + URL_KEY + " or "
                        + environmentName(URL_KEY) + ", e.g. postgresql://postgres@localhost:5432/postgres");
            }
            if (localUser.isBlank()) {
                throw new IllegalArgumentException("localUser must not be blank");
            }
            if (dockerImage.isBlank()) {
                throw new IllegalArgumentException("dockerImage must not be blank");
            }
            if (reuseIdle.isNegative() || reuseIdle.isZero()) {
                throw new IllegalArgumentException("reuseIdle must be positive, was " + reuseIdle);
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
            }
            serverSettings.forEach((name, value) -> {
                if (!SETTING_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("serverSettings: '" + name
                            + "' is not a PostgreSQL setting name (lower-case letters, digits, '_' and '.')");
                }
                // a tab, newline or other control character would smuggle further options onto the server
                if (value.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("serverSettings: value of '" + name
                            + "' holds a control character (tab, newline, ...); give it on one line without them");
                }
            });
            for (String line : pgHbaLines) {
                if (line.isBlank() || line.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("pgHbaLines: each entry must be one non-blank line, got '"
                            + line + "'");
                }
            }
            return new ProviderSettings(this);
        }
    }
}
