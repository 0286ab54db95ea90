package dev.northstar.access.web;

import dev.northstar.access.Viewer;
import dev.northstar.access.internal.ApiTokenService;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "My API tokens": create one (its secret shown once), see when each was last used, revoke. */
@Controller
class TokensPage {

    private final ApiTokenService tokens;

    TokensPage(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/account/tokens")
    String tokens(Viewer viewer, Model model) {
        model.addAttribute("tokens", tokens.tokensOf(viewer));
        return "access/tokens";
    }

    @PostMapping("/account/tokens")
    String create(Viewer viewer, @RequestParam String name, RedirectAttributes redirect) {
        try {
            var created = tokens.create(viewer, name);
            redirect.addFlashAttribute("createdSecret", created.secret());
            redirect.addFlashAttribute("createdName", created.token().name());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/account/tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        var token = tokens.revoke(viewer, id);
        redirect.addFlashAttribute("message", "The token '" + token.name() + "' is revoked.");
        return "redirect:/account/tokens";
    }
}
