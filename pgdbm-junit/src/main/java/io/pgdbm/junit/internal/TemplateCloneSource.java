package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import java.util.function.Function;

/** Clones the template of a {@link TemplateSpec} with {@code CREATE DATABASE … TEMPLATE …} on each request. Thread-safe. */
final class TemplateCloneSource implements CloneSource {
    private final Templates templates;
    private final Admin admin;
    private final Function<String, String> names;
    private final String marker;
    private final TemplateSpec spec;

    /**
     * @param names gives a new database name of the run for a suffix ({@code null}: none)
     * @param marker the comment the run's databases carry, which the sweep of a later run looks for
     */
    TemplateCloneSource(Templates templates, Admin admin, Function<String, String> names, String marker,
                        TemplateSpec spec) {
        this.templates = templates;
        this.admin = admin;
        this.names = names;
        this.marker = marker;
        this.spec = spec;
    }

    @Override
    public Clone acquire(String suffix) {
        String name = names.apply(suffix);
        String template = templates.ensure(spec);
        try {
            admin.createDatabase(name, template, marker);
        } catch (PgdbmException e) {
            if (e.sqlState().filter("3D000"::equals).isEmpty()) {
                throw e;
            }
            // another run collected the template (its migrations differ from ours): build it again once
            templates.forget(template);
            admin.createDatabase(name, templates.ensure(spec), marker);
        }
        return new Clone(name, null);
    }
}
