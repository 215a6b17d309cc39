package io.pgdbm.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Maps a row's values to a record (by component name), a bean (by setter) or a single value type. Columns are
 * matched ignoring case and underscores, so {@code created_at} fills {@code createdAt}.
 */
public abstract class RowMapper<T> {
    public abstract T map(Object[] values);

    /** A mapper for rows with these column labels; fails fast, naming what does not match. */
    public static <T> RowMapper<T> forType(Class<T> type, String[] labels) {
        if (isValueType(type)) {
            return new ValueMapper<>(type);
        }
        if (type.isRecord()) {
            return new RecordMapper<>(type, labels);
        }
        return new BeanMapper<>(type, labels);
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

    static Object convert(Object value, Class<?> type, String target) {
        if (value == null && type.isPrimitive()) {
            throw new IllegalArgumentException(target + " is a primitive " + type.getSimpleName()
                    + " but the column is NULL; use the boxed type to allow NULL");
        }
        try {
            return Conversions.convert(value, type);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(target + ": " + e.getMessage(), e);
        }
    }

    private static final class ValueMapper<T> extends RowMapper<T> {
        private final Class<T> type;

        ValueMapper(Class<T> type) {
            this.type = type;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T map(Object[] values) {
            return (T) convert(values[0], type, "the first column");
        }
    }

    private static final class RecordMapper<T> extends RowMapper<T> {
        private final Constructor<T> constructor;
        private final int[] positions;
        private final Class<?>[] types;
        private final boolean[] optional;
        private final String[] names;

        RecordMapper(Class<T> type, String[] labels) {
            RecordComponent[] components = type.getRecordComponents();
            Map<String, Integer> byName = columnsByName(labels);
            positions = new int[components.length];
            types = new Class<?>[components.length];
            optional = new boolean[components.length];
            names = new String[components.length];
            List<String> unmatched = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                RecordComponent rc = components[i];
                names[i] = type.getSimpleName() + "." + rc.getName();
                optional[i] = rc.getType() == Optional.class;
                types[i] = optional[i] ? optionalElement(rc.getGenericType()) : rc.getType();
                Integer pos = byName.get(normalize(rc.getName()));
                positions[i] = pos == null ? -1 : pos;
                if (pos == null && !optional[i]) {
                    unmatched.add(rc.getName());
                }
            }
            if (!unmatched.isEmpty()) {
                throw new IllegalArgumentException("record " + type.getSimpleName() + " has components " + unmatched
                        + " with no matching column; columns: " + Arrays.toString(labels)
                        + " (alias the columns, e.g. SELECT user_id AS id, or make the component Optional<...>)");
            }
            try {
                constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                constructor.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot use the canonical constructor of record " + type.getName()
                        + " (is the record public, or its package open?): " + e, e);
            }
        }

        private static Class<?> optionalElement(Type generic) {
            if (generic instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
                return c;
            }
            return Object.class;
        }

        @Override
        public T map(Object[] values) {
            Object[] args = new Object[positions.length];
            for (int i = 0; i < args.length; i++) {
                Object value = positions[i] < 0 ? null : convert(values[positions[i]], types[i], names[i]);
                args[i] = optional[i] ? Optional.ofNullable(value) : value;
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("the constructor of " + constructor.getDeclaringClass().getSimpleName()
                        + " rejected the row: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot construct " + constructor.getDeclaringClass().getName() + ": " + e, e);
            }
        }
    }

    private static final class BeanMapper<T> extends RowMapper<T> {
        private final Constructor<T> constructor;
        private final Method[] setters;

        BeanMapper(Class<T> type, String[] labels) {
            try {
                constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException(type.getName() + " is neither a record, a value type nor a bean with a "
                        + "no-argument constructor; map rows to a record instead", e);
            }
            Map<String, Method> byName = new HashMap<>();
            for (Method m : type.getMethods()) {
                if (m.getName().startsWith("set") && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())) {
                    byName.put(normalize(m.getName().substring(3)), m);
                }
            }
            setters = new Method[labels.length];
            List<String> unmatched = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                setters[i] = byName.get(normalize(labels[i]));
                if (setters[i] == null) {
                    unmatched.add(labels[i]);
                }
            }
            if (!unmatched.isEmpty()) {
                throw new IllegalArgumentException("bean " + type.getSimpleName() + " has no setter for columns " + unmatched
                        + "; add setters or select only the columns it has");
            }
        }

        @Override
        public T map(Object[] values) {
            try {
                T bean = constructor.newInstance();
                for (int i = 0; i < setters.length; i++) {
                    Method setter = setters[i];
                    setter.invoke(bean, convert(values[i], setter.getParameterTypes()[0],
                            setter.getDeclaringClass().getSimpleName() + "." + setter.getName()));
                }
                return bean;
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("a setter of " + constructor.getDeclaringClass().getSimpleName()
                        + " rejected the row: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot fill " + constructor.getDeclaringClass().getName() + ": " + e, e);
            }
        }
    }
}
