package io.pgdbm.junit;

/**
 * What a {@link TemplatePreparer} feeds in to identify the template it builds: every input its result depends on.
 * pgdbm hashes it (SHA-256) with its own version and the server's major version; equal hashes share one template,
 * and a changed input builds a new one.
 *
 * <pre>{@code
 * public void fingerprint(Fingerprint f) {
 *     f.add("my-preparer", "v3").addLocation("classpath:db/seed").addFile("classpath:reference-data.csv");
 * }
 * }</pre>
 */
public interface Fingerprint {

    /** Adds strings (a setting's name and value, a tool's version), each delimited from the next. */
    Fingerprint add(String... parts);

    /** Adds raw content. */
    Fingerprint add(byte[] content);

    /**
     * Adds every file under a location, recursively, each by its path relative to the location and its content:
     * {@code classpath:dir} (every class path root holding it, directories and jars) or a filesystem directory.
     * A missing location adds only its name.
     */
    Fingerprint addLocation(String location);

    /** Adds one file's name and content: {@code classpath:path} or a filesystem path. A missing file adds its name. */
    Fingerprint addFile(String location);
}
