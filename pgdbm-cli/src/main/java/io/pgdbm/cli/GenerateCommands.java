package io.pgdbm.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code pgdbm generate ...}: file writers; they never touch a database. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Code generation commands.",
        footer = ExitCodes.HELP_FOOTER)
final class GenerateCommands {

    @ParentCommand
    PgdbmCommand root;

    @Command(name = "config", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER, description = "Write a commented pgdbm.toml.")
    int config(@Option(names = {"-n", "--name"}, defaultValue = "pgdbm_project", paramLabel = "NAME") String name,
               @Option(names = {"-y", "--yes", "--confirm"}, description = "Overwrite an existing pgdbm.toml without asking.") boolean yes) {
        if (!io.pgdbm.internal.Identifiers.isValid(name) || name.length() > 50) {
            throw new CliException(ExitCodes.USAGE, "Project name '" + name + "' must be an identifier of at most 50 "
                    + "characters (letters, digits, '_'): it names the databases, e.g. " + "shop_dev");
        }
        Path file = root.cliEnvironment().workingDirectory().resolve("pgdbm.toml");
        if (Files.exists(file)) {
            root.confirm(file + " exists. Overwrite it?", yes);
        }
        write(file, Scaffolds.config(name));
        root.output().put("file", file.toString());
        root.output().result("✓ Generated " + file);
        root.output().progress("  Next: edit [environments.dev], then 'pgdbm db create' and 'pgdbm migrate apply --all'");
        return ExitCodes.OK;
    }

    @Command(name = "library", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Write a Maven project for a dual-mode service: a database class that owns its pool "
                    + "(DatabaseConfig) or borrows an application's (DatabaseManager, or SharedPool + schema), the "
                    + "service logic, a standalone command line (serve, db migrate, db create) in a runnable jar, "
                    + "migrations recorded as module NAME_<schema>, and tests of both modes.")
    int library(@Parameters(paramLabel = "NAME", description = "lower-case identifier, e.g. my_service: the schema, "
                        + "the module name prefix and the Java package") String name,
                @Option(names = {"-p", "--path"}, paramLabel = "DIR", description = "Parent directory (default: the current one).") Path path,
                @Option(names = {"-g", "--group"}, defaultValue = "com.example", paramLabel = "GROUP_ID",
                        description = "Maven group id and package prefix (default: ${DEFAULT-VALUE}).") String groupId,
                @Option(names = "--with-api", description = "Also write the HTTP API (items and users on the JDK's "
                        + "HTTP server) that runs standalone (serve) or mounts under a prefix in a parent application, "
                        + "with its HTTP tests.") boolean withApi,
                @Option(names = "--dual-mode", defaultValue = "true", description = "Accepted for compatibility; always on.") boolean dualMode) {
        Path parent = root.cliEnvironment().workingDirectory().resolve(path != null ? path : Path.of(""));
        LibraryScaffold scaffold = new LibraryScaffold(name, groupId, withApi);
        Path dir = parent.resolve(name);
        if (Files.exists(dir)) {
            throw new CliException(ExitCodes.FAILURE, dir + " already exists; choose another NAME or --path");
        }
        scaffold.files().forEach((relative, content) -> write(dir.resolve(relative), content));
        String jar = scaffold.runnableJar();
        root.output().put("directory", dir.toString());
        root.output().put("moduleName", scaffold.moduleName());
        root.output().result("✓ Generated dual-mode library " + name + (withApi ? " with its HTTP API" : "") + " at " + dir);
        root.output().progress("  cd " + dir + " && mvn package      # tests both modes, then writes " + jar);
        root.output().progress("  java -jar " + jar + (withApi ? " serve" : " db migrate") + "   # standalone, with DATABASE_URL");
        root.output().progress("  In pgdbm.toml: [modules." + name + "] migrations_path = \"" + name
                + "/src/main/resources/db/migrations/" + name + "\", schema = \"" + name + "\", module_name = \""
                + scaffold.moduleName() + "\"");
        return ExitCodes.OK;
    }

    @Command(name = "tests", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
            description = "Write a JUnit test that runs a library's database class in both modes.")
    int tests(@Parameters(paramLabel = "NAME", description = "The library name used with 'generate library'.") String name,
              @Option(names = {"-g", "--group"}, defaultValue = "com.example", paramLabel = "GROUP_ID") String groupId,
              @Option(names = {"-p", "--path"}, defaultValue = "src/test/java", paramLabel = "DIR") Path path) {
        LibraryScaffold scaffold = new LibraryScaffold(name, groupId, false);
        Path file = root.cliEnvironment().workingDirectory().resolve(path).resolve(scaffold.testFile());
        if (Files.exists(file)) {
            throw new CliException(ExitCodes.FAILURE, file + " already exists");
        }
        write(file, scaffold.test());
        root.output().put("file", file.toString());
        root.output().result("✓ Generated " + file);
        return ExitCodes.OK;
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
