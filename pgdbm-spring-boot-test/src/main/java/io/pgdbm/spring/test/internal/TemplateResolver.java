package io.pgdbm.spring.test.internal;

import io.pgdbm.junit.MigrationFormat;
import io.pgdbm.junit.TemplatePreparer;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Decides what builds a context's template: the annotation's preparer or migrations, else what Spring Boot would
 * run at startup (Flyway, Liquibase, SQL initialization scripts), read from the context's environment before
 * {@link ContextSetup} switches those off.
 */
final class TemplateResolver {
    private static final String DEFAULT_FLYWAY_LOCATION = "classpath:db/migration";
    private static final String DEFAULT_CHANGELOG = "classpath:/db/changelog/db.changelog-master.yaml";
    /** The spring.flyway.* settings that change what the migrations build, and Flyway's own name for each. */
    private static final Map<String, String> FLYWAY_SETTINGS = Map.ofEntries(
            Map.entry("schemas", "schemas"), Map.entry("default-schema", "defaultSchema"),
            Map.entry("create-schemas", "createSchemas"), Map.entry("table", "table"),
            Map.entry("tablespace", "tablespace"), Map.entry("placeholder-prefix", "placeholderPrefix"),
            Map.entry("placeholder-suffix", "placeholderSuffix"), Map.entry("placeholder-separator", "placeholderSeparator"),
            Map.entry("placeholder-replacement", "placeholderReplacement"),
            Map.entry("sql-migration-prefix", "sqlMigrationPrefix"), Map.entry("sql-migration-suffixes", "sqlMigrationSuffixes"),
            Map.entry("sql-migration-separator", "sqlMigrationSeparator"),
            Map.entry("repeatable-sql-migration-prefix", "repeatableSqlMigrationPrefix"), Map.entry("target", "target"),
            Map.entry("baseline-on-migrate", "baselineOnMigrate"), Map.entry("baseline-version", "baselineVersion"),
            Map.entry("out-of-order", "outOfOrder"), Map.entry("encoding", "encoding"), Map.entry("mixed", "mixed"),
            Map.entry("group", "group"));

    /** The spring.liquibase.* settings that change what the changelog builds, and pgdbm-junit's name for each. */
    private static final Map<String, String> LIQUIBASE_SETTINGS = Map.of("contexts", "contexts", "label-filter", "labels",
            "default-schema", "default-schema", "liquibase-schema", "liquibase-schema");

    private final Settings settings;
    private final Binder binder;
    private final ResourceLoader resources;
    private final List<String> lookedAt = new ArrayList<>();

    private TemplateResolver(Settings settings, Environment environment, ResourceLoader resources) {
        this.settings = settings;
        this.binder = Binder.get(environment);
        this.resources = resources;
    }

    static Template resolve(Settings settings, Environment environment, ResourceLoader resources, String owner) {
        return new TemplateResolver(settings, environment, resources).resolve(owner);
    }

    private Template resolve(String owner) {
        if (settings.preparer() != null) {
            return Template.of(instantiate(settings.preparer(), owner));
        }
        if (!settings.migrations().isEmpty()) {
            return fromAnnotation(owner);
        }
        List<TemplatePreparer> steps = new ArrayList<>();
        flyway().ifPresent(steps::add);
        liquibase().ifPresent(steps::add);
        sqlInit(owner).ifPresent(steps::add);
        if (steps.isEmpty()) {
            throw new IllegalStateException("@AutoConfigurePgdbmDatabase on " + owner + " found nothing to build the"
                    + " test databases' schema from: the annotation names no migrations or preparer, and the"
                    + " application's settings name no schema pgdbm could find (" + String.join("; ", lookedAt) + ")."
                    + " Put Flyway migrations in src/main/resources/db/migration (or set spring.flyway.locations), set"
                    + " spring.liquibase.change-log or spring.sql.init.schema-locations, or name them on the test:"
                    + " @AutoConfigurePgdbmDatabase(migrations = \"classpath:db/schema.sql\", format = MigrationFormat.SQL)");
        }
        return Template.of(Preparers.of(steps));
    }

    private Template fromAnnotation(String owner) {
        if (settings.format() == MigrationFormat.PGDBM) {
            return Template.pgdbm(settings.migrations());
        }
        return Template.of(settings.format().preparer(settings.migrations(), "@AutoConfigurePgdbmDatabase on " + owner));
    }

