package io.viberglass.platform.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.viberglass.platform.audit.AuditEntry;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.auth.Actor;
import io.viberglass.platform.auth.ApiTokens;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.http.JsonErrorWriter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The MCP server at {@code /api/mcp}: Streamable HTTP in stateless mode (every request stands alone, no session id),
 * authenticated by API tokens ({@link McpAuthFilter}), tool inputs validated against each tool's JSON schema by the
 * SDK, every call written to the audit log with its outcome, and every answer one text item of pretty JSON.
 */
public final class McpEndpoint {
    public static final String PATH = "/api/mcp";

    private final ObjectMapper mapper;
    private final AuditLog audit;

    private McpEndpoint(ObjectMapper mapper, AuditLog audit) {
        this.mapper = mapper;
        this.audit = audit;
    }

    public static void register(
            Environment environment,
            boolean authEnabled,
            ApiTokens tokens,
            AuditLog audit,
            String version,
            List<McpTool> tools) {
        ObjectMapper mapper = environment.getObjectMapper();
        McpEndpoint endpoint = new McpEndpoint(mapper, audit);
        McpJsonMapper protocol = new JacksonMcpJsonMapper(new ObjectMapper());
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(protocol)
                .messageEndpoint(PATH)
                .contextExtractor(request -> McpTransportContext.create(
                        Map.of(McpAuthFilter.ACTOR, request.getAttribute(McpAuthFilter.ACTOR))))
                .build();
        McpServer.sync(transport)
                .serverInfo("viberglass", version)
                .jsonMapper(protocol)
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(true)
                .tools(tools.stream()
                        .map(tool -> endpoint.specification(protocol, tool))
                        .toList())
                .build();
        environment
                .servlets()
                .addFilter("mcp-auth", new McpAuthFilter(authEnabled, tokens, new JsonErrorWriter(mapper)))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, PATH);
        var servlet = environment.servlets().addServlet("mcp", transport);
        servlet.setAsyncSupported(true);
        servlet.addMapping(PATH);
    }

    public static List<McpTool> tools(CatalogTools catalog, TicketTools tickets, ReviewTools review) {
        return java.util.stream.Stream.of(catalog.tools(), tickets.tools(), review.tools())
                .flatMap(List::stream)
                .toList();
    }

    private McpStatelessServerFeatures.SyncToolSpecification specification(McpJsonMapper protocol, McpTool tool) {
        McpSchema.Tool described = McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(protocol, tool.inputSchema())
                .annotations(new McpSchema.ToolAnnotations(
                        null, tool.readOnly(), !tool.readOnly() && tool.name().endsWith("revoke"), null, false, null))
                .build();
        return new McpStatelessServerFeatures.SyncToolSpecification(
                described, (context, request) -> call(tool, (Actor) context.get(McpAuthFilter.ACTOR), request));
    }

    private McpSchema.CallToolResult call(McpTool tool, Actor actor, McpSchema.CallToolRequest request) {
        McpArguments arguments = new McpArguments(request.arguments());
        AuditEntry entry = AuditEntry.by(actor, "mcp.tool_called").detail("tool", tool.name());
        try {
            Object result = tool.handler().call(actor, arguments);
            audit.record(about(entry, arguments).detail("outcome", "ok"));
            return text(result, false);
        } catch (DomainException e) {
            audit.record(about(entry, arguments).detail("outcome", e.code()));
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.code());
            error.put("message", e.getMessage());
            if (!e.details().isEmpty()) {
                error.put("details", e.details());
            }
            return text(error, true);
        }
    }

    /** The ids the call was about, so the audit log can be read by project and ticket. */
    private static AuditEntry about(AuditEntry entry, McpArguments arguments) {
        AuditEntry about = entry;
        UUID projectId = safeUuid(arguments, "projectId");
        if (projectId != null) {
            about = about.project(projectId);
        }
        UUID ticketId = safeUuid(arguments, "ticketId");
        if (ticketId != null) {
            about = about.target("ticket", ticketId);
        }
        return about;
    }

    private static UUID safeUuid(McpArguments arguments, String name) {
        try {
            return arguments.uuid(name);
        } catch (DomainException e) {
            return null;
        }
    }

    private McpSchema.CallToolResult text(Object value, boolean error) {
        try {
            return McpSchema.CallToolResult.builder()
                    .addTextContent(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value))
                    .isError(error)
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the answer of an MCP tool", e);
        }
    }
}
