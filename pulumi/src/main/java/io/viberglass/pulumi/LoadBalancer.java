package io.viberglass.pulumi;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionRedirectArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;

/**
 * The public entrance: an application load balancer in the public subnets terminating TLS (1.2 or 1.3 only) with the
 * configured ACM certificate, sending plain HTTP to HTTPS, and forwarding to the platform tasks, which it checks on
 * {@code /health}.
 */
record LoadBalancer(com.pulumi.aws.lb.LoadBalancer balancer, TargetGroup targets, Listener https) {
    static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    static LoadBalancer create(
            PlatformConfig config,
            String prefix,
            Output<String> vpcId,
            Output<List<String>> publicSubnets,
            SecurityGroup group,
            Map<String, String> tags) {
        var balancer = new com.pulumi.aws.lb.LoadBalancer(
                prefix,
                com.pulumi.aws.lb.LoadBalancerArgs.builder()
                        .name(prefix)
                        .loadBalancerType("application")
                        .internal(false)
                        .subnets(publicSubnets)
                        .securityGroups(group.id().applyValue(List::of))
                        .dropInvalidHeaderFields(true)
                        // log streams and server-sent events stay open; the platform sends keep-alives within this
                        .idleTimeout(300)
                        .enableDeletionProtection(config.deletionProtection())
                        .tags(tags)
                        .build());
        TargetGroup targets = new TargetGroup(
                prefix + "-platform",
                TargetGroupArgs.builder()
                        .name(prefix + "-platform")
                        .port(PlatformStack.PORT)
                        .protocol("HTTP")
                        .targetType("ip")
                        .vpcId(vpcId)
                        .deregistrationDelay(30)
                        .healthCheck(TargetGroupHealthCheckArgs.builder()
                                .path("/health")
                                .matcher("200")
                                .interval(15)
                                .timeout(5)
                                .healthyThreshold(2)
                                .unhealthyThreshold(3)
                                .build())
                        .tags(tags)
                        .build());
        Listener https = new Listener(
                prefix + "-https",
                ListenerArgs.builder()
                        .loadBalancerArn(balancer.arn())
                        .port(443)
                        .protocol("HTTPS")
                        .sslPolicy(TLS_POLICY)
                        .certificateArn(config.certificateArn())
                        .defaultActions(ListenerDefaultActionArgs.builder()
                                .type("forward")
                                .targetGroupArn(targets.arn())
                                .build())
                        .tags(tags)
                        .build());
        new Listener(
                prefix + "-http",
                ListenerArgs.builder()
                        .loadBalancerArn(balancer.arn())
                        .port(80)
                        .protocol("HTTP")
                        .defaultActions(ListenerDefaultActionArgs.builder()
                                .type("redirect")
                                .redirect(ListenerDefaultActionRedirectArgs.builder()
                                        .protocol("HTTPS")
                                        .port("443")
                                        .statusCode("HTTP_301")
                                        .build())
                                .build())
                        .tags(tags)
                        .build());
        return new LoadBalancer(balancer, targets, https);
    }
}
