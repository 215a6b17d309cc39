package io.pgdbm.testserver.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories that hold throwaway clusters: {@code <base>/pgdbm-clusters/<runId>/}, one run directory per JVM
 * and base, marked with {@code owner.pid}. The base is {@code pgdbm.test.cluster.dir} when set, else
 * {@link #defaultBase()}. A JVM killed mid-run leaves its run directory and maybe a
 * running postmaster behind; {@link #sweep()} stops and deletes those of dead owners. Nothing outside
 * {@code pgdbm-clusters} is ever touched.
 */
final class ClusterDirectories {

    static final String OWNER_FILE = "owner.pid";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterDirectories.class);
    private static final Duration POSTMASTER_EXIT_WAIT = Duration.ofSeconds(10);
    private static final long MIN_RAM_FREE_GIB = 2;
    private static final Map<Path, ClusterDirectories> BY_ROOT = new ConcurrentHashMap<>();

    private final Path root;
    private final AtomicInteger sequence = new AtomicInteger();
    private Path runDir;

    ClusterDirectories(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The directories of this JVM under {@code base} (or the default base), one instance per base. */
    static ClusterDirectories under(Optional<Path> base) {
        Path root = base.orElseGet(ClusterDirectories::defaultBase).resolve("pgdbm-clusters").toAbsolutePath().normalize();
        return BY_ROOT.computeIfAbsent(root, ClusterDirectories::new);
    }

    /**
     * {@code /dev/shm} when it is a writable RAM-backed filesystem with at least {@value #MIN_RAM_FREE_GIB} GiB
     * free, else {@code java.io.tmpdir}. A test server creates and deletes thousands of files (every clone and drop
     * of a database), which on a disk filesystem such as ext4 costs far more kernel time than on tmpfs; the cluster
     * runs with fsync off and is deleted at the end, so a disk gives it nothing.
     */
    static Path defaultBase() {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm)) {
                FileStore store = Files.getFileStore(shm);
                if (store.type().equals("tmpfs") && store.getUsableSpace() >= MIN_RAM_FREE_GIB << 30) {
                    return shm;
                }
            }
        } catch (IOException | SecurityException e) {
            LOG.debug("pgdbm: not using {} for clusters: {}", shm, e.toString());
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path root() {
        return root;
    }

    /** A new, empty directory under this JVM's run directory, e.g. {@code run-1234-9f3a/local-1}. */
    synchronized Path newClusterDirectory(String kind) throws IOException {
        Path dir = runDirectory().resolve(kind + "-" + sequence.incrementAndGet());
        Files.createDirectory(dir);
        return dir;
    }

    synchronized Path runDirectory() throws IOException {
        if (runDir == null) {
            Files.createDirectories(root);
            ProcessHandle self = ProcessHandle.current();
            String runId = "run-" + self.pid() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            Path dir = Files.createDirectory(root.resolve(runId));
            // A root JVM hands cluster directories to an unprivileged user, who must be able to reach them.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            writeOwner(dir, self);
            runDir = dir;
        }
        return runDir;
    }

    /**
     * Deletes a cluster directory and, when it was the last one, the run directory too, so a JVM that closed
     * everything leaves nothing behind.
     */
    synchronized void release(Path clusterDir) {
        delete(clusterDir);
        if (runDir == null) {
            return;
        }
        try (Stream<Path> entries = Files.list(runDir)) {
            if (entries.allMatch(p -> p.getFileName().toString().equals(OWNER_FILE))) {
                delete(runDir);
                runDir = null;
            }
        } catch (IOException e) {
            LOG.debug("pgdbm: could not check {}: {}", runDir, e.toString());
        }
    }

    static void writeOwner(Path runDir, ProcessHandle owner) throws IOException {
        String started = owner.info().startInstant().map(Instant::toString).orElse("");
        Files.writeString(runDir.resolve(OWNER_FILE), owner.pid() + "\n" + started + "\n", StandardCharsets.UTF_8);
    }

    /** Stops the servers of run directories whose owner is dead, then deletes those directories. */
    int sweep() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int swept = 0;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, "run-*")) {
            for (Path run : runs) {
                if (Files.isDirectory(run, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !ownerAlive(run)) {
                    stopPostmasters(run);
                    delete(run);
                    swept++;
                    LOG.info("pgdbm: removed {} left behind by a JVM that is gone", run);
                }
            }
        } catch (IOException e) {
            LOG.warn("pgdbm: could not sweep {}: {}", root, e.toString());
        }
        return swept;
    }

    /** Deletes {@code dir} and everything in it, without following links, if it lies under the root. */
    void delete(Path dir) {
        Path target = dir.toAbsolutePath().normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException(dir + " is not under " + root);
        }
        try {
            Files.walkFileTree(target, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException alreadyGone) {
            // Another JVM swept it at the same time.
        } catch (IOException e) {
            LOG.warn("pgdbm: could not delete {}: {}", target, e.toString());
        }
    }

    private static boolean ownerAlive(Path run) {
        Optional<ProcessHandle> owner;
        List<String> lines;
        try {
            lines = Files.readAllLines(run.resolve(OWNER_FILE), StandardCharsets.UTF_8);
            owner = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | RuntimeException e) {
            // No readable owner.pid yet: the owner may be writing it right now; its pid is in the name.
            lines = List.of();
            owner = pidFromName(run).flatMap(ProcessHandle::of);
        }
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return false;
        }
        // A live process with a recycled pid is not the owner: compare start times when both are known.
        Optional<Instant> recorded = lines.size() > 1 ? parseInstant(lines.get(1)) : Optional.empty();
        Optional<Instant> actual = owner.get().info().startInstant();
        return recorded.isEmpty() || actual.isEmpty()
                || Duration.between(recorded.get(), actual.get()).abs().compareTo(Duration.ofSeconds(2)) < 0;
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> pidFromName(Path run) {
        String[] parts = run.getFileName().toString().split("-");
        try {
            return parts.length >= 2 ? Optional.of(Long.parseLong(parts[1])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Immediate shutdown (SIGQUIT) of each postmaster whose {@code postmaster.pid} lies in {@code run}. */
    private static void stopPostmasters(Path run) {
        List<Path> pidFiles = new ArrayList<>();
        try (Stream<Path> files = Files.find(run, 4, (p, a) -> p.getFileName().toString().equals("postmaster.pid"))) {
            files.forEach(pidFiles::add);
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("pgdbm: could not look for servers in {}: {}", run, e.toString());
        }
        for (Path pidFile : pidFiles) {
            postmasterOf(pidFile).ifPresent(postmaster -> stop(postmaster, pidFile));
        }
    }

    /** The live postmaster named by {@code pidFile}, if the pid still belongs to a PostgreSQL server. */
    static Optional<ProcessHandle> postmasterOf(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
            // Line 2 is the data directory; the command check guards against a recycled pid.
            boolean ownsDataDir = lines.size() > 1 && Path.of(lines.get(1).trim()).equals(pidFile.getParent());
            return process.filter(ProcessHandle::isAlive)
                    .filter(p -> ownsDataDir && p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void stop(ProcessHandle postmaster, Path pidFile) {
        try {
            ExternalCommand.run(List.of("kill", "-QUIT", Long.toString(postmaster.pid())), null, Duration.ofSeconds(5));
            if (!awaitExit(postmaster, POSTMASTER_EXIT_WAIT)) {
                LOG.warn("pgdbm: postmaster {} of {} did not stop on SIGQUIT; killing it",
                        postmaster.pid(), pidFile.getParent());
                postmaster.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.warn("pgdbm: could not signal postmaster {} of {} ({}); killing it",
                    postmaster.pid(), pidFile.getParent(), e.toString());
            postmaster.destroyForcibly();
        }
        LOG.info("pgdbm: stopped postmaster {} of {}", postmaster.pid(), pidFile.getParent());
    }

    /**
     * Waits for a process that is not our child. {@code onExit()} polls such processes with a back-off of up
     * to seconds, which would make every sweep slow.
     */
    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

}
