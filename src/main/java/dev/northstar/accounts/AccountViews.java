package dev.northstar.accounts;

import dev.northstar.access.Viewer;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person's saved views: the metric details' filters (families, what values are compared with, the timeline's
 * range and metric) or the portfolio's (owner, segment, health band, sort). A view is its own person's only; it holds
 * filters, not data, so opening it still shows only what that person may see.
 */
@Service
public class AccountViews {

    public enum Page {
        DETAILS(Set.of("show", "family", "metric", "months")), PORTFOLIO(Set.of("owner", "segment", "band", "sort", "desc"));

        private final Set<String> settings;

        Page(Set<String> settings) {
            this.settings = settings;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Page of(String key) {
            return "details".equals(key) ? DETAILS : "portfolio".equals(key) ? PORTFOLIO : null;
        }
    }

    /** A saved view; {@code query} is its filters as a URL query ("?segment=Enterprise&sort=nrr"). */
    public record View(long id, String name, Page page, String query) {
    }

    private static final TypeReference<Map<String, List<String>>> SETTINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AccountViews(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<View> list(Viewer viewer, Page page) {
        return jdbc.sql("select id, name, settings::text from account_view where company_id = ? and person_id = ? and page = ? order by name")
                .params(viewer.companyId(), viewer.personId(), page.key())
                .query((rs, n) -> new View(rs.getLong(1), rs.getString(2), page, query(json.readValue(rs.getString(3), SETTINGS)))).list();
    }

    /** Saves the filters under the name (replacing a view of that name); settings other than the page's are left out. */
    public View save(Viewer viewer, Page page, String name, Map<String, List<String>> filters) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 60) {
            throw new InvalidInputException("name", "is required, at most 60 characters");
        }
        Map<String, List<String>> settings = new LinkedHashMap<>();
        filters.forEach((key, values) -> {
            List<String> kept = values.stream().filter(v -> v != null && !v.isBlank() && v.length() <= 100).limit(50).toList();
            if (page.settings.contains(key) && !kept.isEmpty()) {
                settings.put(key, kept);
            }
        });
        try {
            long id = jdbc.sql("""
                            insert into account_view (company_id, person_id, page, name, settings) values (?, ?, ?, ?, ?::json)
                            on conflict (company_id, person_id, page, name) do update set settings = excluded.settings returning id""")
                    .params(viewer.companyId(), viewer.personId(), page.key(), trimmed, json.writeValueAsString(settings))
                    .query(Long.class).single();
            return new View(id, trimmed, page, query(settings));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a view named '" + trimmed + "' exists already");
        }
    }

    public void delete(Viewer viewer, long id) {
        if (jdbc.sql("delete from account_view where company_id = ? and person_id = ? and id = ?")
                .params(viewer.companyId(), viewer.personId(), id).update() == 0) {
            throw new NotFoundException("View", id);
        }
    }

    private static String query(Map<String, List<String>> settings) {
        UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
        settings.forEach((key, values) -> builder.queryParam(key, values.toArray()));
        String query = builder.encode().build().toUriString();
        return query.isEmpty() ? "?" : query;
    }
}
