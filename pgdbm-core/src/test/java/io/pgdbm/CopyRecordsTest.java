package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CopyRecordsTest {
    private static TestDatabase database;
    private static DatabaseConfig config;
    private static SharedPool pool;
    private static DatabaseManager db;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("copy");
        config = database.config();
        pool = SharedPool.create(config.toBuilder().minConnections(0).maxConnections(3).build());
        db = new DatabaseManager(pool, "bulk");
        db.execute("CREATE SCHEMA IF NOT EXISTS {{schema}}");
    }

    @AfterAll
    static void stop() {
        pool.close();
        database.close();
    }

    @BeforeEach
    void table() {
        db.execute("DROP TABLE IF EXISTS {{tables.things}}; CREATE TABLE {{tables.things}} (id int, t text, b bytea, "
                + "n numeric, ts timestamptz, lts timestamp, d date, u uuid, tags text[], ok boolean, j jsonb)");
    }

    @Test
    void awkwardValuesRoundTripExactly() {
        String awkward = "tab\there\nnewline\r\\backslash \\N 'quote' \"dq\" ünïcødé 🐘 {braces},comma";
        byte[] bytes = {0, 1, (byte) 0xff, '\\', '\t', '\n'};
        Instant ts = Instant.parse("2024-01-02T03:04:05.678901Z");
        LocalDateTime lts = LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_999_000);
        UUID u = UUID.randomUUID();
        String[] tags = {"a,b", "c\"d", "e\\f", null, "NULL", "", "tab\tx"};
        List<Object[]> rows = List.of(
                new Object[] {1, awkward, bytes, new BigDecimal("-12345.678900"), ts, lts, LocalDate.of(2000, 2, 29), u, tags, true, "{\"k\": \"v\\n\"}"},
                new Object[] {2, null, null, null, null, null, null, null, null, null, null},
                new Object[] {3, "", new byte[0], BigDecimal.ZERO, ts, lts, LocalDate.MIN.withYear(1), u, new String[0], false, "[]"});
        long copied = db.copyRecords("things", List.of("id", "t", "b", "n", "ts", "lts", "d", "u", "tags", "ok", "j"), rows);
        assertThat(copied).isEqualTo(3);

        Row first = db.fetchOne("SELECT * FROM {{tables.things}} WHERE id = 1").orElseThrow();
        assertThat(first.getString("t")).isEqualTo(awkward);
        assertThat((byte[]) first.get("b")).containsExactly(bytes);
        assertThat(first.getBigDecimal("n")).isEqualTo(new BigDecimal("-12345.678900"));
        assertThat(first.getInstant("ts")).isEqualTo(ts);
        assertThat(first.get("lts")).isEqualTo(lts);
        assertThat(first.get("d")).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThat(first.get("u")).isEqualTo(u);
        assertThat(Arrays.asList((Object[]) first.get("tags"))).containsExactly((Object[]) tags);
        assertThat(first.getBoolean("ok")).isTrue();
        assertThat(first.getString("j")).isEqualTo("{\"k\": \"v\\n\"}");

        Row second = db.fetchOne("SELECT * FROM {{tables.things}} WHERE id = 2").orElseThrow();
        assertThat(second.values()).containsOnly(2, null);
        Row third = db.fetchOne("SELECT * FROM {{tables.things}} WHERE id = 3").orElseThrow();
        assertThat(third.getString("t")).isEmpty();
        assertThat((byte[]) third.get("b")).isEmpty();
    }

    @Test
    void streamsRowsFromAnIterableWithoutHoldingThem() {
        Iterable<Object[]> generated = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 50_000;
            }

            @Override
            public Object[] next() {
                i++;
                return new Object[] {i, "row " + i};
            }
        };
        assertThat(db.copyRecords("things", List.of("id", "t"), generated)).isEqualTo(50_000);
        assertThat(db.fetchValue(Long.class, "SELECT sum(id) FROM {{tables.things}}")).isEqualTo(50_000L * 50_001 / 2);
    }

    @Test
    void aBadRowCancelsTheCopyAndLoadsNothing() {
        List<Object> rows = new ArrayList<>();
        rows.add(new Object[] {1, "ok"});
        rows.add(new Object[] {2});
        assertThatThrownBy(() -> db.copyRecords("things", List.of("id", "t"), rows)).isInstanceOf(QueryException.class)
                .hasMessageContaining("1 values but 2 columns");
        assertThatThrownBy(() -> db.copyRecords("things", List.of("id"), List.<Object[]>of(new Object[] {"not a number"})))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("22P02"));
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.things}}")).isZero();
    }

    @Test
    void copiesIntoTheManagersSchemaOnly() {
        DatabaseManager other = new DatabaseManager(pool, "public");
        other.execute("CREATE TABLE IF NOT EXISTS {{tables.things}} (id int)");
        db.copyRecords("things", List.of("id"), List.of(List.of(7)));
        assertThat(other.fetchValue(Long.class, "SELECT count(*) FROM {{tables.things}}")).isZero();
        assertThat(db.fetchValue(Integer.class, "SELECT id FROM {{tables.things}}")).isEqualTo(7);
    }
}
