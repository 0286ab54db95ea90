package dev.northstar.dashboards.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricQueries.Compare;
import dev.northstar.analytics.MetricQueries.Leaderboard;
import dev.northstar.analytics.MetricQueries.Overview;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.dashboards.web.TvLinks.Screen;
import dev.northstar.dashboards.web.TvLinks.TvLink;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.VisibleScopes;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Scope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * TV mode: a page to make and revoke TV links ({@code /tv}), and the screen a link opens ({@code /tv/screen/{token}},
 * no login): the scope's key metrics and its chosen leaderboards full-screen, one after the other, readable from across
 * a room, kept live by the same stream as the pages, with the wins of the scope's people celebrated.
 */
@Controller
class TvPages {

    private final TvLinks links;
    private final MetricQueries queries;
    private final MetricCatalog catalog;
    private final OrganizationService organization;
    private final OrganizationDirectory directory;
    private final VisibleScopes visibleScopes;
    private final AccessPolicy policy;
    private final LiveUpdates live;

    TvPages(TvLinks links, MetricQueries queries, MetricCatalog catalog, OrganizationService organization, OrganizationDirectory directory,
            VisibleScopes visibleScopes, AccessPolicy policy, LiveUpdates live) {
        this.links = links;
        this.queries = queries;
        this.catalog = catalog;
        this.organization = organization;
        this.directory = directory;
        this.visibleScopes = visibleScopes;
        this.policy = policy;
        this.live = live;
    }

    /** A link as listed: its scope named. */
    public record Listed(TvLink link, String scopeName) {
    }

    @GetMapping("/tv")
    String page(Viewer viewer, Model model) {
        model.addAttribute("scopes", visibleScopes.of(viewer));
        model.addAttribute("metrics", catalog.all(viewer.companyId()));
        model.addAttribute("links", links.list(viewer).stream().map(l -> new Listed(l, scopeName(viewer.companyId(), l.scope()))).toList());
        return "dashboards/tv-links";
    }

    @PostMapping("/tv")
    String create(Viewer viewer, @RequestParam String name, @RequestParam String scope,
                  @RequestParam(required = false) List<String> leaderboards, @RequestParam(defaultValue = "20") int seconds,
                  HttpServletRequest request, RedirectAttributes redirect) {
        try {
            TvLinks.Created created = links.create(viewer, name, Scope.parse(scope), leaderboards == null ? List.of() : leaderboards, seconds);
            redirect.addFlashAttribute("message", "The TV link '" + created.link().name() + "' is made. Copy it now: it is shown only once.");
            redirect.addFlashAttribute("createdUrl", ServletUriComponentsBuilder.fromContextPath(request)
                    .path("/tv/screen/{token}").buildAndExpand(created.token()).toUriString());
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/tv";
    }

    @PostMapping("/tv/{id}/revoke")
    String revoke(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("message", "The TV link '" + links.revoke(viewer, id).name() + "' is revoked: its screen goes blank.");
        live.end("tv:" + id); // this instance's screens now; other instances' at their next heartbeat
        return "redirect:/tv";
    }

    /** A slide of the screen: a leaderboard of one metric. */
    public record BoardSlide(String key, Views.Board board) {
    }

    @GetMapping("/tv/screen/{token}")
    String screen(@PathVariable String token, Model model) {
        Screen screen = links.open(token);
        Viewer maker = screen.viewer();
        Scope scope = Scope.parse(screen.link().scope());
        Company company = organization.company(maker);
        Numbers numbers = Numbers.of(company.currency());
        Overview overview = queries.overview(maker, scope, null, Compare.PREVIOUS, ScopePages.TRAIL, scope, ScopePages.LEADERBOARD);
        List<BoardSlide> boards = new ArrayList<>();
        for (String key : screen.link().leaderboards()) {
            MetricDefinition metric = catalog.find(maker.companyId(), key).orElse(null);
            if (metric != null) {
                Leaderboard board = queries.leaderboard(maker, key, scope, null, ScopePages.LEADERBOARD);
                boards.add(new BoardSlide(key, Views.board(board, metric, numbers)));
            }
        }
        model.addAttribute("link", screen.link());
        model.addAttribute("token", token);
        model.addAttribute("scopeName", scopeName(maker.companyId(), screen.link().scope()));
        model.addAttribute("cards", Views.cards(overview, numbers, company.calendar()));
        model.addAttribute("board", Views.board(overview, numbers, "", false));
        model.addAttribute("boards", boards);
        return "dashboards/tv";
    }

    @GetMapping(path = "/tv/screen/{token}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter screenLive(@PathVariable String token) {
        Screen screen = links.open(token);
        Viewer maker = screen.viewer();
        Scope scope = Scope.parse(screen.link().scope());
        // The TV cheers the wins of its scope's people (today's teams) whom its maker may see; it goes dark once the
        // link is revoked or its maker no longer sees the scope.
        Predicate<PersonRef> inScope = owner -> (scope instanceof Scope.Company
                || (scope instanceof Scope.Department d && owner.departmentId() != null && owner.departmentId() == d.id())
                || (scope instanceof Scope.Team t && owner.teamId() != null && owner.teamId() == t.id()))
                && policy.person(maker, owner, Action.VIEW).allowed();
        return live.subscribe(maker, "tv:" + screen.link().id(), inScope, () -> links.stillOpen(token));
    }

    /** A scope's name without an access check: a listed link may show a scope its maker no longer sees. */
    private String scopeName(long companyId, String key) {
        Scope scope = Scope.parse(key);
        if (scope instanceof Scope.Department d) {
            return directory.department(companyId, d.id()).map(r -> r.name() + " department").orElseThrow(() -> new NotFoundException("Department", d.id()));
        }
        if (scope instanceof Scope.Team t) {
            return directory.team(companyId, t.id()).map(r -> r.name() + " team").orElseThrow(() -> new NotFoundException("Team", t.id()));
        }
        return "The whole company";
    }
}
