package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.TemplatePreparer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Builds a template with Flyway's {@code migrate}, configured by Flyway's own properties ({@code flyway.locations},
 * {@code flyway.schemas}, {@code flyway.placeholders.*}, …) and otherwise Flyway's defaults, except that a missing
 * location is an error (as it is for pgdbm's own migrations) unless {@code flyway.failOnMissingLocations} says
 * otherwise. Its fingerprint is Flyway's version, the settings, and every file under every location and callback
 * location (SQL migrations, callbacks, and the class files of Java migrations and callbacks in the location's
 * package), and the class files of the classes {@code flyway.callbacks} and {@code flyway.resolvers} name.
 * Immutable and thread-safe.
 */
public final class FlywayPreparer implements TemplatePreparer {
    private static final String LOCATIONS = "flyway.locations";
    private static final String LOGGERS = "flyway.loggers";
    private static final String FAIL_ON_MISSING = "flyway.failOnMissingLocations";
    /** The preparer migrates the database pgdbm hands it: connection settings have no place here. */
    private static final Set<String> CONNECTION_KEYS = Set.of("flyway.url", "flyway.user", "flyway.password",
            "flyway.driver");
    /** Settings whose values name classes: their class files are inputs too. */
    private static final Set<String> CLASS_KEYS = Set.of("flyway.callbacks", "flyway.resolvers");
    private static final Pattern CLASS_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+");

    private final SortedMap<String, String> settings;
    private final List<Location> locations;
    private final List<Location> callbackLocations;
    private final String identity;

    private FlywayPreparer(Map<String, String> configuration) {
        this.settings = new TreeMap<>();
        configuration.forEach((key, value) -> {
            Objects.requireNonNull(key, "configuration key");
            Objects.requireNonNull(value, () -> "configuration value of " + key);
            if (CONNECTION_KEYS.contains(key)) {
                throw new PgdbmException("TemplatePreparer.flyway(...) migrates the template database pgdbm creates"
                        + " and connects to it itself: remove " + key + " from the configuration");
            }
            settings.put(key, value);
        });
        try {
            FluentConfiguration effective = configure();
            this.locations = List.of(effective.getLocations());
            this.callbackLocations = callbackLocations(effective);
        } catch (FlywayException e) {
            throw new PgdbmException("Invalid Flyway configuration for a template preparer " + settings.keySet() + ": "
                    + e.getMessage(), e);
        }
        StringBuilder id = new StringBuilder("flyway ").append(locations.stream().map(Location::getDescriptor).toList());
        SortedMap<String, String> others = new TreeMap<>(settings);
        others.remove(LOCATIONS);
        if (!others.isEmpty()) {
            id.append(' ').append(PreparerSettings.describe(others));
        }
        this.identity = id.toString();
    }

    /**
     * Flyway's separate callback locations (Flyway 12 and later); none before, where callbacks live in the
     * migration locations. Spring Boot 3.5 manages Flyway 11, so both must work.
     */
    private static List<Location> callbackLocations(FluentConfiguration configuration) {
        try {
            return List.of((Location[]) FluentConfiguration.class.getMethod("getCallbackLocations").invoke(configuration));
        } catch (NoSuchMethodException olderFlyway) {
            return List.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Flyway's getCallbackLocations: " + e, e);
        }
    }

    /** {@code locations} as Flyway's {@code flyway.locations}; none: Flyway's default {@code classpath:db/migration}. */
    public static TemplatePreparer of(String... locations) {
        Objects.requireNonNull(locations, "locations");
        Arrays.stream(locations).forEach(l -> Objects.requireNonNull(l, "location"));
        return locations.length == 0 ? new FlywayPreparer(Map.of())
                : new FlywayPreparer(Map.of(LOCATIONS, String.join(",", locations)));
    }

    public static TemplatePreparer of(Map<String, String> configuration) {
        return new FlywayPreparer(Objects.requireNonNull(configuration, "configuration"));
    }

    private FluentConfiguration configure() {
        FluentConfiguration configuration = Flyway.configure();
        if (!settings.containsKey(FAIL_ON_MISSING)) {
            configuration.failOnMissingLocations(true);
        }
        configuration.configuration(settings);
        if (!settings.containsKey(LOGGERS)) {
            configuration.loggers(QuietFlywayLog.class.getName());
        }
        return configuration;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public void fingerprint(Fingerprint fingerprint) {
        fingerprint.add("flyway", MavenVersion.of(Flyway.class, "org.flywaydb", "flyway-core"),
                MavenVersion.of(Flyway.class, "org.flywaydb", "flyway-database-postgresql"));
        settings.forEach((key, value) -> fingerprint.add(key, value));
        for (Location location : locations) {
            addLocation(fingerprint, location);
        }
        for (Location location : callbackLocations) {
            addLocation(fingerprint, location);
        }
        for (String key : CLASS_KEYS) {
            for (String value : settings.getOrDefault(key, "").split(",")) {
                if (CLASS_NAME.matcher(value.strip()).matches()) {
                    fingerprint.addFile("classpath:" + value.strip().replace('.', '/') + ".class");
                }
            }
        }
    }

    /** A location's files; for a wildcard location, those under the fixed part of its path. */
    private static void addLocation(Fingerprint fingerprint, Location location) {
        if ("classpath:".equals(location.getPrefix())) {
            fingerprint.addLocation("classpath:" + location.getRootPath());
        } else if ("filesystem:".equals(location.getPrefix())) {
            fingerprint.addLocation(location.getRootPath());
        } else {
            fingerprint.add("location", location.getDescriptor()); // cloud storage: its name only
        }
    }

    @Override
    public void prepare(DataSource dataSource) {
        try {
            configure().dataSource(dataSource).load().migrate();
        } catch (FlywayException e) {
            throw new PgdbmException(identity + " could not migrate the template database: " + e.getMessage(), e);
        }
    }

    /** Equal settings build the same template: a test class's preparer per test instance shares one clone source. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FlywayPreparer f && f.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return identity;
    }
}
