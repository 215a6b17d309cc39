package io.pgdbm.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeywordsAndTerminatorsTest {

    @Test
    void keywordIsFoundAsAWholeWordInAnyCase() {
        assertThat(SqlLexer.containsKeyword("INSERT INTO t VALUES (1) returning id", "RETURNING")).isTrue();
        assertThat(SqlLexer.containsKeyword("INSERT INTO t VALUES (1)\nRETURNING\tid", "returning")).isTrue();
    }

    @Test
    void keywordInsideLiteralsIdentifiersAndCommentsIsIgnored() {
        String sql = "INSERT INTO t (\"returning\") VALUES ('returning', E'\\' returning', $$returning$$)"
                + " -- returning\n/* returning */";
        assertThat(SqlLexer.containsKeyword(sql, "RETURNING")).isFalse();
    }

    @Test
    void keywordAsPartOfALongerWordIsIgnored() {
        assertThat(SqlLexer.containsKeyword("SELECT returning_id, x$returning FROM t", "RETURNING")).isFalse();
    }

    @Test
    void keywordThatIsNotASingleWordIsRejected() {
        assertThatThrownBy(() -> SqlLexer.containsKeyword("SELECT 1", "ORDER BY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ORDER BY");
    }

    @Test
    void trailingSemicolonsWhitespaceAndCommentsAreStripped() {
        assertThat(SqlLexer.stripTrailingTerminators("INSERT INTO t VALUES (1);  "))
                .isEqualTo("INSERT INTO t VALUES (1)");
        assertThat(SqlLexer.stripTrailingTerminators("INSERT INTO t VALUES (1) ; -- x\n"))
                .isEqualTo("INSERT INTO t VALUES (1)");
        assertThat(SqlLexer.stripTrailingTerminators("SELECT 1 ;; /* a; /* b */ */ ;\n -- c\n ; "))
                .isEqualTo("SELECT 1");
    }

    @Test
    void stripKeepsSemicolonsInsideLiteralsAndEarlierStatements() {
        assertThat(SqlLexer.stripTrailingTerminators("SELECT ';'")).isEqualTo("SELECT ';'");
        assertThat(SqlLexer.stripTrailingTerminators("SELECT 1; SELECT 2;")).isEqualTo("SELECT 1; SELECT 2");
        assertThat(SqlLexer.stripTrailingTerminators("SELECT 'x -- y'")).isEqualTo("SELECT 'x -- y'");
    }

    @Test
    void stripOfNothingButTerminatorsIsEmpty() {
        assertThat(SqlLexer.stripTrailingTerminators(" ; -- x")).isEmpty();
        assertThat(SqlLexer.stripTrailingTerminators("")).isEmpty();
    }
}
