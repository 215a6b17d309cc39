package io.pgdbm.internal;

import io.pgdbm.ConfigurationException;
import io.pgdbm.DatabaseConfig;
import io.pgdbm.SslMode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Parses {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql://} URLs. */
public final class ConnectionUrl {
    private final String host;
    private final Integer port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> parameters;

    private ConnectionUrl(String host, Integer port, String database, String user, String password, Map<String, String> parameters) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.parameters = parameters;
    }

    public static ConnectionUrl parse(String url) {
        String rest;
        if (url.startsWith("jdbc:postgresql://")) {
            rest = url.substring("jdbc:postgresql://".length());
        } else if (url.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (url.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else {
            throw new ConfigurationException("connectionString", "unsupported URL scheme in '" + maskPassword(url)
                    + "': use postgresql://user:password@host:port/database, postgres://... or jdbc:postgresql://...");
        }
        rejectRawReservedInPassword(rest);
        Map<String, String> params = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 || slash == rest.length() - 1 ? null : decode(rest.substring(slash + 1));
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        if (authority.contains(",")) {
            throw new ConfigurationException("connectionString", "several hosts in '" + maskPassword(url)
                    + "' are not supported: give one host");
        }
        String host;
        Integer port = null;
        String portText = null;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            host = authority.substring(1, end);
            if (end + 1 < authority.length() && authority.charAt(end + 1) == ':') {
                portText = authority.substring(end + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (portText != null && !portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new ConfigurationException("port", "port '" + portText + "' in '" + maskPassword(url) + "' is not a number");
            }
        }
        return new ConnectionUrl(host.isEmpty() ? null : host, port, database, user, password, params);
    }

    /**
     * A password holding a raw {@code /}, {@code ?} or {@code #} ends the URL's authority early, so the rest of the
     * password would be read as the database, query or port (and shown in messages). Detected by an authority without
     * {@code @} whose port is not a number while an {@code @} follows in the path, and refused without quoting it.
     */
    private static void rejectRawReservedInPassword(String rest) {
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        if (authority.contains("@") || !rest.substring(end).contains("@")) {
            return;
        }
        int colon = authority.lastIndexOf(':');
        String port = colon < 0 ? "" : authority.substring(colon + 1);
        int query = rest.indexOf('?');
        boolean atInPath = rest.substring(end, query < end ? rest.length() : query).contains("@");
        if (colon >= 0 && (atInPath || !port.chars().allMatch(Character::isDigit))) {
            throw new ConfigurationException("connectionString", "the password in the connection URL contains a '/',"
                    + " '?' or '#' that is not percent-encoded, so the URL cannot be read; encode the password (for"
                    + " example with URLEncoder: '/' is %2F, '?' is %3F, '#' is %23, '%' is %25, '@' is %40, ':' is %3A,"
                    + " a space is %20), or leave it out of the URL and set DatabaseConfig.Builder.password(...) or"
                    + " DB_PASSWORD");
        }
    }

    /** Copies what the URL says onto the builder; unknown query parameters become driver properties. */
    public void applyTo(DatabaseConfig.Builder b) {
        if (host != null) {
            b.host(host);
        }
        if (port != null) {
            b.port(port);
        }
        if (database != null) {
            b.database(database);
        }
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        parameters.forEach((key, value) -> {
            switch (key) {
                case "user" -> b.user(value);
                case "password" -> b.password(value);
                case "sslmode" -> {
                    SslMode mode = SslModes.parse(value);
                    if (mode == null) {
                        throw new ConfigurationException("sslMode", "sslmode '" + value
                                + "' is not supported: use disable, prefer, require, verify-ca or verify-full");
                    }
                    b.sslMode(mode);
                }
                case "ssl" -> {
                    if ("true".equalsIgnoreCase(value)) {
                        b.sslMode(SslMode.VERIFY_FULL);
                    }
                }
                case "sslrootcert" -> b.sslCaFile(Path.of(value));
                case "sslcert" -> b.sslCertFile(Path.of(value));
                case "sslkey" -> b.sslKeyFile(Path.of(value));
                case "sslpassword" -> b.sslKeyPassword(value);
                case "application_name", "ApplicationName" -> b.applicationName(value);
                case "schema", "currentSchema" -> b.schema(value);
                case "connect_timeout", "connectTimeout" -> b.driverProperty("connectTimeout", value);
                default -> b.driverProperty(key, value);
            }
        });
    }

    /** Replaces the password of a URL with {@code ****}, up to the last {@code @} of the authority. */
    public static String maskPassword(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int start = scheme + 3;
        int end = url.indexOf('/', start);
        int query = url.indexOf('?', start);
        if (end < 0 || (query >= 0 && query < end)) {
            end = query < 0 ? url.length() : query;
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        int colon = at < 0 ? -1 : authority.indexOf(':');
        String masked = at < 0 || colon < 0 || colon > at ? authority : authority.substring(0, colon) + ":****" + authority.substring(at);
        String tail = url.substring(end).replaceAll("(?i)(password|sslpassword)=[^&]*", "$1=****");
        return url.substring(0, start) + masked + tail;
    }

    /** Percent-encodes a URL component: a space becomes {@code %20}, never {@code +}. */
    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String hostForUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? '[' + host + ']' : host;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // the decoder's message quotes the text, which may be a password
            throw new ConfigurationException("connectionString", "the connection URL has a '%' that is not followed by"
                    + " two hexadecimal digits; write a literal '%' (in a password too) as %25");
        }
    }

    /** Parsing of {@code sslmode} values, shared with the builder. */
    static final class SslModes {
        private SslModes() {
        }

        static SslMode parse(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (SslMode m : SslMode.values()) {
                if (m.driverValue().equals(v)) {
                    return m;
                }
            }
            return null;
        }
    }
}
