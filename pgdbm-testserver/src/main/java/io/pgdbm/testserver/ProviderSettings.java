package io.pgdbm.testserver;

import java.nio.file.Path;
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

    public static final String DEFAULT_DOCKER_IMAGE = "postgres:15-alpine";
    public static final String DEFAULT_LOCAL_USER = "postgres";
    public static final int DEFAULT_MAX_CONNECTIONS = 300;

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
        return builder.build();
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
                + ", maxConnections=" + maxConnections + "]";
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
