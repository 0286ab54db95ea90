package dev.northstar.access.web;

import dev.northstar.access.Viewer;
import dev.northstar.access.internal.ApiTokenService;
import dev.northstar.access.internal.ApiTokenService.ApiToken;
import dev.northstar.access.internal.ApiTokenService.CreatedToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Access", description = "Who am I, and my personal API tokens")
class AccessApi {

    private final ApiTokenService tokens;

    AccessApi(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    record Me(long companyId, long personId, String displayName, String email, String role, boolean admin,
              Set<Long> managedDepartmentIds, Set<Long> ledTeamIds, Long teamId) {
    }

    @GetMapping("/me")
    @Operation(summary = "The caller, their role and their scope")
    Me me(Viewer viewer) {
        return new Me(viewer.companyId(), viewer.personId(), viewer.displayName(), viewer.email(), viewer.roleName(),
                viewer.admin(), viewer.managedDepartmentIds(), viewer.ledTeamIds(), viewer.teamId());
    }

    record TokenRequest(String name) {
    }

    @GetMapping("/tokens")
    @Operation(summary = "The caller's own API tokens (never their secrets)")
    List<ApiToken> tokens(Viewer viewer) {
        return tokens.tokensOf(viewer);
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a personal API token; the secret is in this answer only")
    CreatedToken create(Viewer viewer, @RequestBody TokenRequest request) {
        return tokens.create(viewer, request.name());
    }

    @DeleteMapping("/tokens/{id}")
    @Operation(summary = "Revoke one of the caller's tokens")
    ApiToken revoke(Viewer viewer, @PathVariable long id) {
        return tokens.revoke(viewer, id);
    }
}
