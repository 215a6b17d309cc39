package io.pgdbm.junit.preparers;

import io.pgdbm.junit.Fingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Records what a preparer feeds in, as lines (files with a hash of their content), for tests to compare. */
final class RecordingFingerprint implements Fingerprint {
    private final List<String> lines = new ArrayList<>();

    @Override
    public Fingerprint add(String... parts) {
        lines.add("add " + String.join(" | ", parts));
        return this;
    }

    @Override
    public Fingerprint add(byte[] content) {
        lines.add("bytes " + sha(content));
        return this;
    }

    @Override
    public Fingerprint addLocation(String location) {
        lines.add("location " + location);
        List<String> files = new ArrayList<>();
        try {
            if (location.startsWith("classpath:")) {
                String dir = location.substring("classpath:".length());
                for (URL url : Collections.list(getClass().getClassLoader().getResources(dir))) {
                    walk(Path.of(url.toURI()), files);
                }
            } else {
                walk(Path.of(location), files);
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        files.sort(null);
        lines.addAll(files);
        return this;
    }

    @Override
    public Fingerprint addFile(String location) {
        byte[] content;
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(location.substring("classpath:".length()))) {
                    content = in == null ? null : in.readAllBytes();
                }
            } else {
                Path file = Path.of(location);
                content = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.add("file " + location + (content == null ? " (missing)" : " " + sha(content)));
        return this;
    }

    List<String> lines() {
        return lines;
    }

    /** The file lines' paths, without the hashes. */
    List<String> files() {
        return lines.stream().filter(l -> l.startsWith("  ") || l.startsWith("file ")).map(l -> l.strip().split(" ")[
                l.startsWith("file ") ? 1 : 0]).toList();
    }

    private static void walk(Path root, List<String> into) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                into.add("  " + root.relativize(f).toString().replace('\\', '/') + " " + sha(Files.readAllBytes(f)));
            }
        }
    }

    static String sha(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> of(io.pgdbm.junit.TemplatePreparer preparer) {
        RecordingFingerprint f = new RecordingFingerprint();
        preparer.fingerprint(f);
        return f.lines();
    }
}
