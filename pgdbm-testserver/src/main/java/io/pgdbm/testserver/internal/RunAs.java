package io.pgdbm.testserver.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OS identity that runs PostgreSQL's binaries. PostgreSQL refuses to run as root, so a root JVM runs them
 * as an unprivileged user through {@code setpriv} or {@code runuser}.
 */
record RunAs(List<String> prefix, String user) {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    /** How {@link #spec()} names a user namespace, for the watchdog's command line. */
    static final String USER_NAMESPACE = "@userns";
    private static final List<String> UNSHARE = List.of("unshare", "-U");

    static RunAs currentUser() {
        return new RunAs(List.of(), null);
    }

    /**
     * For zonky's binaries: as zonky runs them, in a user namespace of their own when the JVM is root (PostgreSQL
     * sees an unprivileged uid there, and root's files as its own), so a machine without a {@code postgres} user
     * runs them too; else as {@link #forLocalCluster} does.
     */
    static RunAs forEmbeddedCluster(String unprivilegedUser) throws IOException {
        if (!jvmIsRoot()) {
            return currentUser();
        }
        List<String> probe = new ArrayList<>(UNSHARE);
        probe.add("true");
        try {
            if (ExternalCommand.run(probe, Path.of("/"), PROBE_TIMEOUT).succeeded()) {
                return new RunAs(UNSHARE, null);
            }
        } catch (IOException noUnshare) {
            // fall back to switching users
        }
        return forLocalCluster(unprivilegedUser);
    }

    /** The run-as named by {@link #spec()}. */
    static RunAs fromSpec(String spec) throws IOException {
        return spec.equals(USER_NAMESPACE) ? new RunAs(UNSHARE, null) : forLocalCluster(spec);
    }

    /** The user to switch to, or {@link #USER_NAMESPACE}; {@link #fromSpec} makes the same run-as again. */
    String spec() {
        return prefix.equals(UNSHARE) ? USER_NAMESPACE : effectiveUser();
    }

    /** What the files of a cluster run this way depend on: the command prefix and the user. */
    String identity() {
        return String.join(" ", prefix) + " as " + effectiveUser();
    }

    /**
     * The identity to use: the current user, or {@code unprivilegedUser} when the JVM runs as root.
     *
     * @throws IOException with what to do instead when the JVM is root and cannot switch users
     */
    static RunAs forLocalCluster(String unprivilegedUser) throws IOException {
        if (!jvmIsRoot()) {
            return currentUser();
        }
        String uid = idOf(unprivilegedUser, "-u");
        String gid = idOf(unprivilegedUser, "-g");
        List<List<String>> candidates = List.of(
                List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--init-groups"),
                List.of("runuser", "-u", unprivilegedUser, "--"));
        List<String> failures = new ArrayList<>();
        for (List<String> prefix : candidates) {
            List<String> probe = new ArrayList<>(prefix);
            probe.add("true");
            try {
                ExternalCommand.Result result = ExternalCommand.run(probe, Path.of("/"), PROBE_TIMEOUT);
                if (result.succeeded()) {
                    return new RunAs(prefix, unprivilegedUser);
                }
                failures.add(result.describe());
            } catch (IOException e) {
                failures.add(prefix.get(0) + ": " + e.getMessage());
            }
        }
        throw new IOException("the JVM runs as root, which PostgreSQL refuses, and switching to user '"
                + unprivilegedUser + "' failed (" + String.join("; ", failures) + "). "
                + rootAdvice());
    }

    static String rootAdvice() {
        return "Run the tests as a non-root user, or set pgdbm.test.local.user to an existing unprivileged user,"
                + " or use an existing server with -Dpgdbm.test.provider=url"
                + " -Dpgdbm.test.url=postgresql://postgres@localhost:5432/postgres,"
                + " or use -Dpgdbm.test.provider=embedded";
    }

    static boolean jvmIsRoot() {
        try {
            // /proc/self belongs to the process's effective uid; cheaper than running `id -u`.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The OS user the binaries run as. */
    String effectiveUser() {
        return user != null ? user : System.getProperty("user.name");
    }

    List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(command);
        return full;
    }

    /**
     * {@code id -u}, {@code -g} or {@code -gn} of a user listed in {@code /etc/passwd} (and its group in
     * {@code /etc/group}), read without starting a process; empty for users from elsewhere (LDAP, ...).
     */
    private static Optional<String> localIdOf(String user, String option) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":", -1);
                if (fields.length < 4 || !fields[0].equals(user)) {
                    continue;
                }
                if (option.equals("-u")) {
                    return Optional.of(fields[2]);
                }
                if (option.equals("-g")) {
                    return Optional.of(fields[3]);
                }
                for (String group : Files.readAllLines(Path.of("/etc/group"))) {
                    String[] g = group.split(":", -1);
                    if (g.length >= 3 && g[2].equals(fields[3])) {
                        return Optional.of(g[0]);
                    }
                }
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            // fall back to id
        }
        return Optional.empty();
    }

    /** Gives {@code dir} to the user that will run PostgreSQL, so initdb may write into it. */
    void takeOwnership(Path dir) throws IOException {
        if (user == null) {
            return;
        }
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(lookup.lookupPrincipalByName(user));
        view.setGroup(lookup.lookupPrincipalByGroupName(idOf(user, "-gn")));
    }

    private static String idOf(String user, String option) throws IOException {
        Optional<String> local = localIdOf(user, option);
        if (local.isPresent()) {
            return local.get();
        }
        ExternalCommand.Result result = ExternalCommand.run(List.of("id", option, user), Path.of("/"), PROBE_TIMEOUT);
        if (!result.succeeded()) {
            throw new IOException("the JVM runs as root, which PostgreSQL refuses, and user '" + user
                    + "' to run it as does not exist (" + result.output().strip() + "). " + rootAdvice());
        }
        return result.output().strip();
    }
}
