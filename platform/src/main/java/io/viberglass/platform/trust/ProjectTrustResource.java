package io.viberglass.platform.trust;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.projects.ProjectsResource;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * A project's trust rules for outside authors (shares the project item path): approvers read them (they decide on
 * the authors the rules leave out), project admins change them.
 */
@Path("/projects/{id: " + ProjectsResource.ITEM_ID + "}/trust")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "trust")
@PermitAll
public class ProjectTrustResource {
    private final TrustService trust;
    private final ProjectAccess access;
    private final AuditLog audit;

    public ProjectTrustResource(TrustService trust, ProjectAccess access, AuditLog audit) {
        this.trust = trust;
        this.access = access;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "The identities whose tickets run without approval, and whether repository members count")
    public TrustSettings get(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID projectId) {
        access.require(actor, projectId, ProjectPermission.APPROVE);
        return trust.settings(projectId);
    }

    @PUT
    @Operation(summary = "Replace the trusted identities (provider:id) and the repository-members switch")
    public TrustSettings put(
            @Parameter(hidden = true) @Auth Actor actor,
            @PathParam("id") UUID projectId,
            @NotNull @Valid TrustSettingsRequest request) {
        access.require(actor, projectId, ProjectPermission.ADMIN);
        TrustSettings saved = trust.update(projectId, request, actor.getName());
        audit.record(AuditEntry.by(actor, "project.trust_updated")
                .project(projectId)
                .target("project", projectId)
                .detail("trustedIdentities", String.join(",", saved.trustedIdentities()))
                .detail("trustRepositoryMembers", saved.trustRepositoryMembers()));
        return saved;
    }
}
