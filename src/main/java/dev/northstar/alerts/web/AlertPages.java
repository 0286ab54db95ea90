package dev.northstar.alerts.web;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.AlertRules;
import dev.northstar.alerts.Condition;
import dev.northstar.alerts.Notifications;
import dev.northstar.alerts.OutgoingWebhooks;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.organization.VisibleScopes;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The alert rules one sees, with a form to make one ({@code /alerts}), and one's notifications ({@code /notifications}). */
@Controller
class AlertPages {

    static final int SHOWN = 100;

    private final AlertRules rules;
    private final Notifications notifications;
    private final MetricCatalog catalog;
    private final VisibleScopes scopes;
    private final OutgoingWebhooks webhooks;

    AlertPages(AlertRules rules, Notifications notifications, MetricCatalog catalog, VisibleScopes scopes, OutgoingWebhooks webhooks) {
        this.rules = rules;
        this.notifications = notifications;
        this.catalog = catalog;
        this.scopes = scopes;
        this.webhooks = webhooks;
    }

    /** A condition for the form's picker. */
    record ConditionChoice(String key, String words) {
    }

    @GetMapping("/alerts")
    String alerts(Viewer viewer, Model model) {
        model.addAttribute("rules", rules.visible(viewer));
        model.addAttribute("metrics", catalog.all(viewer.companyId()).stream().sorted(Comparator.comparing(MetricDefinition::name)).toList());
        List<VisibleScopes.Choice> choices = new ArrayList<>(scopes.of(viewer));
        choices.add(new VisibleScopes.Choice("person:" + viewer.personId(), viewer.displayName() + " (you)"));
        model.addAttribute("scopes", choices);
        model.addAttribute("conditions", Arrays.stream(Condition.values()).map(c -> new ConditionChoice(c.key(), c.words("…"))).toList());
        model.addAttribute("webhooks", webhooks.names(viewer));
        return "alerts/alerts";
    }

    @PostMapping("/alerts")
    String create(Viewer viewer, @RequestParam String metric, @RequestParam String scope, @RequestParam String condition,
                  @RequestParam(required = false) BigDecimal threshold, @RequestParam(required = false) Long webhookId,
                  RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("message", "Alert made: " + rules.create(viewer, new AlertRules.NewRule(metric, scope, condition,
                    threshold, null, webhookId)).description() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/alerts";
    }

    @PostMapping("/alerts/{id}/delete")
    String delete(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        rules.delete(viewer, id);
        redirect.addFlashAttribute("message", "Alert removed.");
        return "redirect:/alerts";
    }

    @GetMapping("/notifications")
    String notifications(Viewer viewer, Model model) {
        model.addAttribute("notifications", notifications.mine(viewer, false, SHOWN));
        model.addAttribute("unread", notifications.unread(viewer));
        return "alerts/notifications";
    }

    @PostMapping("/notifications/{id}/read")
    String read(Viewer viewer, @PathVariable long id) {
        notifications.markRead(viewer, id);
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/read-all")
    String readAll(Viewer viewer) {
        notifications.markAllRead(viewer);
        return "redirect:/notifications";
    }
}
