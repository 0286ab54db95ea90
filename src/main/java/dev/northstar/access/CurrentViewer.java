package dev.northstar.access;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The {@link Viewer} of the current request, loaded once per request. */
@Component
public class CurrentViewer {

    private static final String ATTRIBUTE = CurrentViewer.class.getName();

    private final OrganizationDirectory directory;
    private final HttpServletRequest request;

    CurrentViewer(OrganizationDirectory directory, HttpServletRequest request) {
        this.directory = directory;
        this.request = request;
    }

    /** The viewer, or null when nobody (or no longer active person) is logged in. */
    public Viewer orNull() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AuthenticatedPerson)) {
            return null;
        }
        try {
            return get();
        } catch (InsufficientAuthenticationException e) {
            return null;
        }
    }

    public Viewer get() {
        if (request.getAttribute(ATTRIBUTE) instanceof Viewer viewer) {
            return viewer;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AuthenticatedPerson person)) {
            throw new InsufficientAuthenticationException("Not logged in");
        }
        Viewer viewer = directory.viewer(person.companyId(), person.personId()).orElse(null);
        if (viewer == null) {
            // Deactivated (or removed) since logging in: end the session now, so the next request starts at the login page.
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            throw new InsufficientAuthenticationException("This account is no longer active");
        }
        request.setAttribute(ATTRIBUTE, viewer);
        return viewer;
    }
}
