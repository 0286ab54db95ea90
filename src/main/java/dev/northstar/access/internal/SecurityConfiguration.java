package dev.northstar.access.internal;

import dev.northstar.access.OrganizationDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what at all: everything but the login page, static files, health, the API docs and signed
 * webhooks needs a logged-in person (form login with a session, or an API token). What they may see once in is the
 * {@link dev.northstar.access.AccessPolicy}'s business.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // bcrypt, upgradable per hash
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokenService tokens, FailureThrottle throttle,
                                            ProblemResponses problems, OrganizationDirectory directory,
                                            PasswordEncoder passwords) throws Exception {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/v1/**");
        // Webhooks come from other systems, with neither login nor API token nor CSRF token: the HMAC signature over
        // the body, checked by the receiver in ingest, is what lets them in.
        RequestMatcher webhooks = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/webhooks/*");
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/assets/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**", "/api/docs", "/api/docs/**",
                                "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers(webhooks).permitAll()
                        // A TV screen opens with its link alone (its token); the screen acts as the link's maker, read-only.
                        .requestMatchers(HttpMethod.GET, "/tv/screen/*", "/tv/screen/*/live").permitAll()
                        .anyRequest().authenticated())
                .authenticationProvider(new ThrottledAuthenticationProvider(directory, passwords, throttle))
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .defaultSuccessUrl("/", false)
                        .failureHandler((request, response, exception) -> response.sendRedirect(
                                request.getContextPath() + (exception instanceof LockedException ? "/login?throttled" : "/login?error")))
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                // Bearer-token calls carry no cookie, so they cannot be forged cross-site; session calls need the token.
                // Webhooks act on their signature alone, never on a cookie, so a forged cross-site request gains nothing.
                .csrf(csrf -> csrf.ignoringRequestMatchers(ApiTokenAuthenticationFilter::hasBearerToken, webhooks))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor((request, response, e) -> problems.write(request, response, 401,
                                "Unauthorized", "Log in, or send a personal API token as 'Authorization: Bearer ...'."), api)
                        // Every other request is a person's browser: send it to the login page.
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor((request, response, e) -> problems.write(request, response, 403, "Forbidden",
                                e instanceof CsrfException
                                        ? "The CSRF token is missing or wrong: send your session's token in the X-CSRF-TOKEN header, or use an API token."
                                        : e.getMessage()), api)
                        // On pages, a missing or stale CSRF token almost always means the session expired under an open form.
                        .defaultAccessDeniedHandlerFor((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof CsrfException ? "/login?expired" : "/error")), AnyRequestMatcher.INSTANCE))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, throttle, problems), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }
}
