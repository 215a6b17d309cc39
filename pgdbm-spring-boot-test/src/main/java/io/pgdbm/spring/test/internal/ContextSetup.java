package io.pgdbm.spring.test.internal;

import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs first when the context refreshes, once every other customizer has had its turn: decides the template from
 * the environment as the application left it, then puts first the settings that switch off what the template
 * replaces (so they win over {@code @AutoConfigureTestDatabase}'s own property source and the application's), and
 * registers the context's databases and the {@code DataSource} replacement.
 */
final class ContextSetup implements BeanDefinitionRegistryPostProcessor {
    static final String NAME = "pgdbmTestDatabase";
    /** Spring Boot's database set-up that the template already holds, and the slices' embedded database. */
    static final Map<String, Object> OVERRIDES = Map.of(
            "spring.test.database.replace", "NONE",
            "spring.flyway.enabled", "false",
            "spring.liquibase.enabled", "false",
            "spring.sql.init.mode", "never");

    private final ConfigurableApplicationContext context;
    private final Settings settings;
    private final String owner;

    ContextSetup(ConfigurableApplicationContext context, Settings settings, String owner) {
        this.context = context;
        this.settings = settings;
        this.owner = owner;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Template template = TemplateResolver.resolve(settings, context.getEnvironment(), context, owner);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(NAME, OVERRIDES));
        DatabaseRouter router = new DatabaseRouter(template, owner);
        registry.registerBeanDefinition(DatabaseRouter.BEAN_NAME,
                new RootBeanDefinition(DatabaseRouter.class, () -> router));
        registry.registerBeanDefinition(DataSourceReplacer.class.getName(),
                new RootBeanDefinition(DataSourceReplacer.class, DataSourceReplacer::new));
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // everything happens in postProcessBeanDefinitionRegistry
    }
}
