package io.pgdbm.testserver.internal;

import io.pgdbm.testserver.PostgresServer;
import io.pgdbm.testserver.ServerProvider;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server some provider made available. Reads the version on creation (which also proves it answers), and
 * runs the provider's stop action once, on {@link #close()} or at JVM shutdown, whichever comes first.
 */
final class StartedServer implements PostgresServer {

    private final ServerProvider provider;
    private final String host;
    private final int port;
    private final String user;
    private final Optional<String> password;
    private final String adminDatabase;
    private final int serverVersionNum;
    private final String serverVersion;
    private final Runnable stop;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private StartedServer(Builder b, int versionNum, String version) {
        this.provider = b.provider;
        this.host = b.host;
        this.port = b.port;
        this.user = b.user;
        this.password = b.password;
        this.adminDatabase = b.adminDatabase;
        this.stop = b.stop;
        this.serverVersionNum = versionNum;
        this.serverVersion = version;
        if (b.stop == null) {
            this.shutdownHook = null;
        } else {
            this.shutdownHook = new Thread(this::stopOnce, "pgdbm-" + provider + "-server-stop");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    static Builder builder(ServerProvider provider) {
        return new Builder(provider);
    }

    @Override
    public ServerProvider provider() {
        return provider;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public Optional<String> password() {
        return password;
    }

    @Override
    public String adminDatabase() {
        return adminDatabase;
    }

    @Override
    public String jdbcUrl(String database) {
        return ServerUrl.jdbcUrl(host, port, Objects.requireNonNull(database, "database"));
    }

    @Override
    public String url(String database) {
        return ServerUrl.url(host, port, user, password, Objects.requireNonNull(database, "database"));
    }

    @Override
    public int serverVersionNum() {
        return serverVersionNum;
    }

    @Override
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public void close() {
        if (shutdownHook != null && !closed.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                // The hook is already running or about to; stopOnce keeps the stop single.
            }
        }
        stopOnce();
    }

    private void stopOnce() {
        if (closed.compareAndSet(false, true) && stop != null) {
            stop.run();
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + provider + " " + serverVersion + " at " + host + ":" + port + "]";
    }

    /** Opens a connection with this server's credentials; used by providers and tests. */
    static Connection connect(String jdbcUrl, String user, Optional<String> password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "pgdbm-junit");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    static final class Builder {
        private final ServerProvider provider;
        private String host;
        private int port;
        private String user = "postgres";
        private Optional<String> password = Optional.empty();
        private String adminDatabase = "postgres";
        private Runnable stop;

        private Builder(ServerProvider provider) {
            this.provider = provider;
        }

        Builder address(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        Builder credentials(String user, Optional<String> password) {
            this.user = user;
            this.password = password;
            return this;
        }

        Builder adminDatabase(String adminDatabase) {
            this.adminDatabase = adminDatabase;
            return this;
        }

        /** What {@code close()} does; {@code null} for a server this JVM did not start. */
        Builder stop(Runnable stop) {
            this.stop = stop;
            return this;
        }

        /** Connects once to read the version; throws {@link SQLException} if the server does not answer. */
        StartedServer connect() throws SQLException {
            String jdbcUrl = ServerUrl.jdbcUrl(host, port, adminDatabase);
            try (Connection c = StartedServer.connect(jdbcUrl, user, password);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int,"
                            + " current_setting('server_version')")) {
                rs.next();
                // Distribution builds append a suffix, e.g. "15.8 (Debian 15.8-1.pgdg120+1)".
                String version = rs.getString(2).split(" ", 2)[0];
                return new StartedServer(this, rs.getInt(1), version);
            }
        }
    }
}
