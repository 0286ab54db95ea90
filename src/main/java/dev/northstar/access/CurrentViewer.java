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

    public Viewer get() {
        if (request.getAttribute(ATTRIBUTE) instanceof Viewer viewer) {
            return viewer;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof AuthenticatedPerson person)) {
            throw new InsufficientAuthenticationException("Not logged in");
        }
        Viewer viewer = directory.viewer(person.companyId(), person.personId())
                .orElseThrow(() -> new InsufficientAuthenticationException("This account no longer exists"));
        request.setAttribute(ATTRIBUTE, viewer);
        return viewer;
    }
}
