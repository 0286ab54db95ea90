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
        String database = "northstar_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String external = System.getenv("NORTHSTAR_TEST_DB_URL");
        Map<String, Object> properties = external != null && !external.isBlank()
                ? onServer(external, database)
                : Map.of("spring.datasource.url", createOnEmbedded(database),
                "spring.datasource.username", LocalPostgresServer.SUPERUSER, "spring.datasource.password", embedded.password());
        environment.getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
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

    private static Map<String, Object> onServer(String serverUrl, String database) {
        String user = System.getenv().getOrDefault("NORTHSTAR_TEST_DB_USER", "");
        String password = System.getenv().getOrDefault("NORTHSTAR_TEST_DB_PASSWORD", "");
        execute(serverUrl, user, password, "create database " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                execute(serverUrl, user, password, "drop database if exists " + database + " with (force)")));
        return Map.of("spring.datasource.url", withDatabase(serverUrl, database),
                "spring.datasource.username", user, "spring.datasource.password", password);
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
