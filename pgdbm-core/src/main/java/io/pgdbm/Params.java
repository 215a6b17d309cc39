package io.pgdbm;

import io.pgdbm.internal.Masking;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Values for SQL written with named parameters ({@code :name}). Pass a {@code Params} as the only argument of any
 * query method; the statement then uses {@code :name} parameters only (no {@code $n}, no {@code ?} placeholders).
 *
 * <pre>{@code
 * db.fetchAll("SELECT * FROM {{tables.users}} WHERE email = :email OR nickname = :email",
 *         Params.of("email", email));
 * db.execute("UPDATE {{tables.users}} SET name = :name WHERE id = :id", Params.of("id", 42).and("name", "Ada"));
 * db.execute("INSERT INTO {{tables.users}} (id, email, created_at) VALUES (:id, :email, :createdAt)",
 *         Params.from(user)); // a record, a bean (getters) or a Map<String, ?>
 * }</pre>
 *
 * <p>A name used twice is one parameter. {@code ::} casts, literals, comments and dollar-quoted bodies are never
 * read as names; an array slice needs spaces around its colon ({@code a[lo : hi]}). Properties of a record or bean
 * are found by their Java name ({@code :createdAt}) and by its snake_case spelling ({@code :created_at}). A name
 * without a value is a {@link QueryException} listing the names there are; values the SQL does not use are
 * ignored. Immutable: {@link #and(String, Object)} returns a new instance.
 */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = values;
    }

    /** One name and its value ({@code null} is SQL NULL); add more with {@link #and(String, Object)}. */
    public static Params of(String name, Object value) {
        return new Params(new LinkedHashMap<>()).and(name, value);
    }

    /** The entries of a map, the components of a record, or the getters ({@code getX}, {@code isX}) of a bean. */
    public static Params from(Object source) {
        Objects.requireNonNull(source, "source");
        Map<String, Object> values = new LinkedHashMap<>();
        if (source instanceof Map<?, ?> map) {
            map.forEach((k, v) -> values.put(String.valueOf(k), v));
        } else if (source.getClass().isRecord()) {
            for (RecordComponent rc : source.getClass().getRecordComponents()) {
                values.put(rc.getName(), read(rc.getAccessor(), source));
            }
        } else {
            for (Method m : source.getClass().getMethods()) {
                String property = property(m);
                if (property != null) {
                    values.put(property, read(m, source));
                }
            }
        }
        return new Params(values);
    }

    /** A copy with {@code name} set to {@code value}. */
    public Params and(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Params(copy);
    }

    /** The arguments for {@code names}, in that order; a missing name is an {@link IllegalArgumentException}. */
    Object[] values(List<String> names) {
        Object[] out = new Object[names.size()];
        for (int i = 0; i < out.length; i++) {
            String name = names.get(i);
            if (values.containsKey(name)) {
                out[i] = values.get(name);
            } else {
                String key = find(name);
                if (key == null) {
                    throw new IllegalArgumentException("no value for :" + name + "; the Params have " + values.keySet());
                }
                out[i] = values.get(key);
            }
        }
        return out;
    }

    private String find(String name) {
        String wanted = normalize(name);
        for (String key : values.keySet()) {
            if (normalize(key).equals(wanted)) {
                return key;
            }
        }
        return null;
    }

    private static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static String property(Method m) {
        if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
            return null;
        }
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3) {
            return Character.toLowerCase(n.charAt(3)) + n.substring(4);
        }
        if (n.startsWith("is") && n.length() > 2 && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
            return Character.toLowerCase(n.charAt(2)) + n.substring(3);
        }
        return null;
    }

    private static Object read(Method accessor, Object source) {
        try {
            accessor.setAccessible(true);
            return accessor.invoke(source);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new MappingException("cannot read " + source.getClass().getSimpleName() + "." + accessor.getName()
                    + " for a named parameter (is the type public?): " + e, e);
        }
    }

    /** Names with masked values, as in query error messages. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "Params[", "]");
        values.forEach((k, v) -> joiner.add(k + "=" + Masking.maskValue(v)));
        return joiner.toString();
    }
}
