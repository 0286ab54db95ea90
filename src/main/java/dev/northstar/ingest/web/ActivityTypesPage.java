package dev.northstar.ingest.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.ActivityTypes;
import dev.northstar.ingest.ActivityTypes.ActivityType;
import dev.northstar.ingest.TeamActivityTypes;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Organization, Activity types: which types each team logs with the activity logger (a matrix of teams and
 * types), and the company's own types. Company admins change them; everyone sees the teams they may see.
 * The forms post, then redirect with the flash "message" or "error", as the other Organization forms do.
 */
@Controller
@RequestMapping("/organization/activity-types")
class ActivityTypesPage {

    private static final String PAGE = "/organization/activity-types";

    private final TeamActivityTypes teamTypes;
    private final ActivityTypes types;
    private final AccessPolicy policy;

    ActivityTypesPage(TeamActivityTypes teamTypes, ActivityTypes types, AccessPolicy policy) {
        this.teamTypes = teamTypes;
        this.types = types;
        this.policy = policy;
    }

    @GetMapping
    String page(Viewer viewer, Model model) {
        model.addAttribute("types", types.all(viewer));
        model.addAttribute("teams", teamTypes.ofVisibleTeams(viewer));
        return "ingest/activity-types";
    }

    /**
     * Saves the whole matrix: {@code teams} lists the teams in the form, {@code team-<id>} the types ticked for each.
     * A team with every type ticked logs every type, also ones added later; a team with none is refused.
     */
    @PostMapping
    String choose(Viewer viewer, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        Map<Long, String> teams = new LinkedHashMap<>(); // another company's team is not found (404), whoever asks
        for (String id : form.getOrDefault("teams", List.of())) {
            long teamId = parseId(id);
            teams.put(teamId, teamTypes.of(viewer, teamId).teamName());
        }
        // Asked before the form is checked, so that someone who may not change the types hears that first.
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        return attempt(redirect, () -> {
            Set<String> every = types.all(viewer).stream().map(ActivityType::key).collect(Collectors.toSet());
            Map<Long, List<String>> choices = new LinkedHashMap<>();
            teams.forEach((teamId, name) -> {
                List<String> ticked = form.getOrDefault("team-" + teamId, List.of());
                if (ticked.isEmpty()) {
                    throw new InvalidInputException("types", "of the " + name
                            + " team: tick at least one (every type ticked means every type, also ones added later)");
                }
                choices.put(teamId, new HashSet<>(ticked).equals(every) ? List.of() : ticked);
            });
            teamTypes.chooseAll(viewer, choices);
            return teams.size() == 1 ? "The activity types of the " + teams.values().iterator().next() + " team are saved."
                    : "The activity types of " + teams.size() + " teams are saved.";
        });
    }

    @PostMapping("/custom")
    String addType(Viewer viewer, @RequestParam String key, @RequestParam String name, RedirectAttributes redirect) {
        return attempt(redirect, () -> {
            ActivityType added = types.create(viewer, key.strip(), name);
            return "The activity type " + added.name() + " (" + added.key() + ") is added. Teams that log every type log it now;"
                    + " tick it below for the others.";
        });
    }

    /** Runs the action; its message on success, or a conflict or invalid input as the error, back on this page. */
    private static String attempt(RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (ConflictException | InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + PAGE;
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("teams", "must be team ids, got '" + id + "'");
        }
    }
}
