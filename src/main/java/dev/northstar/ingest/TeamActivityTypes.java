package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.OrganizationDirectory.TeamRef;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.ActivityTypes.ActivityType;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which activity types each team logs with the activity logger, chosen by company admins. A team without a
 * choice logs every type of the company, also the ones added later; a team with a choice logs only those.
 * Anyone who may see a team may read its choice.
 */
@Service
@Transactional
public class TeamActivityTypes {

    /** The source of the activities people log by hand on the logger page. */
    public static final String LOGGER_SOURCE = "logger";

    /**
     * A team's types: {@code everyType} when no choice was made; {@code types} are the keys it logs either way,
     * built-in types first.
     */
    public record TeamTypes(long teamId, String teamName, String departmentName, boolean everyType, List<String> types) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final ActivityTypes types;

    TeamActivityTypes(JdbcClient jdbc, AccessPolicy policy, OrganizationDirectory directory, OrganizationService organization,
                      ActivityTypes types) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
        this.types = types;
    }

    @Transactional(readOnly = true)
    public TeamTypes of(Viewer viewer, long teamId) {
        TeamRef team = team(viewer, teamId);
        policy.team(viewer, team, Action.VIEW).orRefuse();
        return teamTypes(team.id(), team.name(), team.departmentName(), chosen(viewer.companyId(), teamId), keys(viewer.companyId()));
    }

    /** The teams the viewer may see, archived ones left out, each with its types. */
    @Transactional(readOnly = true)
    public List<TeamTypes> ofVisibleTeams(Viewer viewer) {
        Map<Long, Set<String>> chosen = new HashMap<>();
        jdbc.sql("select team_id, type_key from team_activity_type where company_id = ?").param(viewer.companyId())
                .query(rs -> {
                    chosen.computeIfAbsent(rs.getLong(1), t -> new HashSet<>()).add(rs.getString(2));
                });
        List<String> keys = keys(viewer.companyId());
        return organization.teams(viewer).stream().filter(t -> !t.archived())
                .map(t -> teamTypes(t.id(), t.name(), t.departmentName(), chosen.getOrDefault(t.id(), Set.of()), keys))
                .toList();
    }

    /** Chooses the types a team logs (company admins); an empty list means every type, also ones added later. */
    public TeamTypes choose(Viewer viewer, long teamId, Collection<String> keys) {
        chooseAll(viewer, Map.of(teamId, keys));
        return of(viewer, teamId);
    }

    /** Chooses the types of several teams at once (company admins): all of it is saved, or none. */
    public void chooseAll(Viewer viewer, Map<Long, ? extends Collection<String>> choices) {
        choices.keySet().forEach(teamId -> team(viewer, teamId)); // another company's team is not found, whoever asks
        // Like adding an activity type, choosing them is company configuration.
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        Set<String> known = new LinkedHashSet<>(keys(viewer.companyId()));
        choices.forEach((teamId, keys) -> {
            Set<String> chosen = validated(keys, known);
            jdbc.sql("delete from team_activity_type where company_id = ? and team_id = ?").params(viewer.companyId(), teamId).update();
            chosen.forEach(key -> jdbc.sql("insert into team_activity_type (company_id, team_id, type_key) values (?, ?, ?)")
                    .params(viewer.companyId(), teamId, key).update());
        });
    }

    /**
     * Why the person may not log this type with the activity logger, if they may not: the team they are in today
     * logs other types. Someone in no team logs every type. The caller has already decided that the viewer may
     * record for this person.
     */
    Optional<String> loggerRefusal(long companyId, long personId, String type) {
        Long teamId = directory.person(companyId, personId).map(PersonRef::teamId).orElse(null);
        if (teamId == null) {
            return Optional.empty();
        }
        Set<String> chosen = chosen(companyId, teamId);
        if (chosen.isEmpty() || chosen.contains(type)) {
            return Optional.empty();
        }
        String team = directory.team(companyId, teamId).map(TeamRef::name).orElseThrow();
        List<String> logged = keys(companyId).stream().filter(chosen::contains).toList();
        return Optional.of("'%s' is not an activity type the %s team logs; it logs %s. A company admin chooses each team's types under Organization, Activity types"
                .formatted(type, team, String.join(", ", logged)));
    }

    /** The types someone in this team (null: in no team) may log with the activity logger, built-in types first. */
    List<ActivityType> allowed(long companyId, Long teamId) {
        Set<String> chosen = teamId == null ? Set.of() : chosen(companyId, teamId);
        return types.all(companyId).stream().filter(t -> chosen.isEmpty() || chosen.contains(t.key())).toList();
    }

    private Set<String> chosen(long companyId, long teamId) {
        return new HashSet<>(jdbc.sql("select type_key from team_activity_type where company_id = ? and team_id = ?")
                .params(companyId, teamId).query(String.class).list());
    }

    private List<String> keys(long companyId) {
        return types.all(companyId).stream().map(ActivityType::key).toList();
    }

    private static TeamTypes teamTypes(long id, String name, String departmentName, Set<String> chosen, List<String> keys) {
        return new TeamTypes(id, name, departmentName, chosen.isEmpty(), chosen.isEmpty() ? keys : keys.stream().filter(chosen::contains).toList());
    }

    private static Set<String> validated(Collection<String> keys, Set<String> known) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String key : keys) {
            if (key == null || !known.contains(key)) {
                throw new InvalidInputException("types", "contains '" + key + "', which is not an activity type of this company; known: "
                        + String.join(", ", known));
            }
            chosen.add(key);
        }
        return chosen;
    }

    private TeamRef team(Viewer viewer, long teamId) {
        return directory.team(viewer.companyId(), teamId).orElseThrow(() -> new NotFoundException("Team", teamId));
    }
}
