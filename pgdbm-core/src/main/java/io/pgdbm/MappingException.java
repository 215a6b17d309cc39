package io.pgdbm;

/**
 * A row or a value could not be turned into the Java type asked for: a record component with no matching column,
 * a NULL for a primitive, a value of another type, a constructor or setter that threw, or a json column without
 * Jackson on the class path. The conversion's own exception is kept as the cause.
 *
 * <pre>{@code
 * record User(long id, String email) {}
 * db.fetchAll(User.class, "SELECT id FROM {{tables.users}}");
 * // MappingException: record User has components [email] with no matching column; columns: [id] ...
 * }</pre>
 */
public class MappingException extends PgdbmException {
    private static final long serialVersionUID = 1L;

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
