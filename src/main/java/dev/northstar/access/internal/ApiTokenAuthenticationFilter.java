package dev.northstar.access.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates {@code Authorization: Bearer ...} requests by their personal API token. Such requests get
 * no session; a wrong or revoked token gets 401 without saying which, and repeated failures from one
 * client address are slowed down.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final FailureThrottle throttle;
    private final ProblemResponses problems;

    ApiTokenAuthenticationFilter(ApiTokenService tokens, FailureThrottle throttle, ProblemResponses problems) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.problems = problems;
    }

    static boolean hasBearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearerToken(request)) {
            chain.doFilter(request, response);
            return;
        }
        String client = "token-ip:" + request.getRemoteAddr();
        var wait = throttle.waitFor(client);
        if (!wait.isZero()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            problems.write(request, response, 429, "Too many failed attempts",
                    "Too many requests with a wrong API token from this address; try again in " + Math.max(1, wait.toSeconds()) + " s.");
            return;
        }
        String secret = request.getHeader("Authorization").substring(BEARER.length()).strip();
        var person = tokens.authenticate(secret);
        if (person.isEmpty()) {
            throttle.failed(client);
            problems.write(request, response, 401, "Unauthorized", "The API token is not valid: it is wrong, revoked, or its owner is inactive.");
            return;
        }
        throttle.succeeded(client);
        var authentication = UsernamePasswordAuthenticationToken.authenticated(person.get(), null,
                AuthorityUtils.createAuthorityList("ROLE_API"));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
