/** The shell around every page: layout, navigation, login page, home, error pages, and how errors become answers. */
@org.springframework.modulith.ApplicationModule(displayName = "Web", allowedDependencies = {"shared", "access", "organization"})
package dev.northstar.web;
