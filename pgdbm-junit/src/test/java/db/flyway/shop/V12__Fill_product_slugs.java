package db.flyway.shop;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration in the location's package: fills the slug column V11 added, before V13 makes it NOT NULL. */
public class V12__Fill_product_slugs extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement st = context.getConnection().createStatement()) {
            st.execute("UPDATE products SET slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g'))"
                    + " WHERE slug IS NULL");
        }
    }
}
