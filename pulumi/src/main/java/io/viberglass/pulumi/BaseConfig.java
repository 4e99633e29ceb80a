package io.viberglass.pulumi;

import io.viberglass.common.job.AgentType;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the base stack, read once from stack configuration.
 *
 * @param natGateways {@code single} (one NAT gateway, the default: cheapest) or {@code perAz} (one per zone: survives
 *     a zone outage)
 * @param interfaceEndpoints private endpoints for ECR, SSM, Secrets Manager, CloudWatch Logs and KMS, so AWS API
 *     traffic stays off the NAT gateway (about 7 USD a month each per zone)
 * @param agents the agents that get a worker image repository (wire ids, e.g. {@code claude-code})
 * @param forceDestroy let {@code pulumi destroy} delete a non-empty media bucket and image repositories
 */
public record BaseConfig(
        String environment,
        String region,
        String vpcCidr,
        List<String> availabilityZones,
        String natGateways,
        boolean interfaceEndpoints,
        List<String> agents,
        int imagesToKeep,
        boolean forceDestroy) {

    public static final List<String> ALL_AGENTS =
            Arrays.stream(AgentType.values()).map(AgentType::wire).toList();

    public BaseConfig {
        Stacks.checkEnvironmentName(environment);
        if (!vpcCidr.matches("\\d{1,3}\\.\\d{1,3}\\.0\\.0/16")) {
            throw new IllegalArgumentException("vpcCidr must be a /16 block such as 10.0.0.0/16: " + vpcCidr);
        }
        if (availabilityZones.size() < 2) {
            throw new IllegalArgumentException("availabilityZones needs at least two zones (RDS and the load balancer"
                    + " require two): " + availabilityZones);
        }
        if (!List.of("single", "perAz").contains(natGateways)) {
            throw new IllegalArgumentException("natGateways must be single or perAz: " + natGateways);
        }
        for (String agent : agents) {
            AgentType.fromWire(agent);
        }
        availabilityZones = List.copyOf(availabilityZones);
        agents = List.copyOf(agents);
    }

    public static BaseConfig from(ConfigSource config) {
        String region = config.string("aws:region", "eu-west-1");
        return new BaseConfig(
                config.require("environment"),
                region,
                config.string("vpcCidr", "10.0.0.0/16"),
                config.list("availabilityZones", List.of(region + "a", region + "b")),
                config.string("natGateways", "single"),
                config.bool("interfaceEndpoints", false),
                config.list("agents", ALL_AGENTS),
                config.integer("imagesToKeep", 20),
                config.bool("forceDestroy", false));
    }

    /** The first two octets of the VPC block, e.g. {@code 10.0}. */
    String network() {
        String[] octets = vpcCidr.split("\\.");
        return octets[0] + "." + octets[1];
    }

    /** Public subnets are small (only the load balancer and NAT gateways live there): x.y.0.0/24, x.y.1.0/24, ... */
    String publicSubnetCidr(int zone) {
        return network() + "." + zone + ".0/24";
    }

    /** Private subnets hold the tasks, the database and the endpoints: x.y.16.0/20, x.y.32.0/20, ... */
    String privateSubnetCidr(int zone) {
        return network() + "." + (16 * (zone + 1)) + ".0/20";
    }
}
