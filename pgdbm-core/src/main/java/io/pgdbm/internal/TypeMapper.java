package io.pgdbm.internal;

import io.pgdbm.MappingException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps a row's values to a record (by component name), a bean (by setter) or a single value type. Columns are
 * matched ignoring case and underscores, so {@code created_at} fills {@code createdAt}. A json/jsonb column read
 * into a type that is not text is parsed with Jackson ({@link JsonCodec}). Mappers are cached per (type,
 * columns): the reflection runs once per query shape.
 */
public abstract class TypeMapper<T> {
    private static final int CACHE_LIMIT = 1024;
    private static final ConcurrentHashMap<Key, TypeMapper<?>> CACHE = new ConcurrentHashMap<>();

    public abstract T map(Object[] values);

    /** Maps the current row of {@code rs}, whose columns are {@code columns} (the shape this mapper was made for). */
    public T read(ResultSet rs, Columns columns) throws SQLException {
        return map(columns.read(rs));
    }

    /** A mapper for rows with these columns, from the cache; fails fast, naming what does not match. */
    @SuppressWarnings("unchecked")
    public static <T> TypeMapper<T> forType(Class<T> type, Columns columns) {
        Key key = new Key(type, columns);
        TypeMapper<?> mapper = CACHE.get(key);
        if (mapper == null) {
            mapper = create(type, columns);
            if (CACHE.size() >= CACHE_LIMIT) {
                CACHE.clear();
            }
            CACHE.put(key, mapper);
        }
        return (TypeMapper<T>) mapper;
    }

    private static <T> TypeMapper<T> create(Class<T> type, Columns columns) {
        if (isValueType(type) || isWholeJsonValue(type, columns)) {
            return new ValueMapper<>(type, columns);
        }
        if (type.isRecord()) {
            return new RecordMapper<>(type, columns);
        }
        return new BeanMapper<>(type, columns);
    }

