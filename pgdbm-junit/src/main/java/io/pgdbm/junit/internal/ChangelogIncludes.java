package io.pgdbm.junit.internal;

import io.pgdbm.junit.Fingerprint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files a Liquibase changelog depends on, for its fingerprint: the changelog, everything under its directory
 * (where relative includes usually point), and the {@code include}/{@code includeAll} targets outside it, found by
 * reading the XML, YAML and JSON changelogs reached (without Liquibase, so no parse of every changeset). Targets
 * with {@code ${parameters}} in their path are not followed.
 */
final class ChangelogIncludes {
    private final boolean onClassPath;
    private final Path root;
    private final ClassLoader loader;
    private final Set<String> visited = new HashSet<>();

    ChangelogIncludes(boolean onClassPath, Path root, ClassLoader loader) {
        this.onClassPath = onClassPath;
        this.root = root;
        this.loader = loader;
    }

    /** Adds {@code changelog} (a path under the root), its directory and what it includes outside that directory. */
    void fingerprint(String changelog, Fingerprint fingerprint) {
        fingerprint.addFile(location(changelog));
        String dir = parent(changelog);
        if (!dir.isEmpty() || !onClassPath) {
            fingerprint.addLocation(location(dir));
        }
        visit(changelog, dir, fingerprint);
    }

    private void visit(String changelog, String covered, Fingerprint fingerprint) {
        if (!visited.add(changelog)) {
            return;
        }
        for (Include include : includes(changelog)) {
            if (include.path().contains("${")) {
                continue;
            }
            String dir = parent(changelog);
            String target = include.relative() && !dir.isEmpty() ? normalize(dir + "/" + include.path())
                    : normalize(include.path().replaceFirst("^classpath\\*?:", ""));
            if (onClassPath) {
                target = target.replaceFirst("^/+", "");
            }
            boolean inside = covered.isEmpty()
                    ? !onClassPath && !target.startsWith("/") && !target.equals("..") && !target.startsWith("../")
                    : (target + "/").startsWith(covered + "/");
            if (include.all()) {
                if (!inside) {
                    fingerprint.addLocation(location(target));
                }
            } else {
                if (!inside) {
                    fingerprint.addFile(location(target));
                }
                visit(target, covered, fingerprint);
            }
        }
    }

    private String location(String path) {
        return onClassPath ? "classpath:" + path.replaceFirst("^/+", "") : root.resolve(path).normalize().toString();
    }

    record Include(String path, boolean all, boolean relative) {
    }

    /** The includes of one changelog; none when it is not XML, YAML or JSON, or cannot be read or parsed. */
    List<Include> includes(String changelog) {
        String name = changelog.toLowerCase(Locale.ROOT);
        byte[] content = read(changelog);
        if (content == null) {
            return List.of();
        }
        try {
            if (name.endsWith(".xml")) {
                return xml(content);
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
                return yaml(content);
            }
        } catch (Exception e) {
            // Liquibase itself reports a changelog it cannot parse, with more detail, when it runs
        }
        return List.of();
    }

    private byte[] read(String path) {
        try {
            if (onClassPath) {
                try (InputStream in = loader.getResourceAsStream(path)) {
                    return in == null ? null : in.readAllBytes();
                }
            }
            Path file = root.resolve(path);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Include> xml(byte[] content) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        NodeList elements = factory.newDocumentBuilder().parse(new ByteArrayInputStream(content))
                .getElementsByTagName("*");
        List<Include> includes = new ArrayList<>();
        for (int i = 0; i < elements.getLength(); i++) {
            Element e = (Element) elements.item(i);
            String tag = e.getTagName().substring(e.getTagName().indexOf(':') + 1);
            boolean relative = Boolean.parseBoolean(e.getAttribute("relativeToChangelogFile"));
            if (tag.equals("include") && !e.getAttribute("file").isEmpty()) {
                includes.add(new Include(e.getAttribute("file"), false, relative));
            } else if (tag.equals("includeAll") && !e.getAttribute("path").isEmpty()) {
                includes.add(new Include(e.getAttribute("path"), true, relative));
            }
        }
        return includes;
    }

    private static List<Include> yaml(byte[] content) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(new String(content, StandardCharsets.UTF_8));
        List<Include> includes = new ArrayList<>();
        if (document instanceof Map<?, ?> map && map.get("databaseChangeLog") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> item) {
                    if (item.get("include") instanceof Map<?, ?> include && include.get("file") != null) {
                        includes.add(new Include(include.get("file").toString(), false,
                                Boolean.parseBoolean(String.valueOf(include.get("relativeToChangelogFile")))));
                    } else if (item.get("includeAll") instanceof Map<?, ?> all && all.get("path") != null) {
                        includes.add(new Include(all.get("path").toString(), true,
                                Boolean.parseBoolean(String.valueOf(all.get("relativeToChangelogFile")))));
                    }
                }
            }
        }
        return includes;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** {@code a/./b/../c/} → {@code a/c}; a path that climbs above the root keeps its {@code ..}, an absolute one its {@code /}. */
    static String normalize(String path) {
        String unified = path.replace('\\', '/');
        List<String> parts = new ArrayList<>();
        for (String part : unified.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return (unified.startsWith("/") ? "/" : "") + String.join("/", parts);
    }
}
