package io.pgdbm.junit;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import io.pgdbm.PgdbmException;
import io.pgdbm.SharedPool;
import io.pgdbm.junit.internal.DatabaseHandle;
import io.pgdbm.junit.internal.RunContext;
import io.pgdbm.junit.internal.Setup;
import io.pgdbm.junit.internal.SuiteDefaults;
import io.pgdbm.junit.internal.TestSettings;
import io.pgdbm.migration.Module;
import io.pgdbm.migration.ModuleSet;
import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.PostgresServers;
import io.pgdbm.testserver.PostgresUnavailableException;
import io.pgdbm.testserver.ProviderSettings;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link PgdbmTest}. On its own it gives each test a fresh database, migrated with the
 * suite's defaults (JUnit configuration parameters such as {@code pgdbm.test.migrations}; none set: an empty
 * database):
 *
 * <pre>{@code
 * @ExtendWith(PgdbmExtension.class)
 * class OrderRepositoryTest {
 *     @Test
 *     void storesAnOrder(DatabaseManager db) { ... }
 * }
 * }</pre>
 *
 * <p>It may also be registered for every test class ({@code junit.jupiter.extensions.autodetection.enabled=true} and
 * a service file naming it); then it starts a server only for classes that use pgdbm. Register a configured instance
 * for several modules; it takes over from {@code @PgdbmTest} and from a globally registered instance on its class:
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
 * <p>Each setting is taken from the first of: the builder, the nearest {@link PgdbmTest} (on the class, a superclass
 * or, for a {@code @Nested} class, an enclosing class), the configuration parameters ({@code pgdbm.test.migrations},
 * {@code pgdbm.test.module}, {@code pgdbm.test.schema}, {@code pgdbm.test.isolation}), the defaults. The
 * {@code pgdbm.test.cleanup} parameter overrides every extension's cleanup (a switch for debugging a run).
 *
 * <p>Run-wide state (the server, the run and its templates) lives in the root context's store; each test's
 * resources live in that test's store and are cleaned up however the test ends. Safe under parallel execution.
 */
