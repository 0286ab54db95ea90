package dev.northstar.ingest.web;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.webhooks.WebhookSources;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;

/**
 * Import, Webhooks (company admins): create a source (its secret and a signed example request shown once), see when
 * each was last used, delete one. The service checks access; the forms redirect with the flash "message" or "error".
 */
@Controller
@RequestMapping("/imports/webhooks")
class WebhooksPage {

    private static final String PAGE = "redirect:/imports/webhooks";

    private final WebhookSources sources;

    WebhooksPage(WebhookSources sources) {
        this.sources = sources;
    }

    record Row(String name, String url, String createdBy, Instant createdAt, Instant lastUsedAt) {
    }

    @GetMapping
    String page(Viewer viewer, Model model) {
        model.addAttribute("sources", sources.sources(viewer).stream()
                .map(s -> new Row(s.name(), url(s.name()), s.createdBy(), s.createdAt(), s.lastUsedAt())).toList());
        return "ingest/webhooks";
    }

    @PostMapping
    String create(Viewer viewer, @RequestParam String name, RedirectAttributes redirect) {
        try {
            var created = sources.create(viewer, name);
            redirect.addFlashAttribute("createdName", created.name());
            redirect.addFlashAttribute("createdUrl", url(created.name()));
            redirect.addFlashAttribute("createdSecret", created.secret());
            redirect.addFlashAttribute("createdExample", example(url(created.name()), created.secret(), viewer.email()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "The name " + e.reason() + ".");
        }
        return PAGE;
    }

    @PostMapping("/{name}/delete")
    String delete(Viewer viewer, @PathVariable String name, RedirectAttributes redirect) {
        sources.delete(viewer, name);
        redirect.addFlashAttribute("message", "The webhook source '" + name + "' is deleted: its URL no longer accepts requests.");
        return PAGE;
    }

    /**
     * A request that works as it is copied into a shell: one activity for the admin, signed with openssl. The key is
     * the secret's text, as WebhookSignature takes it; awk keeps the digest whichever openssl version prints it. The
     * body spans two lines to fit the page: the newline is signed and sent like any other byte.
     */
    static String example(String url, String secret, String email) {
        return String.join("\n",
                "SECRET='" + secret + "'",
                "BODY='{\"activities\": [{\"externalId\": \"webhook-test-1\", \"type\": \"call\",",
                "  \"person\": \"" + email + "\", \"occurredAt\": \"2026-05-04T09:30:00Z\"}]}'",
                "TS=$(date +%s)",
                "SIG=$(printf '%s.%s' \"$TS\" \"$BODY\" | openssl dgst -sha256 -hmac \"$SECRET\" | awk '{print $NF}')",
                "curl -H 'Content-Type: application/json' -H \"X-Northstar-Timestamp: $TS\" \\",
                "     -H \"X-Northstar-Signature: sha256=$SIG\" --data-binary \"$BODY\" " + url);
    }

    private static String url(String name) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(WebhookSources.path(name)).toUriString();
    }
}
