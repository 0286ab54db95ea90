package dev.northstar.access.internal;

import dev.northstar.access.AuthenticatedPerson;
import dev.northstar.access.OrganizationDirectory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.util.Locale;

/**
 * Form login: e-mail and password, checked against the hash. A wrong e-mail and a wrong password give the
 * same answer (and cost the same hash check); repeated failures for an e-mail or from an address are
 * refused for a while before the password is even looked at.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    /** Compared against when the e-mail is unknown, so that both failures take as long. */
    private final String decoyHash;
    private final OrganizationDirectory directory;
    private final PasswordEncoder passwords;
    private final FailureThrottle throttle;

    ThrottledAuthenticationProvider(OrganizationDirectory directory, PasswordEncoder passwords, FailureThrottle throttle) {
        this.directory = directory;
        this.passwords = passwords;
        this.throttle = throttle;
        this.decoyHash = passwords.encode("decoy-password-for-unknown-accounts");
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String email = String.valueOf(authentication.getPrincipal()).strip().toLowerCase(Locale.ROOT);
        String password = String.valueOf(authentication.getCredentials());
        String emailKey = "email:" + email;
        String addressKey = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? "login-ip:" + details.getRemoteAddress() : "login-ip:unknown";
        if (!throttle.waitFor(emailKey).isZero() || !throttle.waitFor(addressKey).isZero()) {
            throw new LockedException("Too many failed attempts: wait a moment and try again.");
        }
        var login = directory.loginByEmail(email);
        boolean matches = passwords.matches(password, login.map(OrganizationDirectory.Login::passwordHash)
                .filter(hash -> hash != null).orElse(decoyHash));
        if (login.isEmpty() || !matches || !login.get().active()) {
            throttle.failed(emailKey);
            throttle.failed(addressKey);
            throw new BadCredentialsException("Wrong e-mail or password.");
        }
        throttle.succeeded(emailKey);
        var person = new AuthenticatedPerson(login.get().companyId(), login.get().personId(), login.get().email());
        var result = UsernamePasswordAuthenticationToken.authenticated(person, null, AuthorityUtils.createAuthorityList("ROLE_USER"));
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
