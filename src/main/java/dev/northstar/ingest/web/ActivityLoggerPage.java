package dev.northstar.ingest.web;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.ActivityIngest.StoredActivity;
import dev.northstar.ingest.ActivityLogger;
import dev.northstar.ingest.ActivityLogger.Entry;
import dev.northstar.ingest.ActivityLogger.Result;
import dev.northstar.ingest.ActivityTypes;
import dev.northstar.ingest.ActivityTypes.ActivityType;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.organization.Person;
import dev.northstar.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The activity logger page: a quick form to log an activity for yourself or, for a team lead, a member of
 * their team, with the person's latest activities below. Checks and access are {@link ActivityLogger}'s.
 */
@Controller
@RequestMapping("/log")
class ActivityLoggerPage {

    /** The form's fields as typed, so that a refused entry comes back with what was entered. */
    record LogForm(String personId, String type, String occurredAt, String quantity, String accountRef, String dealRef) {
    }

    /** Someone the viewer may log for, as the "for whom" select shows them. */
    record PersonChoice(long id, String label) {
    }

    /** One of the latest activities, ready to show. */
    record Row(String when, String type, String quantity, String accountRef, String dealRef, String source) {
    }

    /** The ingest's fields that the form has, each shown next to its own input; the others go above the form. */
    private static final Set<String> FORM_FIELDS = Set.of("personId", "type", "occurredAt", "quantity", "accountRef", "dealRef");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final ActivityLogger logger;
    private final ActivityTypes types;

    ActivityLoggerPage(ActivityLogger logger, ActivityTypes types) {
        this.logger = logger;
        this.types = types;
    }

    /** The form for the viewer, or for the person chosen (and with the values kept when the choice changes). */
    @GetMapping
    String page(Viewer viewer, LogForm form, Model model) {
        long personId = chosen(form, viewer);
        show(viewer, personId, form, Map.of(), model); // someone the viewer may not log for is refused here (403)
        return "ingest/log";
    }

    @PostMapping
    String log(Viewer viewer, LogForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        long personId = chosen(form, viewer);
        Result result = logger.log(viewer, new Entry(personId, form.type(), form.occurredAt(), form.quantity(), form.accountRef(), form.dealRef()));
        if (!result.logged()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldError e : result.errors()) {
                String field = e.field().equals("personEmail") ? "personId" : e.field();
                errors.merge(FORM_FIELDS.contains(field) ? field : "form", e.reason(), (a, b) -> a + "; " + b);
            }
            // A person the viewer may not log for is not in the select: show the form for the viewer, with the reason.
            boolean selectable = logger.people(viewer).stream().anyMatch(p -> p.id() == personId);
            show(viewer, selectable ? personId : viewer.personId(), form, errors, model);
            return "ingest/log";
        }
        redirect.addFlashAttribute("message", "Logged: " + result.summary() + ".");
        redirect.addAttribute("personId", personId);
        return "redirect:/log";
    }

    private void show(Viewer viewer, long personId, LogForm form, Map<String, String> errors, Model model) {
        List<ActivityType> allowed = logger.types(viewer, personId);
        ZoneId zone = logger.zone(viewer);
        List<Person> people = logger.people(viewer);
        model.addAttribute("people", people.stream().map(p -> new PersonChoice(p.id(), label(p, viewer))).toList());
        model.addAttribute("personId", personId);
        model.addAttribute("personName", people.stream().filter(p -> p.id() == personId).map(Person::displayName).findFirst().orElse(""));
        model.addAttribute("types", allowed);
        model.addAttribute("type", form.type());
        model.addAttribute("occurredAt", form.occurredAt() != null && !form.occurredAt().isBlank() ? form.occurredAt() : INPUT.format(logger.now(viewer)));
        model.addAttribute("quantity", form.quantity());
        model.addAttribute("accountRef", form.accountRef());
        model.addAttribute("dealRef", form.dealRef());
        model.addAttribute("errors", errors);
        model.addAttribute("zone", zone.getId());
        Map<String, String> names = types.all(viewer).stream().collect(Collectors.toMap(ActivityType::key, ActivityType::name));
        List<Row> rows = new ArrayList<>();
        for (StoredActivity a : logger.recent(viewer, personId)) {
            rows.add(new Row(WHEN.format(a.occurredAt().atZone(zone)), names.getOrDefault(a.type(), a.type()), plain(a.quantity()),
                    a.accountRef(), a.dealRef(), a.source()));
        }
        model.addAttribute("recent", rows);
    }

    private static String label(Person p, Viewer viewer) {
        if (p.id() == viewer.personId()) {
            return "Myself (" + p.displayName() + ")";
        }
        return p.displayName() + (p.teamName() != null ? " · " + p.teamName() : "") + (p.active() ? "" : " (inactive)");
    }

    /** The person named in the form; without one, the viewer. Only a hand-made request sends something else than a number. */
    private static long chosen(LogForm form, Viewer viewer) {
        if (form.personId() == null || form.personId().isBlank()) {
            return viewer.personId();
        }
        try {
            return Long.parseLong(form.personId().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("personId", "must be a number, got '" + form.personId() + "'");
        }
    }

    private static String plain(BigDecimal quantity) {
        return quantity == null ? null : quantity.stripTrailingZeros().toPlainString();
    }
}
