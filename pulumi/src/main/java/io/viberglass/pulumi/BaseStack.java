package io.viberglass.pulumi;

import com.pulumi.Context;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base stack: the network, the encryption key, the image repositories, the media bucket and the SSM path every
 * other stack builds on. It holds no compute, so it changes rarely.
 */
public final class BaseStack {
    /** AWS APIs the tasks call; with {@code interfaceEndpoints} they are reached without the NAT gateway. */
    static final List<String> INTERFACE_ENDPOINT_SERVICES =
            List.of("ecr.api", "ecr.dkr", "ssm", "secretsmanager", "logs", "kms", "ecs", "lambda", "sts");

    private final BaseConfig config;
    private final Stacks.Aws aws;
    private final String prefix;
    private final Map<String, String> tags;

    private BaseStack(BaseConfig config, Stacks.Aws aws) {
        this.config = config;
        this.aws = aws;
        this.prefix = Stacks.prefix(config.environment());
        this.tags = Stacks.tags(config.environment(), "base");
    }

    public static void define(Context ctx, BaseConfig config) {
        new BaseStack(config, Stacks.Aws.current(config.region())).build(ctx);
    }

    private record Network(
            Vpc vpc, List<Subnet> publicSubnets, List<Subnet> privateSubnets, List<NatGateway> natGateways) {}

    private void build(Context ctx) {
        Network network = network();
        Key key = encryptionKey();
        Repositories repositories = Repositories.create(config, prefix, key, tags);
        MediaBucket media = MediaBucket.create(prefix, aws, key, config.forceDestroy(), tags);

        ctx.export("environment", Output.of(config.environment()));
        ctx.export("region", Output.of(config.region()));
        ctx.export("vpcId", network.vpc().id());
        ctx.export("vpcCidr", Output.of(config.vpcCidr()));
        ctx.export("publicSubnetIds", ids(network.publicSubnets()));
        ctx.export("privateSubnetIds", ids(network.privateSubnets()));
        ctx.export(
                "natGatewayIds",
                Output.all(network.natGateways().stream().map(NatGateway::id).toList()));
        ctx.export("kmsKeyArn", key.arn());
        ctx.export("kmsKeyId", key.keyId());
        ctx.export("mediaBucketName", media.bucket().bucket());
        ctx.export("mediaBucketArn", media.bucket().arn());
        ctx.export("platformRepositoryUrl", repositories.platform().repositoryUrl());
        ctx.export("platformRepositoryArn", repositories.platform().arn());
        ctx.export("workerRepositoryUrls", repositories.workerUrls());
        ctx.export("workerRepositoryArns", repositories.workerArns());
        ctx.export("lambdaRepositoryUrl", repositories.lambda().repositoryUrl());
        ctx.export("lambdaRepositoryArn", repositories.lambda().arn());
        ctx.export("ssmPrefix", Output.of(ssmPrefix(config.environment())));
        ctx.export("logGroupPrefix", Output.of(logGroupPrefix(config.environment())));
    }

    /** Every SSM parameter of an environment lives under this path; roles are granted this path and nothing else. */
    static String ssmPrefix(String environment) {
        return "/viberglass/" + environment;
    }

    /** Every log group of an environment lives under this path, the one the key lets CloudWatch Logs use. */
    static String logGroupPrefix(String environment) {
        return "/viberglass/" + environment;
    }

