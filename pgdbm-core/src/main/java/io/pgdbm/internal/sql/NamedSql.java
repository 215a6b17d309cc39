package io.pgdbm.internal.sql;

import java.util.List;

/**
 * SQL with {@code :name} parameters converted to JDBC form: argument {@code i} of {@link #parsed()} is the value of
 * {@code names().get(i)}.
 *
 * <pre>{@code
 * NamedSql named = SqlLexer.parseNamed("SELECT * FROM t WHERE a = :id OR b = :id::text AND c = :name");
 * // named.names() -> [id, name]; named.parsed().sql() -> "SELECT * FROM t WHERE a = ? OR b = $1::text AND c = ?"
 * }</pre>
 *
 * @param parsed the JDBC form, one argument per distinct name
 * @param names  the distinct names in order of first appearance
 */
public record NamedSql(ParsedSql parsed, List<String> names) {
}
