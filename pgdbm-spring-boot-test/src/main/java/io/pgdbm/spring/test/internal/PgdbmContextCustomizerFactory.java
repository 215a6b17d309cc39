package io.pgdbm.spring.test.internal;

import io.pgdbm.spring.test.AutoConfigurePgdbmDatabase;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: gives every test class annotated with
 * {@link AutoConfigurePgdbmDatabase} (or nested in one) a customizer that installs the pgdbm test databases.
 */
public final class PgdbmContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigurePgdbmDatabase annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                AutoConfigurePgdbmDatabase.class);
        return annotation == null ? null : new Customizer(Settings.of(annotation));
    }

    /**
     * Equal for equal settings, so Spring's context cache gives test classes with the same configuration the same
     * context (and the same template).
     */
    record Customizer(Settings settings) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            String owner = merged == null ? context.getDisplayName() : merged.getTestClass().getName();
            context.addBeanFactoryPostProcessor(new ContextSetup(context, settings, owner));
        }
    }
}
