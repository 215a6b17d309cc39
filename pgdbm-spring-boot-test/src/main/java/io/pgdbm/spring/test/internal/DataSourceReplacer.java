package io.pgdbm.spring.test.internal;

import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Once the configuration classes (the application's and the auto-configurations) have registered their beans,
 * replaces the application's {@code DataSource} bean definition (the only one, or the primary one) under the same
 * name by the routing one, so the original is never created and nothing connects to the configured URL.
 */
final class DataSourceReplacer implements BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        ConfigurableListableBeanFactory beans = (ConfigurableListableBeanFactory) registry;
        String name = replaced(beans);
        if (registry.containsBeanDefinition(name)) {
            registry.removeBeanDefinition(name);
        }
        RootBeanDefinition routing = new RootBeanDefinition(RoutingDataSource.class,
                () -> new RoutingDataSource(beans.getBean(DatabaseRouter.BEAN_NAME, DatabaseRouter.class)));
        routing.setPrimary(true);
        registry.registerBeanDefinition(name, routing);
    }

    private static String replaced(ConfigurableListableBeanFactory beans) {
        String[] names = beans.getBeanNamesForType(DataSource.class, true, false);
        if (names.length == 0) {
            return "dataSource";
        }
        if (names.length == 1) {
            return names[0];
        }
        String[] primary = Arrays.stream(names).filter(n -> definition(beans, n).isPrimary()).toArray(String[]::new);
        if (primary.length == 1) {
            return primary[0];
        }
        throw new IllegalStateException("@AutoConfigurePgdbmDatabase replaces the application's DataSource, but the"
                + " context has " + names.length + " DataSource beans " + Arrays.toString(names) + " and "
                + (primary.length == 0 ? "none" : primary.length) + " of them primary; mark the one to replace @Primary");
    }

    private static BeanDefinition definition(ConfigurableListableBeanFactory beans, String name) {
        return beans.getBeanDefinition(name);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // everything happens in postProcessBeanDefinitionRegistry
    }
}
