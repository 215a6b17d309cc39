package io.pgdbm.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.core.Oid;
import org.postgresql.jdbc.PgResultSet;
import org.postgresql.util.PGobject;

/**
 * How values travel between Java and PostgreSQL. Reading: {@code timestamp} → {@link LocalDateTime},
 * {@code timestamptz} → {@link OffsetDateTime} (UTC), {@code date} → {@link LocalDate}, {@code time} →
 * {@link LocalTime}, {@code json}/{@code jsonb} and other driver objects → {@link String}, arrays → Java arrays
 * ({@code Integer[]}, {@code String[]}, ...), the rest as the driver returns it ({@code Long}, {@code BigDecimal},
 * {@code UUID}, {@code byte[]}, ...). Binding: {@link Instant} as {@code timestamptz}, a {@link Collection} or
 * {@code Object[]} as an array of its elements' type, an enum by its name, everything else through the driver's
 * {@code setObject} (strings are sent untyped, so a {@code String} binds to {@code jsonb}, {@code uuid}, ...).
 */
public final class Columns {
    private final String[] labels;
    private final Map<String, Integer> index;
    private final int[] kinds;

    private static final int PLAIN = 0;
    private static final int TIMESTAMP = 1;
    private static final int TIMESTAMPTZ = 2;
    private static final int DATE = 3;
    private static final int TIME = 4;
    private static final int TIMETZ = 5;
    private static final int ARRAY = 6;
    private static final int PGOBJECT = 7;

    private static final int JSON = 8;
    private static final int INT = 9;
    private static final int LONG = 10;
    private static final int STRING = 11;
    private static final int BOOL = 12;
    private static final int DOUBLE = 13;
    private static final int FLOAT = 14;
    private static final int NUMERIC = 15;

    /** The type OID of each column, or -1 when the driver did not give it. */
    private final int[] oids;

    private Columns(String[] labels, Map<String, Integer> index, int[] kinds, int[] oids) {
        this.labels = labels;
        this.index = index;
        this.kinds = kinds;
        this.oids = oids;
    }

    /**
     * {@code previous} when {@code rs} has the same labels and type OIDs (the common case: the same SQL run again),
     * else {@link #of(ResultSet)}. Comparing is cheaper than describing: no map is built.
     */
    public static Columns of(ResultSet rs, Columns previous) throws SQLException {
        if (previous != null && previous.oids.length > 0 && previous.oids[0] >= 0) {
            ResultSetMetaData md = rs.getMetaData();
            PgResultSet pg = rs.isWrapperFor(PgResultSet.class) ? rs.unwrap(PgResultSet.class) : null;
            if (pg != null && md.getColumnCount() == previous.labels.length) {
                boolean same = true;
                for (int i = 0; i < previous.labels.length && same; i++) {
                    same = previous.oids[i] == pg.getColumnOID(i + 1) && previous.labels[i].equals(md.getColumnLabel(i + 1));
                }
                if (same) {
                    return previous;
                }
            }
        }
        return of(rs);
    }

    /** What a result looks like (labels and how each column is read), for caching mappers per query shape. */
    public static final class Shape {
        private final String[] labels;
        private final int[] kinds;
        private final int hash;

        private Shape(String[] labels, int[] kinds) {
            this.labels = labels;
            this.kinds = kinds;
            this.hash = 31 * Arrays.hashCode(labels) + Arrays.hashCode(kinds);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && hash == s.hash && Arrays.equals(labels, s.labels) && Arrays.equals(kinds, s.kinds);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    public Shape shape() {
        return new Shape(labels, kinds);
    }

    /** Whether column {@code i} (0-based) is {@code json} or {@code jsonb}; it is read as its text. */
    public boolean isJson(int i) {
        return kinds[i] == JSON;
    }

    /** The 0-based position of a column, or -1. */
    public int position(String label) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
    }

