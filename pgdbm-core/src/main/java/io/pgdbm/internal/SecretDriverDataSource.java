package io.pgdbm.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections from the PostgreSQL driver with driver properties that must not be logged. HikariCP logs its data
 * source properties at DEBUG and masks only {@code password}; the TLS key's {@code sslpassword} therefore goes to the
 * driver through this data source, whose {@code toString()} shows the URL only.
 */
final class SecretDriverDataSource extends PlainDataSource {
    private final String url;
    private final Properties properties;

    SecretDriverDataSource(String url, Properties properties) {
        this.url = url;
        this.properties = properties;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties p = new Properties();
        p.putAll(properties);
        if (username != null) {
            p.setProperty("user", username);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(url, p);
    }

    @Override
    public String toString() {
        return "PostgreSQL driver at " + url + " (properties not shown)";
    }
}
