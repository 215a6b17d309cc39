package io.pgdbm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The files of {@code generate library NAME}: a Maven project for a dual-mode service at this pgdbm version, written
 * from the templates under {@code io/pgdbm/cli/library/}. A service core ({@code <Name>Service}) over a dual-mode
 * database class ({@code <Name>Database}), a standalone command line ({@code <Name>Cli}: {@code serve},
 * {@code db migrate}, {@code db create}), with {@code --with-api} a mountable HTTP API ({@code <Name>App}), and tests of
 * both modes on pgdbm-junit.
 *
 * <pre>{@code
 * new LibraryScaffold("my_service", "com.example", true).files()   // relative path -> content
 * }</pre>
 *
 * <p>Templates use {@code [[key]]} for values and whole lines {@code [[if api]]} (or {@code [[if !api]]}) /
 * {@code [[end]]} around what only the variant with (without) the API has; an unknown key fails loudly.
 */
final class LibraryScaffold {
    private static final String TEMPLATES = "library/";
    private static final Pattern KEY = Pattern.compile("\\[\\[([A-Za-z0-9.]+)]]");
    private static final int MAX_NAME = 40;   // leaves room for "_<schema>" in the module name
    private static final String PROJECT_VERSION = "0.1.0-SNAPSHOT";

    private final String name;
    private final String packageName;
    private final String prefix;
    private final boolean withApi;
    private final Map<String, String> values = new LinkedHashMap<>();

    LibraryScaffold(String name, String groupId, boolean withApi) {
        requireValidName(name);
        if (!SourceVersion.isName(groupId) || !groupId.equals(groupId.toLowerCase(Locale.ROOT))) {
            throw new CliException(ExitCodes.USAGE, "Group id '" + groupId + "' must be a lower-case Java package name "
                    + "without keywords, e.g. com.example: pass --group com.example");
        }
        this.name = name;
        this.withApi = withApi;
        this.packageName = groupId + "." + name.replace("_", "");
        this.prefix = camelCase(name);
        Properties versions = versions();
        values.put("name", name);
        values.put("artifact", name.replace('_', '-'));
        values.put("projectVersion", PROJECT_VERSION);
        values.put("jar", "target/" + values.get("artifact") + "-" + PROJECT_VERSION + "-all.jar");
        values.put("group", groupId);
        values.put("package", packageName);
        values.put("Database", prefix + "Database");
        values.put("Service", prefix.endsWith("Service") ? prefix : prefix + "Service");
        values.put("App", prefix + "App");
        values.put("Cli", prefix + "Cli");
        values.put("ENV", name.toUpperCase(Locale.ROOT));
        for (String key : versions.stringPropertyNames()) {
            values.put(key, versions.getProperty(key));   // version (pgdbm's), junit.version, ...
        }
    }

    /**
     * Refuses a name that cannot be the schema, the Maven artifact and the Java package at once, with a name that can.
     */
    static void requireValidName(String name) {
        String problem = null;
        if (!name.matches("[a-z][a-z0-9_]*")) {
            problem = "must be a lower-case identifier (letters, digits and _, starting with a letter)";
        } else if (name.length() > MAX_NAME) {
            problem = "is longer than " + MAX_NAME + " characters (the module name adds _<schema>, PostgreSQL allows 63)";
        } else if (name.startsWith("pg_")) {
            problem = "starts with pg_, which PostgreSQL reserves for system schemas";
        } else if (!SourceVersion.isIdentifier(name.replace("_", "")) || SourceVersion.isKeyword(name.replace("_", ""))) {
            problem = "would make the Java package segment '" + name.replace("_", "") + "', a Java keyword";
        }
        if (problem != null) {
            throw new CliException(ExitCodes.USAGE, "Library name '" + name + "' " + problem
                    + "; it is the schema, the module name and the Java package. Try: pgdbm generate library "
                    + suggestion(name));
        }
    }

    private static String suggestion(String name) {
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (snake.startsWith("pg_")) {
            snake = snake.substring(3);
        }
        if (snake.isEmpty() || !Character.isLetter(snake.charAt(0))) {
            snake = "service_" + snake;
        }
        if (snake.length() > MAX_NAME) {
            snake = snake.substring(0, MAX_NAME).replaceAll("_+$", "");
        }
        return SourceVersion.isKeyword(snake.replace("_", "")) ? snake + "_service" : snake;
    }

    private static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = LibraryScaffold.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties missing from the pgdbm-cli jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("version.properties unreadable in the pgdbm-cli jar", e);
        }
        return p;
    }

    /** Relative path to content, in writing order. */
    Map<String, String> files() {
        String main = "src/main/java/" + packageName.replace('.', '/') + "/";
        String test = "src/test/java/" + packageName.replace('.', '/') + "/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", render("pom.xml"));
        files.put(".gitignore", "target/\n");
        files.put(main + values.get("Database") + ".java", render("Database.java"));
        files.put(main + values.get("Service") + ".java", render("Service.java"));
        files.put(main + "Item.java", render("Item.java"));
        files.put(main + "User.java", render("User.java"));
        if (withApi) {
            files.put(main + values.get("App") + ".java", render("App.java"));
        }
        files.put(main + values.get("Cli") + ".java", render("Cli.java"));
        files.put("src/main/resources/db/migrations/" + name + "/001_initial.sql", render("001_initial.sql"));
        files.put(test + values.get("Database") + "Test.java", render("DatabaseTest.java"));
        files.put(test + values.get("Service") + "Test.java", render("ServiceTest.java"));
        if (withApi) {
            files.put(test + values.get("App") + "Test.java", render("AppTest.java"));
        }
        files.put(test + values.get("Cli") + "Test.java", render("CliTest.java"));
        files.put("src/test/resources/simplelogger.properties", render("simplelogger.properties"));
        files.put("README.md", render("README.md"));
        return files;
    }

    /** The runnable jar {@code mvn package} writes, relative to the project. */
    String runnableJar() {
        return values.get("jar");
    }

    /** The module name the library records in its default schema, {@code NAME_NAME}. */
    String moduleName() {
        return name + "_" + name;
    }

    /** The path of the dual-mode test of the database class, relative to the test sources. */
    String testFile() {
        return packageName.replace('.', '/') + "/" + values.get("Database") + "Test.java";
    }

    /** The dual-mode test of the database class ({@code generate tests}). */
    String test() {
        return render("DatabaseTest.java");
    }

    private String render(String template) {
        String text = read(TEMPLATES + template + ".tmpl");
        StringBuilder kept = new StringBuilder();
        boolean skipping = false;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.trim();
            if (trimmed.equals("[[if api]]") || trimmed.equals("[[if !api]]")) {
                skipping = trimmed.equals("[[if api]]") != withApi;
            } else if (trimmed.equals("[[end]]")) {
                skipping = false;
            } else if (!skipping) {
                kept.append(line).append('\n');
            }
        }
        kept.setLength(kept.length() - 1);   // split(-1) added one line break too many
        Matcher m = KEY.matcher(kept);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + template + " uses unknown key [[" + m.group(1) + "]]");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(String resource) {
        try (InputStream in = LibraryScaffold.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the pgdbm-cli jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(resource + " unreadable in the pgdbm-cli jar", e);
        }
    }
}
