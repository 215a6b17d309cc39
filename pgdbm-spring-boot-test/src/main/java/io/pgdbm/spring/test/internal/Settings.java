package io.pgdbm.spring.test.internal;

import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.spring.test.AutoConfigurePgdbmDatabase;
import io.pgdbm.junit.MigrationFormat;
import java.util.List;

/**
 * The attributes of one {@link AutoConfigurePgdbmDatabase}, as a value: equal settings (with the rest of the test's
 * configuration equal) share one cached context.
 */
record Settings(List<String> migrations, MigrationFormat format, Class<? extends TemplatePreparer> preparer) {

    static Settings of(AutoConfigurePgdbmDatabase annotation) {
        Class<? extends TemplatePreparer> preparer = annotation.preparer() == TemplatePreparer.class ? null : annotation.preparer();
        return new Settings(List.of(annotation.migrations()), annotation.format(), preparer);
    }
}
