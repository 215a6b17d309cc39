package io.pgdbm.spring.test.internal;

import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.TemplatePreparer;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Several preparers applied one after the other to the same template, as Spring Boot would run them. */
record Preparers(List<TemplatePreparer> steps) implements TemplatePreparer {

    static TemplatePreparer of(List<TemplatePreparer> steps) {
        return steps.size() == 1 ? steps.get(0) : new Preparers(List.copyOf(steps));
    }

    @Override
    public String identity() {
        return steps.stream().map(TemplatePreparer::identity).collect(Collectors.joining(" + "));
    }

    @Override
    public void fingerprint(Fingerprint fingerprint) {
        for (TemplatePreparer step : steps) {
            fingerprint.add("step", step.identity());
            step.fingerprint(fingerprint);
        }
    }

    @Override
    public void prepare(DataSource dataSource) throws Exception {
        for (TemplatePreparer step : steps) {
            step.prepare(dataSource);
        }
    }
}
