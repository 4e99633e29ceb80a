package io.viberglass.platform.clankers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.infra.errors.DomainException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/**
 * The deployment strategies, read-only: each is code (an invoker and a provisioner), so a strategy row without one
 * could never run a job, and the spec lists strategies editable by any user as a defect to fix.
 */
@Path("/deployment-strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clankers")
@PermitAll
public class DeploymentStrategiesResource {
    private final ClankerProvisioning provisioning;

    public DeploymentStrategiesResource(ClankerProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    @GET
    @Operation(summary = "List the deployment strategies with the settings each needs")
    public List<DeploymentStrategyInfo> list() {
        return Arrays.stream(DeploymentStrategy.values()).map(this::info).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One deployment strategy by name (local, docker, ecs, lambda)")
    public DeploymentStrategyInfo get(@PathParam("name") String name) {
        DeploymentStrategy strategy = Arrays.stream(DeploymentStrategy.values())
                .filter(candidate -> candidate.wire().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound(
                        "DEPLOYMENT_STRATEGY_NOT_FOUND", "Deployment strategy " + name + " not found"));
        return info(strategy);
    }

    private DeploymentStrategyInfo info(DeploymentStrategy strategy) {
        return DeploymentStrategyInfo.of(
                strategy, provisioning.provisioner(strategy).isPresent());
    }
}
