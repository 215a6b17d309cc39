package io.pgdbm.examples.sharedpool;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.MigrationResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The users module of the shared-pool application: users and profiles in its manager's schema.
 *
 * <pre>{@code
 * UserService users = new UserService(new DatabaseManager(pool, "users"));
 * users.initialize();
 * long id = users.register("ada@example.com", "Ada");
 * }</pre>
 *
 * <p>It borrows its manager, so it has nothing to close. Thread-safe.
 */
public final class UserService {
    public static final String MODULE = "users";
    /** Where its migrations ship (in its jar), for composing it with {@link io.pgdbm.migration.ModuleSet}. */
    public static final String MIGRATIONS = "classpath:db/migrations/users";

    private final DatabaseManager db;

    public UserService(DatabaseManager dbManager) {
        this.db = Objects.requireNonNull(dbManager, "dbManager");
    }

    public MigrationResult initialize() {
        return new MigrationManager(db, MIGRATIONS, MODULE).applyPending();
    }

    /** Creates a user and its profile in one transaction; returns the user's id. */
    public long register(String email, String displayName) {
        return db.transaction(tx -> {
            long id = tx.fetchValue(Long.class, "INSERT INTO {{tables.users}} (email) VALUES ($1) RETURNING id", email);
            tx.execute("INSERT INTO {{tables.profiles}} (user_id, display_name) VALUES ($1, $2)", id, displayName);
            return id;
        });
    }

    public Optional<UserProfile> getUser(long id) {
        return db.fetchOne(UserProfile.class, """
                SELECT u.id, u.email, p.display_name
                FROM {{tables.users}} u JOIN {{tables.profiles}} p ON p.user_id = u.id
                WHERE u.id = $1""", id);
    }

    public List<UserProfile> list() {
        return db.fetchAll(UserProfile.class, """
                SELECT u.id, u.email, p.display_name
                FROM {{tables.users}} u JOIN {{tables.profiles}} p ON p.user_id = u.id
                ORDER BY u.id""");
    }

    public DatabaseManager db() {
        return db;
    }

    /** A user with their display name. */
    public record UserProfile(long id, String email, String displayName) {
    }
}
