package io.pgdbm.junit.internal;

import java.util.logging.Level;
import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;
import org.slf4j.LoggerFactory;

/**
 * Liquibase's log while it builds a template (it logs through java.util.logging by default): through SLF4J under
 * Liquibase's logger names, INFO and below at DEBUG, so that a passing test run stays quiet; warnings and errors as
 * they are.
 */
final class QuietLiquibaseLog extends AbstractLogService {

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    @SuppressWarnings("rawtypes") // Liquibase's signature
    public Logger getLog(Class clazz) {
        return new Slf4jLogger(LoggerFactory.getLogger(clazz));
    }

    private static final class Slf4jLogger extends AbstractLogger {
        private final org.slf4j.Logger log;

        Slf4jLogger(org.slf4j.Logger log) {
            this.log = log;
        }

        @Override
        public void log(Level level, String message, Throwable e) {
            if (level == Level.OFF) {
                return;
            }
            if (level.intValue() >= Level.SEVERE.intValue()) {
                log.error(message, e);
            } else if (level.intValue() >= Level.WARNING.intValue()) {
                log.warn(message, e);
            } else if (level.intValue() >= Level.FINE.intValue()) {
                log.debug(message, e);
            } else {
                log.trace(message, e);
            }
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