public final class PgdbmExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private static final Namespace NS = Namespace.create(PgdbmExtension.class);
    private static final Set<Class<?>> SUPPORTED = Set.of(DatabaseManager.class, DatabaseConfig.class, DataSource.class,
            SharedPool.class, TestDatabase.class, TestDatabaseFactory.class);

    private final Declared configured; // null: configured by @PgdbmTest and the suite's defaults

    /**
     * The extension as {@link PgdbmTest}, {@code @ExtendWith} and autodetection register it: configured by
     * {@link PgdbmTest} where present and by the suite's configuration parameters.
     */
    public PgdbmExtension() {
        this.configured = null;
    }

    private PgdbmExtension(Declared configured) {
        this.configured = configured;
    }

    /** What a builder set; {@code null} preparer, isolation or cleanup and no modules: not set, taken from elsewhere. */
    private record Declared(TemplatePreparer preparer, List<Module> modules, Isolation isolation, Cleanup cleanup) {
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
        if (usesPgdbm(context.getRequiredTestClass())) {
            run(context); // fail early, once per class, when no server can be had
        }
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
        return SUPPORTED.contains(p.getType()) && !(configured == null && hasConfiguredInstance(extensionContext));
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
            return new RunResource(RunContext.startExecution(server, TestSettings.from(root::getConfigurationParameter)));
        });
        if (resolved instanceof PostgresUnavailableException e) {
            throw new org.opentest4j.TestAbortedException("skipped: no PostgreSQL server for pgdbm ("
                    + TestSettings.REQUIRED_KEY + "=false): " + e.getMessage(), e);
        }
        return ((RunResource) resolved).run();
    }

    /** The class's setup: each setting from the builder, the nearest {@code @PgdbmTest}, the suite, the default. */
    private Setup setup(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        List<PgdbmTest> annotations = annotations(testClass);
        SuiteDefaults suite = suiteDefaults(context);
        MigrationFormat format = format(annotations, testClass).or(suite::format).orElse(MigrationFormat.PGDBM);
        boolean declaredModules = configured != null && !configured.modules().isEmpty();
        List<Module> modules = declaredModules ? configured.modules()
                : format == MigrationFormat.PGDBM ? module(annotations, suite) : List.of();
        Isolation isolation = configured != null && configured.isolation() != null ? configured.isolation()
                : isolation(annotations, testClass).or(suite::isolation).orElse(Isolation.DATABASE);
        Cleanup cleanup = configured != null && configured.cleanup() != null ? configured.cleanup()
                : annotations.isEmpty() ? Cleanup.ALWAYS : annotations.get(0).cleanup();
        try {
            // an explicit preparer (builder, @PgdbmTest, suite) wins over the suite's format; one class may not set both
            TemplatePreparer preparer = configured != null && configured.preparer() != null ? configured.preparer()
                    : preparer(annotations, suite, testClass);
            if (preparer != null && format != MigrationFormat.PGDBM && format(annotations, testClass).isPresent()
                    && (configured == null || configured.preparer() == null)) {
                throw new PgdbmException("both format " + format + " and the template preparer " + preparer.identity()
                        + " would build the template; give one of them");
            }
            if (preparer == null && format != MigrationFormat.PGDBM && !declaredModules) {
                preparer = formatPreparer(format, annotations, suite, testClass);
            }
            return new Setup(preparer, modules, isolation, cleanup);
        } catch (PgdbmException e) {
            throw new ExtensionConfigurationException("pgdbm setup of " + testClass.getName() + ": " + e.getMessage(), e);
        }
    }

    private static List<Module> module(List<PgdbmTest> annotations, SuiteDefaults suite) {
        List<String> migrations = annotations.stream().map(a -> List.of(a.migrations())).filter(m -> !m.isEmpty())
                .findFirst().orElse(suite.migrations());
        Optional<String> schema = annotations.stream().map(PgdbmTest::schema).filter(v -> !v.isEmpty()).findFirst()
                .or(suite::schema);
        if (migrations.isEmpty() && schema.isEmpty()) {
            return List.of();
        }
        String name = annotations.stream().map(PgdbmTest::module).filter(v -> !v.isEmpty()).findFirst()
                .or(suite::module).or(() -> schema).orElse("default");
        return List.of(new Module(name, migrations, schema.orElse(null), List.of()));
    }

    private static Optional<MigrationFormat> format(List<PgdbmTest> annotations, Class<?> testClass) {
        for (PgdbmTest a : annotations) {
            if (a.format().length > 1) {
                throw new ExtensionConfigurationException("@PgdbmTest(format = " + Arrays.toString(a.format())
                        + ") on " + testClass.getName() + " names " + a.format().length + " formats; give one");
            }
            if (a.format().length == 1) {
                return Optional.of(a.format()[0]);
            }
        }
        return Optional.empty();
    }

    /** The preparer of migrations in a tool's format; a module's name or schema belongs to pgdbm's format only. */
    private static TemplatePreparer formatPreparer(MigrationFormat format, List<PgdbmTest> annotations,
                                                   SuiteDefaults suite, Class<?> testClass) {
        List<String> migrations = annotations.stream().map(a -> List.of(a.migrations())).filter(m -> !m.isEmpty())
                .findFirst().orElse(suite.migrations());
        boolean moduleSettings = annotations.stream().anyMatch(a -> !a.schema().isEmpty() || !a.module().isEmpty())
                || suite.schema().isPresent() || suite.module().isPresent();
        if (moduleSettings) {
            throw new PgdbmException("schema and module describe pgdbm's migrations, not " + format + " ones; drop them"
                    + " (the tool's own configuration says where its tables go, e.g. TemplatePreparer.flyway(Map.of("
                    + "\"flyway.schemas\", \"shop\")) through PgdbmExtension.builder().preparer(...))");
        }
        return format.preparer(migrations, "@PgdbmTest on " + testClass.getName());
    }

    private static TemplatePreparer preparer(List<PgdbmTest> annotations, SuiteDefaults suite, Class<?> testClass) {
        for (PgdbmTest a : annotations) {
            if (a.preparer().length > 1) {
                throw new ExtensionConfigurationException("@PgdbmTest(preparer = " + Arrays.toString(a.preparer())
                        + ") on " + testClass.getName() + " names " + a.preparer().length + " preparers; give one");
            }
            if (a.preparer().length == 1) {
                return PREPARERS.get(a.preparer()[0]);
            }
        }
        return suite.preparer().map(name -> {
            try {
                return PREPARERS.get(Class.forName(name, true, testClass.getClassLoader()).asSubclass(TemplatePreparer.class));
            } catch (ClassNotFoundException | ClassCastException e) {
                throw new ExtensionConfigurationException(SuiteDefaults.PREPARER_KEY + "=" + name + " is not a class"
                        + " implementing io.pgdbm.junit.TemplatePreparer on the test class path", e);
            }
        }).orElse(null);
    }

    /** One instance per preparer class, so that every test class using it shares its clones prepared ahead. */
    private static final ClassValue<TemplatePreparer> PREPARERS = new ClassValue<>() {
        @Override
        protected TemplatePreparer computeValue(Class<?> type) {
            try {
                var constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                return (TemplatePreparer) constructor.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ExtensionConfigurationException("Could not create the template preparer " + type.getName()
                        + " (it needs a no-argument constructor): " + e, e);
            }
        }
    };

    private static Optional<Isolation> isolation(List<PgdbmTest> annotations, Class<?> testClass) {
        for (PgdbmTest a : annotations) {
            if (a.isolation().length > 1) {
                throw new ExtensionConfigurationException("@PgdbmTest(isolation = " + Arrays.toString(a.isolation())
                        + ") on " + testClass.getName() + " names " + a.isolation().length + " isolations; give one");
            }
            if (a.isolation().length == 1) {
                return Optional.of(a.isolation()[0]);
            }
        }
        return Optional.empty();
    }

    /** The {@code @PgdbmTest}s that apply to a class, nearest first: its own (or inherited), then enclosing ones. */
    private static List<PgdbmTest> annotations(Class<?> testClass) {
        List<PgdbmTest> found = new ArrayList<>();
        for (Class<?> c : withEnclosing(testClass)) {
            AnnotationSupport.findAnnotation(c, PgdbmTest.class).ifPresent(found::add);
        }
        return found;
    }

    /** The class and, while it is an inner ({@code @Nested}) class, the classes enclosing it. */
    private static List<Class<?>> withEnclosing(Class<?> testClass) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            classes.add(c);
            if (!c.isMemberClass() || Modifier.isStatic(c.getModifiers())) {
                break;
            }
        }
        return classes;
    }

    private static SuiteDefaults suiteDefaults(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NS).getOrComputeIfAbsent(SuiteDefaults.class,
                k -> SuiteDefaults.from(root::getConfigurationParameter), SuiteDefaults.class);
    }

    /**
     * Whether a configured instance ({@code @RegisterExtension PgdbmExtension} field) serves the test class, so the
     * instance registered by {@code @PgdbmTest}, {@code @ExtendWith} or autodetection leaves its parameters to it.
     */
    private static boolean hasConfiguredInstance(ExtensionContext context) {
        return context.getTestClass().map(CONFIGURED_INSTANCE::get).orElse(false);
    }

    private static final ClassValue<Boolean> CONFIGURED_INSTANCE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> testClass) {
            return withEnclosing(testClass).stream().anyMatch(c -> !AnnotationSupport.findAnnotatedFields(c,
                    RegisterExtension.class, f -> PgdbmExtension.class.isAssignableFrom(f.getType())).isEmpty());
        }
    };

    /** Whether the class asks for pgdbm: configured, annotated, or a constructor or method with a pgdbm parameter. */
    private boolean usesPgdbm(Class<?> testClass) {
        if (configured != null || !annotations(testClass).isEmpty()) {
            return true;
        }
        List<Executable> executables = new ArrayList<>(Arrays.asList(testClass.getDeclaredConstructors()));
        executables.addAll(ReflectionSupport.findMethods(testClass, m -> true, HierarchyTraversalMode.TOP_DOWN));
        return executables.stream().flatMap(e -> Arrays.stream(e.getParameterTypes())).anyMatch(SUPPORTED::contains);
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
        private TemplatePreparer preparer; // null: @PgdbmTest's, else pgdbm.test.preparer, else none
        private Isolation isolation; // null: @PgdbmTest's, else pgdbm.test.isolation, else DATABASE
        private Cleanup cleanup; // null: @PgdbmTest's, else ALWAYS

        private Builder() {
        }

        /**
         * Adds a module: its migrations ({@code classpath:dir} or a directory; {@code null}: none), its schema
         * ({@code null}: {@code public}) and the modules whose migrations must be applied first. A builder with no
         * module takes the class's {@link PgdbmTest} module, else the suite's ({@code pgdbm.test.migrations}, …).
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

        /**
         * What builds the template before the modules' migrations (if any) are applied on top, e.g.
         * {@code .preparer(TemplatePreparer.sqlScripts("classpath:schema.sql"))}. Not called: the class's
         * {@link PgdbmTest#preparer()}, else {@code pgdbm.test.preparer}, else none (pgdbm's migrations alone).
         */
        public Builder preparer(TemplatePreparer preparer) {
            this.preparer = Objects.requireNonNull(preparer, "preparer");
            return this;
        }

        /** Not called: the class's {@link PgdbmTest#isolation()}, else {@code pgdbm.test.isolation}, else DATABASE. */
        public Builder isolation(Isolation isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation");
            return this;
        }

        /** Not called: the class's {@link PgdbmTest#cleanup()}, else ALWAYS; {@code pgdbm.test.cleanup} overrides it. */
        public Builder cleanup(Cleanup cleanup) {
            this.cleanup = Objects.requireNonNull(cleanup, "cleanup");
            return this;
        }

        /** @throws ExtensionConfigurationException for a dependency cycle (named) or an unknown dependency */
        public PgdbmExtension build() {
            try {
                return new PgdbmExtension(new Declared(preparer, ModuleSet.of(modules).modules(), isolation, cleanup));
            } catch (PgdbmException e) {
                throw new ExtensionConfigurationException(e.getMessage(), e);
            }
        }
    }
}
