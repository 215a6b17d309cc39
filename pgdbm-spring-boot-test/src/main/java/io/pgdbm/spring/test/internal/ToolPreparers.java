package io.pgdbm.spring.test.internal;

import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.TemplatePreparer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The Flyway and Liquibase preparers: {@code TemplatePreparer.flyway(Map)} and {@code TemplatePreparer.liquibase(String,
 * Map)} of pgdbm-junit when it has them; until then a minimal Flyway preparer of its own (its fingerprint: the
 * settings and every file under the locations), and no Liquibase.
 */
final class ToolPreparers {

    private ToolPreparers() {
    }

    /** Flyway's {@code migrate} configured by Flyway's own {@code flyway.*} properties. */
    static TemplatePreparer flyway(Map<String, String> configuration) {
        TemplatePreparer junits = fromJunit("flyway", new Class<?>[] {Map.class}, configuration);
        return junits != null ? junits : new MinimalFlyway(new TreeMap<>(configuration));
    }

    /** Liquibase's {@code update} of {@code changelog} with pgdbm-junit's settings (contexts, labels, parameters.*). */
    static TemplatePreparer liquibase(String changelog, Map<String, String> settings) {
        TemplatePreparer junits = fromJunit("liquibase", new Class<?>[] {String.class, Map.class}, changelog, settings);
        if (junits == null) {
            throw new IllegalStateException("Building a template with Liquibase needs a pgdbm-junit with"
                    + " TemplatePreparer.liquibase; use @AutoConfigurePgdbmDatabase(preparer = ...) meanwhile");
        }
        return junits;
    }

    private static TemplatePreparer fromJunit(String name, Class<?>[] parameters, Object... arguments) {
        Method factory;
        try {
            factory = TemplatePreparer.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
        try {
            return (TemplatePreparer) factory.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private record MinimalFlyway(Map<String, String> configuration) implements TemplatePreparer {

        @Override
        public String identity() {
            return "flyway " + configuration.get("flyway.locations");
        }

        @Override
        public void fingerprint(Fingerprint fingerprint) {
            fingerprint.add("spring-flyway/1");
            configuration.forEach(fingerprint::add);
            for (String location : configuration.get("flyway.locations").split(",")) {
                fingerprint.addLocation(location.trim().replaceFirst("^filesystem:", ""));
            }
        }

        @Override
        public void prepare(DataSource dataSource) throws Exception {
            ClassLoader loader = TemplatePreparer.class.getClassLoader();
            Class<?> flyway = Class.forName("org.flywaydb.core.Flyway", true, loader);
            Object conf = flyway.getMethod("configure", ClassLoader.class).invoke(null, Thread.currentThread().getContextClassLoader());
            conf = conf.getClass().getMethod("configuration", Map.class).invoke(conf, configuration);
            conf = conf.getClass().getMethod("dataSource", DataSource.class).invoke(conf, dataSource);
            Object loaded = conf.getClass().getMethod("load").invoke(conf);
            loaded.getClass().getMethod("migrate").invoke(loaded);
        }
    }
}
