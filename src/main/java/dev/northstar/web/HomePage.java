package dev.northstar.web;

import dev.northstar.access.Viewer;
import dev.northstar.organization.OrganizationService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Home: who I am, my team and my scope. Key metrics join it with the metric catalog. */
@Controller
class HomePage {

    private final OrganizationService organization;

    HomePage(OrganizationService organization) {
        this.organization = organization;
    }

    @GetMapping("/")
    String home(Viewer viewer, Model model) {
        model.addAttribute("me", organization.person(viewer, viewer.personId()));
        model.addAttribute("company", organization.company(viewer));
        model.addAttribute("teams", organization.teams(viewer));
        model.addAttribute("departments", organization.departments(viewer));
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
