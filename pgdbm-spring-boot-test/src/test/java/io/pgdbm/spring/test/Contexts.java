package io.pgdbm.spring.test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the test classes of this package share: the contexts they saw, and catalog look-ups. */
final class Contexts {
    /** Every context the NotesApplication test classes were given. */
    static final Set<ApplicationContext> SEEN = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private Contexts() {
    }

    /** Whether a database of that name exists on the server (pg_database is shared by every database). */
    static boolean exists(DataSource any, String database) {
        return new JdbcTemplate(any).queryForObject("SELECT count(*) FROM pg_database WHERE datname = ?", Long.class,
                database) == 1;
    }
}
