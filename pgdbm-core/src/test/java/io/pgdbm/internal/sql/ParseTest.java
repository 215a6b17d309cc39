package io.pgdbm.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParseTest {

    @Test
    void sqlWithoutParametersIsReturnedUnchanged() {
        String sql = "SELECT 1";
        ParsedSql parsed = SqlLexer.parse(sql);
        assertThat(parsed.sql()).isSameAs(sql);
        assertThat(parsed.parameterOrder()).isEmpty();
        assertThat(parsed.argumentCount()).isZero();
    }

    @Test
    void dollarParametersBecomeJdbcPlaceholdersInOrderOfUse() {
        ParsedSql parsed = SqlLexer.parse("UPDATE t SET a = $2 WHERE id = $1");
        assertThat(parsed.sql()).isEqualTo("UPDATE t SET a = ? WHERE id = ?");
        assertThat(parsed.parameterOrder()).containsExactly(1, 0);
        assertThat(parsed.argumentCount()).isEqualTo(2);
    }

    @Test
    void dollarParameterUsedTwiceStaysOneServerParameter() {
        ParsedSql parsed = SqlLexer.parse("SELECT * FROM t WHERE a = $2 OR b = $1 OR c = $2");
        assertThat(parsed.sql()).isEqualTo("SELECT * FROM t WHERE a = ? OR b = ? OR c = $1");
        assertThat(parsed.parameterOrder()).containsExactly(1, 0);
        assertThat(parsed.argumentCount()).isEqualTo(2);
        assertThat(parsed.batchSql()).isEqualTo("SELECT * FROM t WHERE a = ? OR b = ? OR c = ?");
        assertThat(parsed.batchOrder()).containsExactly(1, 0, 1);
    }

    @Test
    void repeatsAreNumberedWithinEachStatementOfAScript() {
        ParsedSql parsed = SqlLexer.parse("SELECT $1, $2, $2; SELECT $2, $1, $2");
        assertThat(parsed.sql()).isEqualTo("SELECT ?, ?, $2; SELECT ?, ?, $1");
        assertThat(parsed.parameterOrder()).containsExactly(0, 1, 1, 0);
    }

    @Test
    void argumentCountIsTheHighestParameterNumberEvenWithGaps() {
        ParsedSql parsed = SqlLexer.parse("SELECT $3, $1");
        assertThat(parsed.parameterOrder()).containsExactly(2, 0);
        assertThat(parsed.argumentCount()).isEqualTo(3);
    }

    @Test
    void multiDigitParametersAreRead() {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 1; i <= 12; i++) {
            sql.append(i > 1 ? ", $" : "$").append(i);
        }
        ParsedSql parsed = SqlLexer.parse(sql.toString());
        assertThat(parsed.argumentCount()).isEqualTo(12);
        assertThat(parsed.parameterOrder()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void dollarParametersInsideLiteralsCommentsAndBodiesAreLeftAlone() {
        String sql = "SELECT '$1', E'\\'$2', \"$3\", $$ $4 $$, $fn$ $5 $fn$ /* $6 /* $7 */ $8 */ -- $9\n, $1";
        ParsedSql parsed = SqlLexer.parse(sql);
        assertThat(parsed.sql()).isEqualTo(
                "SELECT '$1', E'\\'$2', \"$3\", $$ $4 $$, $fn$ $5 $fn$ /* $6 /* $7 */ $8 */ -- $9\n, ?");
        assertThat(parsed.parameterOrder()).containsExactly(0);
    }

    @Test
    void dollarAfterAnIdentifierCharacterIsPartOfTheIdentifier() {
        ParsedSql parsed = SqlLexer.parse("SELECT a$1, b_$2 FROM t WHERE x = $1");
        assertThat(parsed.sql()).isEqualTo("SELECT a$1, b_$2 FROM t WHERE x = ?");
        assertThat(parsed.argumentCount()).isEqualTo(1);
    }

    @Test
    void jsonbOperatorsInDollarStyleAreEscapedForPgJdbc() {
        ParsedSql parsed = SqlLexer.parse("SELECT * FROM t WHERE d ? 'a' AND d ?| $1 AND d ?& $2 AND d @? '$.x'");
        assertThat(parsed.sql())
                .isEqualTo("SELECT * FROM t WHERE d ?? 'a' AND d ??| ? AND d ??& ? AND d @?? '$.x'");
        assertThat(parsed.parameterOrder()).containsExactly(0, 1);
    }

    @Test
    void questionMarkInsideLiteralsIsNotEscapedInDollarStyle() {
        ParsedSql parsed = SqlLexer.parse("SELECT '?', \"?\", $$?$$ -- ?\n, $1");
        assertThat(parsed.sql()).isEqualTo("SELECT '?', \"?\", $$?$$ -- ?\n, ?");
    }

    @Test
    void alreadyEscapedOperatorIsKeptInDollarStyle() {
        assertThat(SqlLexer.parse("SELECT d ?? 'a' FROM t WHERE id = $1").sql())
                .isEqualTo("SELECT d ?? 'a' FROM t WHERE id = ?");
    }

    @Test
    void questionMarksArePlaceholdersAndSqlIsUnchanged() {
        String sql = "INSERT INTO t (a, b) VALUES (?, ?)";
        ParsedSql parsed = SqlLexer.parse(sql);
        assertThat(parsed.sql()).isSameAs(sql);
        assertThat(parsed.parameterOrder()).containsExactly(0, 1);
        assertThat(parsed.argumentCount()).isEqualTo(2);
    }

    @Test
    void escapedQuestionMarksAreNotPlaceholdersInQuestionStyle() {
        ParsedSql parsed = SqlLexer.parse("SELECT * FROM t WHERE d ?? 'a' AND d ??| ? AND e = ?");
        assertThat(parsed.sql()).isEqualTo("SELECT * FROM t WHERE d ?? 'a' AND d ??| ? AND e = ?");
        assertThat(parsed.argumentCount()).isEqualTo(2);
    }

    @Test
    void singleQuestionMarkBeforePipeIsStillAPlaceholderInQuestionStyle() {
        ParsedSql parsed = SqlLexer.parse("SELECT * FROM t WHERE d ?| array['a']");
        assertThat(parsed.argumentCount()).isEqualTo(1);
    }

    @Test
    void questionMarksInsideLiteralsAreNotPlaceholders() {
        ParsedSql parsed = SqlLexer.parse("SELECT '?', \"?\", $$?$$, /* ? */ ? -- ?");
        assertThat(parsed.parameterOrder()).containsExactly(0);
    }

    @Test
    void mixedStylesAreRejected() {
        assertThatThrownBy(() -> SqlLexer.parse("SELECT * FROM t WHERE a = ? AND b = $1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both parameter styles")
                .hasMessageContaining("'$1'")
                .hasMessageContaining("Use one style");
    }

    @Test
    void mixedStylesAreRejectedWhereverTheQuestionMarkMustBeAValue() {
        for (String sql : new String[] {"SELECT ?, $1", "SELECT $1 WHERE ?", "VALUES ($1, ?)",
                "SELECT f(?) + $1", "SELECT $1 LIMIT ?", "SELECT $1; SELECT ?", "SELECT $1 WHERE x=?"}) {
            assertThatThrownBy(() -> SqlLexer.parse(sql)).as(sql)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("both parameter styles");
        }
    }

    @Test
    void zeroParameterIsRejected() {
        assertThatThrownBy(() -> SqlLexer.parse("SELECT $0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$0");
    }

    @Test
    void parameterBeyondIntIsRejected() {
        assertThatThrownBy(() -> SqlLexer.parse("SELECT $2147483648"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$2147483648");
        assertThat(SqlLexer.parse("SELECT $2147483647").argumentCount()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void unterminatedLiteralHidesTheRestOfTheInput() {
        ParsedSql parsed = SqlLexer.parse("SELECT $1, 'oops $2 ?");
        assertThat(parsed.sql()).isEqualTo("SELECT ?, 'oops $2 ?");
        assertThat(parsed.argumentCount()).isEqualTo(1);
    }

    @Test
    void backslashInPlainStringIsLiteral() {
        // standard_conforming_strings = on: the string is 'a\' and $1 is a parameter.
        assertThat(SqlLexer.parse("SELECT 'a\\', $1").sql()).isEqualTo("SELECT 'a\\', ?");
    }

    @Test
    void parsedSqlComparesAndPrintsArrayContents() {
        ParsedSql a = SqlLexer.parse("SELECT $2, $1");
        ParsedSql b = new ParsedSql("SELECT ?, ?", new int[] {1, 0}, 2);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new ParsedSql("SELECT ?, ?", new int[] {0, 1}, 2));
        assertThat(a.toString()).contains("[1, 0]");
        assertThat(a.placeholderCount()).isEqualTo(2);
        assertThat(a.argumentIndex(1)).isZero();
    }

    @Test
    void parsedSqlCopiesItsArray() {
        int[] order = {0, 1};
        ParsedSql parsed = new ParsedSql("?, ?", order, 2);
        order[0] = 1;
        parsed.parameterOrder()[1] = 0;
        assertThat(parsed.parameterOrder()).containsExactly(0, 1);
    }

    @Test
    void parsedSqlRejectsAnOrderThatPointsPastTheArguments() {
        assertThatThrownBy(() -> new ParsedSql("?", new int[] {1}, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argumentCount is 1");
    }

    @Test
    void namedParametersBecomeNumberedOnesAndARepeatedNameIsOneParameter() {
        NamedSql named = SqlLexer.parseNamed("SELECT * FROM t WHERE a = :id OR b = :id::text AND c = :other_name");
        assertThat(named.names()).containsExactly("id", "other_name");
        assertThat(named.parsed().sql()).isEqualTo("SELECT * FROM t WHERE a = ? OR b = $1::text AND c = ?");
        assertThat(named.parsed().argumentCount()).isEqualTo(2);
    }

    @Test
    void castsLiteralsCommentsAndBodiesAreNotNamedParameters() {
        String sql = "SELECT x::int, ':a', \":b\", $$ :c $$, E':d' /* :e */ -- :f\n, :g, arr[1:2], f(a := 1)";
        NamedSql named = SqlLexer.parseNamed(sql);
        assertThat(named.names()).containsExactly("g");
        assertThat(named.parsed().sql()).isEqualTo(sql.replace(":g", "?"));
    }

    @Test
    void namedSqlRefusesPositionalParametersAndSqlWithoutNames() {
        assertThatThrownBy(() -> SqlLexer.parseNamed("SELECT :a, $1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positional parameter '$1'");
        assertThatThrownBy(() -> SqlLexer.parseNamed("SELECT 1::int")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no :name parameter");
    }
}
