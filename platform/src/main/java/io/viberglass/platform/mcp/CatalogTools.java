package io.viberglass.platform.mcp;

import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.access.ProjectPermission;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.clankers.ClankerStatus;
import io.viberglass.platform.projects.ArchivedFilter;
import io.viberglass.platform.projects.ProjectService;
import java.util.List;
import java.util.Map;

/** {@code project_list} and {@code clanker_list}: what a caller can start work in and with. */
public final class CatalogTools {
    private static final String PAGE =
            """
            "limit": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
            "offset": {"type": "integer", "minimum": 0, "default": 0}""";

    private final ProjectService projects;
    private final ClankerService clankers;
    private final ProjectAccess access;

    public CatalogTools(ProjectService projects, ClankerService clankers, ProjectAccess access) {
        this.projects = projects;
        this.clankers = clankers;
        this.access = access;
    }

    List<McpTool> tools() {
        return List.of(
                new McpTool(
                        "project_list",
                        "List the projects you can see (not archived).",
                        "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {" + PAGE + "}}",
                        true,
                        (actor, args) -> {
                            var page = projects.list(
                                    access.scope(actor),
                                    ArchivedFilter.exclude,
                                    args.integer("limit", 50),
                                    args.integer("offset", 0));
                            return Map.of(
                                    "projects",
                                    page.data().stream()
                                            .map(p -> Map.of("id", p.id(), "name", p.name(), "slug", p.slug()))
                                            .toList(),
                                    "total",
                                    page.pagination().total());
                        }),
                new McpTool(
                        "clanker_list",
                        "List the clankers (agent runners) a run can use; filter by status.",
                        "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
                                + "\"status\": {\"type\": \"string\", \"enum\": [\"active\", \"inactive\", "
                                + "\"deploying\", \"failed\"]}, " + PAGE + "}}",
                        true,
                        (actor, args) -> {
                            access.requireGlobal(actor, ProjectPermission.VIEW);
                            ClankerStatus status = args.wire(ClankerStatus.class, "status");
                            var page = clankers.list(args.integer("limit", 50), args.integer("offset", 0));
                            return Map.of(
                                    "clankers",
                                    page.data().stream()
                                            .filter(c -> status == null || c.status() == status)
                                            .map(c -> Map.of(
                                                    "id", c.id(),
                                                    "name", c.name(),
                                                    "slug", c.slug(),
                                                    "agent", c.agent(),
                                                    "status", c.status()))
                                            .toList(),
                                    "total",
                                    page.pagination().total());
                        }));
    }
}
