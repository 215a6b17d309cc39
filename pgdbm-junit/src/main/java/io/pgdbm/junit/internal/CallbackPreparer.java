package io.pgdbm.junit.internal;

import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.TemplatePreparer;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A template prepared by code: fingerprinted by its name and by the class file that defines the callback (for a
 * lambda, the class it is written in), so editing that class builds a new template.
 */
public record CallbackPreparer(String name, TemplatePreparer.Callback callback) implements TemplatePreparer {

    public CallbackPreparer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(callback, "callback");
    }

    @Override
    public String identity() {
        return "callback " + name;
    }

    @Override
    public void fingerprint(Fingerprint fingerprint) {
        Class<?> type = callback.getClass();
        String defining = type.getName().replaceFirst("\\$\\$Lambda.*$", "");
        fingerprint.add("callback/1", name, defining)
                .addFile("classpath:" + defining.replace('.', '/') + ".class");
    }

    @Override
    public void prepare(DataSource dataSource) throws Exception {
        callback.prepare(dataSource);
    }
}
