package dev.northstar.database;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives every test application context a fresh, empty database: on the server named by
 * {@code NORTHSTAR_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}) when set, dropped when the JVM exits;
 * otherwise on one embedded PostgreSQL per test run, in a temporary directory removed at exit.
 */
public class TestDatabases implements EnvironmentPostProcessor, Ordered {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static LocalPostgresServer embedded;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("northstar.test.fresh-database", Boolean.class, false)) {
            return;
        }
        Database database = create("northstar_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
        environment.getPropertySources().addFirst(new MapPropertySource("testDatabase", Map.of("spring.datasource.url", database.url(),
                "spring.datasource.username", database.user(), "spring.datasource.password", database.password())));
    }

    /** Where a test database is and how to log in to it. */
    public record Database(String url, String user, String password) {
    }

    /**
     * A new, empty database of this name where this test run keeps its databases: on the server of
     * {@code NORTHSTAR_TEST_DB_URL} when set (dropped at exit), else on the embedded server.
     */
    public static Database create(String database) {
        String external = System.getenv("NORTHSTAR_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            return onServer(external, database);
        }
        String url = createOnEmbedded(database);
        return new Database(url, LocalPostgresServer.SUPERUSER, embeddedPassword());
    }

    private static synchronized String embeddedPassword() {
        return embedded.password();
    }

    /** The JDBC URL of a new database on the embedded server of this test run. */
    public static synchronized String createOnEmbedded(String database) {
        if (embedded == null) {
            try {
                Path directory = Files.createTempDirectory("northstar-test-pg-");
                embedded = LocalPostgresServer.start(directory.resolve("data"), false);
                LocalPostgresServer server = embedded;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    LocalPostgresServer.deleteRecursively(directory);
                }));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        embedded.createDatabaseIfMissing(database);
        return embedded.jdbcUrl(database);
    }

    private static Database onServer(String serverUrl, String database) {
        String user = System.getenv().getOrDefault("NORTHSTAR_TEST_DB_USER", "");
        String password = System.getenv().getOrDefault("NORTHSTAR_TEST_DB_PASSWORD", "");
        execute(serverUrl, user, password, "create database " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                execute(serverUrl, user, password, "drop database if exists " + database + " with (force)")));
        return new Database(withDatabase(serverUrl, database), user, password);
    }

    /** {@code jdbc:postgresql://host:port/anything?params} with another database name. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + database + params;
    }

    private static void execute(String url, String user, String password, String sql) {
        try (var connection = DriverManager.getConnection(url, user, password); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1; // before DatabaseEnvironmentPostProcessor, which then leaves the URL alone
    }
}
