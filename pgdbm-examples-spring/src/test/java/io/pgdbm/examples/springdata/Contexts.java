package io.pgdbm.examples.springdata;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/** The Spring contexts the catalog's @SpringBootTest classes were given. */
final class Contexts {
    static final Set<ApplicationContext> SEEN = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private Contexts() {
    }
}
