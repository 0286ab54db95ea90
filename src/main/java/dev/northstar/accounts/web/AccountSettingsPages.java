package dev.northstar.accounts.web;

import dev.northstar.access.Viewer;
import dev.northstar.accounts.AccountMetric;
import dev.northstar.accounts.AccountMetrics;
import dev.northstar.accounts.AccountValueImport;
import dev.northstar.accounts.HealthFormula;
import dev.northstar.accounts.Measure;
import dev.northstar.accounts.MetricDraft;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Accounts, Settings (company admins): the account metrics with their families, thresholds, colours, who sees and
 * changes them, the top four and the health weights; the health formula; and importing entered values from a CSV
 * file. The services check access; a refused form comes back with the field and the reason.
 */
@Controller
@RequestMapping("/accounts/settings")
class AccountSettingsPages {

    private final AccountMetrics metrics;
    private final AccountValueImport values;

    AccountSettingsPages(AccountMetrics metrics, AccountValueImport values) {
        this.metrics = metrics;
        this.values = values;
    }

    @GetMapping
    String settings(Viewer viewer, Model model) {
        metrics.mayConfigure(viewer);
        model.addAttribute("catalog", metrics.catalog(viewer));
        model.addAttribute("measures", Measure.values());
        return "accounts/settings";
    }

    @GetMapping("/metrics/{key}")
    String metricForm(Viewer viewer, @PathVariable String key, Model model) {
        metrics.mayConfigure(viewer);
        AccountMetrics.Catalog catalog = metrics.catalog(viewer);
        AccountMetric metric = key.equals("new") ? null : catalog.metrics().stream().filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("Account metric", key));
        return form(model, catalog, metric, null);
    }

    @PostMapping("/metrics/{key}")
    String saveMetric(Viewer viewer, @PathVariable String key, @RequestParam MultiValueMap<String, String> fields, Model model,
                      RedirectAttributes redirect) {
        try {
            AccountMetric saved = metrics.save(viewer, key.equals("new") ? null : key, draft(fields));
            redirect.addFlashAttribute("message", saved.name() + " saved.");
            return "redirect:/accounts/settings";
        } catch (InvalidInputException | ConflictException e) {
            AccountMetrics.Catalog catalog = metrics.catalog(viewer);
            AccountMetric metric = key.equals("new") ? null : catalog.metrics().stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
            model.addAttribute("fields", fields.toSingleValueMap());
            return form(model, catalog, metric, "Not saved: " + e.getMessage());
        }
    }

    @PostMapping("/metrics/{key}/delete")
    String deleteMetric(Viewer viewer, @PathVariable String key, RedirectAttributes redirect) {
        metrics.delete(viewer, key);
        redirect.addFlashAttribute("message", "The metric " + key + " and its entered values are removed.");
        return "redirect:/accounts/settings";
    }

    @PostMapping("/families")
    String addFamily(Viewer viewer, @RequestParam String name, RedirectAttributes redirect) {
        try {
            metrics.saveFamily(viewer, null, name, null);
            redirect.addFlashAttribute("message", "Family " + name.strip() + " added.");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", "Not added: " + e.getMessage());
        }
        return "redirect:/accounts/settings";
    }

    @PostMapping("/families/{id}/delete")
    String deleteFamily(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        metrics.deleteFamily(viewer, id);
        redirect.addFlashAttribute("message", "Family removed; its metrics are under Other.");
        return "redirect:/accounts/settings";
    }

    @PostMapping("/formula")
    String formula(Viewer viewer, @RequestParam MultiValueMap<String, String> fields, RedirectAttributes redirect) {
        try {
            metrics.saveFormula(viewer, new HealthFormula(decimal(fields, "greenPoints"), decimal(fields, "amberPoints"),
                    decimal(fields, "redPoints"), decimal(fields, "healthyFrom"), decimal(fields, "watchFrom")));
            redirect.addFlashAttribute("message", "Health formula saved.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "Not saved: " + e.getMessage());
        }
        return "redirect:/accounts/settings";
    }

    @PostMapping("/import")
    String importValues(Viewer viewer, @RequestParam MultipartFile file, @RequestParam(defaultValue = "false") boolean dryRun,
                        Model model) throws IOException {
        metrics.mayConfigure(viewer);
        model.addAttribute("catalog", metrics.catalog(viewer));
        model.addAttribute("measures", Measure.values());
        try (var in = file.getInputStream()) {
            model.addAttribute("imported", values.loadCsv(viewer, in, dryRun));
        } catch (InvalidInputException e) {
            model.addAttribute("error", "Not imported: " + e.getMessage());
        }
        model.addAttribute("fileName", file.getOriginalFilename());
        return "accounts/settings";
    }

    private String form(Model model, AccountMetrics.Catalog catalog, AccountMetric metric, String error) {
        model.addAttribute("catalog", catalog);
        model.addAttribute("metric", metric);
        model.addAttribute("measures", Measure.values());
        model.addAttribute("error", error);
        model.addAttribute("title", metric == null ? "New account metric" : "Account metric: " + metric.name());
        return "accounts/metric-form";
    }

    private static MetricDraft draft(MultiValueMap<String, String> f) {
        Long family = longOrNull(f, "familyId");
        return new MetricDraft(f.getFirst("key"), f.getFirst("name"), family == null ? 0L : family, f.getFirst("measure"), f.getFirst("display"),
                intOrNull(f, "rankScale"), f.getFirst("direction"), decimalOrNull(f, "target"), decimalOrNull(f, "greenAt"),
                decimalOrNull(f, "amberAt"), f.getFirst("greenColour"), f.getFirst("amberColour"), f.getFirst("redColour"),
                f.getFirst("viewRole"), f.getFirst("editRole"), intOrZero(f, "topPosition"), intOrNull(f, "healthWeight"),
                // the form's blanks mean "none": no family, no default target
                decimalOrNull(f, "target") == null);
    }

    private static BigDecimal decimal(MultiValueMap<String, String> f, String field) {
        BigDecimal value = decimalOrNull(f, field);
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    private static BigDecimal decimalOrNull(MultiValueMap<String, String> f, String field) {
        String text = f.getFirst(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "is not a number: " + text);
        }
    }

    private static Long longOrNull(MultiValueMap<String, String> f, String field) {
        BigDecimal value = decimalOrNull(f, field);
        return value == null ? null : value.longValueExact();
    }

    private static Integer intOrNull(MultiValueMap<String, String> f, String field) {
        BigDecimal value = decimalOrNull(f, field);
        return value == null ? null : value.intValue();
    }

    /** The top-four place: blank means "not in the top four", which the draft writes as 0. */
    private static Integer intOrZero(MultiValueMap<String, String> f, String field) {
        Integer value = intOrNull(f, field);
        return value == null ? 0 : value;
    }
}
