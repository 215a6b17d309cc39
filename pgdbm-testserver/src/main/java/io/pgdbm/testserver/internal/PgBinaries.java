package io.pgdbm.testserver.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds a directory holding PostgreSQL's {@code initdb} and {@code pg_ctl}. */
final class PgBinaries {

    private PgBinaries() {
    }

    /**
     * The explicit directory if given (and nothing else), otherwise the first of {@code pg_config --bindir},
     * {@code PATH}, the highest {@code /usr/lib/postgresql/<version>/bin} and {@code /usr/local/pgsql/bin}.
     *
     * @throws IOException naming every place looked at
     */
    static Path find(Optional<Path> explicit) throws IOException {
        if (explicit.isPresent()) {
            if (hasBinaries(explicit.get())) {
                return explicit.get();
            }
            throw new IOException("pgdbm.test.local.bindir=" + explicit.get() + " holds no initdb and pg_ctl");
        }
        List<Path> candidates = new ArrayList<>();
        pgConfigBinDir().ifPresent(candidates::add);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir));
                }
            }
        }
        candidates.addAll(debianBinDirs());
        candidates.add(Path.of("/usr/local/pgsql/bin"));
        for (Path candidate : candidates) {
            if (hasBinaries(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no PostgreSQL binaries (initdb, pg_ctl) found in pg_config --bindir, PATH,"
                + " /usr/lib/postgresql/*/bin or /usr/local/pgsql/bin; install PostgreSQL or set"
                + " pgdbm.test.local.bindir");
    }

    /**
     * What identifies the binaries in {@code bin}: the real path, size and modification time of {@code postgres} (a
     * package upgrade changes them) and its {@code postgres --version}, which is remembered under
     * {@code <cacheRoot>/binaries/} for those three so that a JVM attaching to a reused cluster starts no process.
     */
    static String identity(Path bin, Path cacheRoot) throws IOException {
        Path postgres = bin.resolve("postgres").toRealPath();
        BasicFileAttributes attributes = Files.readAttributes(postgres, BasicFileAttributes.class);
        String file = postgres + "; " + attributes.size() + " bytes; modified " + attributes.lastModifiedTime().toMillis();
        Path memo = cacheRoot.resolve("binaries").resolve(InitdbCache.key(file) + ".version");
        String version;
        if (Files.isRegularFile(memo)) {
            version = Files.readString(memo, StandardCharsets.UTF_8).strip();
        } else {
            version = ExternalCommand.run(List.of(postgres.toString(), "--version"), null, Duration.ofSeconds(10))
                    .orThrow().output().strip();
            Files.createDirectories(memo.getParent());
            Path written = Files.createTempFile(memo.getParent(), "version-", ".tmp");
            Files.writeString(written, version + "\n", StandardCharsets.UTF_8);
            Files.move(written, memo, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return file + "; " + version;
    }

    private static boolean hasBinaries(Path dir) {
        return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))
                && Files.isExecutable(dir.resolve("postgres"));
    }

    private static Optional<Path> pgConfigBinDir() {
        try {
            ExternalCommand.Result result = ExternalCommand.run(List.of("pg_config", "--bindir"), null,
                    Duration.ofSeconds(5));
            return result.succeeded() ? Optional.of(Path.of(result.output().strip())) : Optional.empty();
        } catch (IOException | RuntimeException notInstalled) {
            return Optional.empty();
        }
    }

    /** {@code /usr/lib/postgresql/<version>/bin}, highest version first. */
    private static List<Path> debianBinDirs() {
        Path base = Path.of("/usr/lib/postgresql");
        List<Path> versions = new ArrayList<>();
        if (Files.isDirectory(base)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, "[0-9]*")) {
                dirs.forEach(versions::add);
            } catch (IOException e) {
                return List.of();
            }
        }
        versions.sort(Comparator.comparingDouble(PgBinaries::versionOf).reversed());
        return versions.stream().map(v -> v.resolve("bin")).toList();
    }

    private static double versionOf(Path dir) {
        try {
            return Double.parseDouble(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
