package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.internal.Resources;
import io.pgdbm.internal.sql.SqlLexer;
import io.pgdbm.internal.sql.SqlStatement;
import io.pgdbm.junit.Fingerprint;
import io.pgdbm.junit.TemplatePreparer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs SQL scripts as {@code psql -v ON_ERROR_STOP=1 -f} does: statement by statement on one session in autocommit
 * (a script's own {@code BEGIN}/{@code COMMIT} group statements), stopping at the first error. A location is a
 * file, or a directory whose {@code *.sql} files run in name order (subdirectories included, by path).
 */
public record SqlScriptsPreparer(List<String> locations) implements TemplatePreparer {

    public SqlScriptsPreparer {
        locations = List.copyOf(locations);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("TemplatePreparer.sqlScripts needs at least one script or directory");
        }
    }

    @Override
    public String identity() {
        return "sql scripts " + locations;
    }

    @Override
    public void fingerprint(Fingerprint fingerprint) {
        fingerprint.add("sql-scripts/1");
        for (String location : locations) {
            fingerprint.addLocation(location); // a file is listed as itself, a directory with all it holds
        }
    }

    @Override
    public void prepare(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                for (String location : locations) {
                    for (Script script : scripts(location)) {
                        run(st, script);
                    }
                }
            }
        }
    }

    private record Script(String name, String text) {
    }

    private static List<Script> scripts(String location) {
        Optional<byte[]> file = Resources.read(location);
        if (file.isPresent()) {
            return List.of(new Script(location, decode(file.get(), location)));
        }
        List<Script> scripts = Resources.list(location).stream().filter(e -> e.path().endsWith(".sql"))
                .map(e -> new Script(location + "/" + e.path(), decode(e.content(), location + "/" + e.path())))
                .toList();
        if (scripts.isEmpty()) {
            throw new PgdbmException("The SQL script location " + location + " holds no file (no such file, and no"
                    + " directory with .sql files); check the path given to TemplatePreparer.sqlScripts (a file or"
                    + " directory, or classpath:path)");
        }
        return scripts;
    }

    private static void run(Statement st, Script script) {
        for (SqlStatement statement : SqlLexer.splitStatements(script.text())) {
            String sql = statement.text();
            if (sql.stripLeading().startsWith("\\")) {
                throw new PgdbmException("SQL script " + script.name() + " line " + statement.line() + ": psql's"
                        + " meta-command '" + sql.lines().findFirst().orElse(sql) + "' is not SQL; pgdbm runs SQL"
                        + " only (write the statement out, or prepare the template with a callback)");
            }
            try {
                st.execute(sql);
            } catch (SQLException e) {
                throw new PgdbmException("SQL script " + script.name() + ", statement at line " + statement.line()
                        + " failed (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
            }
        }
    }

    private static String decode(byte[] bytes, String name) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.replace("\r\n", "\n").replace('\r', '\n');
        } catch (CharacterCodingException e) {
            throw new PgdbmException("SQL script " + name + " is not valid UTF-8; save it as UTF-8", e);
        }
    }
}
