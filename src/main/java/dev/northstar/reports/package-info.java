/**
 * Reports (C12): every table of every page downloads as CSV or XLSX, and a report page as PDF from its own HTML. The page is rendered as usual (so its own
 * access checks and numbers apply) and its table is read back from the HTML into a file; nothing is computed twice.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports", allowedDependencies = {"shared"})
package dev.northstar.reports;
