package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.TemplatePreparer;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeLogParameters;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import liquibase.util.LiquibaseUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a template with Liquibase's {@code update} of one changelog, a class path resource ({@code classpath:}
 * optional) or a file. Settings: {@code contexts}, {@code labels}, {@code default-schema},
 * {@code liquibase-schema} (where its tracking tables go) and {@code parameters.<name>} (changelog parameters).
 * Liquibase runs with its console output sent to its log, its log through SLF4J with INFO at DEBUG, and its
 * usage analytics off. Its fingerprint is Liquibase's version, the settings, the changelog, every file under the
 * changelog's directory, and the include/includeAll targets outside it. Immutable and thread-safe.
 */
public final class LiquibasePreparer implements TemplatePreparer {
    private static final Logger LOG = LoggerFactory.getLogger(LiquibasePreparer.class);
    static final Set<String> KEYS = Set.of("contexts", "labels", "default-schema", "liquibase-schema");
    static final String PARAMETERS = "parameters.";

    private final ChangelogSource source;
    private final SortedMap<String, String> settings;
    private final String identity;

    private LiquibasePreparer(String changelog, Map<String, String> settings) {
        this.source = ChangelogSource.resolve(changelog, loader());
        this.settings = new TreeMap<>();
        settings.forEach((key, value) -> {
            Objects.requireNonNull(key, "settings key");
            Objects.requireNonNull(value, () -> "settings value of " + key);
            if (!KEYS.contains(key) && !(key.startsWith(PARAMETERS) && key.length() > PARAMETERS.length())) {
                throw new PgdbmException("Unknown Liquibase preparer setting " + key + " for " + changelog
                        + ": use " + new TreeMap<>(Map.of("contexts", "", "labels", "", "default-schema", "",
                        "liquibase-schema", "")).keySet() + " or parameters.<name> for a changelog parameter");
            }
            this.settings.put(key, value);
        });
        this.identity = "liquibase " + source.descriptor()
                + (this.settings.isEmpty() ? "" : " " + PreparerSettings.describe(this.settings));
    }

    public static TemplatePreparer of(String changelog, Map<String, String> settings) {
        Objects.requireNonNull(changelog, "changelog");
        return new LiquibasePreparer(changelog, Objects.requireNonNull(settings, "settings"));
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : LiquibasePreparer.class.getClassLoader();
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public void fingerprint(Fingerprint fingerprint) {
        fingerprint.add("liquibase", LiquibaseUtil.getBuildVersion());
        settings.forEach((key, value) -> fingerprint.add(key, value));
        source.fingerprint(fingerprint, loader());
    }

    @Override
    public void prepare(DataSource dataSource) throws Exception {
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.logService.name(), new QuietLiquibaseLog());
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        scope.put(AnalyticsArgs.ENABLED.getKey(), false);
        ResourceAccessor accessor = null;
        try {
            accessor = accessor();
            scope.put(Scope.Attr.resourceAccessor.name(), accessor);
            Scope.child(scope, () -> update(dataSource));
        } catch (PgdbmException e) {
            throw e;
        } catch (Exception e) {
            throw new PgdbmException(identity + " could not update the template database: " + e.getMessage(), e);
        } finally {
            if (accessor != null) {
                accessor.close();
            }
        }
    }

    private void update(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try {
                if (settings.containsKey("default-schema")) {
                    database.setDefaultSchemaName(settings.get("default-schema"));
                }
                if (settings.containsKey("liquibase-schema")) {
                    database.setLiquibaseSchemaName(settings.get("liquibase-schema"));
                }
                ChangeLogParameters parameters = new ChangeLogParameters(database);
                settings.forEach((key, value) -> {
                    if (key.startsWith(PARAMETERS)) {
                        parameters.set(key.substring(PARAMETERS.length()), value);
                    }
                });
                CommandScope update = new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, source.path())
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters);
                if (settings.containsKey("contexts")) {
                    update.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, settings.get("contexts"));
                }
                if (settings.containsKey("labels")) {
                    update.addArgumentValue(UpdateCommandStep.LABEL_FILTER_ARG, settings.get("labels"));
                }
                // the update summary goes to the command's output, System.out unless told otherwise
                ByteArrayOutputStream summary = new ByteArrayOutputStream();
                try {
                    update.setOutput(summary).execute();
                } finally {
                    LOG.debug("{}: {}", identity, summary.toString(StandardCharsets.UTF_8).strip()
                            .replaceAll("\\s*\\R+\\s*", "; ").replaceAll(" {2,}", " "));
                }
            } finally {
                database.close(); // closes the connection too; the try above then finds it closed
            }
        }
    }

    private ResourceAccessor accessor() throws FileNotFoundException {
        ClassLoaderResourceAccessor classPath = new ClassLoaderResourceAccessor(loader());
        if (source.onClassPath()) {
            return classPath;
        }
        return new CompositeResourceAccessor(new DirectoryResourceAccessor(source.root()), classPath);
    }

    /** Equal changelog and settings build the same template: a preparer per test instance shares one clone source. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LiquibasePreparer l && l.source.equals(source) && l.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + settings.hashCode();
    }

    @Override
    public String toString() {
        return identity;
    }

    /** Where a changelog is: on the class path, or a file whose directory is the root of its non-relative paths. */
    record ChangelogSource(boolean onClassPath, Path root, String path) {

        static ChangelogSource resolve(String changelog, ClassLoader loader) {
            String trimmed = changelog.strip();
            if (trimmed.startsWith("classpath:") || trimmed.startsWith("classpath*:")) {
                String path = ChangelogIncludes.normalize(stripSlashes(trimmed.substring(trimmed.indexOf(':') + 1)));
                if (loader.getResource(path) == null) {
                    throw notFound(changelog, "on the class path");
                }
                return new ChangelogSource(true, null, path);
            }
            if (trimmed.startsWith("file:")) {
                return file(changelog, Path.of(trimmed.substring("file:".length())));
            }
            String resource = ChangelogIncludes.normalize(trimmed);
            if (!trimmed.startsWith("/") && loader.getResource(resource) != null) {
                return new ChangelogSource(true, null, resource);
            }
            return file(changelog, Path.of(trimmed));
        }

        private static ChangelogSource file(String changelog, Path file) {
            if (!Files.isRegularFile(file)) {
                throw notFound(changelog, "on the class path nor as the file " + file.toAbsolutePath());
            }
            Path absolute = file.toAbsolutePath().normalize();
            return new ChangelogSource(false, absolute.getParent(), absolute.getFileName().toString());
        }

        private static PgdbmException notFound(String changelog, String where) {
            return new PgdbmException("Liquibase changelog " + changelog + " not found " + where + ": give a class"
                    + " path resource (classpath:db/changelog/db.changelog-master.yaml) or a file path");
        }

        private static String stripSlashes(String path) {
            String p = path;
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            return p;
        }

        String descriptor() {
            return onClassPath ? "classpath:" + path : root.resolve(path).toString();
        }

        void fingerprint(Fingerprint fingerprint, ClassLoader loader) {
            new ChangelogIncludes(onClassPath, root, loader).fingerprint(path, fingerprint);
        }
    }
}