    private Network network() {
        Vpc vpc = new Vpc(
                prefix,
                VpcArgs.builder()
                        .cidrBlock(config.vpcCidr())
                        .enableDnsHostnames(true)
                        .enableDnsSupport(true)
                        .tags(named(prefix))
                        .build());
        InternetGateway gateway = new InternetGateway(
                prefix + "-igw",
                InternetGatewayArgs.builder()
                        .vpcId(vpc.id())
                        .tags(named(prefix))
                        .build());
        RouteTable publicRoutes = new RouteTable(
                prefix + "-public",
                RouteTableArgs.builder()
                        .vpcId(vpc.id())
                        .tags(named(prefix + "-public"))
                        .build());
        new Route(
                prefix + "-public-internet",
                RouteArgs.builder()
                        .routeTableId(publicRoutes.id())
                        .destinationCidrBlock("0.0.0.0/0")
                        .gatewayId(gateway.id())
                        .build());

        List<Subnet> publicSubnets = new ArrayList<>();
        List<Subnet> privateSubnets = new ArrayList<>();
        List<NatGateway> natGateways = new ArrayList<>();
        List<RouteTable> privateTables = new ArrayList<>();
        List<String> zones = config.availabilityZones();
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            // nothing in a public subnet gets a public address by itself: only the NAT gateways' Elastic IPs and the
            // load balancer face the internet
            Subnet publicSubnet = new Subnet(
                    prefix + "-public-" + zone,
                    SubnetArgs.builder()
                            .vpcId(vpc.id())
                            .availabilityZone(zone)
                            .cidrBlock(config.publicSubnetCidr(i))
                            .mapPublicIpOnLaunch(false)
                            .tags(with(named(prefix + "-public-" + zone), "tier", "public"))
                            .build());
            new RouteTableAssociation(
                    prefix + "-public-" + zone,
                    RouteTableAssociationArgs.builder()
                            .subnetId(publicSubnet.id())
                            .routeTableId(publicRoutes.id())
                            .build());
            publicSubnets.add(publicSubnet);

            Subnet privateSubnet = new Subnet(
                    prefix + "-private-" + zone,
                    SubnetArgs.builder()
                            .vpcId(vpc.id())
                            .availabilityZone(zone)
                            .cidrBlock(config.privateSubnetCidr(i))
                            .mapPublicIpOnLaunch(false)
                            .tags(with(named(prefix + "-private-" + zone), "tier", "private"))
                            .build());
            privateSubnets.add(privateSubnet);

            if (i == 0 || config.natGateways().equals("perAz")) {
                Eip address = new Eip(
                        prefix + "-nat-" + zone,
                        EipArgs.builder()
                                .domain("vpc")
                                .tags(named(prefix + "-nat-" + zone))
                                .build());
                natGateways.add(new NatGateway(
                        prefix + "-nat-" + zone,
                        NatGatewayArgs.builder()
                                .allocationId(address.id())
                                .subnetId(publicSubnet.id())
                                .tags(named(prefix + "-nat-" + zone))
                                .build()));
                RouteTable table = new RouteTable(
                        prefix + "-private-" + zone,
                        RouteTableArgs.builder()
                                .vpcId(vpc.id())
                                .tags(named(prefix + "-private-" + zone))
                                .build());
                new Route(
                        prefix + "-private-" + zone + "-nat",
                        RouteArgs.builder()
                                .routeTableId(table.id())
                                .destinationCidrBlock("0.0.0.0/0")
                                .natGatewayId(
                                        natGateways.get(natGateways.size() - 1).id())
                                .build());
                privateTables.add(table);
            }
            new RouteTableAssociation(
                    prefix + "-private-" + zone,
                    RouteTableAssociationArgs.builder()
                            .subnetId(privateSubnet.id())
                            .routeTableId(
                                    privateTables.get(privateTables.size() - 1).id())
                            .build());
        }
        endpoints(vpc, privateSubnets, privateTables);
        return new Network(vpc, publicSubnets, privateSubnets, natGateways);
    }

    private void endpoints(Vpc vpc, List<Subnet> privateSubnets, List<RouteTable> privateTables) {
        // S3 through a gateway endpoint costs nothing and keeps media and image layers off the NAT gateway
        new VpcEndpoint(
                prefix + "-s3",
                VpcEndpointArgs.builder()
                        .vpcId(vpc.id())
                        .serviceName("com.amazonaws." + config.region() + ".s3")
                        .vpcEndpointType("Gateway")
                        .routeTableIds(Output.all(
                                privateTables.stream().map(RouteTable::id).toList()))
                        .tags(named(prefix + "-s3"))
                        .build());
        if (!config.interfaceEndpoints()) {
            return;
        }
        SecurityGroup endpointGroup = new SecurityGroup(
                prefix + "-endpoints",
                SecurityGroupArgs.builder()
                        .name(prefix + "-endpoints")
                        .description("HTTPS from inside the VPC to the AWS API endpoints")
                        .vpcId(vpc.id())
                        .ingress(SecurityGroupIngressArgs.builder()
                                .description("HTTPS from the VPC")
                                .protocol("tcp")
                                .fromPort(443)
                                .toPort(443)
                                .cidrBlocks(config.vpcCidr())
                                .build())
                        .tags(named(prefix + "-endpoints"))
                        .build());
        for (String service : INTERFACE_ENDPOINT_SERVICES) {
            new VpcEndpoint(
                    prefix + "-" + service.replace('.', '-'),
                    VpcEndpointArgs.builder()
                            .vpcId(vpc.id())
                            .serviceName("com.amazonaws." + config.region() + "." + service)
                            .vpcEndpointType("Interface")
                            .privateDnsEnabled(true)
                            .subnetIds(ids(privateSubnets))
                            .securityGroupIds(endpointGroup.id().applyValue(List::of))
                            .tags(named(prefix + "-" + service))
                            .build());
        }
    }

    /**
     * One customer-managed key encrypts the bucket, the images, the database, its secret, the SSM parameters and the
     * logs of the environment. IAM in this account decides who may use it; CloudWatch Logs may use it only for this
     * environment's log groups.
     */
    private Key encryptionKey() {
        Output<String> policy = Iam.policy(List.of(
                Map.of(
                        "Sid", "AccountAdministersTheKeyThroughIam",
                        "Effect", "Allow",
                        "Principal", Map.of("AWS", aws.globalArn("iam", "root")),
                        "Action", List.of("kms:*"),
                        "Resource", List.of("*")),
                Map.of(
                        "Sid", "CloudWatchLogsForThisEnvironment",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "logs." + config.region() + ".amazonaws.com"),
                        "Action",
                                List.of(
                                        "kms:Encrypt",
                                        "kms:Decrypt",
                                        "kms:ReEncryptFrom",
                                        "kms:ReEncryptTo",
                                        "kms:GenerateDataKey",
                                        "kms:GenerateDataKeyWithoutPlaintext",
                                        "kms:DescribeKey"),
                        "Resource", List.of("*"),
                        "Condition",
                                Map.of(
                                        "ArnLike",
                                        Map.of(
                                                "kms:EncryptionContext:aws:logs:arn",
                                                aws.arn(
                                                        "logs",
                                                        "log-group:" + logGroupPrefix(config.environment())
                                                                + "/*"))))));
        Key key = new Key(
                prefix,
                KeyArgs.builder()
                        .description("Viberglass " + config.environment() + ": data, images, secrets and logs")
                        .enableKeyRotation(true)
                        .deletionWindowInDays(30)
                        .policy(policy)
                        .tags(named(prefix))
                        .build());
        new Alias(
                prefix,
                AliasArgs.builder()
                        .name("alias/" + prefix)
                        .targetKeyId(key.keyId())
                        .build());
        return key;
    }

    private static Output<List<String>> ids(List<Subnet> subnets) {
        return Output.all(subnets.stream().map(Subnet::id).toList());
    }

    private Map<String, String> named(String name) {
        return with(tags, "Name", name);
    }

    private static Map<String, String> with(Map<String, String> tags, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(tags);
        copy.put(key, value);
        return copy;
    }
}
