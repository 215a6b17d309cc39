package io.pgdbm.cli;

/**
 * One {@code [environments.<name>]} table: where the database is and which schema is the default.
 *
 * <pre>{@code
 * [environments.prod]
 * url = "${DATABASE_URL}"
 * schema = "production"
 * ssl_mode = "verify-full"
 * }</pre>
 *
 * @param name      the environment's name
 * @param url       {@code url} or {@code connection_string}, or {@code null} when built from parts
 * @param host      {@code host}, or {@code null}
 * @param port      {@code port}, or {@code null}
 * @param database  {@code database}, or {@code null}
 * @param user      {@code user}, or {@code null}
 * @param password  {@code password}, or {@code null}
 * @param schema    {@code schema} (default {@code public}): the schema of modules that name none
 * @param sslMode   {@code ssl_mode} ({@code require} when only {@code ssl_enabled = true}), or {@code null}
 * @param sslCaFile {@code ssl_ca_file}, or {@code null}
 * @param sslCertFile {@code ssl_cert_file}, or {@code null}
 * @param sslKeyFile  {@code ssl_key_file}, or {@code null}
 */
record EnvironmentConfig(String name, String url, String host, Integer port, String database, String user,
                         String password, String schema, String sslMode, String sslCaFile, String sslCertFile,
                         String sslKeyFile) {

    static final String DEFAULT_SCHEMA = "public";

    /** An environment given by a URL alone ({@code --url}, {@code DATABASE_URL}), with modules' default schema. */
    static EnvironmentConfig ofUrl(String name, String url, String schema) {
        return new EnvironmentConfig(name, url, null, null, null, null, null, schema, null, null, null, null);
    }
}
