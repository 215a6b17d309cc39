package io.pgdbm.spring.test.internal;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Registered in {@code META-INF/spring.factories}: before each test method of a context with pgdbm test databases
 * (and before its {@code @BeforeEach} methods, {@code @Sql} scripts and transaction), binds the method's thread to a
 * fresh database; after it (and after the rollback) drops that database.
 */
public final class PgdbmTestExecutionListener implements TestExecutionListener, Ordered {
    private static final String BINDING = PgdbmTestExecutionListener.class.getName() + ".binding";
    /** Before {@code TransactionalTestExecutionListener} (4000) and {@code SqlScriptsTestExecutionListener} (5000). */
    static final int ORDER = 3900;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        if (context.containsBean(DatabaseRouter.BEAN_NAME)) {
            DatabaseRouter router = context.getBean(DatabaseRouter.BEAN_NAME, DatabaseRouter.class);
            String test = testContext.getTestClass().getSimpleName() + "." + testContext.getTestMethod().getName();
            testContext.setAttribute(BINDING, router.begin(test));
        }
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        Object binding = testContext.removeAttribute(BINDING);
        if (binding != null) {
            ((DatabaseRouter.Binding) binding).close();
        }
    }
}
