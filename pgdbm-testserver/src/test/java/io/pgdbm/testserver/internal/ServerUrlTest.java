package io.pgdbm.testserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerUrlTest {

    @Test
    void parsesCredentialsFromUserInfo() {
        ServerUrl url = ServerUrl.parse("postgres://app:p%40ss@db.example:6543/orders");

        assertThat(url).isEqualTo(new ServerUrl("db.example", 6543, "app", Optional.of("p@ss"), "orders"));
    }

    @Test
    void parsesJdbcUrlWithQueryCredentials() {
        ServerUrl url = ServerUrl.parse("jdbc:postgresql://localhost/postgres?user=admin&password=a%26b");

        assertThat(url).isEqualTo(new ServerUrl("localhost", 5432, "admin", Optional.of("a&b"), "postgres"));
    }

    @Test
    void buildsUrlsWithEncodedPasswordAndNoPasswordInJdbcUrl() {
        assertThat(ServerUrl.url("127.0.0.1", 5432, "app", Optional.of("p@ss w/rd"), "db"))
                .isEqualTo("postgresql://app:p%40ss%20w%2Frd@127.0.0.1:5432/db");
        assertThat(ServerUrl.jdbcUrl("127.0.0.1", 5432, "db")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/db");
    }

    @Test
    void masksPasswordsInUserInfoAndQuery() {
        assertThat(ServerUrl.mask("postgresql://app:secret@host:5432/db")).isEqualTo("postgresql://app:****@host:5432/db");
        assertThat(ServerUrl.mask("jdbc:postgresql://host/db?user=app&password=secret"))
                .isEqualTo("jdbc:postgresql://host/db?user=app&password=****");
        assertThat(ServerUrl.mask("postgresql://app@host/db")).isEqualTo("postgresql://app@host/db");
    }

    @Test
    void masksPasswordsWithRawReservedCharactersWhole() {
        for (String password : new String[] {"p@ss", "pa ss", "pa/ss", "pa?ss", "pa#ss", "p%zz", "a:b@c d/e?f#g"}) {
            String url = "postgresql://app:" + password + "@db.example:5432/orders";
            assertThat(ServerUrl.mask(url)).isEqualTo("postgresql://app:****@db.example:5432/orders");
        }
    }

    @Test
    void unparsableUrlsAreReportedWithoutTheirPassword() {
        for (String password : new String[] {"pa ss", "p@ss", "pa/ss", "pa?ss", "pa#ss"}) {
            String url = "postgresql://app:" + password + "@db.example:5432/orders";
            assertThatThrownBy(() -> ServerUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                    .message().contains("****").doesNotContain(password).doesNotContain("ss@");
        }
    }
}
