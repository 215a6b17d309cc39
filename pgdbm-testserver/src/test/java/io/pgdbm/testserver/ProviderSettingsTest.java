package io.pgdbm.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {

    @Test
    void defaultsToAutoWithTestFriendlyValues() {
        ProviderSettings settings = ProviderSettings.builder().build();

        assertThat(settings.provider()).isEqualTo(ServerProvider.AUTO);
        assertThat(settings.url()).isEmpty();
        assertThat(settings.dockerImage()).isEqualTo("postgres:15-alpine");
        assertThat(settings.localUser()).isEqualTo("postgres");
        assertThat(settings.maxConnections()).isEqualTo(300);
    }

    @Test
    void lookupWinsOverSystemProperties() {
        System.setProperty("pgdbm.test.docker.image", "postgres:16");
        try {
            Map<String, String> params = Map.of("pgdbm.test.provider", "embedded",
                    "pgdbm.test.local.bindir", "/opt/pg/bin");

            ProviderSettings settings = ProviderSettings.from(key -> Optional.ofNullable(params.get(key)));

            assertThat(settings.provider()).isEqualTo(ServerProvider.EMBEDDED);
            assertThat(settings.localBinDir()).contains(Path.of("/opt/pg/bin"));
            assertThat(settings.dockerImage()).isEqualTo("postgres:16");
        } finally {
            System.clearProperty("pgdbm.test.docker.image");
        }
    }

    @Test
    void readsTheReuseSettings() {
        Map<String, String> params = Map.of("pgdbm.test.reuse", "true", "pgdbm.test.reuse.idle.minutes", "0.5",
                "pgdbm.test.cache.dir", "/var/tmp/pgdbm", "pgdbm.test.initdb.cache", "false");

        ProviderSettings settings = ProviderSettings.from(key -> Optional.ofNullable(params.get(key)));

        assertThat(settings.reuse()).isTrue();
        assertThat(settings.reuseIdle()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(settings.cacheDir()).contains(Path.of("/var/tmp/pgdbm"));
        assertThat(settings.initdbCache()).isFalse();
        ProviderSettings defaults = ProviderSettings.builder().build();
        assertThat(defaults.reuse()).isFalse();
        assertThat(defaults.reuseIdle()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(defaults.initdbCache()).isTrue();
        assertThatThrownBy(() -> ProviderSettings.from(key -> key.equals("pgdbm.test.reuse.idle.minutes")
                ? Optional.of("soon") : Optional.empty()))
                .hasMessageContaining("pgdbm.test.reuse.idle.minutes").hasMessageContaining("'soon'");
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertThat(ProviderSettings.environmentName("pgdbm.test.local.bindir")).isEqualTo("PGDBM_TEST_LOCAL_BINDIR");
    }

    @Test
    void buildNamesTheBadField() {
        assertThatThrownBy(() -> ServerProvider.parse("podman"))
                .hasMessageContaining("provider 'podman'").hasMessageContaining("pgdbm.test.provider");
        assertThatThrownBy(() -> ProviderSettings.builder().provider(ServerProvider.URL).build())
                .hasMessageContaining("pgdbm.test.url");
        assertThatThrownBy(() -> ProviderSettings.builder().serverSetting("fsync; rm", "off").build())
                .hasMessageContaining("serverSettings");
        assertThatThrownBy(() -> ProviderSettings.builder().maxConnections(0).build())
                .hasMessageContaining("maxConnections");
    }

    @Test
    void refusesServerSettingsThatWouldInjectFurtherOptions() {
        assertThatThrownBy(() -> ProviderSettings.builder().serverSetting("work_mem", "64MB\tfsync=on").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("work_mem")
                .hasMessageContaining("control character").hasMessageNotContaining("fsync");
        assertThatThrownBy(() -> ProviderSettings.builder().serverSetting("work_mem", "64MB\rssl=off").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("ssl=off");
        assertThatThrownBy(() -> ProviderSettings.builder().serverSetting("work_mem -c fsync", "on").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setting name");
        assertThat(ProviderSettings.builder().serverSetting("log_min_messages", "warning").build().serverSettings())
                .containsEntry("log_min_messages", "warning");
    }
}
