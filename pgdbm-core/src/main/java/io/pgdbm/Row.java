package io.pgdbm;

import io.pgdbm.internal.Columns;
import io.pgdbm.internal.Conversions;
import io.pgdbm.internal.JsonCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One result row: an unmodifiable {@code Map<String, Object>} in column order, keyed by the column labels exactly
 * as PostgreSQL returns them, with typed getters.
 *
 * <pre>{@code
 * Row row = db.fetchOne("SELECT id, email, created_at FROM {{tables.users}} WHERE id = $1", id).orElseThrow();
 * long userId = row.getLong("id");
 * Instant created = row.getInstant("created_at");
 * }</pre>
 *
 * <p>A typed getter on a column the row does not have, or whose value cannot be converted, throws
 * {@link MappingException} naming the column (and the columns the row does have). A json/jsonb column is its text;
 * {@code get(column, SomeType.class)} parses it with Jackson (see {@link Json}). Thread-safety: immutable.
 */
public final class Row extends AbstractMap<String, Object> {
    private final Columns columns;
    private final Object[] values;

    Row(Columns columns, Object[] values) {
        this.columns = columns;
        this.values = values;
    }

    @Override
    public Object get(Object column) {
        Integer i = columns.index().get(column);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object column) {
        return columns.index().containsKey(column);
    }

    @Override
    public int size() {
        return values.length;
    }

    /** The value converted to {@code type} ({@code Long} to {@code Integer}, {@code OffsetDateTime} to {@code Instant}, ...). */
    public <T> T get(String column, Class<T> type) {
        int i = position(column);
        Object value = values[i];
        if (columns.isJson(i) && value instanceof String text && !type.isAssignableFrom(String.class)) {
            return type.cast(JsonCodec.read(text, type, "column '" + column + "'"));
        }
        try {
            return Conversions.convert(value, type);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new MappingException("column '" + column + "': " + e.getMessage(), e);
        }
    }

    public String getString(String column) {
        return get(column, String.class);
    }

    /** The value as a long; a SQL NULL is an error (use {@code get(column, Long.class)} for nullable columns). */
    public long getLong(String column) {
        return notNull(column, get(column, Long.class));
    }

    public int getInt(String column) {
        return notNull(column, get(column, Integer.class));
    }

    public boolean getBoolean(String column) {
        return notNull(column, get(column, Boolean.class));
    }

    public BigDecimal getBigDecimal(String column) {
        return get(column, BigDecimal.class);
    }

    public Instant getInstant(String column) {
        return get(column, Instant.class);
    }

    private int position(String column) {
        int i = columns.position(column);
        if (i < 0) {
            throw new MappingException("no column '" + column + "' in this row; columns: " + Arrays.toString(columns.labels()));
        }
        return i;
    }

    private static <T> T notNull(String column, T value) {
        if (value == null) {
            throw new MappingException("column '" + column + "' is NULL; read it with get(column, Type.class) to allow NULL");
        }
        return value;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(columns.labels()[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
