/**
 * Organization (C1): the company (tenant) and its settings, departments, teams, people, effective-dated
 * team memberships, department managers, team leads and company admins. Its public API is
 * {@link dev.northstar.organization.OrganizationService}; every call there is checked by the access policy.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organization", allowedDependencies = {"shared", "access"})
package dev.northstar.organization;
