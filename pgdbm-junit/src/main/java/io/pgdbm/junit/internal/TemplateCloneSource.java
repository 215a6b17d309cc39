package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.migration.Module;
import java.util.List;

/** Clones the template of a module set with {@code CREATE DATABASE … TEMPLATE …} on each request. Thread-safe. */
final class TemplateCloneSource implements CloneSource {
    private final RunContext run;
    private final List<Module> modules;

    TemplateCloneSource(RunContext run, List<Module> modules) {
        this.run = run;
        this.modules = List.copyOf(modules);
    }

    @Override
    public Clone acquire(String suffix) {
        String name = run.nextDatabaseName(suffix);
        String template = run.templates().ensure(modules);
        try {
            run.admin().createDatabase(name, template);
        } catch (PgdbmException e) {
            if (e.sqlState().filter("3D000"::equals).isEmpty()) {
                throw e;
            }
            // another run collected the template (its migrations differ from ours): build it again once
            run.templates().forget(template);
            run.admin().createDatabase(name, run.templates().ensure(modules));
        }
        return new Clone(name, null);
    }
}
