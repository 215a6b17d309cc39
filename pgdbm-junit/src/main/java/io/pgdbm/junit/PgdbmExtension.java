package io.pgdbm.junit;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.SharedPool;
import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.migration.Module;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link PgdbmTest}; register it yourself for several modules:
 *
 * <pre>{@code
 * class CheckoutTest {
 *     @RegisterExtension
 *     static PgdbmExtension pgdbm = PgdbmExtension.builder()
 *             .module("users", "classpath:db/users", "users")
 *             .module("orders", "classpath:db/orders", "orders", "users")
 *             .build();
 *
 *     @Test
 *     void placesOrder(@PgdbmSchema("users") DatabaseManager users, @PgdbmSchema("orders") DatabaseManager orders) { ... }
 * }
 * }</pre>
 *
 * <p>Scope follows JUnit's conventions: {@link PgdbmTest} and an instance field give each test method its own
 * database; a {@code static} field gives the test class one database shared by its tests ({@link Isolation#SCHEMA}:
 * one schema set; {@link Isolation#TRANSACTION}: always one database per class, one transaction per test).
 * Parameters of {@code @BeforeAll}/{@code @AfterAll} methods get the class's database. Constructor parameters get the
 * test method's database.
 *
 * <p>Run-wide state (the server, the run and its templates) lives in the root context's store; each test's
 * resources live in that test's store and are cleaned up however the test ends. Safe under parallel execution.
 */
public final class PgdbmExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private static final Namespace NS = Namespace.create(PgdbmExtension.class);
    private static final Set<Class<?>> SUPPORTED = Set.of(DatabaseManager.class, DatabaseConfig.class, DataSource.class,
            SharedPool.class, TestDatabase.class, TestDatabaseFactory.class);

    private final Setup configured; // null: read from @PgdbmTest

    /** The extension as {@link PgdbmTest} registers it: configured by the annotation. */
    public PgdbmExtension() {
        this.configured = null;
    }

    private PgdbmExtension(Setup configured) {
        this.configured = configured;
    }

    public static Builder builder() {
        return new Builder();
    }

    private record ScopeKey(String uniqueId) {
    }

    private record ClassRegistration(PgdbmExtension extension) {
    }

    @SuppressWarnings("deprecation")
    private record RunResource(RunContext run) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            run.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        run(context); // fail early, once per class, when no server can be had
        if (configured != null) {
            context.getStore(NS).put(new ClassRegistration(this), Boolean.TRUE);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        for (ExtensionContext c = context; c.getParent().isPresent(); c = c.getParent().get()) {
            TestScope scope = c.getStore(NS).get(new ScopeKey(c.getUniqueId()), TestScope.class);
            if (scope != null) {
                scope.markFailed();
                String kept = scope.keptUrl();
                if (kept != null && c == context) {
                    context.publishReportEntry("pgdbm.kept", kept);
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            TestScope scope = context.getStore(NS).get(new ScopeKey(context.getUniqueId()), TestScope.class);
            if (scope != null) {
                scope.markFailed();
            }
        }
    }

    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD; // constructor parameters get the test method's database
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter p = parameterContext.getParameter();
        Optional<PgdbmSchema> schema = parameterContext.findAnnotation(PgdbmSchema.class);
        if (schema.isPresent() && p.getType() != DatabaseManager.class && p.getType() != DatabaseConfig.class) {
            throw new ParameterResolutionException("@PgdbmSchema(\"" + schema.get().value() + "\") is on parameter '"
                    + p.getName() + "' of type " + p.getType().getName() + " in " + describe(parameterContext)
                    + ", but pgdbm can give a schema's DatabaseManager or DatabaseConfig only. Without @PgdbmSchema it"
                    + " also injects " + simpleNames() + ".");
        }
        return SUPPORTED.contains(p.getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        TestScope scope = scope(extensionContext);
        try {
            if (type == TestDatabaseFactory.class) {
                return scope.factory();
            }
            DatabaseHandle db = scope.database();
            Optional<String> schema = parameterContext.findAnnotation(PgdbmSchema.class).map(PgdbmSchema::value);
            if (type == DatabaseManager.class) {
                return schema.isPresent() ? db.manager(schema.get()) : db.manager();
            }
            if (type == DatabaseConfig.class) {
                return schema.isPresent() ? db.config(schema.get()) : db.config();
            }
            if (type == DataSource.class) {
                return db.pool().dataSource();
            }
            if (type == SharedPool.class) {
                return db.pool();
            }
            return db;
        } catch (PgdbmException e) {
            throw new ParameterResolutionException("pgdbm could not resolve parameter '"
                    + parameterContext.getParameter().getName() + "' in " + describe(parameterContext) + ": "
                    + e.getMessage(), e);
        }
    }

    private TestScope scope(ExtensionContext context) {
        Setup setup = setup(context);
        RunContext run = run(context);
        Cleanup cleanup = run.settings().effective(setup.cleanup());
        boolean methodLevel = context.getTestMethod().isPresent();
        ExtensionContext classContext = methodLevel ? context.getParent().orElseThrow() : context;
        boolean perClass = configured != null && context.getStore(NS).get(new ClassRegistration(this)) != null;
        return switch (setup.isolation()) {
            case DATABASE -> scopeAt(methodLevel && !perClass ? context : classContext,
                    new TestScope(run, setup, cleanup, TestScope.Kind.CLONE, null));
            case SCHEMA -> scopeAt(methodLevel && !perClass ? context : classContext,
                    new TestScope(run, setup, cleanup, TestScope.Kind.SCHEMA, null));
            case TRANSACTION -> {
                TestScope classScope = scopeAt(classContext, new TestScope(run, setup, cleanup, TestScope.Kind.CLONE, null));
                yield methodLevel
                        ? scopeAt(context, new TestScope(run, setup, cleanup, TestScope.Kind.TRANSACTION, classScope::database))
                        : classScope;
            }
        };
    }

    private static TestScope scopeAt(ExtensionContext context, TestScope fresh) {
        // nothing is created until the scope is asked for its database, so an unused fresh scope costs nothing
        return context.getStore(NS).getOrComputeIfAbsent(new ScopeKey(context.getUniqueId()), k -> fresh, TestScope.class);
    }

    /** The run of this JUnit execution (shared by every pgdbm extension), started on first use. */
    static RunContext run(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        Object resolved = root.getStore(NS).getOrComputeIfAbsent(RunResource.class, k -> {
            PostgresServer server;
            try {
                server = PostgresServers.shared(ProviderSettings.from(root::getConfigurationParameter));
            } catch (PostgresUnavailableException e) {
                if (!TestSettings.from(root::getConfigurationParameter).required()) {
                    return e; // remembered, so the providers are not tried again for every test
                }
                throw e;
            }
            return new RunResource(RunContext.start(server, TestSettings.from(root::getConfigurationParameter)));
        });
        if (resolved instanceof PostgresUnavailableException e) {
            throw new org.opentest4j.TestAbortedException("skipped: no PostgreSQL server for pgdbm ("
                    + TestSettings.REQUIRED_KEY + "=false): " + e.getMessage(), e);
        }
        return ((RunResource) resolved).run();
    }

    private Setup setup(ExtensionContext context) {
        if (configured != null) {
            return configured;
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<PgdbmTest> a = AnnotationSupport.findAnnotation(c, PgdbmTest.class);
            if (a.isPresent()) {
                return setupOf(a.get());
            }
        }
        throw new ExtensionConfigurationException("PgdbmExtension is registered on " + context.getRequiredTestClass()
                .getName() + " without @PgdbmTest; use @PgdbmTest(...) or PgdbmExtension.builder()...build() with"
                + " @RegisterExtension");
    }

    private static Setup setupOf(PgdbmTest a) {
        List<Module> modules = List.of();
        if (a.migrations().length > 0 || !a.schema().isEmpty()) {
            String name = !a.module().isEmpty() ? a.module() : !a.schema().isEmpty() ? a.schema() : "default";
            modules = List.of(new Module(name, Arrays.asList(a.migrations()), a.schema(), List.of()));
        }
        try {
            return new Setup(modules, a.isolation(), a.cleanup());
        } catch (PgdbmException e) {
            throw new ExtensionConfigurationException("@PgdbmTest: " + e.getMessage(), e);
        }
    }

    private static String describe(ParameterContext pc) {
        var exec = pc.getDeclaringExecutable();
        return exec.getDeclaringClass().getSimpleName() + "." + (exec instanceof java.lang.reflect.Constructor<?>
                ? "<init>" : exec.getName()) + "(" + Arrays.stream(exec.getParameterTypes()).map(Class::getSimpleName)
                .reduce((x, y) -> x + ", " + y).orElse("") + ")";
    }

    private static String simpleNames() {
        return "DatabaseManager, DatabaseConfig, DataSource, SharedPool, TestDatabase and TestDatabaseFactory";
    }

    /**
     * Configures a {@link PgdbmExtension} with one or more modules. Not thread-safe; the built extension is.
     *
     * <pre>{@code
     * @RegisterExtension
     * PgdbmExtension pgdbm = PgdbmExtension.builder().module("orders", "classpath:db/orders", "orders")
     *         .isolation(Isolation.SCHEMA).build();
     * }</pre>
     */
    public static final class Builder {
        private final List<Module> modules = new ArrayList<>();
        private Isolation isolation = Isolation.DATABASE;
        private Cleanup cleanup = Cleanup.ALWAYS;

        private Builder() {
        }

        /**
         * Adds a module: its migrations ({@code classpath:dir} or a directory; {@code null}: none), its schema
         * ({@code null}: {@code public}) and the modules whose migrations must be applied first.
         */
        public Builder module(String name, String location, String schema, String... dependsOn) {
            Objects.requireNonNull(name, "name");
            try {
                modules.add(new Module(name, location == null ? List.of() : List.of(location), schema,
                        Arrays.asList(dependsOn)));
            } catch (PgdbmException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e);
            }
            return this;
        }

        public Builder isolation(Isolation isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation");
            return this;
        }

        public Builder cleanup(Cleanup cleanup) {
            this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
            return this;
        }

        /** @throws ExtensionConfigurationException for a dependency cycle (named) or an unknown dependency */
        public PgdbmExtension build() {
            try {
                return new PgdbmExtension(new Setup(modules, isolation, cleanup));
            } catch (PgdbmException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e);
            }
        }
    }
}
