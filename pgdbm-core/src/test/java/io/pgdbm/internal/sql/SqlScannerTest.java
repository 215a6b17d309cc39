package io.pgdbm.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.internal.sql.SqlScanner.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScannerTest {

    private static List<String> significantTokens(String sql) {
        List<String> tokens = new ArrayList<>();
        SqlScanner scanner = new SqlScanner(sql);
        while (scanner.next()) {
            if (scanner.kind() != Kind.WHITESPACE) {
                tokens.add(scanner.kind() + ":" + scanner.text());
            }
        }
        return tokens;
    }

    @Test
    void tokensCoverTheWholeInputWithoutGaps() {
        String sql = "SELECT a$1, $2, 'x' FROM \"t\" -- c\n/* d */ WHERE e ?? f ? $$g$$;";
        StringBuilder rebuilt = new StringBuilder();
        SqlScanner scanner = new SqlScanner(sql);
        while (scanner.next()) {
            rebuilt.append(scanner.text());
        }
        assertThat(rebuilt.toString()).isEqualTo(sql);
    }

    @Test
    void eStringsInEitherCaseHaveBackslashEscapes() {
        assertThat(significantTokens("e'a\\'b' E'\\\\' x"))
                .containsExactly("STRING:e'a\\'b'", "STRING:E'\\\\'", "WORD:x");
    }

    @Test
    void letterEAtTheEndOfALongerWordDoesNotStartAnEString() {
        assertThat(significantTokens("type'a\\' b")).containsExactly("WORD:type", "STRING:'a\\'", "WORD:b");
    }

    @Test
    void doubledQuotesInsideQuotedIdentifiersAreEscapes() {
        assertThat(significantTokens("\"a\"\"b\" c")).containsExactly("QUOTED_IDENTIFIER:\"a\"\"b\"", "WORD:c");
    }

    @Test
    void nestedBlockCommentEndsAtTheMatchingClose() {
        assertThat(significantTokens("/* a /* b */ c */ d"))
                .containsExactly("BLOCK_COMMENT:/* a /* b */ c */", "WORD:d");
    }

    @Test
    void dollarQuoteNeedsAMatchingTag() {
        assertThat(significantTokens("$a$ $b$ x $a$ y"))
                .containsExactly("DOLLAR_QUOTED:$a$ $b$ x $a$", "WORD:y");
    }

    @Test
    void dollarWithoutAValidTagIsAnOrdinaryCharacter() {
        assertThat(significantTokens("$a b $1x"))
                .containsExactly("OTHER:$", "WORD:a", "WORD:b", "PARAMETER:$1", "WORD:x");
    }

    @Test
    void dollarAfterAnIdentifierCharacterBelongsToTheIdentifier() {
        assertThat(significantTokens("a$1 b$$c$$ 9$")).containsExactly("WORD:a$1", "WORD:b$$c$$", "WORD:9$");
    }

    @Test
    void questionMarksPairLeftToRight() {
        assertThat(significantTokens("???|"))
                .containsExactly("ESCAPED_QUESTION_MARK:??", "QUESTION_MARK:?", "OTHER:|");
    }

    @Test
    void unterminatedTokensRunToTheEnd() {
        assertThat(significantTokens("x 'abc")).containsExactly("WORD:x", "STRING:'abc");
        assertThat(significantTokens("x \"abc")).containsExactly("WORD:x", "QUOTED_IDENTIFIER:\"abc");
        assertThat(significantTokens("x /* a /* b */")).containsExactly("WORD:x", "BLOCK_COMMENT:/* a /* b */");
        assertThat(significantTokens("x $q$ abc $q")).containsExactly("WORD:x", "DOLLAR_QUOTED:$q$ abc $q");
        assertThat(significantTokens("x E'ab\\")).containsExactly("WORD:x", "STRING:E'ab\\");
    }
}
