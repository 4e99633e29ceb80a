package io.viberglass.platform.llm;

import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.projects.ProjectsResource;
import io.viberglass.platform.tickets.TicketsResource;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * The usage API, one resource per scope. Each shares its root path with the scope's own resources (Jersey merges
 * resources with equal paths), so {@code /api/jobs/{id}/usage} sits beside {@code /api/jobs/{id}}.
 */
public final class UsageResources {
    private UsageResources() {}

    @Path("/jobs")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "usage")
    @PermitAll
    public static class Jobs {
        private final UsageService usage;
        private final ProjectAccess access;

        public Jobs(UsageService usage, ProjectAccess access) {
            this.usage = usage;
            this.access = access;
        }

        @GET
        @Path("/{id}/usage")
        @Operation(summary = "Tokens and cost of one run, from the model proxy")
        public UsageView jobUsage(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
            access.requireJob(actor, id, ProjectPermission.VIEW);
            return usage.job(id);
        }
    }

    @Path("/tickets/{id: " + TicketsResource.ITEM_ID + "}")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "usage")
    @PermitAll
    public static class Tickets {
        private final UsageService usage;
        private final ProjectAccess access;

        public Tickets(UsageService usage, ProjectAccess access) {
            this.usage = usage;
            this.access = access;
        }

        @GET
        @Path("/usage")
        @Operation(summary = "Tokens and cost of all runs of a ticket")
        public UsageView ticketUsage(@Parameter(hidden = true) @Auth Actor actor, @PathParam("id") UUID id) {
            access.requireTicket(actor, id, ProjectPermission.VIEW);
            return usage.ticket(id);
        }
    }

    @Path("/projects/{id: " + ProjectsResource.ITEM_ID + "}")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "usage")
    @PermitAll
    public static class Projects {
        private final UsageService usage;
        private final ProjectAccess access;

        public Projects(UsageService usage, ProjectAccess access) {
            this.usage = usage;
            this.access = access;
        }

        @GET
        @Path("/usage")
        @Operation(summary = "Tokens and cost of a project in one month (UTC; default the current one)")
        public UsageView projectUsage(
                @Parameter(hidden = true) @Auth Actor actor,
                @PathParam("id") UUID id,
                @Parameter(description = "YYYY-MM") @QueryParam("month") String month) {
            access.require(actor, id, ProjectPermission.VIEW);
            return usage.project(id, month);
        }

        @GET
        @Path("/usage/monthly")
        @Operation(summary = "Monthly rollup of a project's tokens and cost (default the last 12 months)")
        public List<UsageView> projectMonthlyUsage(
                @Parameter(hidden = true) @Auth Actor actor,
                @PathParam("id") UUID id,
                @Parameter(description = "first month, YYYY-MM") @QueryParam("from") String from,
                @Parameter(description = "last month, YYYY-MM") @QueryParam("to") String to) {
            access.require(actor, id, ProjectPermission.VIEW);
            return usage.projectMonthly(id, from, to);
        }
    }

    @Path("/clankers/{id}/usage")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "usage")
    @PermitAll
    public static class Clankers {
        private final UsageService usage;
        private final ProjectAccess access;

        public Clankers(UsageService usage, ProjectAccess access) {
            this.usage = usage;
            this.access = access;
        }

        @GET
        @Operation(summary = "Tokens and cost of an agent runner in one month (UTC; default the current one)")
        public UsageView clankerUsage(
                @Parameter(hidden = true) @Auth Actor actor,
                @PathParam("id") UUID id,
                @Parameter(description = "YYYY-MM") @QueryParam("month") String month) {
            access.requireGlobal(actor, ProjectPermission.VIEW);
            return usage.clanker(id, month);
        }

        @GET
        @Path("/monthly")
        @Operation(summary = "Monthly rollup of an agent runner's tokens and cost (default the last 12 months)")
        public List<UsageView> clankerMonthlyUsage(
                @Parameter(hidden = true) @Auth Actor actor,
                @PathParam("id") UUID id,
                @Parameter(description = "first month, YYYY-MM") @QueryParam("from") String from,
                @Parameter(description = "last month, YYYY-MM") @QueryParam("to") String to) {
            access.requireGlobal(actor, ProjectPermission.VIEW);
            return usage.clankerMonthly(id, from, to);
        }
    }
}
