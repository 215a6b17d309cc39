package io.pgdbm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TypeMapperCacheTest {
    record Pair(int a, String b) {
    }

    private static Columns columnsOf(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            return Columns.of(rs);
        }
    }

    @Test
    void theReflectiveMapperIsBuiltOncePerTypeAndColumns() throws Exception {
        try (TestDatabase database = TestDatabase.create("mappercache"); Connection c = database.rawConnection();
                Statement st = c.createStatement()) {
            TypeMapper<Pair> first = TypeMapper.forType(Pair.class, columnsOf(st, "SELECT 1 AS a, 'x' AS b"));
            TypeMapper<Pair> again = TypeMapper.forType(Pair.class, columnsOf(st, "SELECT 2 AS a, 'y' AS b"));
            TypeMapper<Pair> reordered = TypeMapper.forType(Pair.class, columnsOf(st, "SELECT 'y' AS b, 2 AS a"));
            assertThat(again).isSameAs(first);
            assertThat(reordered).isNotSameAs(first);
            assertThat(reordered.map(new Object[] {"y", 2})).isEqualTo(new Pair(2, "y"));
            // same labels, but b is now json: another shape, another mapper
            assertThat(TypeMapper.forType(Pair.class, columnsOf(st, "SELECT 1 AS a, '\"x\"'::jsonb AS b"))).isNotSameAs(first);
        }
    }
}
