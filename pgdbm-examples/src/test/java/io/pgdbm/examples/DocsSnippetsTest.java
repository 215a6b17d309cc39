package io.pgdbm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs' Java snippets marked {@code <!-- snippet: path#name -->} are the regions between
 * {@code // snippet:name} and {@code // end:name} of the compiled examples, and blocks marked
 * {@code <!-- file: path -->} are whole files of a module (its path from the repository root), so the docs and the
 * README cannot drift from code that compiles and is tested.
 */
class DocsSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path SOURCES = Path.of("src", "main", "java", "io", "pgdbm", "examples");
    private static final Pattern MARKED = Pattern.compile("<!-- snippet: ([\\w/.-]+)#([\\w-]+) -->\\n```java\\n(.*?)```",
            Pattern.DOTALL);
    private static final Pattern WHOLE_FILE = Pattern.compile("<!-- file: ([\\w/.-]+) -->\\n```\\w*\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void everyMarkedSnippetMatchesItsSource() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = MARKED.matcher(Files.readString(page));
            while (m.find()) {
                Path source = m.group(1).startsWith("pgdbm-") ? ROOT.resolve(m.group(1)) : SOURCES.resolve(m.group(1));
                assertThat(m.group(3).stripTrailing())
                        .as("%s: snippet %s#%s (copy it again from the source)", page.getFileName(), m.group(1), m.group(2))
                        .isEqualTo(region(source, m.group(2)));
                checked.add(m.group(1) + "#" + m.group(2));
            }
        }
        assertThat(checked).contains("library/SearchLibrary.java#library-initialize", "dualmode/ParentApp.java#parent-app",
                "ecommerce/EcommercePlatform.java#ecommerce-compose",
                "pgdbm-examples-spring/src/main/java/io/pgdbm/examples/spring/PgdbmConfiguration.java#spring-beans");
    }

    @Test
    void everyWholeFileBlockIsTheFileAsItIs() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = WHOLE_FILE.matcher(Files.readString(page));
            while (m.find()) {
                assertThat(m.group(2).strip())
                        .as("%s: file %s (copy it again)", page.getFileName(), m.group(1))
                        .isEqualTo(Files.readString(ROOT.resolve(m.group(1))).strip());
                checked.add(page.getFileName() + ":" + m.group(1));
            }
        }
        assertThat(checked).contains("README.md:pgdbm-examples/src/test/java/com/example/orders/OrderRepositoryTest.java",
                "getting-started.md:pgdbm-examples/src/main/java/com/example/orders/OrdersLibrary.java");
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<Path> pages = new ArrayList<>(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
            pages.add(ROOT.resolve("README.md"));
            return pages;
        }
    }

    private static String region(Path source, String name) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = indexOf(lines, "// snippet:" + name, source);
        int end = indexOf(lines, "// end:" + name, source);
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList()).strip();
    }

    private static int indexOf(List<String> lines, String marker, Path source) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(source + " has no line '" + marker + "'");
    }
}
