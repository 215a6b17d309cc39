package io.pgdbm.junit.preparers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pgdbm.PgdbmException;
import io.pgdbm.junit.TemplatePreparer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flyway and Liquibase are optional dependencies: on a class path with only pgdbm-junit and pgdbm-core (and the
 * JDK), TemplatePreparer loads, and its factories say which dependency to add.
 */
class WithoutTheToolsTest {

    @Test
    void factoriesNameTheMissingDependency() throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[] {codeSource(TemplatePreparer.class),
                codeSource(PgdbmException.class)}, ClassLoader.getPlatformClassLoader())) {
            Class<?> preparer = Class.forName(TemplatePreparer.class.getName(), true, bare);

            Throwable flyway = invoke(preparer.getMethod("flyway", String[].class), (Object) new String[] {"classpath:db/x"});
            assertThat(flyway.getClass().getName()).isEqualTo(PgdbmException.class.getName());
            assertThat(flyway).hasMessageContaining("Flyway is not on the class path")
                    .hasMessageContaining("org.flywaydb:flyway-core").hasMessageContaining("<scope>test</scope>");

            Throwable liquibase = invoke(preparer.getMethod("liquibase", String.class, Map.class), "db/changelog.yaml", Map.of());
            assertThat(liquibase).hasMessageContaining("Liquibase is not on the class path")
                    .hasMessageContaining("<groupId>org.liquibase</groupId><artifactId>liquibase-core</artifactId>");
        }
    }

    private static Throwable invoke(Method factory, Object... arguments) {
        Throwable thrown = catchThrowable(() -> factory.invoke(null, arguments));
        assertThat(thrown).isInstanceOf(InvocationTargetException.class);
        return thrown.getCause();
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
