package io.pgdbm.migration;

import io.pgdbm.internal.Resources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where migration files live: a filesystem directory, or {@code classpath:dir} — a directory on the class path,
 * either on disk or inside a jar. Lists non-recursive {@code *.sql} files that are not hidden, in
 * {@link MigrationOrder}.
 */
final class MigrationSource {
    static final String CLASSPATH_PREFIX = "classpath:";
    private static final Logger LOG = LoggerFactory.getLogger(MigrationSource.class);

    private final String location;
    private final Path directory;      // filesystem locations
    private final String resourceDir;  // classpath locations, without leading or trailing '/'

    private MigrationSource(String location, Path directory, String resourceDir) {
        this.location = location;
        this.directory = directory;
        this.resourceDir = resourceDir;
    }

    static MigrationSource of(String location) {
        Objects.requireNonNull(location, "location");
        if (location.startsWith(CLASSPATH_PREFIX)) {
            String dir = location.substring(CLASSPATH_PREFIX.length()).replaceAll("^/+|/+$", "");
            return new MigrationSource(location, null, dir);
        }
        if (location.isBlank()) {
            throw new MigrationException("The migrations location is empty; pass a directory or classpath:dir",
                    null, null, null, null, null, null);
        }
        return new MigrationSource(location, Paths.get(location).toAbsolutePath().normalize(), null);
    }

    String location() {
        return location;
    }

    /** Whether the directory exists (on disk, or on the class path for {@code classpath:} locations). */
    boolean exists() {
        if (directory != null) {
            return Files.isDirectory(directory);
        }
        try {
            for (ClassLoader loader : Resources.loaders()) {
                if (loader.getResources(resourceDir).hasMoreElements()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new MigrationException("Cannot look for the migrations in " + location + ": " + e.getMessage(),
                    null, null, null, null, null, e);
        }
    }

    /** The directory new files are written to. */
    Path writableDirectory() {
        if (directory == null) {
            throw new MigrationException("Cannot create a migration file in '" + location + "': a classpath "
                    + "location is read-only; use the source directory (e.g. src/main/resources/" + resourceDir + ")",
                    null, null, null, null, null, null);
        }
        return directory;
    }

    /** The files in order; a missing location logs a warning and gives none, as in the original. */
    List<Migration> discover() {
        try {
            List<Migration> files = directory != null ? fromDirectory(directory) : fromClasspath();
            return MigrationOrder.sort(files, location);
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationException("Cannot read the migrations in " + location + ": " + e.getMessage(),
                    null, null, null, null, null, e);
        }
    }

    private List<Migration> fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            LOG.warn("Migrations directory {} does not exist; no migrations found", dir);
            return List.of();
        }
        Path realDir = dir.toRealPath();
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(dir)) {
            candidates = entries.filter(p -> isMigrationName(p.getFileName().toString())).toList();
        }
        List<Migration> files = new ArrayList<>(candidates.size());
        for (Path path : candidates) {
            if (Files.isSymbolicLink(path) && !Files.exists(path)) { // its target is gone: the original skips it too
                LOG.warn("Migration file {} is a symbolic link to {}, which does not exist; it is skipped", path,
                        Files.readSymbolicLink(path));
                continue;
            }
            Path real = path.toRealPath();
            // recorded under the name of the file it resolves to, as the original records a symlinked file
            String name = real.getFileName().toString();
            if (!real.startsWith(realDir)) {
                throw new MigrationException("Migration file '" + path + "' is outside the migrations directory (it "
                        + "resolves to " + real + "); copy the file into " + dir + " instead of linking it",
                        null, name, null, null, null, null);
            }
            if (Files.isRegularFile(real)) {
                files.add(Migration.of(name, decode(Files.readAllBytes(real), name)));
            }
        }
        return files;
    }

    private List<Migration> fromClasspath() throws IOException {
        Set<URL> roots = new LinkedHashSet<>();
        for (ClassLoader loader : Resources.loaders()) {
            roots.addAll(Collections.list(loader.getResources(resourceDir)));
            if (!roots.isEmpty()) {
                break;
            }
        }
        if (roots.isEmpty()) {
            LOG.warn("Migrations location {} is not on the class path; no migrations found", location);
            return List.of();
        }
        if (roots.size() > 1) {
            throw new MigrationException("Migrations location " + location + " is found in several class path "
                    + "entries " + roots + "; give each module's migrations its own directory (for example "
                    + "db/migrations/<module>)", null, null, null, null, null, null);
        }
        URL root = roots.iterator().next();
        return switch (root.getProtocol()) {
            case "file" -> fromDirectory(Resources.toPath(root));
            case "jar" -> fromJar(root);
            default -> throw new MigrationException("Migrations location " + location + " resolves to " + root
                    + ", a '" + root.getProtocol() + "' URL pgdbm cannot list; use a directory or a jar",
                    null, null, null, null, null, null);
        };
    }

    /** Lists the directory's entries from the jar itself; the jar is opened uncached and closed again. */
    private List<Migration> fromJar(URL root) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("not a jar URL: " + root);
        }
        jarConnection.setUseCaches(false);
        String prefix = jarConnection.getEntryName().replaceAll("/+$", "") + "/";
        List<Migration> files = new ArrayList<>();
        try (JarFile jar = jarConnection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String entryName = entry.getName();
                if (entry.isDirectory() || !entryName.startsWith(prefix)) {
                    continue;
                }
                String name = entryName.substring(prefix.length());
                if (name.indexOf('/') >= 0 || !isMigrationName(name)) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    files.add(Migration.of(name, decode(in.readAllBytes(), name)));
                }
            }
        }
        return files;
    }

    private static boolean isMigrationName(String name) {
        return name.endsWith(".sql") && !name.startsWith(".");
    }

    /**
     * UTF-8 text with universal newlines, as Python's {@code read_text} gives it to the original: {@code \r\n} and a
     * lone {@code \r} become {@code \n}, so checksums match the original's and a CRLF inside a string literal is
     * stored as LF.
     */
    private String decode(byte[] bytes, String name) {
        try {
            return universalNewlines(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new MigrationException("Migration file '" + name + "' in " + location + " is not valid UTF-8; "
                    + "save it as UTF-8", null, name, null, null, null, e);
        }
    }

    static String universalNewlines(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
