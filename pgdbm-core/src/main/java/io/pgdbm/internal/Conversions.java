package io.pgdbm.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Converts values read from PostgreSQL to the Java type a caller asked for. One place, used by every typed getter. */
public final class Conversions {
    private Conversions() {
    }

    /**
     * Converts {@code value} to {@code type}, or throws {@link IllegalArgumentException} describing both types.
     * {@code null} stays {@code null} (a primitive target is refused by the caller).
     */
    @SuppressWarnings("unchecked")
    public static <T> T convert(Object value, Class<T> type) {
        if (value == null) {
            return null;
        }
        Class<?> target = boxed(type);
        if (target.isInstance(value)) {
            return (T) value;
        }
        Object converted = convertOrNull(value, target);
        if (converted == null) {
            throw new IllegalArgumentException("cannot convert " + value.getClass().getSimpleName() + " to " + type.getSimpleName());
        }
        return (T) converted;
    }

    private static Object convertOrNull(Object value, Class<?> target) {
        if (value instanceof Number n) {
            if (target == Long.class) {
                return n.longValue();
            }
            if (target == Integer.class) {
                return Math.toIntExact(n.longValue());
            }
            if (target == Short.class) {
                return (short) n.intValue();
            }
            if (target == Double.class) {
                return n.doubleValue();
            }
            if (target == Float.class) {
                return n.floatValue();
            }
            if (target == BigDecimal.class) {
                return n instanceof BigInteger bi ? new BigDecimal(bi) : new BigDecimal(n.toString());
            }
            if (target == BigInteger.class) {
                return n instanceof BigDecimal bd ? bd.toBigIntegerExact() : BigInteger.valueOf(n.longValue());
            }
        }
        if (target == String.class) {
            return value.toString();
        }
        if (target == Instant.class) {
            if (value instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            if (value instanceof LocalDateTime ldt) {
                return ldt.toInstant(ZoneOffset.UTC);
            }
            if (value instanceof Timestamp ts) {
                return ts.toInstant();
            }
        }
        if (target == OffsetDateTime.class && value instanceof LocalDateTime ldt) {
            return ldt.atOffset(ZoneOffset.UTC);
        }
        if (target == LocalDateTime.class && value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (target == LocalDate.class && value instanceof LocalDateTime ldt) {
            return ldt.toLocalDate();
        }
        if (target == UUID.class && value instanceof String s) {
            return UUID.fromString(s);
        }
        if (target == Boolean.class && value instanceof String s) {
            return "t".equals(s) || "true".equalsIgnoreCase(s);
        }
        if (target.isEnum() && value instanceof String s) {
            return enumValue(target, s);
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String name) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum) constant).name().equalsIgnoreCase(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a constant of " + type.getSimpleName());
    }

    public static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }
}
