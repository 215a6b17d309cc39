package io.pgdbm.junit.internal;

import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.migration.Module;
import java.util.List;

/**
 * What a template database is built from: a {@link TemplatePreparer} ({@code null}: none), then pgdbm modules in
 * dependency order applied on top (each into its schema).
 */
public record TemplateSpec(List<Module> modules, TemplatePreparer preparer) {

    public TemplateSpec {
        modules = List.copyOf(modules);
    }

    public static TemplateSpec of(List<Module> modules) {
        return new TemplateSpec(modules, null);
    }

    /** For messages: the preparer's identity and the modules' names. */
    public String describe() {
        String names = modules.isEmpty() ? "" : "modules " + modules.stream().map(Module::name).toList();
        if (preparer == null) {
            return names.isEmpty() ? "an empty database" : names;
        }
        return preparer.identity() + (names.isEmpty() ? "" : " then " + names);
    }
}
