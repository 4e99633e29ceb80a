package io.viberglass.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The audit log, for global administrators: read it newest first, and verify its hash chain. */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {
    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    /** A page of events, newest first; pass {@code nextBeforeSeq} as {@code beforeSeq} for the next page. */
    public record AuditPage(List<AuditEvent> events, Long nextBeforeSeq) {}

    @GET
    @Operation(summary = "Audit events, newest first, optionally of one action or project")
    public AuditPage list(
            @QueryParam("beforeSeq") @Min(1) Long beforeSeq,
            @QueryParam("action") @Size(max = 100) String action,
            @QueryParam("projectId") UUID projectId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        List<AuditEvent> events = audit.page(beforeSeq, action, projectId, limit);
        Long next = events.size() < limit ? null : events.get(events.size() - 1).seq();
        return new AuditPage(events, next);
    }

    @POST
    @Path("/verify")
    @Operation(summary = "Walk the hash chain and report the first event that was changed, removed or reordered")
    public AuditLog.Verification verify() {
        return audit.verify();
    }
}
