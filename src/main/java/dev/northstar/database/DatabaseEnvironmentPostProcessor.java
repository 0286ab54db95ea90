package dev.northstar.database;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.util.Map;

/**
 * Fills in {@code spring.datasource.*} before the context starts: from {@code NORTHSTAR_DB_URL} when it is
 * set (production), otherwise from an embedded PostgreSQL with its data in {@code northstar.database.data-dir}
 * (default {@code ./data/}), kept across restarts.
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DATABASE = "northstar";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        String url = environment.getProperty("NORTHSTAR_DB_URL");
        Map<String, Object> properties;
        if (StringUtils.hasText(url)) {
            properties = Map.of("spring.datasource.url", url,
                    "spring.datasource.username", environment.getProperty("NORTHSTAR_DB_USER", ""),
                    "spring.datasource.password", environment.getProperty("NORTHSTAR_DB_PASSWORD", ""));
        } else {
            Path dataDir = Path.of(environment.getProperty("northstar.database.data-dir", "data"), "postgres");
            LocalPostgresServer server = LocalPostgresServer.start(dataDir, true);
            server.createDatabaseIfMissing(DATABASE);
            properties = Map.of("spring.datasource.url", server.jdbcUrl(DATABASE),
                    "spring.datasource.username", LocalPostgresServer.SUPERUSER,
                    "spring.datasource.password", server.password(),
                    // The demo companies, with their published password, only ever go into the embedded demo database.
                    "northstar.demo.enabled", environment.getProperty("northstar.demo.enabled", "true"));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("northstarDatabase", properties));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
