/**
 * Access (C2): login, sessions, API tokens, and the one access policy that every page and API call asks.
 * The organization module tells it who manages and belongs to what through {@link dev.northstar.access.OrganizationDirectory}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access", allowedDependencies = "shared")
package dev.northstar.access;
