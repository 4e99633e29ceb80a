package io.viberglass.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.platform.PlatformApplication;
import io.viberglass.platform.infra.db.Migrations;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @RegisterExtension
    static final TestDatabase EMPTY = TestDatabase.empty(MigrationsTest.class);

    private final Jdbi jdbi = Jdbi.create(EMPTY.dataSource());

    @Test
    void changelogAppliesToAnEmptyDatabaseAndASecondRunChangesNothing() throws Exception {
        Migrations.apply(EMPTY.dataSource());
        List<String> tables = tables();
        long applied = changesets();

        Migrations.apply(EMPTY.dataSource());

        assertThat(tables).contains("projects", "project_scm_configs", "tickets", "ticket_media");
        assertThat(applied).isPositive();
        assertThat(changesets()).isEqualTo(applied);
        assertThat(tables()).isEqualTo(tables);
    }

    @Test
    void dbMigrateCommandUsesTheSameChangelog(@TempDir Path directory) throws Exception {
        TestDatabase target = TestDatabase.empty(MigrationsTest.class);
        try {
            Path config = directory.resolve("config.yml");
            Files.writeString(
                    config,
                    "database:\n  driverClass: org.postgresql.Driver\n  url: " + target.url()
                            + "\n  user: postgres\n  password: \"\"\nlogging:\n  level: WARN\n");

            new PlatformApplication().run("db", "migrate", config.toString());

            long applied = Jdbi.create(target.dataSource())
                    .withHandle(h -> h.createQuery("select count(*) from databasechangelog")
                            .mapTo(Long.class)
                            .one());
            assertThat(applied).isEqualTo(changesetsAfterMigrating());
        } finally {
            target.drop();
        }
    }

    private long changesetsAfterMigrating() throws Exception {
        Migrations.apply(EMPTY.dataSource());
        return changesets();
    }

    private List<String> tables() {
        return jdbi.withHandle(h -> h.createQuery("select table_name from information_schema.tables "
                        + "where table_schema = 'public' order by table_name")
                .mapTo(String.class)
                .list());
    }

    private long changesets() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from databasechangelog")
                .mapTo(Long.class)
                .one());
    }
}
