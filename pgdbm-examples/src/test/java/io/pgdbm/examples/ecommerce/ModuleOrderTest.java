package io.pgdbm.examples.ecommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleOrderTest {

    @Test
    void putsDependenciesFirstAndKeepsDeclarationOrderOtherwise() {
        assertThat(ModuleOrder.resolve(EcommercePlatform.MODULES))
                .containsExactly("users", "catalog", "orders", "search", "service_registry", "analytics");
    }

    @Test
    void reportsACycleWithItsPath() {
        Map<String, List<String>> cyclic = new LinkedHashMap<>();
        cyclic.put("a", List.of("b"));
        cyclic.put("b", List.of("c"));
        cyclic.put("c", List.of("a"));
        assertThatThrownBy(() -> ModuleOrder.resolve(cyclic)).hasMessage("module dependency cycle: a -> b -> c -> a");
    }

    @Test
    void reportsAnUnknownDependency() {
        assertThatThrownBy(() -> ModuleOrder.resolve(Map.of("a", List.of("ghost")))).hasMessageContaining("unknown module 'ghost'");
    }
}
