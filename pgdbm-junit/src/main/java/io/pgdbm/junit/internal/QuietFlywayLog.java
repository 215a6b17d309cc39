package io.pgdbm.junit.internal;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway's log while it builds a template: through SLF4J under Flyway's own logger names, its progress lines (INFO)
 * at DEBUG, so that a passing test run stays quiet; warnings and errors as they are. Flyway instantiates it by name
 * ({@code flyway.loggers}), hence public.
 */
public final class QuietFlywayLog implements LogCreator {

    @Override
    public Log createLogger(Class<?> clazz) {
        Logger log = LoggerFactory.getLogger(clazz);
        return new Log() {
            // abstract in Flyway 11 (which Spring Boot 3.5 manages), a default method in later versions
            public boolean isDebugEnabled() {
                return log.isDebugEnabled();
            }

            @Override
            public void debug(String message) {
                log.debug(message);
            }

            @Override
            public void info(String message) {
                log.debug(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }

            @Override
            public void error(String message) {
                log.error(message);
            }

            @Override
            public void error(String message, Exception e) {
                log.error(message, e);
            }

            @Override
            public void notice(String message) {
                log.debug(message);
            }
        };
    }
}
