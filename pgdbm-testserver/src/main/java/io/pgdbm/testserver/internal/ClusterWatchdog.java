package io.pgdbm.testserver.internal;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The process that stops a reused cluster once no JVM has used it for the idle time: plain {@code java} with the
 * testserver's class path, started in a session of its own (so it survives the test JVM, Surefire and a Ctrl-C in
 * the terminal). Every poll it takes {@code cluster.lock}; it stops the cluster with {@code pg_ctl stop -m fast} only
 * when no JVM holds {@code users.lock} and {@code last-used} is older than the idle time, then exits. It also exits
 * when the cluster is no longer running or another watchdog took over.
 *
 * <pre>
 * java -cp testserver.jar:slf4j-api.jar io.pgdbm.testserver.internal.ClusterWatchdog DIR IDLE_MILLIS BIN USER|@userns
 * </pre>
 */
public final class ClusterWatchdog {

    static final String PID_FILE = "watchdog.pid";

    private ClusterWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Duration idle = Duration.ofMillis(Long.parseLong(args[1]));
        PrivateCluster cluster = new PrivateCluster(Path.of(args[2]), RunAs.fromSpec(args[3]), dir);
        long poll = Math.max(200, Math.min(30_000, idle.toMillis() / 10));
        while (true) {
            Thread.sleep(poll); // a process of its own with nothing else to do between polls
            if (!isMe(dir)) {
                return; // another watchdog took over
            }
            if (stopIfIdle(dir, cluster, idle)) {
                return;
            }
        }
    }

    /** Returns whether the watchdog's work is done: the cluster stopped now or earlier. */
    private static boolean stopIfIdle(Path dir, PrivateCluster cluster, Duration idle) throws IOException {
        try (FileChannel decisions = FileChannel.open(dir.resolve("cluster.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock decision = decisions.lock();
                FileChannel users = FileChannel.open(dir.resolve("users.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (cluster.postmaster().isEmpty()) {
                Files.deleteIfExists(dir.resolve(PID_FILE));
                return true;
            }
            FileLock noUsers = users.tryLock();
            if (noUsers == null) {
                return false; // a JVM is attached
            }
            try {
                Instant lastUsed = Files.getLastModifiedTime(dir.resolve("last-used")).toInstant();
                if (Duration.between(lastUsed, Instant.now()).compareTo(idle) < 0) {
                    return false;
                }
                System.err.println(Instant.now() + " pgdbm: no JVM used the cluster in " + dir + " since " + lastUsed
                        + "; stopping it");
                cluster.stop();
                Files.deleteIfExists(dir.resolve(PID_FILE));
                return true;
            } finally {
                noUsers.release();
            }
        }
    }

    private static boolean isMe(Path dir) {
        return running(dir).map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false);
    }

    /** The live watchdog named by {@code watchdog.pid}, if it still runs this class. */
    static Optional<ProcessHandle> running(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(PID_FILE), StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(ClusterWatchdog.class.getName())).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Starts a watchdog for {@code dir} unless one runs; the caller holds {@code cluster.lock}. */
    static void ensureRunning(Path dir, Path bin, RunAs runAs, Duration idle) throws IOException {
        if (running(dir).isPresent()) {
            return;
        }
        List<String> command = new ArrayList<>();
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString()); // its own session: no SIGHUP or SIGINT from the terminal of the build
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(),
                ClusterWatchdog.class.getName(), dir.toString(), Long.toString(idle.toMillis()), bin.toString(),
                runAs.spec()));
        Path log = dir.resolve("watchdog.log");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        // setsid forks when it is a process group leader, which a child of the JVM never is, so this is the java pid
        Files.writeString(dir.resolve(PID_FILE), process.pid() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * This module's classes and slf4j-api, from where they were loaded: Surefire's class path is a jar it deletes at
     * the end, which the watchdog outlives.
     */
    private static String classPath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(ClusterWatchdog.class, LoggerFactory.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException | SecurityException e) {
                throw new IOException("cannot find where " + type.getName() + " was loaded from, for the idle watchdog",
                        e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
