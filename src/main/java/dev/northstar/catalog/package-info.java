/**
 * Metric catalog (C3, C4): the company's metric definitions, locked so that every page and API computes the same
 * number, the built-in library of sales KPIs, metrics as code (YAML), and which key metrics each level of the
 * organization tracks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog", allowedDependencies = {"shared", "access", "organization"})
package dev.northstar.catalog;
