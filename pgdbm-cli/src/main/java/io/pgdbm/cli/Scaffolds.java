package io.pgdbm.cli;

/** The text of {@code generate config}'s pgdbm.toml. */
final class Scaffolds {
    private Scaffolds() {
    }

    static String config(String name) {
        return """
                # pgdbm.toml — read by the pgdbm command (see docs/cli.md)
                # ${VAR} and ${VAR:-default} are expanded in every string; $$ is a literal $.

                [project]
                name = "%1$s"
                default_env = "dev"

                [database]
                migrations_table = "schema_migrations"

                [environments.dev]
                host = "localhost"
                port = 5432
                database = "%1$s_dev"
                user = "postgres"
                # password = "${DB_PASSWORD}"
                schema = "public"

                [environments.test]
                url = "${TEST_DATABASE_URL:-postgresql://postgres@localhost:5432/%1$s_test}"
                schema = "public"

                [environments.prod]
                url = "${DATABASE_URL}"
                schema = "public"
                ssl_mode = "verify-full"
                # ssl_ca_file = "certs/ca.pem"

                # Each module migrates into its own schema, after the modules it depends on.
                # [modules.users]
                # migrations_path = "users/src/main/resources/db/migrations/users"
                # schema = "users"
                # mode = "dual"
                #
                # [modules.billing]
                # migrations_path = "classpath:db/migrations/billing"
                # schema = "billing"
                # depends_on = ["users"]

                # The one pool a command opens for all modules.
                # [shared_pool]
                # min_connections = 1
                # max_connections = 10
                # modules = ["users", "billing"]
                """.formatted(name);
    }
}
