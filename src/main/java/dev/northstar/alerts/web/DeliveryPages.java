package dev.northstar.alerts.web;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.Deliveries;
import dev.northstar.alerts.Delivery;
import dev.northstar.alerts.Digests;
import dev.northstar.alerts.NotificationPreferences;
import dev.northstar.alerts.OutgoingWebhooks;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How notifications leave the app: one's own e-mail choices ({@code /notifications/settings}) and weekly digest
 * ({@code /notifications/digest}), and for admins the chat
 * channels alerts post to ({@code /alerts/webhooks}) and the delivery log ({@code /alerts/deliveries}).
 */
@Controller
class DeliveryPages {

    static final int SHOWN = 200;

    private final NotificationPreferences preferences;
    private final OutgoingWebhooks webhooks;
    private final Deliveries deliveries;
    private final Digests digests;

    DeliveryPages(NotificationPreferences preferences, OutgoingWebhooks webhooks, Deliveries deliveries, Digests digests) {
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.digests = digests;
    }

    @GetMapping("/notifications/settings")
    String settings(Viewer viewer, Model model) {
        model.addAttribute("preference", preferences.mine(viewer));
        return "alerts/settings";
    }

    /** Unticked boxes are not sent, so a missing one means no. */
    @PostMapping("/notifications/settings")
    String choose(Viewer viewer, @RequestParam(defaultValue = "false") boolean emailBreaches,
                  @RequestParam(defaultValue = "false") boolean emailResolutions, @RequestParam(defaultValue = "false") boolean weeklyDigest,
                  RedirectAttributes redirect) {
        preferences.choose(viewer, new NotificationPreferences.Choice(emailBreaches, emailResolutions, weeklyDigest));
        redirect.addFlashAttribute("message", "Saved.");
        return "redirect:/notifications/settings";
    }

    @GetMapping("/notifications/digest")
    String digest(Viewer viewer, Model model) {
        model.addAttribute("digest", digests.mine(viewer));
        return "alerts/digest";
    }

    @GetMapping("/alerts/webhooks")
    String webhooks(Viewer viewer, Model model) {
        model.addAttribute("webhooks", webhooks.list(viewer));
        return "alerts/webhooks";
    }

    @PostMapping("/alerts/webhooks")
    String create(Viewer viewer, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String url,
                  RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("created", webhooks.create(viewer, new OutgoingWebhooks.NewWebhook(name, url)));
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/alerts/webhooks";
    }

    @PostMapping("/alerts/webhooks/{id}/test")
    String test(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        Delivery test = webhooks.test(viewer, id);
        if ("sent".equals(test.state())) {
            redirect.addFlashAttribute("message", "The test reached " + test.recipient() + ".");
        } else {
            redirect.addFlashAttribute("error", "The test did not reach " + test.recipient() + ": " + test.lastError()
                    + ("pending".equals(test.state()) ? ". It will be tried again; see the delivery log." : "."));
        }
        return "redirect:/alerts/webhooks";
    }

    @PostMapping("/alerts/webhooks/{id}/delete")
    String delete(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        webhooks.delete(viewer, id);
        redirect.addFlashAttribute("message", "Channel removed; its alerts still tell their owners.");
        return "redirect:/alerts/webhooks";
    }

    @GetMapping("/alerts/deliveries")
    String deliveries(Viewer viewer, @RequestParam(required = false) String state, @RequestParam(required = false) String channel, Model model) {
        model.addAttribute("deliveries", deliveries.log(viewer, state, channel, SHOWN));
        model.addAttribute("states", Deliveries.STATES);
        model.addAttribute("channels", Deliveries.CHANNELS);
        model.addAttribute("state", state);
        model.addAttribute("channel", channel);
        return "alerts/deliveries";
    }
}