    /** One json column read into a type with no property of that column's name: the document is the value. */
    private static boolean isWholeJsonValue(Class<?> type, Columns columns) {
        if (columns.size() != 1 || !columns.isJson(0)) {
            return false;
        }
        String column = normalize(columns.labels()[0]);
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).noneMatch(rc -> normalize(rc.getName()).equals(column));
        }
        return Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().startsWith("set") && m.getParameterCount() == 1
                && normalize(m.getName().substring(3)).equals(column));
    }

    /** A cache key: the type, and the columns' labels and kinds (a column may turn json under the same label). */
    private record Key(Class<?> type, Columns.Shape shape) {
        Key(Class<?> type, Columns columns) {
            this(type, columns.shape());
        }
    }

    static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static boolean isValueType(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type.isArray() || CharSequence.class.isAssignableFrom(type)
                || Number.class.isAssignableFrom(type) || Temporal.class.isAssignableFrom(type) || type == Boolean.class
                || type == UUID.class || type == BigDecimal.class || type == BigInteger.class || type == Object.class;
    }

    private static Map<String, Integer> columnsByName(String[] labels) {
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            byName.putIfAbsent(normalize(labels[i]), i);
        }
        return byName;
    }

    /** Converts one column's value for {@code target} (a description such as {@code User.email} for messages). */
    static Object convert(Object value, Class<?> type, boolean json, String target) {
        if (value != null && !json && Conversions.boxed(type).isInstance(value)) {
            return value; // the common case: the driver's type is the component's
        }
        if (value == null && type.isPrimitive()) {
            throw new MappingException(target + " is a primitive " + type.getSimpleName()
                    + " but the column is NULL; use the boxed type to allow NULL");
        }
        if (json && value instanceof String text && !type.isAssignableFrom(String.class)) {
            return JsonCodec.read(text, type, target);
        }
        try {
            return Conversions.convert(value, type);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new MappingException(target + ": " + e.getMessage(), e);
        }
    }

    private static final class ValueMapper<T> extends TypeMapper<T> {
        private final Class<T> type;
        private final boolean json;

        ValueMapper(Class<T> type, Columns columns) {
            this.type = type;
            this.json = columns.size() > 0 && columns.isJson(0);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T map(Object[] values) {
            return (T) convert(values[0], type, json, "the first column");
        }
    }

    private static final class RecordMapper<T> extends TypeMapper<T> {
        private final Constructor<T> constructor;
        private final MethodHandle constructorHandle;
        private final int[] positions;
        private final Class<?>[] types;
        private final Class<?>[] boxed;
        private final boolean[] optional;
        private final boolean[] json;
        private final String[] names;

        RecordMapper(Class<T> type, Columns columns) {
            RecordComponent[] components = type.getRecordComponents();
            String[] labels = columns.labels();
            Map<String, Integer> byName = columnsByName(labels);
            positions = new int[components.length];
            types = new Class<?>[components.length];
            boxed = new Class<?>[components.length];
            optional = new boolean[components.length];
            json = new boolean[components.length];
            names = new String[components.length];
            List<String> unmatched = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                RecordComponent rc = components[i];
                names[i] = type.getSimpleName() + "." + rc.getName();
                optional[i] = rc.getType() == Optional.class;
                types[i] = optional[i] ? optionalElement(rc.getGenericType()) : rc.getType();
                boxed[i] = Conversions.boxed(types[i]);
                Integer pos = byName.get(normalize(rc.getName()));
                positions[i] = pos == null ? -1 : pos;
                json[i] = pos != null && columns.isJson(pos);
                if (pos == null && !optional[i]) {
                    unmatched.add(rc.getName());
                }
            }
            if (!unmatched.isEmpty()) {
                throw new MappingException("record " + type.getSimpleName() + " has components " + unmatched
                        + " with no matching column; columns: " + Arrays.toString(labels)
                        + " (alias the columns, e.g. SELECT user_id AS id, or make the component Optional<...>)");
            }
            try {
                constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
                // (Object, ...) -> Object, called with the arguments spread by hand (see invoke) for up to 8 components
                MethodHandle handle = MethodHandles.lookup().unreflectConstructor(constructor);
                constructorHandle = components.length <= 8
                        ? handle.asType(MethodType.genericMethodType(components.length))
                        : handle.asSpreader(Object[].class, components.length)
                                .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new MappingException("cannot use the canonical constructor of record " + type.getName()
                        + " (is the record public, or its package open?): " + e, e);
            }
        }

        /** One exact call per arity: cheaper per row than a spreading handle or a reflective call. */
        private Object invoke(Object[] a) throws Throwable {
            MethodHandle h = constructorHandle;
            return switch (a.length) {
                case 0 -> h.invokeExact();
                case 1 -> h.invokeExact(a[0]);
                case 2 -> h.invokeExact(a[0], a[1]);
                case 3 -> h.invokeExact(a[0], a[1], a[2]);
                case 4 -> h.invokeExact(a[0], a[1], a[2], a[3]);
                case 5 -> h.invokeExact(a[0], a[1], a[2], a[3], a[4]);
                case 6 -> h.invokeExact(a[0], a[1], a[2], a[3], a[4], a[5]);
                case 7 -> h.invokeExact(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
                case 8 -> h.invokeExact(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
                default -> h.invokeExact(a);
            };
        }

        private static Class<?> optionalElement(Type generic) {
            if (generic instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
                return c;
            }
            return Object.class;
        }

        @Override
        public T read(ResultSet rs, Columns columns) throws SQLException {
            // only the columns the record uses are read, straight into the constructor's arguments
            Object[] args = new Object[positions.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = positions[i] < 0 ? null : columns.read(rs, positions[i]);
            }
            return construct(args);
        }

        @Override
        public T map(Object[] values) {
            Object[] args = new Object[positions.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = positions[i] < 0 ? null : values[positions[i]];
            }
            return construct(args);
        }

        /** {@code args} holds each component's column value; converted in place, then the record is built. */
        @SuppressWarnings("unchecked")
        private T construct(Object[] args) {
            for (int i = 0; i < args.length; i++) {
                Object value = args[i];
                if (value == null ? types[i].isPrimitive() : json[i] || !boxed[i].isInstance(value)) {
                    value = convert(value, types[i], json[i], names[i]);
                }
                args[i] = optional[i] ? Optional.ofNullable(value) : value;
            }
            try {
                return (T) invoke(args);
            } catch (MappingException e) {
                throw e;
            } catch (Throwable e) {
                if (e instanceof Error error && !(e instanceof ExceptionInInitializerError)) {
                    throw error;
                }
                throw new MappingException("the constructor of " + constructor.getDeclaringClass().getSimpleName()
                        + " rejected the row: " + e, e);
            }
        }
    }

    private static final class BeanMapper<T> extends TypeMapper<T> {
        private final Constructor<T> constructor;
        private final Method[] setters;
        private final Class<?>[] types;
        private final boolean[] json;
        private final String[] names;

        BeanMapper(Class<T> type, Columns columns) {
            try {
                constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new MappingException(type.getName() + " is neither a record, a value type nor a bean with a "
                        + "no-argument constructor; map rows to a record instead", e);
            }
            Map<String, Method> byName = new HashMap<>();
            for (Method m : type.getMethods()) {
                if (m.getName().startsWith("set") && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())) {
                    byName.put(normalize(m.getName().substring(3)), m);
                }
            }
            String[] labels = columns.labels();
            setters = new Method[labels.length];
            types = new Class<?>[labels.length];
            json = new boolean[labels.length];
            names = new String[labels.length];
            List<String> unmatched = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                setters[i] = byName.get(normalize(labels[i]));
                if (setters[i] == null) {
                    unmatched.add(labels[i]);
                } else {
                    types[i] = setters[i].getParameterTypes()[0];
                    json[i] = columns.isJson(i);
                    names[i] = type.getSimpleName() + "." + setters[i].getName();
                }
            }
            if (!unmatched.isEmpty()) {
                throw new MappingException("bean " + type.getSimpleName() + " has no setter for columns " + unmatched
                        + "; add setters or select only the columns it has");
            }
        }

        @Override
        public T map(Object[] values) {
            try {
                T bean = constructor.newInstance();
                for (int i = 0; i < setters.length; i++) {
                    setters[i].invoke(bean, convert(values[i], types[i], json[i], names[i]));
                }
                return bean;
            } catch (InvocationTargetException e) {
                throw new MappingException("a setter of " + constructor.getDeclaringClass().getSimpleName()
                        + " rejected the row: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new MappingException("cannot fill " + constructor.getDeclaringClass().getName() + ": " + e, e);
            }
        }
    }
}
