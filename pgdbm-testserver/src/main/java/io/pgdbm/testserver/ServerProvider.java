package io.pgdbm.testserver;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where a test PostgreSQL server comes from; the value of {@code pgdbm.test.provider}.
 *
 * <pre>{@code
 * ProviderSettings settings = ProviderSettings.builder().provider(ServerProvider.EMBEDDED).build();
 * ServerProvider fromConfig = ServerProvider.parse("local");   // LOCAL
 * }</pre>
 */
public enum ServerProvider {
    /** The URL when one is set, else the first of local, docker and embedded that works. */
    AUTO,
    /** An existing server named by {@code pgdbm.test.url}. */
    URL,
    /** A private cluster from the PostgreSQL binaries installed on this machine. */
    LOCAL,
    /** A container through Testcontainers (needs Docker and Testcontainers on the classpath). */
    DOCKER,
    /** zonky's embedded PostgreSQL, from binaries in a Maven artifact: works with nothing installed. */
    EMBEDDED;

    /** The lower-case name used in configuration, e.g. {@code "embedded"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The provider named {@code value} (case-insensitive, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the accepted values and the setting that takes them
     */
    public static ServerProvider parse(String value) {
        Objects.requireNonNull(value, "value");
        String key = value.trim().toLowerCase(Locale.ROOT);
        for (ServerProvider provider : values()) {
            if (provider.key().equals(key)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("provider '" + value.trim() + "' is not one of "
                + Arrays.stream(values()).map(ServerProvider::key).collect(Collectors.joining(", ", "[", "]"))
                + " (set " + ProviderSettings.PROVIDER_KEY + " or "
                + ProviderSettings.environmentName(ProviderSettings.PROVIDER_KEY) + ")");
    }

    /** The configuration key, so that messages and logs read {@code provider 'local'}. */
    @Override
    public String toString() {
        return key();
    }
}
