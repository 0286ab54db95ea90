package dev.northstar.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPostgresServerTest {

    @TempDir
    Path directory;

    @Test
    void keepsItsDataAcrossRestarts() throws Exception {
        Path data = directory.resolve("postgres");
        try (var server = LocalPostgresServer.start(data, true)) {
            server.createDatabaseIfMissing("kept");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("kept"), "postgres", "").close())
                    .as("no login without the generated password").isInstanceOf(java.sql.SQLException.class);
            assertThat(java.nio.file.Files.getPosixFilePermissions(directory.resolve("postgres.password")))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            try (var connection = DriverManager.getConnection(server.jdbcUrl("kept"), "postgres", server.password());
                 var statement = connection.createStatement()) {
                statement.execute("create table note (text text); insert into note values ('survives a restart')");
            }
        }
        try (var server = LocalPostgresServer.start(data, true);
             var connection = DriverManager.getConnection(server.jdbcUrl("kept"), "postgres", server.password());
             var rows = connection.createStatement().executeQuery("select text from note")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("survives a restart");
        }
    }

    @Test
    void aSecondServerOnTheSameDataIsRefusedWithoutStoppingTheFirst() throws Exception {
        Path data = directory.resolve("shared");
        try (var first = LocalPostgresServer.start(data, false)) {
            assertThatThrownBy(() -> LocalPostgresServer.start(data, false))
                    .isInstanceOf(EmbeddedPostgresUnavailableException.class)
                    .hasMessageContaining("another Northstar is already running on");
            try (var connection = DriverManager.getConnection(first.jdbcUrl("postgres"), "postgres", first.password())) {
                assertThat(connection.isValid(5)).as("the first server still runs").isTrue();
            }
        }
    }

    @Test
    void whenItCannotStartTheErrorSaysHowToUseAServerInstead() {
        var error = new EmbeddedPostgresUnavailableException(new java.io.IOException("initdb failed with exit code 1"));
        assertThat(error.getMessage())
                .contains("could not start its embedded PostgreSQL: initdb failed with exit code 1")
                .contains("NORTHSTAR_DB_URL=jdbc:postgresql://").contains("NORTHSTAR_DB_USER").contains("NORTHSTAR_DB_PASSWORD");
    }

    @Test
    void replacesTheDatabaseOfATestServerUrl() {
        assertThat(TestDatabases.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?sslmode=disable", "t1"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1?sslmode=disable");
        assertThat(TestDatabases.withDatabase("jdbc:postgresql://db:5432/", "t2")).isEqualTo("jdbc:postgresql://db:5432/t2");
    }
}
