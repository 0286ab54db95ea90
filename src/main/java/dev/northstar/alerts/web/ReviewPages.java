package dev.northstar.alerts.web;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.Reviews;
import dev.northstar.organization.VisibleScopes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The review meeting page, {@code /reviews?cadence=weekly&scope=team:7}: what a meeting of that cadence goes through. */
@Controller
class ReviewPages {

    private final Reviews reviews;
    private final VisibleScopes scopes;

    ReviewPages(Reviews reviews, VisibleScopes scopes) {
        this.reviews = reviews;
        this.scopes = scopes;
    }

    @GetMapping("/reviews")
    String review(Viewer viewer, @RequestParam(defaultValue = "weekly") String cadence, @RequestParam(defaultValue = "company") String scope,
                  Model model) {
        model.addAttribute("review", reviews.review(viewer, cadence, scope));
        model.addAttribute("scopes", scopes.of(viewer));
        return "alerts/reviews";
    }
}
