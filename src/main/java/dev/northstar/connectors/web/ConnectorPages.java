package dev.northstar.connectors.web;

import dev.northstar.access.Viewer;
import dev.northstar.connectors.Connector;
import dev.northstar.connectors.ConnectorKind;
import dev.northstar.connectors.ConnectorSettings;
import dev.northstar.connectors.Connectors;
import dev.northstar.ingest.RecordKind;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Import, Connectors (company admins): the list with each one's state, last and next run; a page per connector with
 * its runs, the records its last pull rejected, Run now, and its form. The service checks access; a refused form
 * comes back filled in, with the field and the reason.
 */
@Controller
@RequestMapping("/imports/connectors")
class ConnectorPages {

    private final Connectors connectors;

    ConnectorPages(Connectors connectors) {
        this.connectors = connectors;
    }

    @GetMapping
    String list(Viewer viewer, Model model) {
        model.addAttribute("connectors", connectors.list(viewer));
        model.addAttribute("kinds", ConnectorKind.values());
        return "connectors/list";
    }

    @GetMapping("/new")
    String blank(Viewer viewer, @RequestParam(defaultValue = "http_json") String kind, Model model) {
        connectors.mayManage(viewer);
        ConnectorKind chosen = ConnectorKind.of(kind);
        return form(model, null, ConnectorForm.blank(chosen));
    }

    @PostMapping("/new")
    String create(Viewer viewer, @RequestParam MultiValueMap<String, String> fields, Model model, RedirectAttributes redirect) {
        ConnectorForm form = ConnectorForm.of(fields);
        try {
            Connector created = connectors.create(viewer, form.draft());
            redirect.addFlashAttribute("message", created.name() + " is set up. Its first pull is at the next scheduled time, or press Run now.");
            return "redirect:/imports/connectors/" + created.id();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("error", refusal(e));
            return form(model, null, form);
        }
    }

    @GetMapping("/{id}")
    String page(Viewer viewer, @PathVariable long id, Model model) {
        Connector connector = connectors.get(viewer, id);
        model.addAttribute("runs", connectors.runs(viewer, id, 20));
        return form(model, connector, ConnectorForm.from(connector));
    }

    @PostMapping("/{id}")
    String update(Viewer viewer, @PathVariable long id, @RequestParam MultiValueMap<String, String> fields, Model model,
                  RedirectAttributes redirect) {
        Connector before = connectors.get(viewer, id);
        ConnectorForm form = ConnectorForm.of(fields);
        try {
            connectors.update(viewer, id, form.draft());
            redirect.addFlashAttribute("message", "Saved.");
            return "redirect:/imports/connectors/" + id;
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("error", refusal(e));
            model.addAttribute("runs", connectors.runs(viewer, id, 20));
            return form(model, before, form);
        }
    }

