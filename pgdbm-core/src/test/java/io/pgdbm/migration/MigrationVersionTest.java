package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationVersionTest {

    private static MigrationVersion v(String filename) {
        return MigrationVersion.ofFilename(filename);
    }

    @Test
    void readsNumberedFlywayAndTimestampNames() {
        assertThat(v("001_initial.sql").parts()).containsExactly(BigInteger.ONE);
        assertThat(v("V10__orders.sql").parts()).containsExactly(BigInteger.TEN);
        assertThat(v("20240101_120000_users.sql")).hasToString("20240101.120000");
        assertThat(v("20240126120000_x.sql")).hasToString("20240126120000");
        assertThat(v("V1_1__fix.sql")).isEqualTo(v("V1.1__fix.sql")).hasToString("1.1");
        assertThat(v("123456789012345678901234567890_huge.sql").isNumeric()).isTrue();
    }

    @Test
    void namesWithoutANumberAreNotNumeric() {
        assertThat(v("seed_data.sql").isNumeric()).isFalse();
        assertThat(v("v1__lower.sql").isNumeric()).isFalse();
        assertThat(v("V1_single_underscore.sql").isNumeric()).isFalse();
        assertThat(v("001-dash.sql").isNumeric()).isFalse();
        assertThat(v("my.file.sql")).hasToString("my");
    }

    @Test
    void ordersNumericallyPrefixFirstAndNamesLast() {
        List<MigrationVersion> versions = new ArrayList<>(List.of(v("zeta.sql"), v("V10__x.sql"), v("002_x.sql"),
                v("V1_1__x.sql"), v("001_x.sql"), v("alpha.sql"), v("V9__x.sql")));
        versions.sort(null);
        assertThat(versions).extracting(MigrationVersion::toString)
                .containsExactly("1", "1.1", "2", "9", "10", "alpha", "zeta");
    }

    @Test
    void parsesWhatUsersTypeForTargetAndBaseline() {
        assertThat(MigrationVersion.parse("3")).isEqualTo(v("003_x.sql")).isEqualTo(v("V3__x.sql"));
        assertThat(MigrationVersion.parse("V3")).isEqualTo(MigrationVersion.parse("003"));
        assertThat(MigrationVersion.parse("20240101_120000")).isEqualTo(v("20240101_120000_a.sql"));
        assertThat(MigrationVersion.parse("1.1")).isEqualByComparingTo(v("V1_1__a.sql"));
        assertThatThrownBy(() -> MigrationVersion.parse("latest")).isInstanceOf(MigrationException.class)
                .hasMessageContaining("'latest'").hasMessageContaining("003_add_index.sql");
    }

    @Test
    void theOriginalsVersionStringIsKeptForMigrationVersion() {
        assertThat(Migration.of("20240101_120000_name.sql", "x").version()).isEqualTo("20240101");
        assertThat(Migration.of("20240101_120000_name.sql", "x").orderVersion()).hasToString("20240101.120000");
        assertThat(Migration.of("V1_1__x.sql", "x").version()).isEqualTo("V1_1__x");
    }

    @Test
    void nextFileNameAlwaysSortsAfterEveryNumberedFile() {
        assertThat(MigrationManager.nextFilename(List.of(), "a")).isEqualTo("001_a.sql");
        assertThat(MigrationManager.nextFilename(List.of(Migration.of("0041_x.sql", "x")), "a")).isEqualTo("0042_a.sql");
        assertThat(MigrationManager.nextFilename(List.of(Migration.of("V1_5__x.sql", "x")), "a")).isEqualTo("V2__a.sql");
        assertThat(MigrationManager.nextFilename(List.of(Migration.of("V1.1__x.sql", "x"), Migration.of("001_y.sql", "x")), "a"))
                .isEqualTo("V2__a.sql");
        assertThat(MigrationManager.nextFilename(List.of(Migration.of("20240101_120000_x.sql", "x")), "a"))
                .isEqualTo("20240102_a.sql");
        assertThat(MigrationManager.nextFilename(List.of(Migration.of("999_x.sql", "x"), Migration.of("seed.sql", "x")), "a"))
                .isEqualTo("1000_a.sql");
        for (List<Migration> files : List.of(List.of(Migration.of("V1_5__x.sql", "x")),
                List.of(Migration.of("V1.1__x.sql", "x")), List.of(Migration.of("20240101_235959_x.sql", "x")),
                List.of(Migration.of("9_x.sql", "x"), Migration.of("V10__y.sql", "x")))) {
            Migration next = Migration.of(MigrationManager.nextFilename(files, "next"), "x");
            List<Migration> all = new ArrayList<>(files);
            all.add(next);
            assertThat(MigrationOrder.sort(all, "dir")).last().isEqualTo(next);
        }
    }
}
