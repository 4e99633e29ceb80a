package io.viberglass.platform.access;

import io.viberglass.platform.auth.TokenScope;

/** What a project-scoped call needs: the least project role, and the least scope an API token must carry. */
public enum ProjectPermission {
    VIEW(ProjectRole.VIEWER, TokenScope.READ),
    WRITE(ProjectRole.MEMBER, TokenScope.WRITE),
    APPROVE(ProjectRole.APPROVER, TokenScope.WRITE),
    ADMIN(ProjectRole.ADMIN, TokenScope.ADMIN);

    private final ProjectRole role;
    private final TokenScope scope;

    ProjectPermission(ProjectRole role, TokenScope scope) {
        this.role = role;
        this.scope = scope;
    }

    public ProjectRole role() {
        return role;
    }

    public TokenScope scope() {
        return scope;
    }
}
