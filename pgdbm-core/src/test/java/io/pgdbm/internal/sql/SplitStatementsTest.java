package io.pgdbm.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SplitStatementsTest {

    private static List<String> texts(String script) {
        return SqlLexer.splitStatements(script).stream().map(SqlStatement::text).toList();
    }

    @Test
    void semicolonsEndStatementsAndAreKept() {
        assertThat(texts("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);  "))
                .containsExactly("CREATE TABLE a (id int);", "INSERT INTO a VALUES (1);");
    }

    @Test
    void trailingTextWithoutSemicolonIsAFinalStatement() {
        assertThat(texts("SELECT 1;\n  SELECT 2  \n")).containsExactly("SELECT 1;", "SELECT 2");
    }

    @Test
    void dollarQuotedBodyIsNotSplit() {
        String function = """
                CREATE FUNCTION f() RETURNS trigger AS $$
                BEGIN
                  NEW.x := 1;
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;""";
        assertThat(texts(function + "\nSELECT 1;")).containsExactly(function, "SELECT 1;");
    }

    @Test
    void taggedDollarQuotedBodyIsNotSplit() {
        String function = "CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; SELECT $$x;$$; $body$ LANGUAGE sql;";
        assertThat(texts(function + " SELECT 2;")).containsExactly(function, "SELECT 2;");
    }

    @Test
    void semicolonsInLiteralsAndQuotedIdentifiersDoNotSplit() {
        assertThat(texts("SELECT 'a;b';SELECT E'it\\'s; here';CREATE TABLE \"weird;name\" (\"x\"\";\" int);"))
                .containsExactly("SELECT 'a;b';", "SELECT E'it\\'s; here';",
                        "CREATE TABLE \"weird;name\" (\"x\"\";\" int);");
    }

    @Test
    void doubledQuoteInsidePlainStringDoesNotEndIt() {
        assertThat(texts("SELECT 'it''s; fine'; SELECT 2;")).containsExactly("SELECT 'it''s; fine';", "SELECT 2;");
    }

    @Test
    void semicolonsInCommentsDoNotSplit() {
        assertThat(texts("SELECT 1 /* a; /* nested; */ still; */ + 1; -- not; here\nSELECT 2;"))
                .containsExactly("SELECT 1 /* a; /* nested; */ still; */ + 1;", "-- not; here\nSELECT 2;");
    }

    @Test
    void commentsBeforeAStatementStayAttachedToIt() {
        List<SqlStatement> statements = SqlLexer.splitStatements("""
                -- create the table
                /* really */
                CREATE TABLE t (id int);
                """);
        assertThat(statements).containsExactly(
                new SqlStatement("-- create the table\n/* really */\nCREATE TABLE t (id int);", 3));
    }

    @Test
    void commentOnlyTrailingStatementIsDropped() {
        assertThat(texts("SELECT 1;\n-- the end\n/* really */\n")).containsExactly("SELECT 1;");
    }

    @Test
    void emptyStatementsAreDropped() {
        assertThat(texts(";;\n ; SELECT 1;; ;")).containsExactly("SELECT 1;");
        assertThat(texts("")).isEmpty();
        assertThat(texts("  -- nothing\n")).isEmpty();
    }

    @Test
    void lineIsWhereTheFirstTokenAfterCommentsStarts() {
        List<SqlStatement> statements = SqlLexer.splitStatements(
                "SELECT 1;\n\n/* multi\nline */ SELECT\n2;\n-- x\n\n  SELECT 'a\nb'; SELECT 3");
        assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 4, 8, 9);
    }

    @Test
    void unterminatedLiteralConsumesTheRestOfTheScript() {
        assertThat(texts("SELECT 1; SELECT 'oops; SELECT 2;")).containsExactly("SELECT 1;", "SELECT 'oops; SELECT 2;");
        assertThat(texts("SELECT 1; /* oops; SELECT 2;")).containsExactly("SELECT 1;");
        assertThat(texts("SELECT $$ oops; SELECT 2;")).containsExactly("SELECT $$ oops; SELECT 2;");
    }

    @Test
    void dollarFollowedByDigitIsNotADollarQuote() {
        assertThat(texts("SELECT $1; SELECT $2;")).containsExactly("SELECT $1;", "SELECT $2;");
    }

    @Test
    void aBeginAtomicBodyIsOneStatementAsPsqlSplitsIt() {
        String function = """
                CREATE OR REPLACE FUNCTION shop.total(a int, b int) RETURNS int
                LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a > b THEN a ELSE b END;
                  SELECT a + b;
                END;""";
        String procedure = "create procedure p() begin atomic insert into t values (1); insert into t values (2); end;";
        assertThat(texts(function + "\nCREATE TABLE t (id int);\n" + procedure + " SELECT 1;"))
                .containsExactly(function, "CREATE TABLE t (id int);", procedure, "SELECT 1;");
    }

    @Test
    void beginOutsideARoutineDefinitionDoesNotHoldTheSemicolon() {
        assertThat(texts("BEGIN; CREATE TABLE a (id int); COMMIT; CREATE TABLE functions (begin int); SELECT 2;"))
                .containsExactly("BEGIN;", "CREATE TABLE a (id int);", "COMMIT;", "CREATE TABLE functions (begin int);",
                        "SELECT 2;");
    }

    @Test
    void semicolonsInsideParenthesesDoNotSplitAsInPsql() {
        String rule = "CREATE RULE r AS ON INSERT TO a DO ALSO (INSERT INTO b VALUES (1); INSERT INTO c VALUES (2));";
        assertThat(texts(rule + " SELECT 1;")).containsExactly(rule, "SELECT 1;");
    }

    @Test
    void randomStatementsJoinedBySemicolonsSplitBackIntoThemselves() {
        String[] pieces = {"SELECT 1", "'a;b'", "E'it\\'s;'", "\"we;ird\"\"x\"", "$$ x; y $$", "$t$ ; $t$",
                "/* c; /* d; */ */", "a$1", "$1", "x ? y", "'it''s'", "-- note;\n", "E'\\\\'", "'\\'"};
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<String> statements = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int s = 0; s < count; s++) {
                StringBuilder statement = new StringBuilder("SELECT");
                int parts = random.nextInt(5);
                for (int p = 0; p < parts; p++) {
                    statement.append(' ').append(pieces[random.nextInt(pieces.length)]);
                }
                statements.add(statement.append(" x;").toString());
            }
            String script = String.join("\n", statements);
            assertThat(texts(script)).as(script).containsExactlyElementsOf(statements);
        }
    }
}
