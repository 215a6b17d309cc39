package io.pgdbm.cli;

/**
 * Connection settings that override pgdbm.toml: {@code --url}, {@code --user}, {@code --password}, or the environment
 * variables {@code DATABASE_URL}, {@code PGDBM_USER}, {@code PGDBM_PASSWORD}. Flags win over variables, each field on
 * its own.
 *
 * <pre>{@code
 * ConnectionOptions flags = new ConnectionOptions("postgresql://db/shop", null, null, "flag");
 * ConnectionOptions effective = flags.orElse(fromEnvironmentVariables);
 * }</pre>
 *
 * @param url      a {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql://} URL, or {@code null}
 * @param user     the user, or {@code null}
 * @param password the password, or {@code null}
 * @param source   {@code "flag"} or {@code "environment variable"}, for messages
 */
record ConnectionOptions(String url, String user, String password, String source) {
    static final ConnectionOptions NONE = new ConnectionOptions(null, null, null, "none");

    /** Each field of this, else of {@code weaker}; the source is this one's when it gives the URL. */
    ConnectionOptions orElse(ConnectionOptions weaker) {
        return new ConnectionOptions(url != null ? url : weaker.url, user != null ? user : weaker.user,
                password != null ? password : weaker.password, url != null ? source : weaker.source);
    }
}
