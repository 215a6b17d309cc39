package io.pgdbm.internal;

import io.pgdbm.PgdbmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Files named by location: {@code classpath:path} (every class path root holding it, directories and jars, as Flyway
 * and Spring scan) or a filesystem path. The one place that knows which class loaders to ask and how a class path
 * URL becomes a path; migrations and test templates read their files through it.
 */
public final class Resources {
    static final String CLASSPATH = "classpath:";

    /** A file under a location: its path relative to the location ('/'-separated) and its content. */
    public record Entry(String path, byte[] content) {
    }

    private Resources() {
    }

    /** Every file under {@code location}, recursively, sorted by relative path (then class path order); none if missing. */
    public static List<Entry> list(String location) {
        try {
            List<Entry> entries = new ArrayList<>();
            if (location.startsWith(CLASSPATH)) {
                String dir = trim(location.substring(CLASSPATH.length()));
                for (URL root : roots(dir)) {
                    switch (root.getProtocol()) {
                        case "file" -> walk(toPath(root), entries);
                        case "jar" -> fromJar(root, entries);
                        default -> throw new PgdbmException(location + " resolves to " + root + ", a '"
                                + root.getProtocol() + "' URL pgdbm cannot list; use a directory or a jar");
                    }
                }
            } else {
                walk(Path.of(location), entries);
            }
            entries.sort(Comparator.comparing(Entry::path)); // stable: equal paths keep class path order
            return entries;
        } catch (IOException | UncheckedIOException e) {
            throw new PgdbmException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** The content of one file ({@code classpath:path} or a filesystem path), empty if there is none. */
    public static Optional<byte[]> read(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String path = trim(location.substring(CLASSPATH.length()));
                for (ClassLoader loader : loaders()) {
                    URL url = loader.getResource(path);
                    if (url != null) {
                        return readFile(url);
                    }
                }
                return Optional.empty();
            }
            Path file = Path.of(location);
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new PgdbmException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    /** The content of a class path URL that is a file; empty for a directory. */
    private static Optional<byte[]> readFile(URL url) throws IOException {
        if (url.getProtocol().equals("file")) {
            Path file = toPath(url);
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        }
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        if (connection instanceof JarURLConnection jarConnection) {
            try (JarFile jar = jarConnection.getJarFile()) {
                JarEntry entry = jar.getJarEntry(jarConnection.getEntryName());
                if (entry == null || entry.isDirectory()) {
                    return Optional.empty();
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    return Optional.of(in.readAllBytes());
                }
            }
        }
        try (InputStream in = connection.getInputStream()) {
            return Optional.of(in.readAllBytes());
        }
    }

    private static String trim(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static List<URL> roots(String dir) throws IOException {
        for (ClassLoader loader : loaders()) {
            List<URL> roots = Collections.list(loader.getResources(dir));
            if (!roots.isEmpty()) {
                return roots;
            }
        }
        return List.of();
    }

    /** The class loaders to look in, in order: the thread's context loader (if any), then pgdbm's own. */
    public static List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        loaders.add(Resources.class.getClassLoader());
        return loaders;
    }

    /** The path of a {@code file:} URL of the class path. */
    public static Path toPath(URL url) {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("bad class path URL " + url, e));
        }
    }

    private static void walk(Path root, List<Entry> entries) throws IOException {
        if (Files.isRegularFile(root)) {
            entries.add(new Entry(root.getFileName().toString(), Files.readAllBytes(root)));
            return;
        }
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), "/");
                entries.add(new Entry(relative, Files.readAllBytes(file)));
            }
        }
    }

    private static void fromJar(URL root, List<Entry> entries) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("not a jar URL: " + root);
        }
        jarConnection.setUseCaches(false);
        String prefix = trim(jarConnection.getEntryName()) + "/";
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                JarEntry entry = all.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        entries.add(new Entry(entry.getName().substring(prefix.length()), in.readAllBytes()));
                    }
                }
            }
        }
    }
}
