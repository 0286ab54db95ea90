/** Value types and errors used by every module. No beans. */
@org.springframework.modulith.ApplicationModule(displayName = "Shared", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.northstar.shared;
