package io.pgdbm.spring.test.internal;

import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.junit.TestDatabaseFactory;
import io.pgdbm.testserver.PostgresServer;
import java.util.List;

/**
 * Where a context's databases come from: a preparer's template, or pgdbm's own migrations (which the factory
 * applies to its template itself).
 */
record Template(TemplatePreparer preparer, List<String> pgdbmMigrations) {

    static Template of(TemplatePreparer preparer) {
        return new Template(preparer, List.of());
    }

    static Template pgdbm(List<String> migrations) {
        return new Template(null, List.copyOf(migrations));
    }

    TestDatabaseFactory open(PostgresServer server) {
        return preparer != null ? TestDatabaseFactory.create(server, preparer)
                : TestDatabaseFactory.create(server, pgdbmMigrations.toArray(String[]::new));
    }

    String describe() {
        return preparer != null ? preparer.identity() : "pgdbm migrations " + pgdbmMigrations;
    }
}
