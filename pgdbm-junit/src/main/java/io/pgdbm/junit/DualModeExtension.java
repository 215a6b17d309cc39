package io.pgdbm.junit;

import io.pgdbm.junit.internal.RunContext;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;
import org.junit.platform.commons.support.AnnotationSupport;

/** Provides the two invocations of a {@link DualModeTest}, each resolving a {@link DualModeDatabase} of its own. */
final class DualModeExtension implements TestTemplateInvocationContextProvider {
    private static final Namespace NS = Namespace.create(DualModeExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, DualModeTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        String schema = AnnotationSupport.findAnnotation(method, DualModeTest.class).orElseThrow().schema();
        return Stream.of(DualModeDatabase.Mode.values()).map(mode -> new Invocation(mode, schema));
    }

    private record Invocation(DualModeDatabase.Mode mode, String schema) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + mode + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Resolver(mode, schema));
        }
    }

    private record Resolver(DualModeDatabase.Mode mode, String schema) implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == DualModeDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
            if (parameterContext.getDeclaringExecutable() instanceof java.lang.reflect.Constructor<?>) {
                throw new ParameterResolutionException("DualModeDatabase can be a parameter of the @DualModeTest method"
                        + " only, not of a constructor");
            }
            RunContext run = PgdbmExtension.run(context);
            return context.getStore(NS).getOrComputeIfAbsent(Resolver.class,
                    k -> DualModeInvocation.open(run, mode, schema), DualModeInvocation.class);
        }
    }
}
