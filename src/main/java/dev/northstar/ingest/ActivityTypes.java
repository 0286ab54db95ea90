package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kinds of activity a company records: the built-in ones, and custom ones its admins add. */
@Service
@Transactional
public class ActivityTypes {

    public static final Map<String, String> BUILT_IN = builtIn();

    public record ActivityType(String key, String name, boolean builtIn) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy policy;

    ActivityTypes(JdbcClient jdbc, AccessPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    private static Map<String, String> builtIn() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("call", "Call");
        types.put("email", "Email");
        types.put("meeting", "Meeting");
        types.put("lead_created", "Lead created");
        types.put("opportunity_created", "Opportunity created");
        return java.util.Collections.unmodifiableMap(types);
    }

    @Transactional(readOnly = true)
    public List<ActivityType> all(Viewer viewer) {
        return all(viewer.companyId());
    }

    /** The built-in types first, in their fixed order, then the company's own by name. */
    List<ActivityType> all(long companyId) {
        List<ActivityType> types = new ArrayList<>();
        BUILT_IN.forEach((key, name) -> types.add(new ActivityType(key, name, true)));
        types.addAll(jdbc.sql("select key, name from activity_type where company_id = ? order by lower(name)")
                .param(companyId).query((rs, n) -> new ActivityType(rs.getString(1), rs.getString(2), false)).list());
        return types;
    }

    @Transactional(readOnly = true)
    public java.util.Set<String> keys(long companyId) {
        var keys = new java.util.HashSet<>(BUILT_IN.keySet());
        keys.addAll(jdbc.sql("select key from activity_type where company_id = ?").param(companyId).query(String.class).list());
        return keys;
    }

    /** Adds a custom type (company admins). */
    public ActivityType create(Viewer viewer, String key, String name) {
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        if (key == null || !key.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new InvalidInputException("key", "must be 1 to 40 lower-case letters, digits or _, starting with a letter, e.g. demo_held");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be empty");
        }
        if (BUILT_IN.containsKey(key)) {
            throw new ConflictException("'" + key + "' is a built-in activity type.");
        }
        try {
            jdbc.sql("insert into activity_type (company_id, key, name) values (?, ?, ?)").params(viewer.companyId(), key, name.strip()).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The activity type '" + key + "' already exists.");
        }
        return new ActivityType(key, name.strip(), false);
    }
}