    /**
     * Describes a result set's columns once; fails on duplicate labels, naming them. Column types come from the
     * type OIDs PostgreSQL sent with the rows: {@code getColumnTypeName} would look each column up in the catalog
     * (PgJDBC checks whether it is a serial), a cost paid on every query.
     */
    public static Columns of(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        PgResultSet pg = rs.isWrapperFor(PgResultSet.class) ? rs.unwrap(PgResultSet.class) : null;
        int n = md.getColumnCount();
        String[] labels = new String[n];
        int[] kinds = new int[n];
        int[] oids = new int[n];
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            labels[i] = md.getColumnLabel(i + 1);
            Integer previous = index.putIfAbsent(labels[i], i);
            if (previous != null) {
                throw new DuplicateColumnException(labels[i], previous + 1, i + 1);
            }
            oids[i] = pg == null ? -1 : pg.getColumnOID(i + 1);
            int known = pg == null ? -1 : kindOf(oids[i]);
            kinds[i] = known >= 0 ? known : kind(md.getColumnType(i + 1), md.getColumnTypeName(i + 1));
        }
        return new Columns(labels, Collections.unmodifiableMap(index), kinds, oids);
    }

    /** The kind of a built-in type by its OID, or -1 to ask the driver. */
    private static int kindOf(int oid) {
        switch (oid) {
            case Oid.INT4:
            case Oid.INT2:
                return INT; // an Integer either way, as the driver's getObject gives
            case Oid.BOOL:
                return BOOL;
            case Oid.FLOAT8:
                return DOUBLE;
            case Oid.FLOAT4:
                return FLOAT;
            case Oid.NUMERIC:
                return NUMERIC;
            case Oid.INT8:
                return LONG;
            case Oid.TEXT:
            case Oid.VARCHAR:
                return STRING;
            case Oid.UUID:
            case Oid.BYTEA:
            case Oid.BPCHAR:
                return PLAIN;
            case Oid.TIMESTAMP:
                return TIMESTAMP;
            case Oid.TIMESTAMPTZ:
                return TIMESTAMPTZ;
            case Oid.DATE:
                return DATE;
            case Oid.TIME:
                return TIME;
            case Oid.TIMETZ:
                return TIMETZ;
            case Oid.JSON:
            case Oid.JSONB:
                return JSON;
            default:
                return -1;
        }
    }

    private static int kind(int sqlType, String typeName) {
        switch (sqlType) {
            case Types.TIMESTAMP:
                return "timestamptz".equals(typeName) ? TIMESTAMPTZ : TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return TIMESTAMPTZ;
            case Types.DATE:
                return DATE;
            case Types.TIME:
                return "timetz".equals(typeName) ? TIMETZ : TIME;
            case Types.TIME_WITH_TIMEZONE:
                return TIMETZ;
            case Types.ARRAY:
                return ARRAY;
            case Types.OTHER:
            case Types.STRUCT:
            case Types.DISTINCT:
                if ("json".equals(typeName) || "jsonb".equals(typeName)) {
                    return JSON;
                }
                return "uuid".equals(typeName) ? PLAIN : PGOBJECT;
            default:
                return PLAIN;
        }
    }

    public String[] labels() {
        return labels;
    }

    public Map<String, Integer> index() {
        return index;
    }

    public int size() {
        return labels.length;
    }

    /** Reads the current row's values. */
    public Object[] read(ResultSet rs) throws SQLException {
        Object[] values = new Object[labels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(rs, i);
        }
        return values;
    }

