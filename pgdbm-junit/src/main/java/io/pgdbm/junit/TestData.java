package io.pgdbm.junit;

import io.pgdbm.DatabaseManager;
import io.pgdbm.Row;
import io.pgdbm.internal.Identifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test data helpers: fixtures from SQL and JSON files, table snapshots, row counts and truncation.
 *
 * <pre>{@code
 * TestData.loadFixtures(db, "classpath:fixtures/users.json");   // {"{{tables.users}}": [{"email": "a@x.io"}]}
 * assertThat(TestData.countRows(db, "users")).isEqualTo(1);
 * TableSnapshot before = TestData.snapshotTable(db, "users", "id");
 * TestData.assertTableUnchanged(db, before);
 * TestData.truncate(db, "users");
 * }</pre>
 *
 * <p>Table names are {@code {{tables.x}}} placeholders, plain identifiers ({@code users}: in the manager's schema)
 * or {@code schema.table}; anything else is refused, so a table name never smuggles SQL in. Thread-safe.
 */
public final class TestData {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{tables\\.[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)?}}");
    private static final String CLASSPATH = "classpath:";

    private TestData() {
    }

    /**
     * Loads a fixture file or every {@code *.sql} and {@code *.json} file of a directory (not recursive, by name).
     * A {@code .sql} file runs as one templated script; a {@code .json} file is {@code {"table": [{"column": value}]}},
     * tables inserted in file order, each value converted by PostgreSQL to the column's type (timestamps as ISO
     * strings, {@code jsonb} as nested JSON, arrays as JSON arrays); a column missing from a row gets NULL.
     *
     * @param location a file or directory path, or {@code classpath:path}
     * @return per JSON table the rows inserted, and per SQL file (by name without {@code .sql}) {@code -1}, in load
     *         order; tables with no rows are left out
     */
    public static Map<String, Integer> loadFixtures(DatabaseManager db, String location) {
        Objects.requireNonNull(db, "db");
        Path path = resolve(Objects.requireNonNull(location, "location"));
        List<Path> files;
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(p -> p.getFileName().toString().matches(".*\\.(sql|json)$"))
                            .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
                }
            } else {
                files = List.of(path);
            }
            Map<String, Integer> loaded = new LinkedHashMap<>();
            for (Path f : files) {
                String name = f.getFileName().toString();
                String content = Files.readString(f, StandardCharsets.UTF_8);
                if (name.endsWith(".sql")) {
                    db.execute(content);
                    loaded.put(name.substring(0, name.length() - 4), -1);
                } else if (name.endsWith(".json")) {
                    loaded.putAll(loadJson(db, content, name));
                }
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read fixtures at " + location + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Integer> loadJson(DatabaseManager db, String json, String file) {
        Map<String, Integer> loaded = new LinkedHashMap<>();
        List<Row> tables;
        try {
            tables = db.fetchAll("SELECT key, value::text AS rows, json_typeof(value) AS kind FROM json_each($1::json)"
                    + " WITH ORDINALITY ORDER BY ordinality", json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Fixture " + file + " is not a JSON object of tables to row lists: "
                    + e.getMessage(), e);
        }
        for (Row t : tables) {
            String key = t.getString("key");
            if (!"array".equals(t.getString("kind"))) {
                throw new IllegalArgumentException("Fixture " + file + ": the value of \"" + key + "\" must be a list of"
                        + " row objects, was a JSON " + t.getString("kind"));
            }
            String rows = t.getString("rows");
            List<String> columns = db.fetchAll(String.class, "SELECT k FROM (SELECT k, min(e.n * 10000 + o.n) AS first"
                    + " FROM json_array_elements($1::json) WITH ORDINALITY e(r, n), json_object_keys(e.r) WITH ORDINALITY"
                    + " o(k, n) GROUP BY k) c ORDER BY first", rows);
            if (columns.isEmpty()) {
                continue;
            }
            columns.forEach(c -> Identifiers.require(c, "column"));
            String table = table(db, key);
            String list = columns.stream().map(c -> Identifiers.quote(c, "column")).collect(Collectors.joining(", "));
            long n = db.execute("INSERT INTO " + table + " (" + list + ") SELECT " + list
                    + " FROM json_populate_recordset(NULL::" + table + ", $1::json)", rows);
            loaded.put(key, (int) n);
        }
        return loaded;
    }

    /** All rows of {@code table}, compared later as a multiset. */
    public static TableSnapshot snapshotTable(DatabaseManager db, String table) {
        return snapshotTable(db, table, null);
    }

    /**
     * The rows of {@code table} in {@code orderBy} order (comma-separated column names, each optionally followed by
     * {@code ASC}/{@code DESC}); {@code null} compares as a multiset.
     */
    public static TableSnapshot snapshotTable(DatabaseManager db, String table, String orderBy) {
        Objects.requireNonNull(db, "db");
        return snapshot(db, table(db, table), orderBy);
    }

    private static TableSnapshot snapshot(DatabaseManager db, String rendered, String orderBy) {
        String order = orderBy == null ? "" : " ORDER BY " + orderBy(orderBy);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : db.fetchAll("SELECT * FROM " + rendered + order)) {
            Map<String, Object> row = new LinkedHashMap<>();
            r.forEach((k, v) -> row.put(k, normalize(v)));
            rows.add(row);
        }
        return new TableSnapshot(rendered, orderBy, rows);
    }

    /**
     * Fails when the table's rows now differ from {@code before}, listing (up to five) added and removed rows.
     *
     * @throws AssertionError {@code Table 'users' has changed! Added rows: 1 ... Removed rows: 0}
     */
    public static void assertTableUnchanged(DatabaseManager db, TableSnapshot before) {
        Objects.requireNonNull(before, "before");
        TableSnapshot now = snapshot(db, before.table(), before.orderBy());
        if (now.rows().equals(before.rows())) {
            return;
        }
        List<Map<String, Object>> added = difference(now.rows(), before.rows());
        List<Map<String, Object>> removed = difference(before.rows(), now.rows());
        if (before.orderBy() == null && added.isEmpty() && removed.isEmpty()) {
            return; // the same multiset of rows, read in another physical order
        }
        StringBuilder m = new StringBuilder("Table '").append(before.table()).append("' has changed!\nAdded rows: ")
                .append(added.size()).append(sample(added)).append("\nRemoved rows: ").append(removed.size())
                .append(sample(removed));
        if (added.isEmpty() && removed.isEmpty()) {
            m.append("\nThe same rows are in another order (ORDER BY ").append(before.orderBy()).append(")");
        }
        throw new AssertionError(m.toString());
    }

    /** The number of rows of {@code table}. */
    public static long countRows(DatabaseManager db, String table) {
        return countRows(db, table, null);
    }

    /** The number of rows of {@code table} matching {@code where} (SQL with {@code $1}-style parameters), if given. */
    public static long countRows(DatabaseManager db, String table, String where, Object... args) {
        Objects.requireNonNull(db, "db");
        String sql = "SELECT count(*) FROM " + table(db, table) + (where == null ? "" : " WHERE " + where);
        return db.fetchValue(Long.class, sql, args);
    }

    /** {@code TRUNCATE} the tables and restart their sequences; fails when another table references them. */
    public static void truncate(DatabaseManager db, String... tables) {
        truncate(db, false, tables);
    }

    /** {@code TRUNCATE ... RESTART IDENTITY CASCADE}: also empties every table referencing these. */
    public static void truncateCascade(DatabaseManager db, String... tables) {
        truncate(db, true, tables);
    }

    private static void truncate(DatabaseManager db, boolean cascade, String... tables) {
        Objects.requireNonNull(db, "db");
        if (tables.length == 0) {
            throw new IllegalArgumentException("truncate needs at least one table");
        }
        String list = Stream.of(tables).map(t -> table(db, t)).collect(Collectors.joining(", "));
        db.execute("TRUNCATE TABLE " + list + " RESTART IDENTITY" + (cascade ? " CASCADE" : ""));
    }

    /** {@code {{tables.x}}}, {@code x} (in the manager's schema) or {@code s.x}, rendered; anything else is refused. */
    static String table(DatabaseManager db, String table) {
        Objects.requireNonNull(table, "table");
        String t = table.trim();
        if (PLACEHOLDER.matcher(t).matches()) {
            return db.prepareQuery(t);
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length == 1 && Identifiers.isValid(parts[0])) {
            return db.prepareQuery("{{tables." + parts[0] + "}}");
        }
        if (parts.length == 2 && Identifiers.isValid(parts[0]) && Identifiers.isValid(parts[1])) {
            return Identifiers.quote(parts[0], "schema") + "." + Identifiers.quote(parts[1], "table");
        }
        throw new IllegalArgumentException("Invalid table '" + table + "': use {{tables.name}}, name or schema.name"
                + " (letters, digits and _, not starting with a digit)");
    }

    private static String orderBy(String orderBy) {
        List<String> parts = new ArrayList<>();
        for (String item : orderBy.split(",")) {
            String[] words = item.trim().split("\\s+");
            if (words.length > 2 || !Identifiers.isValid(words[0])
                    || (words.length == 2 && !words[1].matches("(?i)asc|desc"))) {
                throw new IllegalArgumentException("Invalid orderBy '" + orderBy + "': comma-separated column names,"
                        + " each optionally followed by ASC or DESC");
            }
            parts.add(Identifiers.quote(words[0], "column") + (words.length == 2 ? " " + words[1] : ""));
        }
        return String.join(", ", parts);
    }

    private static Object normalize(Object v) {
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
        }
        if (v instanceof byte[] b) {
            return "\\x" + HexFormat.of().formatHex(b);
        }
        if (v != null && v.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                list.add(normalize(Array.get(v, i)));
            }
            return list;
        }
        return v;
    }

    private static List<Map<String, Object>> difference(List<Map<String, Object>> a, List<Map<String, Object>> b) {
        Map<Map<String, Object>, Integer> remaining = new HashMap<>();
        b.forEach(r -> remaining.merge(r, 1, Integer::sum));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : a) {
            if (remaining.getOrDefault(r, 0) > 0) {
                remaining.merge(r, -1, Integer::sum);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static String sample(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        return rows.stream().limit(5).map(Object::toString).collect(Collectors.joining("\n  ", "\n  ", ""))
                + (rows.size() > 5 ? "\n  ... and " + (rows.size() - 5) + " more" : "");
    }

    /** A file path, or {@code classpath:} resource (a file or a directory, also inside a jar). */
    static Path resolve(String location) {
        if (!location.startsWith(CLASSPATH)) {
            Path p = Path.of(location);
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("Fixtures path does not exist: " + location);
            }
            return p;
        }
        String resource = location.substring(CLASSPATH.length()).replaceAll("^/+", "");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = (loader != null ? loader : TestData.class.getClassLoader()).getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("Fixtures path does not exist: " + location + " is not on the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened before: Path.of finds it
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalArgumentException("Cannot read fixtures at " + location + ": " + e.getMessage(), e);
        }
    }
}