    private Optional<TemplatePreparer> flyway() {
        if (!present("org.flywaydb.core.Flyway")) {
            lookedAt.add("Flyway is not on the class path");
            return Optional.empty();
        }
        if (!binder.bind("spring.flyway.enabled", Boolean.class).orElse(true)) {
            lookedAt.add("spring.flyway.enabled=false");
            return Optional.empty();
        }
        List<String> configured = binder.bind("spring.flyway.locations", Bindable.listOf(String.class)).orElse(null);
        if (configured == null && !resources.getResource(DEFAULT_FLYWAY_LOCATION).exists()) {
            lookedAt.add("spring.flyway.locations is not set and " + DEFAULT_FLYWAY_LOCATION + " does not exist");
            return Optional.empty();
        }
        List<String> locations = configured == null ? List.of(DEFAULT_FLYWAY_LOCATION)
                : configured.stream().map(l -> l.replace("{vendor}", "postgresql")).filter(this::flywayLocationExists).toList();
        if (locations.isEmpty()) {
            lookedAt.add("none of spring.flyway.locations " + configured + " exists");
            return Optional.empty();
        }
        Map<String, String> configuration = new TreeMap<>(); // sorted: the same settings, the same template
        configuration.put("flyway.locations", String.join(",", locations));
        FLYWAY_SETTINGS.forEach((boot, flyway) -> binder.bind("spring.flyway." + boot, Bindable.listOf(String.class))
                .ifBound(value -> configuration.put("flyway." + flyway, String.join(",", value))));
        binder.bind("spring.flyway.placeholders", Bindable.mapOf(String.class, String.class))
                .ifBound(placeholders -> placeholders.forEach((k, v) -> configuration.put("flyway.placeholders." + k, v)));
        return Optional.of(TemplatePreparer.flyway(configuration));
    }

    /** Spring Boot's Flyway skips a missing location (fail-on-missing-locations is off by default), and so does this. */
    private boolean flywayLocationExists(String location) {
        String spring = location.startsWith("filesystem:") ? "file:" + location.substring("filesystem:".length())
                : location.contains(":") ? location : "classpath:" + location;
        return resources.getResource(spring).exists();
    }

    private Optional<TemplatePreparer> liquibase() {
        if (!present("liquibase.Liquibase")) {
            lookedAt.add("Liquibase is not on the class path");
            return Optional.empty();
        }
        if (!binder.bind("spring.liquibase.enabled", Boolean.class).orElse(true)) {
            lookedAt.add("spring.liquibase.enabled=false");
            return Optional.empty();
        }
        String configured = binder.bind("spring.liquibase.change-log", String.class).orElse(null);
        if (configured == null && !resources.getResource(DEFAULT_CHANGELOG).exists()) {
            lookedAt.add("spring.liquibase.change-log is not set and " + DEFAULT_CHANGELOG + " does not exist");
            return Optional.empty();
        }
        String changelog = configured == null ? DEFAULT_CHANGELOG : configured;
        Map<String, String> liquibase = new TreeMap<>();
        LIQUIBASE_SETTINGS.forEach((boot, pgdbm) -> binder.bind("spring.liquibase." + boot, Bindable.listOf(String.class))
                .ifBound(value -> liquibase.put(pgdbm, String.join(",", value))));
        binder.bind("spring.liquibase.parameters", Bindable.mapOf(String.class, String.class))
                .ifBound(parameters -> parameters.forEach((k, v) -> liquibase.put("parameters." + k, v)));
        return Optional.of(TemplatePreparer.liquibase(changelog.replaceFirst("^classpath:/+", "classpath:"), liquibase));
    }

    private Optional<TemplatePreparer> sqlInit(String owner) {
        String mode = binder.bind("spring.sql.init.mode", String.class).orElse("embedded");
        if (mode.equalsIgnoreCase("never")) {
            lookedAt.add("spring.sql.init.mode=never");
            return Optional.empty();
        }
        String platform = binder.bind("spring.sql.init.platform", String.class).orElse("all");
        List<String> scripts = new ArrayList<>();
        for (String kind : List.of("schema", "data")) {
            List<String> locations = binder.bind("spring.sql.init." + kind + "-locations", Bindable.listOf(String.class))
                    .orElse(List.of("optional:classpath*:" + kind + "-" + platform + ".sql", "optional:classpath*:" + kind + ".sql"));
            for (String location : locations) {
                boolean optional = location.startsWith("optional:");
                String path = location.replaceFirst("^optional:", "").replaceFirst("^classpath\\*:", "classpath:");
                if (resources.getResource(path).exists()) {
                    scripts.add(path.replaceFirst("^classpath:/+", "classpath:").replaceFirst("^file:", ""));
                } else if (!optional) {
                    throw new IllegalStateException("spring.sql.init." + kind + "-locations names " + location + " for "
                            + owner + ", which does not exist; fix the location or mark it optional:" + location);
                }
            }
        }
        if (scripts.isEmpty()) {
            lookedAt.add("no spring.sql.init schema or data scripts exist (schema.sql, data.sql)");
            return Optional.empty();
        }
        return Optional.of(TemplatePreparer.sqlScripts(scripts.toArray(String[]::new)));
    }

    private boolean present(String className) {
        return ClassUtils.isPresent(className, resources.getClassLoader());
    }

    private static TemplatePreparer instantiate(Class<? extends TemplatePreparer> type, String owner) {
        try {
            return BeanUtils.instantiateClass(type.getDeclaredConstructor());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("@AutoConfigurePgdbmDatabase(preparer = " + type.getSimpleName() + ".class)"
                    + " on " + owner + ": " + type.getName() + " has no constructor without arguments; add one", e);
        }
    }
}