    @PostMapping("/{id}/run")
    String run(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        try {
            Connector connector = connectors.runNow(viewer, id);
            redirect.addFlashAttribute("message", "A pull of " + connector.name() + " starts within seconds; reload to see it.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/imports/connectors/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        Connector connector = connectors.get(viewer, id);
        connectors.delete(viewer, id);
        redirect.addFlashAttribute("message", connector.name() + " is removed. The records it loaded stay.");
        return "redirect:/imports/connectors";
    }

    private static String form(Model model, Connector connector, ConnectorForm form) {
        model.addAttribute("connector", connector);
        model.addAttribute("form", form);
        model.addAttribute("title", connector != null ? connector.name() : "New connector: " + ConnectorKind.of(form.kind()).label());
        model.addAttribute("recordKinds", List.of(RecordKind.ACTIVITIES, RecordKind.DEALS, RecordKind.ACCOUNTS, RecordKind.REVENUE));
        Map<String, String> fields = new LinkedHashMap<>();
        RecordKind.byKey(form.recordKind()).orElse(RecordKind.ACTIVITIES).fields()
                .forEach(f -> fields.put(f.key(), (f.required() ? "required: " : "") + f.description()));
        model.addAttribute("fields", fields);
        if (!model.containsAttribute("runs")) {
            model.addAttribute("runs", List.of());
        }
        return "connectors/connector";
    }

    private static String refusal(RuntimeException e) {
        return e instanceof InvalidInputException invalid ? "Not saved: " + invalid.field() + " " + invalid.reason() + "." : e.getMessage();
    }

    /** The form's fields as text, so a refused form comes back as it was typed. Secrets are never filled in. */
    record ConnectorForm(String kind, String name, String recordKind, String source, String schedule, boolean enabled, String alertAfter,
                         String url, String recordsPointer, String pagination, String pageParam, String nextPointer, String nextParam,
                         String delimiter, String jdbcUrl, String username, String query, String mapping, String cursorField,
                         String cursor, String secretHeaders, boolean clearHeaders, String password) {

        static ConnectorForm blank(ConnectorKind kind) {
            return new ConnectorForm(kind.key(), "", "deals", "", "0 * * * *", true, "3", "", "", "none", "page", "", "cursor", ",", "",
                    "", "", "", "", null, "", false, "");
        }

        static ConnectorForm from(Connector c) {
            ConnectorSettings s = c.settings();
            StringBuilder mapping = new StringBuilder();
            s.mapping().forEach((field, path) -> mapping.append(field).append(" = ").append(path).append('\n'));
            return new ConnectorForm(c.kind().key(), c.name(), c.recordKind(), c.source(), c.schedule(), c.enabled(), Integer.toString(c.alertAfter()),
                    s.url(), s.recordsPointer(), s.pagination(), s.pageParam(), s.nextPointer(), s.nextParam(), s.delimiter(), s.jdbcUrl(),
                    s.username(), s.query(), mapping.toString(), c.cursorField(), null, "", false, "");
        }

        static ConnectorForm of(MultiValueMap<String, String> fields) {
            return new ConnectorForm(text(fields, "kind"), text(fields, "name"), text(fields, "recordKind"), text(fields, "source"),
                    text(fields, "schedule"), fields.containsKey("enabled"), text(fields, "alertAfter"), text(fields, "url"),
                    text(fields, "recordsPointer"), text(fields, "pagination"), text(fields, "pageParam"), text(fields, "nextPointer"),
                    text(fields, "nextParam"), text(fields, "delimiter"), text(fields, "jdbcUrl"), text(fields, "username"),
                    text(fields, "query"), text(fields, "mapping"), text(fields, "cursorField"),
                    fields.containsKey("resetCursor") ? "" : null, text(fields, "secretHeaders"), fields.containsKey("clearHeaders"),
                    text(fields, "password"));
        }

        Connectors.Draft draft() {
            Map<String, String> headers = lines(secretHeaders, ':', "secretHeaders");
            Integer alerts;
            try {
                alerts = alertAfter == null || alertAfter.isBlank() ? null : Integer.valueOf(alertAfter.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("alertAfter", "must be a whole number of failed pulls");
            }
            return new Connectors.Draft(name, kind, recordKind, source, schedule,
                    new ConnectorSettings(url, recordsPointer, pagination, pageParam, nextPointer, nextParam, delimiter, jdbcUrl, username,
                            query, lines(mapping, '=', "mapping")),
                    clearHeaders ? Map.of() : headers.isEmpty() ? null : headers,
                    password == null || password.isEmpty() ? null : password, cursorField, cursor, enabled, alerts);
        }

        /** "name: value" (headers) or "field = path" (mapping) lines; blank lines are skipped. */
        private static Map<String, String> lines(String text, char separator, String field) {
            Map<String, String> pairs = new LinkedHashMap<>();
            if (text == null) {
                return pairs;
            }
            int number = 0;
            for (String line : text.split("\\R")) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int at = line.indexOf(separator);
                if (at <= 0) {
                    throw new InvalidInputException(field, "line " + number + " must read " + (separator == ':' ? "Name: value" // never echoed: a secret
                            : "field = where, not '" + line.strip() + "'"));
                }
                pairs.put(line.substring(0, at).strip(), line.substring(at + 1).strip());
            }
            return pairs;
        }

        private static String text(MultiValueMap<String, String> fields, String name) {
            return fields.getFirst(name);
        }
    }
}
