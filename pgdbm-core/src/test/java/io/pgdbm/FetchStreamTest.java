package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FetchStreamTest {
    private static TestDatabase database;
    private static DatabaseManager db;

    record Item(int id, String label) {
    }

    @BeforeAll
    static void start() {
        database = TestDatabase.create("stream");
        db = new DatabaseManager(database.config().toBuilder().schema("app").minConnections(1).maxConnections(3).build());
        db.connect();
        db.execute("CREATE TABLE {{tables.items}} (id int PRIMARY KEY, label text);"
                + "INSERT INTO {{tables.items}} SELECT g, 'item ' || g FROM generate_series(1, 2500) g");
    }

    @AfterAll
    static void stop() {
        db.close();
        database.close();
    }

    @Test
    void streamsRowsRecordsAndMappedValuesInOrder() {
        try (Stream<Row> rows = db.fetchStream("SELECT id, label FROM {{tables.items}} WHERE id > $1 ORDER BY id", 2490)) {
            assertThat(rows.map(r -> r.getInt("id"))).containsExactly(2491, 2492, 2493, 2494, 2495, 2496, 2497, 2498, 2499, 2500);
        }
        try (Stream<Item> items = db.fetchStream(Item.class, "SELECT id, label FROM {{tables.items}} ORDER BY id")) {
            List<Item> all = items.collect(Collectors.toList());
            assertThat(all).hasSize(2500).startsWith(new Item(1, "item 1")).endsWith(new Item(2500, "item 2500"));
        }
        try (Stream<String> labels = db.fetchStream(row -> row.getString("label").toUpperCase(),
                "SELECT label FROM {{tables.items}} WHERE id <= :max ORDER BY id", Params.of("max", 2))) {
            assertThat(labels).containsExactly("ITEM 1", "ITEM 2");
        }
        assertThat(db.poolStats().active()).isZero();
    }

    @Test
    void holdsOneConnectionUntilClosedAndReadsThroughAServerSideCursor() {
        Stream<Row> rows = db.fetchStream("SELECT id FROM {{tables.items}} ORDER BY id");
        Iterator<Row> it = rows.iterator();
        assertThat(it.next().getInt("id")).isEqualTo(1);
        assertThat(db.poolStats().active()).isEqualTo(1);
        // the server holds an open portal for the statement: the rows are fetched in batches, not all at once
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state = 'idle in transaction'")).isEqualTo(1L);
        rows.close();
        rows.close();
        assertThat(db.poolStats().active()).isZero();
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state = 'idle in transaction'")).isZero();
    }

    @Test
    void releasesTheConnectionAtTheEndOfTheRowsEvenWithoutClose() {
        @SuppressWarnings("resource")
        long n = db.fetchStream("SELECT id FROM {{tables.items}}").count();
        assertThat(n).isEqualTo(2500);
        assertThat(db.poolStats().active()).isZero();
        assertThat(db.fetchValue(Boolean.class, "SELECT true")).isTrue(); // the connection went back in autocommit
    }

    @Test
    void insideATransactionStreamsOnTheTransactionsConnectionAndSeesItsWork() {
        int seen = db.transaction(tx -> {
            tx.execute("INSERT INTO {{tables.items}} VALUES (9999, 'uncommitted')");
            try (Stream<Item> items = tx.fetchStream(Item.class, "SELECT id, label FROM {{tables.items}} WHERE id > 2500")) {
                List<Item> list = items.toList();
                assertThat(list).containsExactly(new Item(9999, "uncommitted"));
            }
            tx.execute("DELETE FROM {{tables.items}} WHERE id = 9999");
            return db.poolStats().active();
        });
        assertThat(seen).isEqualTo(1);
    }

    @Test
    void aServerErrorIsAQueryExceptionAndReleasesTheConnection() {
        assertThatThrownBy(() -> db.fetchStream("SELECT * FROM {{tables.missing}}"))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("42P01"));
        try (Stream<Row> rows = db.fetchStream("SELECT 10 / (g - 1500) FROM generate_series(1, 3000) g")) {
            assertThatThrownBy(() -> rows.forEach(r -> { }))
                    .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("22012"));
        }
        assertThat(db.poolStats().active()).isZero();
    }

    @Test
    void aMapperFailureReleasesTheConnection() {
        try (Stream<Item> items = db.fetchStream(Item.class, "SELECT NULL::int AS id, label FROM {{tables.items}}")) {
            assertThatThrownBy(() -> items.forEach(i -> { })).isInstanceOf(MappingException.class);
        }
        try (Stream<Row> rows = db.fetchStream("SELECT id FROM {{tables.items}}")) {
            assertThatThrownBy(() -> rows.forEach(r -> r.getString("nope"))).isInstanceOf(MappingException.class);
        }
        assertThat(db.poolStats().active()).isZero();
    }

    /**
     * Five million rows through one stream: the live heap, measured after a GC every 500,000 rows, stays flat
     * (a list of these rows would need several hundred MiB).
     */
    @Test
    void streamsFiveMillionRowsWithAFlatHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Long> liveHeap = new ArrayList<>();
        long[] count = {0};
        long[] sum = {0};
        try (Stream<Row> rows = db.fetchStream("SELECT g AS id, 'row number ' || g AS label FROM generate_series(1, 5000000) g")) {
            rows.forEach(row -> {
                sum[0] += row.getInt("id");
                if (++count[0] % 500_000 == 0) {
                    memory.gc();
                    liveHeap.add(memory.getHeapMemoryUsage().getUsed());
                }
            });
        }
        assertThat(count[0]).isEqualTo(5_000_000);
        assertThat(sum[0]).isEqualTo(5_000_000L * 5_000_001L / 2);
        long first = liveHeap.get(0);
        long max = liveHeap.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(max - first).as("live heap growth over the stream, bytes; samples %s", liveHeap).isLessThan(16L << 20);
    }
}
