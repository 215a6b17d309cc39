package io.pgdbm.junit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** A library's version from its jar's Maven metadata (not every jar's manifest carries one). */
final class MavenVersion {

    private MavenVersion() {
    }

    /** The version of {@code group:artifact} as its jar, found through {@code anchor}'s class loader, says. */
    static String of(Class<?> anchor, String group, String artifact) {
        String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        ClassLoader loader = anchor.getClassLoader() != null ? anchor.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String version = p.getProperty("version");
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String fromManifest = anchor.getPackage() == null ? null : anchor.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }
}
