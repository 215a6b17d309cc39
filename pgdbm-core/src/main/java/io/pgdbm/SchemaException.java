package io.pgdbm;

/**
 * An identifier (schema, table, migrations table, test database name) does not match
 * {@code ^[a-zA-Z_][a-zA-Z0-9_]{0,62}$}. It is raised before any SQL runs.
 *
 * <pre>{@code
 * new DatabaseManager(pool, "public\"; DROP TABLE users; --"); // SchemaException
 * }</pre>
 */
public class SchemaException extends PgdbmException {
    private static final long serialVersionUID = 1L;
    private final String identifier;

    public SchemaException(String message, String identifier) {
        super(message);
        this.identifier = identifier;
    }

    /** The rejected identifier, exactly as given. */
    public String identifier() {
        return identifier;
    }
}
