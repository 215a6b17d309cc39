package io.pgdbm.testserver.internal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** A parsed server URL: {@code postgresql://}, {@code postgres://} or {@code jdbc:postgresql://}. */
record ServerUrl(String host, int port, String user, Optional<String> password, String database) {

    private static final Pattern QUERY_PASSWORD = Pattern.compile("([?&]password=)[^&#]*");

    static ServerUrl parse(String url) {
        String rest = stripScheme(url);
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot parse PostgreSQL URL " + mask(url) + ": " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("PostgreSQL URL " + mask(url) + " has no host");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        if (uri.getRawQuery() != null) {
            for (String param : uri.getRawQuery().split("&")) {
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : decode(param.substring(eq + 1));
                if (name.equals("user") && (user == null || user.isEmpty())) {
                    user = value;
                } else if (name.equals("password") && password == null) {
                    password = value;
                }
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = path.length() > 1 ? decode(path.substring(1)) : "postgres";
        return new ServerUrl(host, port, user == null || user.isEmpty() ? "postgres" : user,
                Optional.ofNullable(password).filter(p -> !p.isEmpty()), database);
    }

    /**
     * The URL with any password replaced by {@code ****}, for messages and logs. The user info ends at the URL's
     * last {@code @}, so a password holding a raw {@code @}, space, {@code /}, {@code ?} or {@code #} is hidden whole
     * (an {@code @} further on, in the query, only hides more than needed).
     */
    static String mask(String url) {
        if (url == null) {
            return "null";
        }
        String masked = url;
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            int colon = url.indexOf(':', scheme + 3);
            if (colon >= 0 && colon < at) {
                masked = url.substring(0, colon + 1) + "****" + url.substring(at);
            }
        }
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1****");
    }

    static String jdbcUrl(String host, int port, String database) {
        return "jdbc:postgresql://" + hostPart(host) + ":" + port + "/" + encode(database);
    }

    static String url(String host, int port, String user, Optional<String> password, String database) {
        return "postgresql://" + encode(user) + password.map(p -> ":" + encode(p)).orElse("") + "@"
                + hostPart(host) + ":" + port + "/" + encode(database);
    }

    private static String stripScheme(String url) {
        for (String scheme : new String[] {"jdbc:postgresql://", "postgresql://", "postgres://"}) {
            if (url.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return url.substring(scheme.length());
            }
        }
        throw new IllegalArgumentException("PostgreSQL URL " + mask(url)
                + " must start with postgresql://, postgres:// or jdbc:postgresql://");
    }

    private static String hostPart(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    private static String decode(String s) {
        // URLDecoder would turn '+' into a space, which is wrong in the userinfo and path of a URL.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Percent-encodes everything except RFC 3986 unreserved characters. */
    static String encode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