    public Object read(ResultSet rs, int i) throws SQLException {
        int col = i + 1;
        switch (kinds[i]) {
            case INT: {
                int v = rs.getInt(col);
                return v == 0 && rs.wasNull() ? null : v;
            }
            case LONG: {
                long v = rs.getLong(col);
                return v == 0 && rs.wasNull() ? null : v;
            }
            case STRING:
                return rs.getString(col);
            case BOOL: {
                boolean v = rs.getBoolean(col);
                return !v && rs.wasNull() ? null : v;
            }
            case DOUBLE: {
                double v = rs.getDouble(col);
                return v == 0 && rs.wasNull() ? null : v;
            }
            case FLOAT: {
                float v = rs.getFloat(col);
                return v == 0 && rs.wasNull() ? null : v;
            }
            case NUMERIC:
                return numeric(rs, col);
            case TIMESTAMP:
                return rs.getObject(col, LocalDateTime.class);
            case TIMESTAMPTZ:
                return rs.getObject(col, OffsetDateTime.class);
            case DATE:
                return rs.getObject(col, LocalDate.class);
            case TIME:
                return rs.getObject(col, LocalTime.class);
            case TIMETZ:
                return rs.getObject(col, OffsetTime.class);
            case ARRAY: {
                Array array = rs.getArray(col);
                return array == null ? null : array.getArray();
            }
            case JSON:
            case PGOBJECT: {
                Object o = rs.getObject(col);
                return o instanceof PGobject pg ? pg.getValue() : o;
            }
            default:
                return rs.getObject(col);
        }
    }

    /** A numeric as BigDecimal; NaN and the infinities, which BigDecimal cannot hold, as the driver's Double. */
    private static Object numeric(ResultSet rs, int col) throws SQLException {
        try {
            return rs.getBigDecimal(col);
        } catch (SQLException e) {
            return rs.getObject(col);
        }
    }

    /** Binds one argument at a 1-based JDBC position. */
    public static void bind(PreparedStatement ps, int position, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            ps.setObject(position, instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof Collection<?> c) {
            bindArray(ps, position, c.toArray());
        } else if (value != null && value.getClass() == Object[].class) {
            bindArray(ps, position, (Object[]) value);
        } else if (value instanceof Enum<?> e) {
            ps.setString(position, e.name());
        } else if (value instanceof io.pgdbm.Json json) {
            ps.setObject(position, json.text(), Types.OTHER);
        } else if (value instanceof Character ch) {
            ps.setString(position, ch.toString());
        } else {
            ps.setObject(position, value);
        }
    }

    /**
     * An untyped array (a {@link Collection} or {@code Object[]}) becomes a SQL array of its elements' type; an
     * empty one is sent as an untyped {@code '{}'} so the server gives it the column's type.
     */
    private static void bindArray(PreparedStatement ps, int position, Object[] elements) throws SQLException {
        Object sample = null;
        for (Object e : elements) {
            if (e != null) {
                sample = e;
                break;
            }
        }
        if (sample == null) {
            ps.setObject(position, "{}", Types.OTHER);
            return;
        }
        Object[] converted = elements;
        if (sample instanceof Instant) {
            converted = new Object[elements.length];
            for (int i = 0; i < elements.length; i++) {
                converted[i] = elements[i] == null ? null : ((Instant) elements[i]).atOffset(ZoneOffset.UTC);
            }
        }
        ps.setArray(position, ps.getConnection().createArrayOf(arrayElementType(sample), converted));
    }

    private static String arrayElementType(Object sample) {
        if (sample instanceof Integer) {
            return "int4";
        } else if (sample instanceof Long) {
            return "int8";
        } else if (sample instanceof Short) {
            return "int2";
        } else if (sample instanceof Double) {
            return "float8";
        } else if (sample instanceof Float) {
            return "float4";
        } else if (sample instanceof Boolean) {
            return "bool";
        } else if (sample instanceof java.math.BigDecimal) {
            return "numeric";
        } else if (sample instanceof java.util.UUID) {
            return "uuid";
        } else if (sample instanceof LocalDate) {
            return "date";
        } else if (sample instanceof LocalDateTime) {
            return "timestamp";
        } else if (sample instanceof OffsetDateTime || sample instanceof Instant) {
            return "timestamptz";
        } else if (sample instanceof byte[]) {
            return "bytea";
        }
        return "text";
    }

    /** Two columns of one result share a label; rows are maps, so this is refused rather than overwritten. */
    public static final class DuplicateColumnException extends SQLException {
        private static final long serialVersionUID = 1L;

        DuplicateColumnException(String label, int first, int second) {
            super("columns " + first + " and " + second + " are both labelled '" + label
                    + "': give one of them an alias (SELECT ... AS other_name)", "42712");
        }
    }
}
